using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>share, revoke, activate and deactivate (§2.5 shares and keys).</summary>
internal static class ShareProcedures
{
    /// <summary>
    /// <c>[R, {meta, code}]</c>: a new 40-hex share code for a resource in the caller's subtree (counted against the
    /// caller's <c>share</c> limit), or, with an existing <c>code</c> of that resource, updates its meta.
    /// </summary>
    public static CallOutcome Share(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 1 or > 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var resource, out var failure))
        {
            return failure;
        }
        if (!JsonArgs.TryOptions(args, 1, out var options))
        {
            return CallOutcome.Invalid;
        }
        var meta = "";
        if (options["meta"] is not null && !JsonArgs.TryString(options["meta"], out meta))
        {
            return CallOutcome.Invalid;
        }
        if (options["code"] is { } codeNode)
        {
            if (
                !JsonArgs.TryString(codeNode, out var code)
                || !ctx.Tree.Shares.TryGetValue(code, out var existing)
                || existing.Rid != resource.Rid
            )
            {
                return CallOutcome.Invalid;
            }
            existing.Meta = meta;
            ctx.Tree.Dirty = true;
            return CallOutcome.Success(existing.Code);
        }
        var share = new Share(ctx.Tree.NewId(), resource.Rid, ctx.Caller.Rid, meta, ctx.Now);
        ctx.Tree.Shares[share.Code] = share;
        if (!Limits.Satisfied(ctx.Tree, ctx.Caller))
        {
            ctx.Tree.Shares.Remove(share.Code);
            return CallOutcome.Invalid;
        }
        ctx.Tree.Dirty = true;
        return CallOutcome.Success(share.Code);
    }

    /// <summary>
    /// <c>["client", cik]</c>: the owning ancestor replaces a client's CIK; the client is then <c>notactivated</c>
    /// until activated again, and the old CIK fails with the general 401. <c>["share", code]</c>: deletes the share
    /// (its activation ends). Unknown codes are <c>invalid</c>, callers that do not own them <c>noauth</c>.
    /// </summary>
    public static CallOutcome Revoke(CallContext ctx, JsonArray args)
    {
        if (args.Count != 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryCaller(ctx, out var failure))
        {
            return failure;
        }
        if (
            !JsonArgs.TryString(args[0], out var type) || !JsonArgs.TryString(args[1], out var code)
        )
        {
            return CallOutcome.Invalid;
        }
        switch (type)
        {
            case "client":
                if (!TryOwnedClient(ctx, ctx.Caller, code, out var client, out var denied))
                {
                    return denied;
                }
                ctx.Tree.SetCik(client, ctx.Tree.NewId());
                client.Status = ClientStatus.NotActivated;
                return CallOutcome.Done;
            case "share":
                if (!ctx.Tree.Shares.TryGetValue(code, out var share))
                {
                    return CallOutcome.Invalid;
                }
                var owns =
                    share.CreatorRid == ctx.Caller.Rid
                    || (
                        ctx.Tree.Find(share.Rid) is { } shared
                        && ctx.Tree.InSubtree(ctx.Caller, shared)
                    );
                if (!owns)
                {
                    return CallOutcome.NoAuth;
                }
                ctx.Tree.Shares.Remove(code);
                ctx.Tree.Dirty = true;
                return CallOutcome.Done;
            default:
                return CallOutcome.Invalid;
        }
    }

    /// <summary>
    /// <c>[R_client, "client"|"share", code]</c> or deprecated <c>[type, code]</c> (R_client = caller).
    /// client: activates a <c>notactivated</c> CIK of a client R_client owns (anything else <c>invalid</c>, not
    /// owned <c>noauth</c>). share: R_client becomes the code's single activator — <c>invalid</c> when the code is
    /// unknown, already activated, or R_client already holds an activated share of the same resource.
    /// </summary>
    public static CallOutcome Activate(CallContext ctx, JsonArray args) =>
        ByActivationType(
            ctx,
            args,
            client =>
            {
                if (client.Status != ClientStatus.NotActivated)
                {
                    return CallOutcome.Invalid;
                }
                client.Status = ClientStatus.Activated;
                ctx.Tree.Dirty = true;
                return CallOutcome.Done;
            },
            (actor, code) =>
            {
                if (
                    !ctx.Tree.Shares.TryGetValue(code, out var share)
                    || share.ActivatorRid is not null
                )
                {
                    return CallOutcome.Invalid;
                }
                if (
                    ctx.Tree.Shares.Values.Any(s =>
                        s.Rid == share.Rid && s.ActivatorRid == actor.Rid
                    )
                )
                {
                    return CallOutcome.Invalid;
                }
                share.ActivatorRid = actor.Rid;
                ctx.Tree.Dirty = true;
                return CallOutcome.Done;
            }
        );

    /// <summary>
    /// <c>[R_client, "client"|"share", code]</c> or deprecated <c>[type, code]</c>. client: expires the CIK of a client
    /// R_client owns (it then fails with the general 401). share: ends R_client's activation; the code may also be
    /// the shared RID. Nothing to deactivate is <c>invalid</c>.
    /// </summary>
    public static CallOutcome Deactivate(CallContext ctx, JsonArray args) =>
        ByActivationType(
            ctx,
            args,
            client =>
            {
                client.Status = ClientStatus.Expired;
                ctx.Tree.Dirty = true;
                return CallOutcome.Done;
            },
            (actor, code) =>
            {
                var shares = ctx
                    .Tree.Shares.Values.Where(s =>
                        (s.Code == code || s.Rid == code) && s.ActivatorRid == actor.Rid
                    )
                    .ToList();
                if (shares.Count == 0)
                {
                    return CallOutcome.Invalid;
                }
                foreach (var share in shares)
                {
                    share.ActivatorRid = null;
                }
                ctx.Tree.Dirty = true;
                return CallOutcome.Done;
            }
        );

    /// <summary>
    /// The shared part of activate and deactivate: reads either argument form, then runs
    /// <paramref name="onClient"/> with a client the actor owns (<c>"client"</c>) or <paramref name="onShare"/>
    /// with the actor and the code (<c>"share"</c>); any other type is <c>invalid</c>.
    /// </summary>
    private static CallOutcome ByActivationType(
        CallContext ctx,
        JsonArray args,
        Func<Resource, CallOutcome> onClient,
        Func<Resource, string, CallOutcome> onShare
    )
    {
        if (
            !TryActivationArgs(
                ctx,
                args,
                out var actor,
                out var type,
                out var code,
                out var failure
            )
        )
        {
            return failure;
        }
        switch (type)
        {
            case "client":
                return TryOwnedClient(ctx, actor, code, out var client, out var denied)
                    ? onClient(client)
                    : denied;
            case "share":
                return onShare(actor, code);
            default:
                return CallOutcome.Invalid;
        }
    }

    /// <summary>
    /// The client whose CIK is <paramref name="cik"/>, which <paramref name="owner"/> must own (be a proper
    /// ancestor of): an unknown CIK is <c>invalid</c>, someone else's client <c>noauth</c>.
    /// </summary>
    private static bool TryOwnedClient(
        CallContext ctx,
        Resource owner,
        string cik,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Resource? client,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out CallOutcome? failure
    )
    {
        client = ctx.Tree.FindByCik(cik);
        if (client is null)
        {
            failure = CallOutcome.Invalid;
            return false;
        }
        if (!ctx.Tree.IsProperAncestor(owner, client))
        {
            client = null;
            failure = CallOutcome.NoAuth;
            return false;
        }
        failure = null;
        return true;
    }

    private static bool TryActivationArgs(
        CallContext ctx,
        JsonArray args,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Resource? actor,
        out string type,
        out string code,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out CallOutcome? failure
    )
    {
        actor = null;
        type = "";
        code = "";
        JsonNode? typeArg;
        JsonNode? codeArg;
        if (args.Count == 2)
        {
            if (!Resolver.TryCaller(ctx, out failure))
            {
                return false;
            }
            (actor, typeArg, codeArg) = (ctx.Caller, args[0], args[1]);
        }
        else if (args.Count == 3)
        {
            if (!Resolver.TryResolveClient(ctx, args[0], Access.Manage, out actor, out failure))
            {
                return false;
            }
            (typeArg, codeArg) = (args[1], args[2]);
        }
        else
        {
            failure = CallOutcome.BadArguments;
            return false;
        }
        if (!JsonArgs.TryString(typeArg, out type) || !JsonArgs.TryString(codeArg, out code))
        {
            actor = null;
            failure = CallOutcome.Invalid;
            return false;
        }
        failure = null;
        return true;
    }
}
