using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>map, unmap and lookup (§2.5 aliases).</summary>
internal static class AliasProcedures
{
    /// <summary>
    /// <c>["alias", R, "name"]</c>: maps a name in the caller's context to a resource the caller can read. An empty
    /// name, or a name already mapped to another resource, is <c>invalid</c>; re-mapping the same pair is ok.
    /// </summary>
    public static CallOutcome Map(CallContext ctx, JsonArray args)
    {
        if (args.Count != 3)
        {
            return CallOutcome.BadArguments;
        }
        if (!IsAliasType(args[0]))
        {
            return CallOutcome.Invalid;
        }
        if (!Resolver.TryResolve(ctx, args[1], Access.Read, out var resource, out var failure))
        {
            return failure;
        }
        if (!JsonArgs.TryString(args[2], out var name) || name.Length == 0)
        {
            return CallOutcome.Invalid;
        }
        if (ctx.Caller.Aliases.TryGetValue(name, out var existing))
        {
            return existing == resource.Rid ? CallOutcome.Done : CallOutcome.Invalid;
        }
        ctx.Caller.Aliases[name] = resource.Rid;
        ctx.Tree.Dirty = true;
        return CallOutcome.Done;
    }

    /// <summary><c>[R_client, "alias", "name"]</c> or deprecated <c>["alias", "name"]</c>; idempotent.</summary>
    public static CallOutcome Unmap(CallContext ctx, JsonArray args)
    {
        Resource? client;
        CallOutcome? failure;
        JsonNode? nameArg;
        if (args.Count == 2)
        {
            if (!IsAliasType(args[0]))
            {
                return CallOutcome.Invalid;
            }
            if (!Resolver.TryCaller(ctx, out failure))
            {
                return failure;
            }
            (client, nameArg) = (ctx.Caller, args[1]);
        }
        else if (args.Count == 3)
        {
            if (!Resolver.TryResolveClient(ctx, args[0], Access.Manage, out client, out failure))
            {
                return failure;
            }
            if (!IsAliasType(args[1]))
            {
                return CallOutcome.Invalid;
            }
            nameArg = args[2];
        }
        else
        {
            return CallOutcome.BadArguments;
        }
        if (!JsonArgs.TryString(nameArg, out var name))
        {
            return CallOutcome.Invalid;
        }
        if (client.Aliases.Remove(name))
        {
            ctx.Tree.Dirty = true;
        }
        return CallOutcome.Done;
    }

    /// <summary>
    /// <c>[R_client, type, x]</c> or deprecated <c>[type, x]</c>. <c>alias</c>: the RID behind the name (<c>""</c> =
    /// the client itself; unknown = <c>invalid</c>). <c>owner</c>: the owner of a resource strictly inside the
    /// client's subtree (the client's own owner is <c>restricted</c>). <c>shared</c>: the RID behind a share code.
    /// </summary>
    public static CallOutcome Lookup(CallContext ctx, JsonArray args)
    {
        Resource? client;
        CallOutcome? failure;
        JsonNode? typeArg;
        JsonNode? subject;
        if (args.Count == 2)
        {
            if (!Resolver.TryCaller(ctx, out failure))
            {
                return failure;
            }
            (client, typeArg, subject) = (ctx.Caller, args[0], args[1]);
        }
        else if (args.Count == 3)
        {
            if (!Resolver.TryResolveClient(ctx, args[0], Access.Manage, out client, out failure))
            {
                return failure;
            }
            (typeArg, subject) = (args[1], args[2]);
        }
        else
        {
            return CallOutcome.BadArguments;
        }
        JsonArgs.TryString(typeArg, out var type);
        switch (type)
        {
            case "alias":
                if (!JsonArgs.TryString(subject, out var alias))
                {
                    return CallOutcome.Invalid;
                }
                if (alias.Length == 0)
                {
                    return CallOutcome.Success(client.Rid);
                }
                return client.Aliases.TryGetValue(alias, out var rid)
                    ? CallOutcome.Success(rid)
                    : CallOutcome.Invalid;
            case "owner":
                if (!JsonArgs.TryString(subject, out var ownedRid) || !JsonArgs.IsId(ownedRid))
                {
                    return CallOutcome.Invalid;
                }
                if (
                    ctx.Tree.Find(ownedRid) is not { } owned
                    || !ctx.Tree.IsProperAncestor(client, owned)
                    || !ctx.Permits(owned)
                )
                {
                    return CallOutcome.Restricted;
                }
                return CallOutcome.Success(owned.ParentRid);
            case "shared":
                return
                    JsonArgs.TryString(subject, out var code)
                    && ctx.Tree.Shares.TryGetValue(code, out var share)
                    ? CallOutcome.Success(share.Rid)
                    : CallOutcome.Invalid;
            default:
                return CallOutcome.Invalid;
        }
    }

    private static bool IsAliasType(JsonNode? node) =>
        JsonArgs.TryString(node, out var s) && s == "alias";
}
