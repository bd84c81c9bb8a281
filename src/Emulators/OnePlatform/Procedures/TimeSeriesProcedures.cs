using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Datarules;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>read, write, writegroup, record, recordbatch, flush and wait (§2.5 time-series).</summary>
internal static class TimeSeriesProcedures
{
    /// <summary>Longest accepted <c>wait</c> timeout in milliseconds.</summary>
    public const long MaxWaitMilliseconds = 300_000;

    /// <summary>The status <c>wait</c> answers for a bad request (spec §2.5).</summary>
    private static readonly CallOutcome WaitRequestError = new CallOutcome.Status("error");

    private const long DefaultWaitMilliseconds = 30_000;

    /// <summary><c>[R, {starttime, endtime, sort, limit, selection}]</c>; the options may be omitted.</summary>
    public static CallOutcome Read(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 1 or > 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Read, out var resource, out var failure))
        {
            return failure;
        }
        if (!resource.Kind.HasSeries() || !JsonArgs.TryOptions(args, 1, out var options))
        {
            return CallOutcome.Invalid;
        }
        if (
            !Timestamp(options["starttime"], 0, out var start)
            || !Timestamp(options["endtime"], ctx.Now, out var end)
        )
        {
            return CallOutcome.Invalid;
        }
        if (!Choice(options["sort"], "desc", out var sort, "asc", "desc"))
        {
            return CallOutcome.Invalid;
        }
        if (
            !Choice(
                options["selection"],
                "all",
                out var selection,
                "all",
                "givenwindow",
                "autowindow"
            )
        )
        {
            return CallOutcome.Invalid;
        }
        long limit = 1;
        if (
            options["limit"] is not null
            && (!JsonArgs.TryLong(options["limit"], out limit) || limit < 0)
        )
        {
            return CallOutcome.Invalid;
        }
        var points = ReadSelection.Select(
            resource.Points,
            start,
            end,
            sort == "desc",
            limit,
            selection
        );
        var result = new JsonArray();
        foreach (var (timestamp, value) in points)
        {
            result.Add(new JsonArray(JsonValue.Create(timestamp), value.ToNode()));
        }
        return CallOutcome.Success(result);
    }

    /// <summary><c>[R, value]</c> or pyonep's <c>[R, value, {}]</c>; stored at the current second.</summary>
    public static CallOutcome Write(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 2 or > 3)
        {
            return CallOutcome.BadArguments;
        }
        if (!TryWritable(ctx, args[0], args[1], out var target, out var value, out var failure))
        {
            return failure;
        }
        return DataFlow.Write(ctx.Tree, target, ctx.Now, value, ctx.Now)
            ? CallOutcome.Done
            : CallOutcome.Invalid;
    }

    /// <summary><c>[[[R, value], …]]</c>: all or nothing, one timestamp for every point.</summary>
    public static CallOutcome WriteGroup(CallContext ctx, JsonArray args)
    {
        if (args.Count != 1)
        {
            return CallOutcome.BadArguments;
        }
        if (args[0] is not JsonArray entries)
        {
            return CallOutcome.Invalid;
        }
        var writes = new List<(Resource Target, DataValue Value)>();
        foreach (var entry in entries)
        {
            if (entry is not JsonArray { Count: 2 } pair)
            {
                return CallOutcome.Invalid;
            }
            if (!TryWritable(ctx, pair[0], pair[1], out var target, out var value, out var failure))
            {
                return failure;
            }
            writes.Add((target, value));
        }
        foreach (var (target, value) in writes)
        {
            DataFlow.Write(ctx.Tree, target, ctx.Now, value, ctx.Now);
        }
        return CallOutcome.Done;
    }

    /// <summary>Deprecated <c>[R, [[ts, value], …], {}]</c>: all entries or none; negative ts = now + ts.</summary>
    public static CallOutcome Record(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 2 or > 3)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var target, out var failure))
        {
            return failure;
        }
        if (target.Kind != ResourceKind.Dataport || args[1] is not JsonArray entries)
        {
            return CallOutcome.Invalid;
        }
        var points = new List<(long, DataValue)>();
        foreach (var entry in entries)
        {
            if (!TryEntry(ctx, target, entry, out var timestamp, out var value))
            {
                return CallOutcome.Invalid;
            }
            points.Add((timestamp, value));
        }
        foreach (var (timestamp, value) in points)
        {
            DataFlow.Write(ctx.Tree, target, timestamp, value, ctx.Now);
        }
        return CallOutcome.Done;
    }

    /// <summary><c>[R, [[ts, value], …]]</c>: valid entries are stored; the status lists rejected ones as <c>[ts,"invalid"]</c>.</summary>
    public static CallOutcome RecordBatch(CallContext ctx, JsonArray args)
    {
        if (args.Count != 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var target, out var failure))
        {
            return failure;
        }
        if (target.Kind != ResourceKind.Dataport || args[1] is not JsonArray entries)
        {
            return CallOutcome.Invalid;
        }
        var rejected = new JsonArray();
        foreach (var entry in entries)
        {
            if (
                TryEntry(ctx, target, entry, out var timestamp, out var value)
                && DataFlow.Write(ctx.Tree, target, timestamp, value, ctx.Now)
            )
            {
                continue;
            }
            var sentTimestamp = entry is JsonArray { Count: > 0 } sent
                ? sent[0]?.DeepClone()
                : null;
            rejected.Add(new JsonArray(sentTimestamp, "invalid"));
        }
        return rejected.Count == 0 ? CallOutcome.Done : new CallOutcome.StatusValue(rejected);
    }

    /// <summary><c>[R]</c> or <c>[R, {newerthan, olderthan}]</c>: strict bounds, both = intersection, none = all.</summary>
    public static CallOutcome Flush(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 1 or > 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Manage, out var target, out var failure))
        {
            return failure;
        }
        if (!target.Kind.HasSeries() || !JsonArgs.TryOptions(args, 1, out var options))
        {
            return CallOutcome.Invalid;
        }
        if (
            !OptionalTimestamp(options["newerthan"], out var newer)
            || !OptionalTimestamp(options["olderthan"], out var older)
        )
        {
            return CallOutcome.Invalid;
        }
        var doomed = target
            .Points.Keys.Where(ts => (newer is null || ts > newer) && (older is null || ts < older))
            .ToList();
        foreach (var timestamp in doomed)
        {
            target.Points.Remove(timestamp);
        }
        ctx.Tree.Dirty = true;
        return CallOutcome.Done;
    }

    /// <summary>
    /// <c>[R, {timeout, since}]</c>: the oldest point after <c>since</c> if one exists, else parks the call until a
    /// qualifying point is stored or <c>timeout</c> ms pass (then <c>expire</c>). A bad request — options that are not
    /// an object, a timeout above 300000 ms or negative, a non-integer <c>since</c> — is status <c>error</c> (spec §2.5:
    /// "<c>error</c> on bad request"); a resource that cannot hold points is <c>invalid</c>.
    /// </summary>
    public static CallOutcome Wait(CallContext ctx, JsonArray args)
    {
        if (args.Count is < 1 or > 2)
        {
            return CallOutcome.BadArguments;
        }
        if (!Resolver.TryResolve(ctx, args[0], Access.Read, out var target, out var failure))
        {
            return failure;
        }
        if (!target.Kind.HasSeries())
        {
            return CallOutcome.Invalid;
        }
        if (!JsonArgs.TryOptions(args, 1, out var options))
        {
            return WaitRequestError;
        }
        var timeout = DefaultWaitMilliseconds;
        if (
            options["timeout"] is not null
            && (
                !JsonArgs.TryLong(options["timeout"], out timeout)
                || timeout is < 0 or > MaxWaitMilliseconds
            )
        )
        {
            return WaitRequestError;
        }
        if (!OptionalTimestamp(options["since"], out var since))
        {
            return WaitRequestError;
        }
        if (since is long after)
        {
            foreach (var (timestamp, value) in target.Points)
            {
                if (timestamp > after)
                {
                    return CallOutcome.Success(
                        new JsonArray(JsonValue.Create(timestamp), value.ToNode())
                    );
                }
            }
        }
        if (timeout == 0)
        {
            return CallOutcome.Expire;
        }
        return new CallOutcome.Waiting(
            ctx.State.Park(target.Rid, since, TimeSpan.FromMilliseconds(timeout))
        );
    }

    /// <summary>Resolves a write target (a dataport the caller manages) and coerces the value to its format.</summary>
    private static bool TryWritable(
        CallContext ctx,
        JsonNode? resourceArg,
        JsonNode? valueArg,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Resource? target,
        out DataValue value,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out CallOutcome? failure
    )
    {
        value = default;
        if (!Resolver.TryResolve(ctx, resourceArg, Access.Manage, out target, out failure))
        {
            return false;
        }
        if (
            target.Kind != ResourceKind.Dataport
            || !ValueCoercion.TryCoerce(valueArg, target.Format, out value)
        )
        {
            target = null;
            failure = CallOutcome.Invalid;
            return false;
        }
        return true;
    }

    private static bool TryEntry(
        CallContext ctx,
        Resource target,
        JsonNode? entry,
        out long timestamp,
        out DataValue value
    )
    {
        timestamp = 0;
        value = default;
        if (entry is not JsonArray { Count: 2 } pair || !JsonArgs.TryLong(pair[0], out var ts))
        {
            return false;
        }
        timestamp = ts < 0 ? ctx.Now + ts : ts;
        return timestamp >= 0 && ValueCoercion.TryCoerce(pair[1], target.Format, out value);
    }

    private static bool Timestamp(JsonNode? node, long fallback, out long value)
    {
        value = fallback;
        return node is null || (JsonArgs.TryLong(node, out value) && value >= 0);
    }

    private static bool OptionalTimestamp(JsonNode? node, out long? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }
        if (JsonArgs.TryLong(node, out var v) && v >= 0)
        {
            value = v;
            return true;
        }
        return false;
    }

    private static bool Choice(
        JsonNode? node,
        string fallback,
        out string value,
        params string[] allowed
    )
    {
        value = fallback;
        return node is null
            || (
                JsonArgs.TryString(node, out value)
                && allowed.Contains(value, StringComparer.Ordinal)
            );
    }
}
