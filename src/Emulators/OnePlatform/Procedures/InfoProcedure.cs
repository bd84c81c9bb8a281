using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>
/// info (§2.6): <c>[R, options]</c>, <c>{}</c> (or no options) = every key that applies to R's type and that the
/// caller may see. Visibility: ancestors get basic, comments, counts, description, storage, subscribers, tags and
/// usage; the client itself and its direct owner also get aliases, shares and tagged; only the direct owner gets
/// key; clients reading through a share or a public flag get basic, description, storage, subscribers and tags.
/// Asking explicitly for a key the caller may not see is <c>restricted</c>; asking for a key that does not apply
/// to the type (key on a non-client, storage on a client, counts/usage on a non-client) is <c>invalid</c>.
/// </summary>
internal static class InfoProcedure
{
    private static readonly string[] AllKeys =
    [
        "aliases",
        "basic",
        "comments",
        "counts",
        "description",
        "key",
        "shares",
        "storage",
        "subscribers",
        "tagged",
        "tags",
        "usage",
    ];

    private static readonly HashSet<string> AncestorKeys = new(StringComparer.Ordinal)
    {
        "basic",
        "comments",
        "counts",
        "description",
        "storage",
        "subscribers",
        "tags",
        "usage",
    };

    private static readonly HashSet<string> CloseKeys = new(StringComparer.Ordinal)
    {
        "aliases",
        "shares",
        "tagged",
    };

    private static readonly HashSet<string> ReaderKeys = new(StringComparer.Ordinal)
    {
        "basic",
        "description",
        "storage",
        "subscribers",
        "tags",
    };

    public static CallOutcome Info(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 1 or > 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Read, out var resource, out var failure))
        {
            return failure;
        }
        if (!JsonArgs.TryOptions(args, 1, out var options))
        {
            return CallOutcome.Invalid;
        }
        var requested = new List<string>();
        var all = options.Count == 0;
        foreach (var key in AllKeys)
        {
            var node = options[key];
            if (node is null)
            {
                continue;
            }
            if (!JsonArgs.TryBool(node, out var wanted))
            {
                return CallOutcome.Invalid;
            }
            if (wanted)
            {
                requested.Add(key);
            }
        }
        var result = new JsonObject();
        foreach (var key in all ? AllKeys : [.. requested])
        {
            if (!Applies(key, resource))
            {
                if (all)
                {
                    continue;
                }
                return CallOutcome.Invalid;
            }
            if (!Visible(ctx, key, resource))
            {
                if (all)
                {
                    continue;
                }
                return CallOutcome.Restricted;
            }
            result[key] = Value(ctx, key, resource);
        }
        return CallOutcome.Success(result);
    }

    private static bool Applies(string key, Resource resource) =>
        key switch
        {
            "key" or "counts" or "usage" => resource.IsClient,
            "storage" => !resource.IsClient,
            _ => true,
        };

    private static bool Visible(CallContext ctx, string key, Resource resource)
    {
        var tree = ctx.Tree;
        var caller = ctx.Caller;
        var self = ReferenceEquals(caller, resource);
        var owner = resource.ParentRid == caller.Rid;
        var ancestor = tree.IsProperAncestor(caller, resource);
        if (key == "key")
        {
            return owner;
        }
        if (CloseKeys.Contains(key))
        {
            return self || owner;
        }
        if (self || ancestor)
        {
            return AncestorKeys.Contains(key);
        }
        return ReaderKeys.Contains(key);
    }

    private static JsonNode? Value(CallContext ctx, string key, Resource resource) =>
        key switch
        {
            "aliases" => Aliases(ctx, resource),
            "basic" => Basic(ctx, resource),
            "comments" => new JsonArray([
                .. resource.Comments.Select(c => (JsonNode)new JsonArray(c.Visibility, c.Text)),
            ]),
            "counts" => Counts(ctx, resource),
            "description" => resource.Description.DeepClone(),
            "key" => resource.Cik,
            "shares" => new JsonArray([
                .. ctx
                    .Tree.Shares.Values.Where(s => s.Rid == resource.Rid)
                    .Select(s =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["activator"] = s.ActivatorRid,
                                ["code"] = s.Code,
                                ["meta"] = s.Meta,
                            }
                    ),
            ]),
            "storage" => Storage(resource),
            "subscribers" => new JsonArray([
                .. ctx.Tree.SubscribersOf(resource.Rid).Select(r => (JsonNode)r.Rid),
            ]),
            "tagged" => new JsonArray([
                .. ctx
                    .Tree.All.Where(r => r.Tags.Any(t => t.TaggedBy == resource.Rid))
                    .Select(r => (JsonNode)r.Rid),
            ]),
            "tags" => new JsonArray([
                .. resource
                    .Tags.Select(t => t.Tag)
                    .Distinct(StringComparer.Ordinal)
                    .Select(t => (JsonNode)t),
            ]),
            _ => Usage(ctx, resource),
        };

    /// <summary>A client's alias map grouped by target; for other resources the names its owner gave it.</summary>
    private static JsonObject Aliases(CallContext ctx, Resource resource)
    {
        var result = new JsonObject();
        IEnumerable<KeyValuePair<string, string>> aliases = resource.IsClient
            ? resource.Aliases
            : ctx.Tree.Parent(resource)?.Aliases.Where(a => a.Value == resource.Rid) ?? [];
        foreach (var (alias, target) in aliases)
        {
            if (result[target] is not JsonArray names)
            {
                names = [];
                result[target] = names;
            }
            names.Add(alias);
        }
        return result;
    }

    private static JsonObject Basic(CallContext ctx, Resource resource)
    {
        var basic = new JsonObject { ["modified"] = resource.Modified };
        if (resource.IsClient)
        {
            basic["status"] = resource.Locked ? "locked" : resource.Status.Name();
        }
        else if (resource.Kind == ResourceKind.Dispatch)
        {
            basic["status"] = resource.Locked ? "locked" : "activated";
        }
        basic["subscribers"] = ctx.Tree.SubscribersOf(resource.Rid).Count;
        basic["type"] = resource.Kind.Name();
        return basic;
    }

    private static JsonObject Counts(CallContext ctx, Resource client)
    {
        var children = ctx.Tree.ChildrenOf(client).ToList();
        return Tally(ctx, children, children.Where(r => !r.IsClient).Sum(StorageSize), [client]);
    }

    private static JsonObject Usage(CallContext ctx, Resource client)
    {
        var subtree = ctx.Tree.Subtree(client);
        var descendants = subtree.Skip(1).ToList();
        return Tally(
            ctx,
            descendants,
            descendants.Where(r => !r.IsClient).Sum(StorageSize),
            [.. subtree.Where(r => r.IsClient)]
        );
    }

    private static JsonObject Tally(
        CallContext ctx,
        List<Resource> resources,
        long disk,
        List<Resource> clients
    )
    {
        var rids = new HashSet<string>(clients.Select(c => c.Rid), StringComparer.Ordinal);
        long Consumed(string kind) => clients.Sum(c => c.Consumption.Count(x => x.Kind == kind));
        return new JsonObject
        {
            ["client"] = resources.Count(r => r.Kind == ResourceKind.Client),
            ["dataport"] = resources.Count(r => r.Kind == ResourceKind.Dataport),
            ["datarule"] = resources.Count(r => r.Kind == ResourceKind.Datarule),
            ["disk"] = disk,
            ["dispatch"] = resources.Count(r => r.Kind == ResourceKind.Dispatch),
            ["email"] = Consumed("email"),
            ["http"] = Consumed("http"),
            ["share"] = ctx.Tree.Shares.Values.Count(s => rids.Contains(s.CreatorRid)),
            ["sms"] = Consumed("sms"),
            ["xmpp"] = Consumed("xmpp"),
        };
    }

    private static JsonObject Storage(Resource resource) =>
        new()
        {
            ["count"] = resource.Points.Count,
            ["first"] = resource.Points.Count > 0 ? resource.Points.Keys[0] : 0,
            ["last"] = resource.Points.Count > 0 ? resource.Points.Keys[^1] : 0,
            ["size"] = StorageSize(resource),
        };

    private static long StorageSize(Resource resource) => resource.Points.Values.Sum(v => v.Size);
}
