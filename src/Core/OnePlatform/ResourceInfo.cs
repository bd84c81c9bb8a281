using System.Text;
using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The result of <c>info</c>: one Option per part, Some for exactly the parts the server sent (the requested
/// ones; <see cref="InfoOptions.All"/> asks for all). Visibility: any ancestor may get basic, counts, usage,
/// description, storage, subscribers and tags; only the client itself or its direct owner gets aliases,
/// tagged and shares; only the direct owner gets key. Members this library does not know are kept in
/// <see cref="Extra"/>. The key and share codes are secrets and never appear in <see cref="ToString"/>.
/// </summary>
public sealed record ResourceInfo
{
    /// <summary><c>aliases</c>: the aliases of the resource's children.</summary>
    public Option<InfoAliases> Aliases { get; init; }

    /// <summary><c>basic</c>: modified time, status, subscribers and type.</summary>
    public Option<InfoBasic> Basic { get; init; }

    /// <summary><c>comments</c> (deprecated).</summary>
    public Option<Seq<InfoComment>> Comments { get; init; }

    /// <summary><c>counts</c>: what this client itself uses.</summary>
    public Option<ResourceCounts> Counts { get; init; }

    /// <summary><c>description</c>: the stored description (defaults filled in).</summary>
    public Option<ResourceDescription> Description { get; init; }

    /// <summary><c>key</c>: a client's CIK (secret; only the direct owner gets it).</summary>
    public Option<string> Key { get; init; }

    /// <summary><c>shares</c>: the resource's shares.</summary>
    public Option<Seq<InfoShare>> Shares { get; init; }

    /// <summary><c>storage</c>: stored points (dataports, datarules, dispatches).</summary>
    public Option<InfoStorage> Storage { get; init; }

    /// <summary><c>subscribers</c>: the resources subscribed to it.</summary>
    public Option<Seq<string>> Subscribers { get; init; }

    /// <summary><c>tagged</c> (reserved).</summary>
    public Option<Seq<string>> Tagged { get; init; }

    /// <summary><c>tags</c> (reserved).</summary>
    public Option<Seq<string>> Tags { get; init; }

    /// <summary><c>usage</c>: what this client and its descendants use.</summary>
    public Option<ResourceCounts> Usage { get; init; }

    /// <summary>Members of the result this library does not know, as JSON.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>The wire names of the parts present, in wire order.</summary>
    public Seq<string> Parts =>
        toSeq(
                new (string Key, bool Present)[]
                {
                    ("aliases", Aliases.IsSome),
                    ("basic", Basic.IsSome),
                    ("comments", Comments.IsSome),
                    ("counts", Counts.IsSome),
                    ("description", Description.IsSome),
                    ("key", Key.IsSome),
                    ("shares", Shares.IsSome),
                    ("storage", Storage.IsSome),
                    ("subscribers", Subscribers.IsSome),
                    ("tagged", Tagged.IsSome),
                    ("tags", Tags.IsSome),
                    ("usage", Usage.IsSome),
                }
            )
            .Filter(p => p.Present)
            .Map(p => p.Key);

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("ResourceInfo { ");
        sb.Append(string.Join(", ", Parts.Map(p => p == "key" ? "key = ***" : p)));
        foreach (var (key, _) in Extra)
            sb.Append(", ").Append(key);
        return sb.Append(" }").ToString();
    }

    /// <summary>
    /// Reads the result object. A JSON null part counts as absent; a known part with the wrong shape makes the
    /// result malformed; unknown members go to <see cref="Extra"/>.
    /// </summary>
    internal static Either<ApiError, ResourceInfo> FromJson(RpcAnswer answer, JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object)
            return answer.Malformed("an info object", result);
        var info = new ResourceInfo();
        foreach (var p in result.EnumerateObject())
        {
            var v = p.Value;
            if (v.ValueKind == JsonValueKind.Null)
                continue;
            Option<ResourceInfo> next = p.Name switch
            {
                "aliases" => InfoAliases.FromJson(v).Map(x => info with { Aliases = x }),
                "basic" => InfoBasic.FromJson(v).Map(x => info with { Basic = x }),
                "comments" => InfoComment.ListFromJson(v).Map(x => info with { Comments = x }),
                "counts" => ResourceCounts.FromJson(v).Map(x => info with { Counts = x }),
                "description" => v.ValueKind == JsonValueKind.Object
                    ? info with
                    {
                        Description = new ResourceDescription(v.Clone()),
                    }
                    : None,
                "key" => v.ValueKind == JsonValueKind.String
                    ? info with
                    {
                        Key = Optional(v.GetString()),
                    }
                    : None,
                "shares" => InfoShare.ListFromJson(v).Map(x => info with { Shares = x }),
                "storage" => InfoStorage.FromJson(v).Map(x => info with { Storage = x }),
                "subscribers" => InfoJson.Strings(v).Map(x => info with { Subscribers = x }),
                "tagged" => InfoJson.Strings(v).Map(x => info with { Tagged = x }),
                "tags" => InfoJson.Strings(v).Map(x => info with { Tags = x }),
                "usage" => ResourceCounts.FromJson(v).Map(x => info with { Usage = x }),
                _ => info with { Extra = info.Extra.AddOrUpdate(p.Name, v.Clone()) },
            };
            if (next.IsNone)
                return answer.Malformed($"info's \"{p.Name}\" part in its documented shape", v);
            info = (ResourceInfo)next;
        }
        return info;
    }
}
