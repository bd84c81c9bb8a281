using System.Text.Json.Nodes;
using static Functional.PropertyTests.OnePlatform.Builders.BuilderCheck;
using G = Functional.PropertyTests.OnePlatform.Builders.BuilderGens;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>
/// Builder properties of the time-series procedures (onep.md §2.5): read, write, writegroup, record, recordbatch
/// (both result forms, both time forms), flush and wait.
/// </summary>
public class TimeSeriesBuilderProperties
{
    // ---- options ----------------------------------------------------------------------------------

    private static Gen<Arg<ReadOptions>> ValidReadOptions { get; } =
        Generators.Options.Select(o => Arg.Ok(o.Options, (JsonNode?)o.Json, G.Show(o.Json)));

    /// <summary>Read options with at least one bad key (every bad key named), or null.</summary>
    private static Gen<Arg<ReadOptions>> BadReadOptions { get; } =
        Gen.Frequency(
                (1, Gen.Constant(Arg.Bad<ReadOptions>(null!, "null", "options"))),
                (
                    8,
                    from start in Gen.Frequency(
                        (1, Gen.Constant(Option<long>.None)),
                        (2, G.NonNegative.Select(Some)),
                        (1, G.Negative.Select(Some))
                    )
                    from end in Gen.Frequency(
                        (1, Gen.Constant(Option<long>.None)),
                        (2, G.NonNegative.Select(Some)),
                        (1, G.Negative.Select(Some))
                    )
                    from limit in Gen.Frequency(
                        (1, Gen.Constant(Option<long>.None)),
                        (2, G.NonNegative.Select(Some)),
                        (1, G.Negative.Select(Some))
                    )
                    from sort in Gen.Frequency(
                        (1, Gen.Constant(Option<SortOrder>.None)),
                        (2, Gen.Elements(SortOrder.Ascending, SortOrder.Descending).Select(Some)),
                        (1, G.Undefined<SortOrder>().Select(Some))
                    )
                    from selection in Gen.Frequency(
                        (1, Gen.Constant(Option<Selection>.None)),
                        (2, Gen.Elements(Enum.GetValues<Selection>()).Select(Some)),
                        (1, G.Undefined<Selection>().Select(Some))
                    )
                    let bad = new[]
                    {
                        start.Exists(s => s < 0) ? "options.starttime" : null,
                        end.Exists(e => e < 0)
                        || (start.IsSome && end.IsSome && (long)end < (long)start)
                            ? "options.endtime"
                            : null,
                        limit.Exists(l => l < 0) ? "options.limit" : null,
                        sort.Exists(s => !Enum.IsDefined(s)) ? "options.sort" : null,
                        selection.Exists(s => !Enum.IsDefined(s)) ? "options.selection" : null,
                    }
                        .OfType<string>()
                        .ToArray()
                    select Arg.Bad(
                        new ReadOptions(start, end, sort, limit, selection),
                        $"{{start {start}, end {end}, limit {limit}, sort {sort}, selection {selection}}}",
                        bad
                    )
                )
            )
            .Where(a => a.Bad.Length > 0);

    private static Gen<Arg<FlushOptions>> ValidFlushOptions { get; } =
        from newer in G.Maybe(G.NonNegative)
        from older in G.Maybe(G.NonNegative)
        from built in Gen.Elements(false, true)
        let options = built
            ? older.Fold(
                newer.Fold(FlushOptions.All, (o, v) => o.WithNewerThan(v)),
                (o, v) => o.WithOlderThan(v)
            )
            : new FlushOptions(newer, older)
        let json = Obj(("newerthan", newer), ("olderthan", older))
        select Arg.Ok(options, (JsonNode?)json, G.Show(json));

    private static Gen<Arg<FlushOptions>> BadFlushOptions { get; } =
        Gen.Frequency(
                (1, Gen.Constant(Arg.Bad<FlushOptions>(null!, "null", "options"))),
                (
                    4,
                    from newer in Gen.OneOf(G.Maybe(G.NonNegative), G.Negative.Select(Some))
                    from older in Gen.OneOf(G.Maybe(G.NonNegative), G.Negative.Select(Some))
                    select Arg.Bad(
                        new FlushOptions(newer, older),
                        $"{{newerthan {newer}, olderthan {older}}}",
                        new[]
                        {
                            newer.Exists(v => v < 0) ? "options.newerthan" : null,
                            older.Exists(v => v < 0) ? "options.olderthan" : null,
                        }
                            .OfType<string>()
                            .ToArray()
                    )
                )
            )
            .Where(a => a.Bad.Length > 0);

    private static Gen<Arg<WaitOptions>> ValidWaitOptions { get; } =
        Gen.OneOf(
            from timeout in G.Maybe(
                Gen.Frequency(
                    (
                        3,
                        Gen.Choose(0, (int)WaitOptions.MaxTimeoutMilliseconds).Select(i => (long)i)
                    ),
                    (1, Gen.Elements(0L, WaitOptions.MaxTimeoutMilliseconds))
                )
            )
            from since in G.Maybe(G.NonNegative)
            let json = Obj(("timeout", timeout), ("since", since))
            select Arg.Ok(new WaitOptions(timeout, since), (JsonNode?)json, G.Show(json)),
            // The TimeSpan and DateTimeOffset helpers, rounded up to milliseconds / down to seconds.
            from ticks in Gen.Choose(0, (int)WaitOptions.MaxTimeoutMilliseconds)
                .SelectMany(ms =>
                    Gen.Choose(0, 9_999)
                        .Select(t =>
                            Math.Min(
                                (ms * TimeSpan.TicksPerMillisecond) + t,
                                WaitOptions.MaxTimeoutMilliseconds * TimeSpan.TicksPerMillisecond
                            )
                        )
                )
            from time in G.Time.Where(t => t.Unix >= 0)
            let ms = (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond
            let json = new JsonObject { ["timeout"] = ms, ["since"] = time.Unix }
            select Arg.Ok(
                WaitOptions.Default.WithTimeout(TimeSpan.FromTicks(ticks)).WithSince(time.Time),
                (JsonNode?)json,
                $"timeout {ticks} ticks, since {time.Time:O}"
            )
        );

    private static Gen<Arg<WaitOptions>> BadWaitOptions { get; } =
        Gen.Frequency(
                (1, Gen.Constant(Arg.Bad<WaitOptions>(null!, "null", "options"))),
                (
                    4,
                    from timeout in Gen.OneOf(
                        G.Maybe(Gen.Choose(0, 300_000).Select(i => (long)i)),
                        G.Negative.Select(Some),
                        G.NonNegative.Where(t => t > WaitOptions.MaxTimeoutMilliseconds)
                            .Select(Some),
                        Gen.Constant(Some(WaitOptions.MaxTimeoutMilliseconds + 1))
                    )
                    from since in Gen.OneOf(G.Maybe(G.NonNegative), G.Negative.Select(Some))
                    select Arg.Bad(
                        new WaitOptions(timeout, since),
                        $"{{timeout {timeout}, since {since}}}",
                        new[]
                        {
                            timeout.Exists(t => t < 0 || t > WaitOptions.MaxTimeoutMilliseconds)
                                ? "options.timeout"
                                : null,
                            since.Exists(s => s < 0) ? "options.since" : null,
                        }
                            .OfType<string>()
                            .ToArray()
                    )
                )
            )
            .Where(a => a.Bad.Length > 0);

    private static JsonObject Obj(params (string Key, Option<long> Value)[] members)
    {
        var o = new JsonObject();
        foreach (var (key, value) in members)
            value.IfSome(v => o[key] = v);
        return o;
    }

    // ---- read ---------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property Read_sends_the_resource_and_exactly_the_options_set() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from o in ValidReadOptions
                select Valid(
                    "read",
                    true,
                    () => TimeSeries.Read(r.Value, o.Value),
                    JArr(r.J, o.J),
                    r,
                    o
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Read_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from o in Arg.Mixed(ValidReadOptions, BadReadOptions)
                    select Invalid(
                        () => TimeSeries.Read(r.Value, o.Value),
                        Arg.BadOf(r.Bad, o.Bad),
                        r,
                        o
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- write --------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property Write_sends_the_resource_and_value_in_either_form() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from v in G.Value
                from form in G.Form
                select Valid(
                    "write",
                    false,
                    () => TimeSeries.Write(r.Value, v.Value, form),
                    form == ArgumentForm.Pyonep ? JArr(r.J, v.J, new JsonObject()) : JArr(r.J, v.J),
                    r,
                    v,
                    form
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Write_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from v in Arg.Mixed(G.Value, G.BadValue("value"))
                    from form in G.Form
                    select Invalid(
                        () => TimeSeries.Write(r.Value, v.Value, form),
                        Arg.BadOf(r.Bad, v.Bad),
                        r,
                        v,
                        form
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- writegroup ---------------------------------------------------------------------------------

    [Property(MaxTest = 200)]
    public Property WriteGroup_sends_every_pair_in_order() =>
        Prop.ForAll(
            Arb.From(
                from entries in Gen.Choose(1, 8)
                    .SelectMany(n =>
                        Gen.ArrayOf(from r in G.Resource from v in G.SmallValue select (r, v), n)
                    )
                select Valid(
                    "writegroup",
                    false,
                    () =>
                        TimeSeries.WriteGroup(
                            toSeq(entries.Select(e => (e.r.Value, e.v.Value)).ToArray())
                        ),
                    JArr(
                        new JsonArray(entries.Select(e => (JsonNode?)JArr(e.r.J, e.v.J)).ToArray())
                    ),
                    string.Join(", ", entries.Select(e => $"[{e.r} {e.v}]"))
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property WriteGroup_names_every_bad_entry_or_an_empty_list() =>
        Prop.ForAll(
            Arb.From(
                Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 6)))
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            from r in Gen.Frequency((3, G.Resource), (1, G.BadResource("x")))
                            from v in Gen.Frequency((12, G.SmallValue), (4, G.SmallBadValue("x")))
                            select (r, v),
                            n
                        )
                    )
                    .Select(entries =>
                        Invalid(
                            () =>
                                TimeSeries.WriteGroup(
                                    toSeq(entries.Select(e => (e.r.Value, e.v.Value)).ToArray())
                                ),
                            entries.Length == 0
                                ? ["entries"]
                                : entries
                                    .SelectMany(
                                        (e, i) =>
                                            new[]
                                            {
                                                e.r.IsValid ? null : $"entries[{i}].resource",
                                                e.v.IsValid ? null : $"entries[{i}].value",
                                            }
                                    )
                                    .OfType<string>()
                                    .ToArray(),
                            string.Join(", ", entries.Select(e => $"[{e.r} {e.v}]"))
                        )
                    )
                    .Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- record and recordbatch ---------------------------------------------------------------------

    private enum Recorder
    {
        Record,
        RecordBatch,
        RecordBatchReportingRejections,
    }

    private static Validation<ApiError, RpcCall<Unit>> Record(
        Recorder kind,
        ResourceId r,
        Seq<(long, PointValue)> entries
    ) =>
        kind switch
        {
            Recorder.Record => TimeSeries.Record(r, entries),
            Recorder.RecordBatch => TimeSeries.RecordBatch(r, entries),
            _ => Untyped(TimeSeries.RecordBatchReportingRejections(r, entries)),
        };

    private static Validation<ApiError, RpcCall<Unit>> Record(
        Recorder kind,
        ResourceId r,
        Seq<(DateTimeOffset, PointValue)> entries
    ) =>
        kind switch
        {
            Recorder.Record => TimeSeries.Record(r, entries),
            Recorder.RecordBatch => TimeSeries.RecordBatch(r, entries),
            _ => Untyped(TimeSeries.RecordBatchReportingRejections(r, entries)),
        };

    private static Gen<Recorder> Recorders { get; } = Gen.Elements(Enum.GetValues<Recorder>());

    private static JsonArray Expected(Recorder kind, Arg<ResourceId> r, JsonArray points) =>
        kind == Recorder.Record ? JArr(r.J, points, new JsonObject()) : JArr(r.J, points);

    private static string Procedure(Recorder kind) =>
        kind == Recorder.Record ? "record" : "recordbatch";

    [Property(MaxTest = 300)]
    public Property Record_and_recordbatch_send_every_timestamped_point_in_order() =>
        Prop.ForAll(
            Arb.From(
                from kind in Recorders
                from r in G.Resource
                from entries in Gen.Choose(1, 8)
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            from ts in G.AnyLong
                            from v in Gen.Frequency((12, G.SmallValue), (1, G.Value))
                            select (ts, v),
                            n
                        )
                    )
                select Valid(
                    Procedure(kind),
                    false,
                    () =>
                        Record(
                            kind,
                            r.Value,
                            toSeq(entries.Select(e => (e.ts, e.v.Value)).ToArray())
                        ),
                    Expected(
                        kind,
                        r,
                        new JsonArray(
                            entries
                                .Select(e => (JsonNode?)JArr(JsonValue.Create(e.ts), e.v.J))
                                .ToArray()
                        )
                    ),
                    kind,
                    r,
                    string.Join(", ", entries.Select(e => $"[{e.ts} {e.v}]"))
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Record_and_recordbatch_send_times_as_whole_unix_seconds_rounded_down() =>
        Prop.ForAll(
            Arb.From(
                from kind in Recorders
                from r in G.Resource
                from entries in Gen.Choose(1, 6)
                    .SelectMany(n =>
                        Gen.ArrayOf(from t in G.Time from v in G.SmallValue select (t, v), n)
                    )
                select Valid(
                    Procedure(kind),
                    false,
                    () =>
                        Record(
                            kind,
                            r.Value,
                            toSeq(entries.Select(e => (e.t.Time, e.v.Value)).ToArray())
                        ),
                    Expected(
                        kind,
                        r,
                        new JsonArray(
                            entries
                                .Select(e => (JsonNode?)JArr(JsonValue.Create(e.t.Unix), e.v.J))
                                .ToArray()
                        )
                    ),
                    kind,
                    r,
                    string.Join(", ", entries.Select(e => $"[{e.t.Time:O} {e.v}]"))
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Record_and_recordbatch_name_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from kind in Recorders
                    from times in Gen.Elements(false, true)
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from entries in Gen.Frequency((1, Gen.Constant(0)), (5, Gen.Choose(1, 6)))
                        .SelectMany(n =>
                            Gen.ArrayOf(
                                from t in G.Time
                                from v in Gen.Frequency(
                                    (12, G.SmallValue),
                                    (4, G.SmallBadValue("x"))
                                )
                                select (t, v),
                                n
                            )
                        )
                    let bad = Arg.BadOf(
                        r.Bad,
                        entries.Length == 0
                            ? ["entries"]
                            : entries
                                .Select((e, i) => e.v.IsValid ? null : $"entries[{i}].value")
                                .OfType<string>()
                    )
                    select Invalid(
                        () =>
                            times
                                ? Record(
                                    kind,
                                    r.Value,
                                    toSeq(entries.Select(e => (e.t.Time, e.v.Value)).ToArray())
                                )
                                : Record(
                                    kind,
                                    r.Value,
                                    toSeq(entries.Select(e => (e.t.Unix, e.v.Value)).ToArray())
                                ),
                        bad,
                        kind,
                        times ? "(times)" : "(unix)",
                        r,
                        string.Join(", ", entries.Select(e => $"[{e.t.Unix} {e.v}]"))
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- flush ----------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property Flush_sends_the_bounds_set_or_no_options_at_all() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from o in ValidFlushOptions
                select Valid(
                    "flush",
                    false,
                    () => TimeSeries.Flush(r.Value, o.Value),
                    ((JsonObject)o.Json!).Count == 0 ? JArr(r.J) : JArr(r.J, o.J),
                    r,
                    o
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Flush_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from o in Arg.Mixed(ValidFlushOptions, BadFlushOptions)
                    select Invalid(
                        () => TimeSeries.Flush(r.Value, o.Value),
                        Arg.BadOf(r.Bad, o.Bad),
                        r,
                        o
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- wait -----------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property Wait_sends_the_resource_and_exactly_the_options_set() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from o in ValidWaitOptions
                select Valid(
                    "wait",
                    true,
                    () => TimeSeries.Wait(r.Value, o.Value),
                    JArr(r.J, o.J),
                    r,
                    o
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Wait_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from o in Arg.Mixed(ValidWaitOptions, BadWaitOptions)
                    select Invalid(
                        () => TimeSeries.Wait(r.Value, o.Value),
                        Arg.BadOf(r.Bad, o.Bad),
                        r,
                        o
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );
}
