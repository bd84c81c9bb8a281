using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Datarules;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>create (all types and clone), move, update, drop and usage (§2.5 resources).</summary>
internal static class ResourceProcedures
{
    private static readonly IReadOnlySet<string> EntityMetrics = new HashSet<string>(
        StringComparer.Ordinal
    )
    {
        "client",
        "dataport",
        "datarule",
        "dispatch",
    };

    private static readonly IReadOnlySet<string> ConsumableMetrics = new HashSet<string>(
        StringComparer.Ordinal
    )
    {
        "share",
        "email",
        "http",
        "sms",
        "xmpp",
    };

    /// <summary>
    /// <c>[R_parent, type, desc]</c> or the deprecated <c>[type, desc]</c> (parent = caller). Exceeding a limit of
    /// the parent (or of the ancestor it inherits from) is <c>invalid</c>.
    /// </summary>
    public static CallOutcome Create(CallContext ctx, JsonArray args)
    {
        Resource? parent;
        JsonNode? typeArg;
        JsonNode? descArg;
        CallOutcome? failure;
        if (args.Count == 2)
        {
            if (!Resolver.TryCaller(ctx, out failure))
            {
                return failure;
            }
            (parent, typeArg, descArg) = (ctx.Caller, args[0], args[1]);
        }
        else if (args.Count == 3)
        {
            if (!Resolver.TryResolveClient(ctx, args[0], Access.Manage, out parent, out failure))
            {
                return failure;
            }
            (typeArg, descArg) = (args[1], args[2]);
        }
        else
        {
            return CallOutcome.BadArguments;
        }
        if (!JsonArgs.TryString(typeArg, out var type) || descArg is not JsonObject desc)
        {
            return CallOutcome.Invalid;
        }
        if (type == "clone")
        {
            return Clone(ctx, parent, desc);
        }
        if (
            !ResourceKinds.TryParse(type, out var kind)
            || Descriptions.Normalize(ctx, kind, desc) is not { } description
        )
        {
            return CallOutcome.Invalid;
        }
        var resource = ctx.Tree.NewResource(kind, parent, description, ctx.Now);
        ctx.Tree.Add(resource);
        if (!Limits.Satisfied(ctx.Tree, parent))
        {
            ctx.Tree.RemoveSubtree(resource);
            return CallOutcome.Invalid;
        }
        return CallOutcome.Success(resource.Rid);
    }

    /// <summary>
    /// <c>{rid | code, noaliases, nohistorical}</c>: copies a client subtree (by RID in the caller's subtree, or by a
    /// share code nobody activated) under the parent with fresh RIDs and CIKs; aliases and subscriptions inside the
    /// copy are re-pointed to the copies, aliases pointing outside are dropped.
    /// </summary>
    private static CallOutcome Clone(CallContext ctx, Resource parent, JsonObject desc)
    {
        var hasRid = desc["rid"] is not null;
        var hasCode = desc["code"] is not null;
        if (hasRid == hasCode)
        {
            return CallOutcome.Invalid;
        }
        var noAliases = false;
        var noHistorical = false;
        if (
            (desc["noaliases"] is not null && !JsonArgs.TryBool(desc["noaliases"], out noAliases))
            || (
                desc["nohistorical"] is not null
                && !JsonArgs.TryBool(desc["nohistorical"], out noHistorical)
            )
        )
        {
            return CallOutcome.Invalid;
        }
        Resource source;
        if (hasRid)
        {
            if (
                !Resolver.TryResolveClient(
                    ctx,
                    desc["rid"],
                    Access.Manage,
                    out var byRid,
                    out var failure
                )
            )
            {
                return failure;
            }
            source = byRid;
        }
        else
        {
            if (
                !JsonArgs.TryString(desc["code"], out var code)
                || !ctx.Tree.Shares.TryGetValue(code, out var share)
                || share.ActivatorRid is not null
                || ctx.Tree.Find(share.Rid) is not { IsClient: true } byCode
            )
            {
                return CallOutcome.Invalid;
            }
            source = byCode;
        }
        var originals = ctx.Tree.Subtree(source);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var original in originals)
        {
            string id;
            do
            {
                id = ctx.Tree.NewId();
            } while (ids.ContainsValue(id));
            ids[original.Rid] = id;
        }
        var copies = new List<Resource>();
        foreach (var original in originals)
        {
            var parentRid = ReferenceEquals(original, source)
                ? parent.Rid
                : ids[original.ParentRid!];
            var description = (JsonObject)original.Description.DeepClone();
            if (
                original.Subscribe is { } subscribed
                && ids.TryGetValue(subscribed, out var newSource)
            )
            {
                description["subscribe"] = newSource;
            }
            if (description["preprocess"] is JsonArray steps)
            {
                foreach (var step in steps)
                {
                    if (
                        step is JsonArray { Count: 2 } pair
                        && JsonArgs.TryString(pair[1], out var operand)
                        && ids.TryGetValue(operand, out var newOperand)
                    )
                    {
                        pair[1] = newOperand;
                    }
                }
            }
            var copy = new Resource(
                ids[original.Rid],
                original.Kind,
                parentRid,
                description,
                ctx.Now
            );
            if (copy.IsClient)
            {
                string cik;
                do
                {
                    cik = ctx.Tree.NewId();
                } while (ids.ContainsValue(cik) || copies.Any(c => c.Cik == cik));
                copy.Cik = cik;
                if (!noAliases)
                {
                    foreach (var (alias, target) in original.Aliases)
                    {
                        if (ids.TryGetValue(target, out var newTarget))
                        {
                            copy.Aliases[alias] = newTarget;
                        }
                    }
                }
            }
            if (!noHistorical)
            {
                foreach (var (timestamp, value) in original.Points)
                {
                    copy.Points[timestamp] = value;
                }
            }
            copy.Comments.AddRange(original.Comments);
            copies.Add(copy);
        }
        foreach (var copy in copies)
        {
            ctx.Tree.Add(copy);
        }
        if (!Limits.Satisfied(ctx.Tree, parent))
        {
            ctx.Tree.RemoveSubtree(copies[0]);
            return CallOutcome.Invalid;
        }
        return CallOutcome.Success(copies[0].Rid);
    }

    /// <summary>
    /// <c>[R, R_destination, {aliases}]</c>. The caller cannot move itself (<c>restricted</c>); the destination must be
    /// a client in the caller's subtree and not inside R (<c>invalid</c>). Aliases that no longer reach the moved
    /// resources are deleted; with <c>aliases: true</c> (default) the old owner's aliases are re-created in the
    /// destination when the name is free.
    /// </summary>
    public static CallOutcome Move(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 2 or > 3)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var moved, out var failure))
        {
            return failure;
        }
        if (ReferenceEquals(moved, ctx.Caller))
        {
            return CallOutcome.Restricted;
        }
        if (
            !Resolver.TryResolveClient(
                ctx,
                args[1],
                Access.Manage,
                out var destination,
                out failure
            )
        )
        {
            return failure;
        }
        var keepAliases = true;
        if (
            !JsonArgs.TryOptions(args, 2, out var options)
            || (
                options["aliases"] is not null
                && !JsonArgs.TryBool(options["aliases"], out keepAliases)
            )
        )
        {
            return CallOutcome.Invalid;
        }
        if (ctx.Tree.InSubtree(moved, destination))
        {
            return CallOutcome.Invalid;
        }
        var oldParent = ctx.Tree.Parent(moved)!;
        if (ReferenceEquals(oldParent, destination))
        {
            return CallOutcome.Done;
        }
        var position = oldParent.Children.IndexOf(moved.Rid);
        ctx.Tree.Reparent(moved, destination);
        if (!Limits.Satisfied(ctx.Tree, destination))
        {
            destination.Children.Remove(moved.Rid);
            moved.ParentRid = oldParent.Rid;
            oldParent.Children.Insert(position, moved.Rid);
            return CallOutcome.Invalid;
        }
        var movedRids = new HashSet<string>(
            ctx.Tree.Subtree(moved).Select(r => r.Rid),
            StringComparer.Ordinal
        );
        foreach (var client in ctx.Tree.All.Where(r => r.IsClient).ToList())
        {
            foreach (
                var (alias, target) in client
                    .Aliases.Where(a => movedRids.Contains(a.Value))
                    .ToList()
            )
            {
                if (ctx.Tree.Find(target) is { } resource && ctx.Tree.CanRead(client, resource))
                {
                    continue;
                }
                client.Aliases.Remove(alias);
                if (keepAliases && ReferenceEquals(client, oldParent))
                {
                    destination.Aliases.TryAdd(alias, target);
                }
            }
        }
        moved.Modified = ctx.Now;
        ctx.Tree.InvalidateSubscriptions();
        return CallOutcome.Done;
    }

    /// <summary>
    /// <c>[R, desc]</c>: merges the given keys into the description (nested <c>limits</c>/<c>retention</c> objects are
    /// merged key by key). The caller cannot update itself (<c>restricted</c>); a changed format, an invalid merged
    /// description, or limits below current use are <c>invalid</c>.
    /// </summary>
    public static CallOutcome Update(CallContext ctx, JsonArray args)
    {
        if (args.Count != 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var resource, out var failure))
        {
            return failure;
        }
        if (ReferenceEquals(resource, ctx.Caller))
        {
            return CallOutcome.Restricted;
        }
        if (args[1] is not JsonObject patch)
        {
            return CallOutcome.Invalid;
        }
        var merged = (JsonObject)resource.Description.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (
                key is "limits" or "retention"
                && merged[key] is JsonObject current
                && value is JsonObject changes
            )
            {
                foreach (var (innerKey, innerValue) in changes)
                {
                    current[innerKey] = innerValue?.DeepClone();
                }
            }
            else
            {
                merged[key] = value?.DeepClone();
            }
        }
        if (Descriptions.Normalize(ctx, resource.Kind, merged, resource) is not { } description)
        {
            return CallOutcome.Invalid;
        }
        if (
            resource.Kind.HasSeries()
            && !JsonNode.DeepEquals(resource.Description["format"], description["format"])
        )
        {
            return CallOutcome.Invalid;
        }
        var previous = resource.Description;
        resource.Description = description;
        if (resource.IsClient && !Limits.Satisfied(ctx.Tree, resource))
        {
            resource.Description = previous;
            return CallOutcome.Invalid;
        }
        if (!JsonNode.DeepEquals(previous["rule"], description["rule"]))
        {
            resource.Rule = new RuleState();
        }
        resource.Modified = ctx.Now;
        ctx.Tree.InvalidateSubscriptions();
        ctx.Tree.Dirty = true;
        return CallOutcome.Done;
    }

    /// <summary><c>[R]</c>: removes R and its whole subtree. The caller cannot drop itself (<c>restricted</c>).</summary>
    public static CallOutcome Drop(CallContext ctx, JsonArray args)
    {
        if (args.Count != 1)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var resource, out var failure))
        {
            return failure;
        }
        if (ReferenceEquals(resource, ctx.Caller))
        {
            return CallOutcome.Restricted;
        }
        ctx.Tree.RemoveSubtree(resource);
        return CallOutcome.Done;
    }

    /// <summary>
    /// <c>[R_client, metric, starttime, endtime]</c>. Entity metrics: the sum over existing resources of that type in
    /// the client's subtree of the seconds each existed inside the window (dropped resources are forgotten).
    /// Consumables: units drawn inside the window (share = share codes created by the subtree's clients).
    /// </summary>
    public static CallOutcome Usage(CallContext ctx, JsonArray args)
    {
        if (args.Count != 4)
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
            !JsonArgs.TryString(args[1], out var metric)
            || !(EntityMetrics.Contains(metric) || ConsumableMetrics.Contains(metric))
        )
        {
            return CallOutcome.Invalid;
        }
        if (
            !JsonArgs.TryLong(args[2], out var start)
            || !JsonArgs.TryLong(args[3], out var end)
            || start < 0
            || end < start
        )
        {
            return CallOutcome.Invalid;
        }
        var subtree = ctx.Tree.Subtree(client);
        long total = 0;
        if (EntityMetrics.Contains(metric))
        {
            var stop = Math.Min(end, ctx.Now);
            foreach (var resource in subtree.Skip(1).Where(r => r.Kind.Name() == metric))
            {
                total += Math.Max(0, stop - Math.Max(start, resource.Created));
            }
        }
        else if (metric == "share")
        {
            var clients = new HashSet<string>(subtree.Select(r => r.Rid), StringComparer.Ordinal);
            total = ctx.Tree.Shares.Values.Count(s =>
                clients.Contains(s.CreatorRid) && s.Created >= start && s.Created <= end
            );
        }
        else
        {
            total = subtree.Sum(r =>
                r.Consumption.Count(c =>
                    c.Kind == metric && c.Timestamp >= start && c.Timestamp <= end
                )
            );
        }
        return CallOutcome.Success(total);
    }
}
