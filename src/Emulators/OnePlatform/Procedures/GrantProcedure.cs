using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>grant (§2.5, undocumented): <c>[R_client, {"&lt;rid&gt;": [procedures…]}, {"ttl": seconds}]</c> → token.</summary>
internal static class GrantProcedure
{
    /// <summary>
    /// R_client must be a client in the caller's subtree; every permission key must be the RID of a resource in
    /// R_client's subtree and map to a list of procedure names; <c>ttl</c> (optional) must be a positive number of
    /// seconds. The token then authenticates as R_client (<c>{"token": T}</c>).
    /// </summary>
    public static CallOutcome Grant(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 2 or > 3)
        {
            return CallOutcome.BadArguments;
        }
        if (
            !Resolver.TryResolveClient(ctx, args[0], Access.Manage, out var client, out var failure)
        )
        {
            return failure;
        }
        if (
            args[1] is not JsonObject permissionsArg
            || !JsonArgs.TryOptions(args, 2, out var options)
        )
        {
            return CallOutcome.Invalid;
        }
        var permissions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (rid, procedures) in permissionsArg)
        {
            if (
                ctx.Tree.Find(rid) is not { } granted
                || !ctx.Tree.InSubtree(client, granted)
                || procedures is not JsonArray list
            )
            {
                return CallOutcome.Invalid;
            }
            var names = new List<string>();
            foreach (var item in list)
            {
                if (!JsonArgs.TryString(item, out var name))
                {
                    return CallOutcome.Invalid;
                }
                names.Add(name);
            }
            permissions[rid] = names;
        }
        long? expires = null;
        if (options["ttl"] is { } ttlNode)
        {
            if (!JsonArgs.TryLong(ttlNode, out var ttl) || ttl <= 0)
            {
                return CallOutcome.Invalid;
            }
            expires = ctx.Now + ttl;
        }
        var token = new GrantToken(
            ctx.Tree.NewId(),
            client.Rid,
            permissions,
            expires,
            ctx.Caller.Rid
        );
        ctx.Tree.Tokens[token.Token] = token;
        ctx.Tree.Dirty = true;
        return CallOutcome.Success(token.Token);
    }
}
