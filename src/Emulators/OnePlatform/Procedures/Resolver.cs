using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>How much of a resource the caller must own.</summary>
internal enum Access
{
    /// <summary>In the caller's subtree, public, or shared with the caller (read-only procedures).</summary>
    Read,

    /// <summary>The caller itself or one of its descendants.</summary>
    Manage,
}

/// <summary>
/// Resolves ResourceID arguments (§2.2): a 40-hex RID, <c>{"alias":"name"}</c> from the caller's aliases, or
/// <c>{"alias":""}</c> for the caller itself. Malformed ids and unknown aliases are <c>invalid</c>; RIDs that do
/// not exist or are out of reach are <c>restricted</c> (a dropped RID is <c>restricted</c>, §4.3 item 10).
/// </summary>
internal static class Resolver
{
    public static bool TryResolve(
        CallContext ctx,
        JsonNode? argument,
        Access access,
        [NotNullWhen(true)] out Resource? resource,
        [NotNullWhen(false)] out CallOutcome? failure
    )
    {
        resource = null;
        failure = null;
        if (!TryIdentify(ctx, argument, out var found, out failure))
        {
            return false;
        }
        var allowed =
            access == Access.Manage
                ? ctx.Tree.InSubtree(ctx.Caller, found)
                : ctx.Tree.CanRead(ctx.Caller, found);
        if (!allowed || !ctx.Permits(found))
        {
            failure = CallOutcome.Restricted;
            return false;
        }
        resource = found;
        return true;
    }

    /// <summary>As <see cref="TryResolve"/>, and the resource must be a client (else <c>invalid</c>).</summary>
    public static bool TryResolveClient(
        CallContext ctx,
        JsonNode? argument,
        Access access,
        [NotNullWhen(true)] out Resource? client,
        [NotNullWhen(false)] out CallOutcome? failure
    )
    {
        if (!TryResolve(ctx, argument, access, out client, out failure))
        {
            return false;
        }
        if (!client.IsClient)
        {
            client = null;
            failure = CallOutcome.Invalid;
            return false;
        }
        return true;
    }

    /// <summary>The caller itself as the implicit target of a deprecated form; checks token permissions.</summary>
    public static bool TryCaller(CallContext ctx, [NotNullWhen(false)] out CallOutcome? failure)
    {
        failure = ctx.Permits(ctx.Caller) ? null : CallOutcome.Restricted;
        return failure is null;
    }

    private static bool TryIdentify(
        CallContext ctx,
        JsonNode? argument,
        [NotNullWhen(true)] out Resource? resource,
        [NotNullWhen(false)] out CallOutcome? failure
    )
    {
        resource = null;
        failure = CallOutcome.Invalid;
        if (JsonArgs.TryString(argument, out var rid))
        {
            if (!JsonArgs.IsId(rid))
            {
                return false;
            }
            resource = ctx.Tree.Find(rid);
            if (resource is null)
            {
                failure = CallOutcome.Restricted;
                return false;
            }
            failure = null;
            return true;
        }
        if (argument is JsonObject obj && JsonArgs.TryString(obj["alias"], out var alias))
        {
            if (alias.Length == 0)
            {
                resource = ctx.Caller;
            }
            else if (ctx.Caller.Aliases.TryGetValue(alias, out var target))
            {
                resource = ctx.Tree.Find(target);
            }
            if (resource is null)
            {
                return false;
            }
            failure = null;
            return true;
        }
        return false;
    }
}
