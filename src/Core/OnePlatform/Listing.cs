using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The result of <c>listing</c>: the RIDs of each requested type, in the order the server sent them. A type
/// the server left out reads as empty.
/// </summary>
/// <param name="ByType">The RIDs by type.</param>
public sealed record Listing(Map<ResourceType, Seq<string>> ByType)
{
    /// <summary>The RIDs of <paramref name="type"/> (empty when absent).</summary>
    public Seq<string> this[ResourceType type] => ByType.Find(type).IfNone(Seq<string>());

    /// <summary>The child clients.</summary>
    public Seq<string> Clients => this[ResourceType.Client];

    /// <summary>The dataports.</summary>
    public Seq<string> Dataports => this[ResourceType.Dataport];

    /// <summary>The datarules.</summary>
    public Seq<string> Datarules => this[ResourceType.Datarule];

    /// <summary>The dispatches.</summary>
    public Seq<string> Dispatches => this[ResourceType.Dispatch];

    /// <summary>
    /// Reads <c>{"client": [rids], …}</c> (unknown keys are skipped) or, for the deprecated one-argument form,
    /// a list of RID lists in the order of <paramref name="types"/>.
    /// </summary>
    internal static Either<ApiError, Listing> FromJson(
        RpcAnswer answer,
        JsonElement result,
        Seq<ResourceType> types
    )
    {
        var byType = Map<ResourceType, Seq<string>>();
        switch (result.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in result.EnumerateObject())
                {
                    var type = ResourceTypes.Parse(p.Name);
                    if (type.IsNone)
                        continue;
                    var rids = Rids(p.Value);
                    if (rids.IsNone)
                        return answer.Malformed($"a list of RIDs for \"{p.Name}\"", p.Value);
                    byType = byType.AddOrUpdate((ResourceType)type, (Seq<string>)rids);
                }
                return new Listing(byType);
            case JsonValueKind.Array when result.GetArrayLength() == types.Count:
                var i = 0;
                foreach (var list in result.EnumerateArray())
                {
                    var rids = Rids(list);
                    if (rids.IsNone)
                        return answer.Malformed("a list of RID lists in type order", result);
                    byType = byType.AddOrUpdate(types[i++], (Seq<string>)rids);
                }
                return new Listing(byType);
            default:
                return answer.Malformed(
                    $"an object of RID lists by type, or a list of {types.Count} RID lists",
                    result
                );
        }
    }

    private static Option<Seq<string>> Rids(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array)
            return None;
        var rids = new List<string>(e.GetArrayLength());
        foreach (var x in e.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.String)
                return None;
            rids.Add(x.GetString()!);
        }
        return toSeq(rids);
    }
}
