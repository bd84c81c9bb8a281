using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>
/// listing (§2.5, §2.7). Forms: <c>[R_client, [types], options]</c> (documented) and <c>[R_client, [types]]</c> →
/// dict; deprecated <c>[[types], options]</c> → dict and <c>[[types]]</c> → list of lists in type order.
/// Options select a union of: <c>owned</c> (direct children; the default when options are <c>{}</c>),
/// <c>activated</c> (resources shared with R through codes R activated), <c>aliased</c> (targets of R's aliases),
/// <c>public</c> (every public resource on the platform) and <c>tagged: [tags]</c> (resources in R's subtree
/// carrying any of the tags). An unknown type answers status <c>error</c> with an explanatory result.
/// The type <c>token</c> is accepted and always lists nothing (tokens are not resources).
/// </summary>
internal static class ListingProcedure
{
    public static CallOutcome Listing(CallContext ctx, JsonArray args)
    {
        Resource? client;
        JsonNode? typesArg;
        JsonNode? optionsArg = null;
        var listOfLists = false;
        CallOutcome? failure;
        if (args.Count is 1 or 2 && args[0] is JsonArray)
        {
            if (!Resolver.TryCaller(ctx, out failure))
            {
                return failure;
            }
            client = ctx.Caller;
            typesArg = args[0];
            listOfLists = args.Count == 1;
            optionsArg = args.Count == 2 ? args[1] : null;
        }
        else if (args.Count is 2 or 3)
        {
            if (!Resolver.TryResolveClient(ctx, args[0], Access.Read, out client, out failure))
            {
                return failure;
            }
            typesArg = args[1];
            optionsArg = args.Count == 3 ? args[2] : null;
        }
        else
        {
            return CallOutcome.BadArguments;
        }
        if (typesArg is not JsonArray typeNodes || (optionsArg is not null and not JsonObject))
        {
            return CallOutcome.Invalid;
        }
        var types = new List<string>();
        foreach (var node in typeNodes)
        {
            if (
                !JsonArgs.TryString(node, out var type)
                || (type != "token" && !ResourceKinds.TryParse(type, out _))
            )
            {
                return new CallOutcome.StatusWithResult(
                    "error",
                    $"invalid type: {node?.ToJsonString()}"
                );
            }
            types.Add(type);
        }
        var options = optionsArg as JsonObject ?? [];
        if (!TrySelect(ctx, client, options, out var selected))
        {
            return CallOutcome.Invalid;
        }
        JsonArray Of(string type) =>
            new([
                .. selected
                    .Where(r => r.Kind.Name() == type && type != "token")
                    .Select(r => (JsonNode)r.Rid),
            ]);
        if (listOfLists)
        {
            return CallOutcome.Success(new JsonArray([.. types.Select(t => (JsonNode)Of(t))]));
        }
        var result = new JsonObject();
        foreach (var type in types)
        {
            result[type] = Of(type);
        }
        return CallOutcome.Success(result);
    }

    private static bool TrySelect(
        CallContext ctx,
        Resource client,
        JsonObject options,
        out List<Resource> selected
    )
    {
        selected = [];
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in new[] { "owned", "activated", "aliased", "public" })
        {
            var value = false;
            if (options[key] is not null && !JsonArgs.TryBool(options[key], out value))
            {
                return false;
            }
            flags[key] = value;
        }
        var tags = new HashSet<string>(StringComparer.Ordinal);
        if (options["tagged"] is { } taggedNode)
        {
            if (taggedNode is not JsonArray tagList)
            {
                return false;
            }
            foreach (var tag in tagList)
            {
                if (!JsonArgs.TryString(tag, out var text))
                {
                    return false;
                }
                tags.Add(text);
            }
        }
        if (options.Count == 0)
        {
            flags["owned"] = true;
        }
        var tree = ctx.Tree;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Resource>();
        void Add(IEnumerable<Resource> resources)
        {
            foreach (var r in resources)
            {
                if (seen.Add(r.Rid))
                {
                    result.Add(r);
                }
            }
        }
        if (flags["owned"])
        {
            Add(tree.ChildrenOf(client));
        }
        if (flags["activated"])
        {
            Add(
                tree.Shares.Values.Where(s => s.ActivatorRid == client.Rid)
                    .Select(s => tree.Find(s.Rid))
                    .OfType<Resource>()
            );
        }
        if (flags["aliased"])
        {
            Add(client.Aliases.Values.Select(tree.Find).OfType<Resource>());
        }
        if (flags["public"])
        {
            Add(tree.Subtree(tree.Root).Where(r => r.IsPublic));
        }
        if (tags.Count > 0)
        {
            Add(tree.Subtree(client).Skip(1).Where(r => r.Tags.Any(t => tags.Contains(t.Tag))));
        }
        selected = result;
        return true;
    }
}
