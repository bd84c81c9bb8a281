using System.Text.Json.Nodes;
using static Functional.PropertyTests.OnePlatform.Builders.BuilderCheck;
using D = Functional.PropertyTests.OnePlatform.Builders.DescriptionGens;
using G = Functional.PropertyTests.OnePlatform.Builders.BuilderGens;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>
/// Builder properties of the resource procedures (onep.md §2.5, §2.6, §2.7): create (client, dataport, datarule,
/// dispatch, clone; both argument forms), move, update, info, listing (every form), drop and usage (both time forms).
/// </summary>
public class ResourceBuilderProperties
{
    // ---- create -------------------------------------------------------------------------------------

    /// <summary>A parent valid for the form: any resource (documented) or the caller (pyonep).</summary>
    private static Gen<(ArgumentForm Form, Arg<ResourceId> Parent)> ValidParent { get; } =
        Gen.OneOf(
            G.Resource.Select(p => (ArgumentForm.Documented, p)),
            G.Self.Select(p => (ArgumentForm.Pyonep, p))
        );

    /// <summary>Any form (undefined ones included) with a parent that may be bad for it.</summary>
    private static Gen<(
        ArgumentForm Form,
        Arg<ResourceId> Parent,
        string[] FormBad
    )> AnyParent { get; } =
        from form in Gen.Frequency(
            (3, G.Form.Select(f => (f, System.Array.Empty<string>()))),
            (
                1,
                G.Undefined<ArgumentForm>()
                    .Where(f => f != ArgumentForm.Pyonep)
                    .Select(f => (f, new[] { "form" }))
            )
        )
        from parent in form.f == ArgumentForm.Pyonep
            ? Gen.Frequency(
                (2, G.Self),
                (1, G.NotSelf.Select(p => Arg.Bad(p.Value, p.Shown + " (pyonep)", "parent"))),
                (1, G.BadResource("parent"))
            )
            : Arg.Mixed(G.Resource, G.BadResource("parent"))
        select (form.f, parent, form.Item2);

    private static ValidCase CreateCase<T>(
        string type,
        ArgumentForm form,
        Arg<ResourceId> parent,
        Arg<T> description,
        Func<Validation<ApiError, RpcCall<string>>> build
    ) =>
        Valid(
            "create",
            false,
            build,
            form == ArgumentForm.Pyonep
                ? JArr(JsonValue.Create(type), description.J)
                : JArr(parent.J, JsonValue.Create(type), description.J),
            form,
            parent,
            description
        );

    private static Gen<InvalidCase> CreateInvalid<T>(
        Gen<Arg<T>> valid,
        Gen<Arg<T>> bad,
        Func<ResourceId, T, ArgumentForm, Validation<ApiError, RpcCall<string>>> build
    )
        where T : class =>
        (
            from p in AnyParent
            from d in Gen.Frequency(
                (2, valid),
                (4, bad.Where(b => b.Bad.Length > 0)),
                (1, Gen.Constant(Arg.Bad<T>(null!, "null", "description")))
            )
            select Invalid(
                () => build(p.Parent.Value, d.Value, p.Form),
                Arg.BadOf(p.Parent.Bad, p.FormBad, d.Bad),
                p.Form,
                p.Parent,
                d
            )
        ).Where(c => c.Bad.Length > 0);

    [Property(MaxTest = 200)]
    public Property Create_client_sends_the_whole_description() =>
        Prop.ForAll(
            Arb.From(
                from p in ValidParent
                from d in D.Client(false)
                select CreateCase(
                    "client",
                    p.Form,
                    p.Parent,
                    d,
                    () => Resources.Create(p.Parent.Value, d.Value, p.Form)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Create_client_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                CreateInvalid(
                    D.Client(false),
                    D.Client(true),
                    (p, d, f) => Resources.Create(p, d, f)
                )
            ),
            FailsNaming
        );

    [Property(MaxTest = 200)]
    public Property Create_dataport_sends_the_whole_description() =>
        Prop.ForAll(
            Arb.From(
                from p in ValidParent
                from d in D.Dataport(false)
                select CreateCase(
                    "dataport",
                    p.Form,
                    p.Parent,
                    d,
                    () => Resources.Create(p.Parent.Value, d.Value, p.Form)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Create_dataport_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                CreateInvalid(
                    D.Dataport(false),
                    D.Dataport(true),
                    (p, d, f) => Resources.Create(p, d, f)
                )
            ),
            FailsNaming
        );

    [Property(MaxTest = 200)]
    public Property Create_datarule_sends_the_whole_description() =>
        Prop.ForAll(
            Arb.From(
                from p in ValidParent
                from d in D.Datarule(false)
                select CreateCase(
                    "datarule",
                    p.Form,
                    p.Parent,
                    d,
                    () => Resources.Create(p.Parent.Value, d.Value, p.Form)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Create_datarule_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                CreateInvalid(
                    D.Datarule(false),
                    D.Datarule(true),
                    (p, d, f) => Resources.Create(p, d, f)
                )
            ),
            FailsNaming
        );

    [Property(MaxTest = 200)]
    public Property Create_dispatch_sends_the_whole_description() =>
        Prop.ForAll(
            Arb.From(
                from p in ValidParent
                from d in D.Dispatch(false)
                select CreateCase(
                    "dispatch",
                    p.Form,
                    p.Parent,
                    d,
                    () => Resources.Create(p.Parent.Value, d.Value, p.Form)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Create_dispatch_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                CreateInvalid(
                    D.Dispatch(false),
                    D.Dispatch(true),
                    (p, d, f) => Resources.Create(p, d, f)
                )
            ),
            FailsNaming
        );

    [Property(MaxTest = 200)]
    public Property Create_clone_sends_the_source_and_options() =>
        Prop.ForAll(
            Arb.From(
                from p in ValidParent
                from d in D.Clone(false)
                select CreateCase(
                    "clone",
                    p.Form,
                    p.Parent,
                    d,
                    () => Resources.Create(p.Parent.Value, d.Value, p.Form)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Create_clone_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                CreateInvalid(D.Clone(false), D.Clone(true), (p, d, f) => Resources.Create(p, d, f))
            ),
            FailsNaming
        );

    // ---- move ---------------------------------------------------------------------------------------

    [Property(MaxTest = 200)]
    public Property Move_sends_resource_destination_and_the_aliases_flag() =>
        Prop.ForAll(
            Arb.From(
                from r in G.NotSelf
                from d in G.Resource
                from aliases in Gen.Elements<bool?>(null, false, true)
                select Valid(
                    "move",
                    false,
                    () =>
                        aliases is { } a
                            ? Resources.Move(r.Value, d.Value, a)
                            : Resources.Move(r.Value, d.Value),
                    JArr(r.J, d.J, new JsonObject { ["aliases"] = aliases ?? true }),
                    r,
                    d,
                    aliases?.ToString() ?? "(default)"
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Move_names_every_bad_argument_and_refuses_to_move_the_caller() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.NotSelf, G.BadNotSelf("resource"))
                    from d in Arg.Mixed(G.Resource, G.BadResource("destination"))
                    from aliases in Gen.Elements(false, true)
                    select Invalid(
                        () => Resources.Move(r.Value, d.Value, aliases),
                        Arg.BadOf(r.Bad, d.Bad),
                        r,
                        d,
                        aliases
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- update -------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property Update_sends_exactly_the_keys_set() =>
        Prop.ForAll(
            Arb.From(
                from r in G.NotSelf
                from u in D.Update(false)
                select Valid(
                    "update",
                    false,
                    () => Resources.Update(r.Value, u.Value),
                    JArr(r.J, u.J),
                    r,
                    u
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Update_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.NotSelf, G.BadNotSelf("resource"))
                    from u in Gen.Frequency(
                        (2, D.Update(false)),
                        (4, D.Update(true)),
                        (1, Gen.Constant(Arg.Bad<ResourceUpdate>(null!, "null", "description")))
                    )
                    select Invalid(
                        () => Resources.Update(r.Value, u.Value),
                        Arg.BadOf(r.Bad, u.Bad),
                        r,
                        u
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- info ---------------------------------------------------------------------------------------

    private static readonly string[] InfoKeys =
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

    private static Gen<Arg<InfoOptions>> InfoOptionsArg { get; } =
        from flagsOn in Gen.ArrayOf(Gen.Elements(false, true), InfoKeys.Length)
        from built in Gen.Elements(false, true)
        let options = built
            ? InfoOptions
                .All.WithAliases(flagsOn[0])
                .WithBasic(flagsOn[1])
                .WithComments(flagsOn[2])
                .WithCounts(flagsOn[3])
                .WithDescription(flagsOn[4])
                .WithKey(flagsOn[5])
                .WithShares(flagsOn[6])
                .WithStorage(flagsOn[7])
                .WithSubscribers(flagsOn[8])
                .WithTagged(flagsOn[9])
                .WithTags(flagsOn[10])
                .WithUsage(flagsOn[11])
            : new InfoOptions
            {
                Aliases = flagsOn[0],
                Basic = flagsOn[1],
                Comments = flagsOn[2],
                Counts = flagsOn[3],
                Description = flagsOn[4],
                Key = flagsOn[5],
                Shares = flagsOn[6],
                Storage = flagsOn[7],
                Subscribers = flagsOn[8],
                Tagged = flagsOn[9],
                Tags = flagsOn[10],
                Usage = flagsOn[11],
            }
        let json = new JsonObject(
            InfoKeys
                .Where((_, i) => flagsOn[i])
                .Select(k => KeyValuePair.Create(k, (JsonNode?)JsonValue.Create(true)))
        )
        select Arg.Ok(options, (JsonNode?)json, json.ToJsonString());

    [Property(MaxTest = 200)]
    public Property Info_sends_exactly_the_parts_requested() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from o in InfoOptionsArg
                select Valid(
                    "info",
                    true,
                    () => Resources.Info(r.Value, o.Value),
                    JArr(r.J, o.J),
                    r,
                    o
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Info_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from o in Arg.Mixed(
                        InfoOptionsArg,
                        Gen.Constant(Arg.Bad<InfoOptions>(null!, "null", "options"))
                    )
                    select Invalid(
                        () => Resources.Info(r.Value, o.Value),
                        Arg.BadOf(r.Bad, o.Bad),
                        r,
                        o
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- listing ------------------------------------------------------------------------------------

    private static readonly string[] TypeNames =
    [
        "client",
        "dataport",
        "datarule",
        "dispatch",
        "token",
    ];

    /// <summary>Distinct known types in any order, at least one.</summary>
    private static Gen<Arg<Seq<ResourceType>>> Types { get; } =
        from order in Gen.Shuffle(Enumerable.Range(0, TypeNames.Length).ToArray())
        from n in Gen.Choose(1, TypeNames.Length)
        let chosen = order.Take(n).ToArray()
        select Arg.Ok(
            toSeq(chosen.Select(i => (ResourceType)i).ToArray()),
            (JsonNode?)
                new JsonArray(
                    chosen.Select(i => (JsonNode?)JsonValue.Create(TypeNames[i])).ToArray()
                ),
            "[" + string.Join(",", chosen.Select(i => TypeNames[i])) + "]"
        );

    /// <summary>Types with at least one problem: empty, an unknown value, a repeat.</summary>
    private static Gen<Arg<Seq<ResourceType>>> BadTypes { get; } =
        Gen.OneOf(
                Gen.Constant(Arg.Bad(Seq<ResourceType>(), "[]", "types")),
                Gen.Choose(1, 7)
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            Gen.Frequency(
                                (
                                    4,
                                    Gen.Choose(0, TypeNames.Length - 1).Select(i => (ResourceType)i)
                                ),
                                (1, G.Undefined<ResourceType>())
                            ),
                            n
                        )
                    )
                    .Select(ts =>
                    {
                        var seen = new System.Collections.Generic.HashSet<ResourceType>();
                        var bad = ts.Select(
                                (t, i) => !Enum.IsDefined(t) || !seen.Add(t) ? $"types[{i}]" : null
                            )
                            .OfType<string>()
                            .ToArray();
                        return Arg.Bad(
                            toSeq(ts),
                            "[" + string.Join(",", ts.Select(t => (int)t)) + "]",
                            bad
                        );
                    })
            )
            .Where(a => a.Bad.Length > 0);

    private static Gen<Arg<ListingOptions>> ListingOptionsArg(bool allowBad) =>
        from flags in Gen.ArrayOf(Gen.Elements(false, true), 4)
        from tags in Gen.Choose(0, 3)
            .SelectMany(n =>
                Gen.ArrayOf(
                    allowBad
                        ? Gen.Frequency(
                            (
                                3,
                                G.AnyText(8)
                                    .Where(t => t.Length > 0)
                                    .Select(t => (Tag: t, Bad: false))
                            ),
                            (1, Gen.Elements<string?>(null, "").Select(t => (Tag: t!, Bad: true)))
                        )
                        : G.AnyText(8).Where(t => t.Length > 0).Select(t => (Tag: t, Bad: false)),
                    n
                )
            )
        from built in Gen.Elements(false, true)
        let options = built
            ? ListingOptions
                .Default.WithActivated(flags[0])
                .WithAliased(flags[1])
                .WithOwned(flags[2])
                .WithPublic(flags[3])
                .WithTagged(toSeq(tags.Select(t => t.Tag).ToArray()))
            : new ListingOptions
            {
                Activated = flags[0],
                Aliased = flags[1],
                Owned = flags[2],
                Public = flags[3],
                Tagged = toSeq(tags.Select(t => t.Tag).ToArray()),
            }
        let bad = tags.Select((t, i) => t.Bad ? $"options.tagged[{i}]" : null)
            .OfType<string>()
            .ToArray()
        let json = ListingJson(flags, tags.Select(t => t.Tag).ToArray())
        select new Arg<ListingOptions>(
            options,
            bad.Length == 0 ? json : null,
            "{"
                + string.Join(
                    ",",
                    new[] { "activated", "aliased", "owned", "public" }.Where((_, i) => flags[i])
                )
                + " tagged ["
                + string.Join(",", tags.Select(t => G.Q(t.Tag)))
                + "]}",
            bad
        );

    private static JsonObject ListingJson(bool[] flags, string[] tags)
    {
        var o = new JsonObject();
        string[] keys = ["activated", "aliased", "owned", "public"];
        for (var i = 0; i < keys.Length; i++)
        {
            if (flags[i])
                o[keys[i]] = true;
        }
        if (tags.Length > 0)
            o["tagged"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        return o;
    }

    [Property(MaxTest = 300)]
    public Property Listing_sends_client_types_and_options_in_the_form_asked() =>
        Prop.ForAll(
            Arb.From(
                from c in G.Resource
                from t in Types
                from o in ListingOptionsArg(false)
                from form in G.Form
                select Valid(
                    "listing",
                    true,
                    () => Resources.Listing(c.Value, t.Value, o.Value, form),
                    form == ArgumentForm.Pyonep && c.Value is ResourceId.Caller
                        ? JArr(t.J, o.J)
                        : JArr(c.J, t.J, o.J),
                    form,
                    c,
                    t,
                    o
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Listing_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from c in Arg.Mixed(G.Resource, G.BadResource("client"))
                    from t in Arg.Mixed(Types, BadTypes)
                    from o in Gen.Frequency(
                        (2, ListingOptionsArg(false)),
                        (2, ListingOptionsArg(true)),
                        (1, Gen.Constant(Arg.Bad<ListingOptions>(null!, "null", "options")))
                    )
                    from form in Gen.Frequency(
                        (4, G.Form.Select(f => (f, System.Array.Empty<string>()))),
                        (1, G.Undefined<ArgumentForm>().Select(f => (f, new[] { "form" })))
                    )
                    select Invalid(
                        () => Resources.Listing(c.Value, t.Value, o.Value, form.f),
                        Arg.BadOf(c.Bad, t.Bad, o.Bad, form.Item2),
                        form.f,
                        c,
                        t,
                        o
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    [Property(MaxTest = 200)]
    public Property Listing_of_types_alone_sends_only_the_types() =>
        Prop.ForAll(
            Arb.From(
                Types.Select(t =>
                    Valid("listing", true, () => Resources.Listing(t.Value), JArr(t.J), t)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Listing_of_types_alone_names_every_bad_type() =>
        Prop.ForAll(
            Arb.From(BadTypes.Select(t => Invalid(() => Resources.Listing(t.Value), t.Bad, t))),
            FailsNaming
        );

    // ---- drop ---------------------------------------------------------------------------------------

    [Property(MaxTest = 200)]
    public Property Drop_sends_the_resource() =>
        Prop.ForAll(
            Arb.From(
                G.Resource.Select(r =>
                    Valid("drop", false, () => Resources.Drop(r.Value), JArr(r.J), r)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Drop_names_a_bad_resource() =>
        Prop.ForAll(
            Arb.From(
                G.BadResource("resource")
                    .Select(r => Invalid(() => Resources.Drop(r.Value), r.Bad, r))
            ),
            FailsNaming
        );

    // ---- usage --------------------------------------------------------------------------------------

    private static readonly string[] MetricNames =
    [
        "client",
        "dataport",
        "datarule",
        "dispatch",
        "share",
        "email",
        "http",
        "sms",
        "xmpp",
    ];

    private static Gen<(UsageMetric Metric, string Name)> Metric { get; } =
        Gen.Choose(0, MetricNames.Length - 1).Select(i => ((UsageMetric)i, MetricNames[i]));

    [Property(MaxTest = 200)]
    public Property Usage_sends_client_metric_and_window() =>
        Prop.ForAll(
            Arb.From(
                from c in G.Resource
                from m in Metric
                from start in G.NonNegative
                from length in G.NonNegative
                let end = start > long.MaxValue - length ? long.MaxValue : start + length
                select Valid(
                    "usage",
                    true,
                    () => Resources.Usage(c.Value, m.Metric, start, end),
                    JArr(
                        c.J,
                        JsonValue.Create(m.Name),
                        JsonValue.Create(start),
                        JsonValue.Create(end)
                    ),
                    c,
                    m.Name,
                    start,
                    end
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Usage_sends_times_as_whole_unix_seconds() =>
        Prop.ForAll(
            Arb.From(
                (
                    from c in G.Resource
                    from m in Metric
                    from a in G.Time
                    from b in G.Time
                    let start = a.Unix <= b.Unix ? a : b
                    let end = a.Unix <= b.Unix ? b : a
                    select (c, m, start, end)
                )
                    .Where(x => x.start.Unix >= 0)
                    .Select(x =>
                        Valid(
                            "usage",
                            true,
                            () => Resources.Usage(x.c.Value, x.m.Metric, x.start.Time, x.end.Time),
                            JArr(
                                x.c.J,
                                JsonValue.Create(x.m.Name),
                                JsonValue.Create(x.start.Unix),
                                JsonValue.Create(x.end.Unix)
                            ),
                            x.c,
                            x.m.Name,
                            x.start.Time.ToString("O"),
                            x.end.Time.ToString("O")
                        )
                    )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Usage_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from c in Arg.Mixed(G.Resource, G.BadResource("client"))
                    from m in Gen.Frequency(
                        (2, Metric.Select(m => (m.Metric, System.Array.Empty<string>()))),
                        (1, G.Undefined<UsageMetric>().Select(m => (m, new[] { "metric" })))
                    )
                    from start in Gen.OneOf(G.NonNegative, G.Negative, G.AnyLong)
                    from end in Gen.OneOf(G.NonNegative, G.Negative, G.AnyLong)
                    let bad = Arg.BadOf(
                        c.Bad,
                        m.Item2,
                        start < 0 ? ["startTime"] : [],
                        end < 0 || (start >= 0 && end < start) ? ["endTime"] : []
                    )
                    select Invalid(
                        () => Resources.Usage(c.Value, m.Item1, start, end),
                        bad,
                        c,
                        (int)m.Item1,
                        start,
                        end
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );
}
