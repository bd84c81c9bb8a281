using System.Text.Json.Nodes;
using static Functional.PropertyTests.OnePlatform.Builders.BuilderCheck;
using G = Functional.PropertyTests.OnePlatform.Builders.BuilderGens;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>Builder properties of share, revoke, activate, deactivate (onep.md §2.5 Shares and keys) and the undocumented grant.</summary>
public class SharesAndKeysBuilderProperties
{
    // ---- share --------------------------------------------------------------------------------------

    private static Gen<Arg<ShareOptions>> ShareOptionsArg { get; } =
        from meta in Gen.Frequency(
            (1, Gen.Constant(Option<string>.None)),
            (2, G.AnyText(30).Select(Some))
        )
        from code in Gen.Frequency(
            (1, Gen.Constant(Option<string>.None)),
            (1, G.Identifier.Select(Some))
        )
        from built in Gen.Elements(false, true)
        let options = built
            ? code.Fold(
                meta.Fold(ShareOptions.Default, (o, m) => o.WithMeta(m)),
                (o, c) => o.WithCode(c)
            )
            : new ShareOptions(meta, code)
        let json = Share(meta, code)
        select Arg.Ok(options, (JsonNode?)json, json.ToJsonString());

    private static JsonObject Share(Option<string> meta, Option<string> code)
    {
        var o = new JsonObject();
        meta.IfSome(m => o["meta"] = m);
        code.IfSome(c => o["code"] = c);
        return o;
    }

    private static Gen<Arg<ShareOptions>> BadShareOptions { get; } =
        Gen.OneOf(
            Gen.Constant(Arg.Bad<ShareOptions>(null!, "null", "options")),
            from meta in Gen.Frequency(
                (1, Gen.Constant(Option<string>.None)),
                (2, G.AnyText(30).Select(Some))
            )
            from code in G.BadIdentifier
            select Arg.Bad(new ShareOptions(meta, Some(code)), "code " + G.Q(code), "options.code")
        );

    [Property(MaxTest = 200)]
    public Property Share_sends_the_resource_and_exactly_the_options_set() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from o in ShareOptionsArg
                select Valid(
                    "share",
                    false,
                    () => SharesAndKeys.Share(r.Value, o.Value),
                    JArr(r.J, o.J),
                    r,
                    o
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Share_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from o in Arg.Mixed(ShareOptionsArg, BadShareOptions)
                    select Invalid(
                        () => SharesAndKeys.Share(r.Value, o.Value),
                        Arg.BadOf(r.Bad, o.Bad),
                        r,
                        o
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- revoke, activate, deactivate ---------------------------------------------------------------

    private static Gen<(CodeType Type, string Wire)> CodeTypes { get; } =
        Gen.Elements((CodeType.Client, "client"), (CodeType.Share, "share"));

    private static Gen<(CodeType Type, string[] Bad)> AnyCodeType { get; } =
        Gen.Frequency(
            (2, CodeTypes.Select(t => (t.Type, System.Array.Empty<string>()))),
            (1, G.Undefined<CodeType>().Select(t => (t, new[] { "codeType" })))
        );

    [Property(MaxTest = 200)]
    public Property Revoke_sends_the_code_type_and_code() =>
        Prop.ForAll(
            Arb.From(
                from t in CodeTypes
                from c in G.IdArg
                select Valid(
                    "revoke",
                    false,
                    () => SharesAndKeys.Revoke(t.Type, c.Value),
                    JArr(JsonValue.Create(t.Wire), c.J),
                    t.Wire,
                    c
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 200)]
    public Property Revoke_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from t in AnyCodeType
                    from c in Arg.Mixed(G.IdArg, G.BadIdArg("code"))
                    select Invalid(
                        () => SharesAndKeys.Revoke(t.Type, c.Value),
                        Arg.BadOf(t.Bad, c.Bad),
                        (int)t.Type,
                        c
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    private static Validation<ApiError, RpcCall<Unit>> CodeCall(
        bool activate,
        ResourceId client,
        CodeType type,
        string code,
        ArgumentForm form
    ) =>
        activate
            ? SharesAndKeys.Activate(client, type, code, form)
            : SharesAndKeys.Deactivate(client, type, code, form);

    [Property(MaxTest = 300)]
    public Property Activate_and_deactivate_send_the_code_in_either_form() =>
        Prop.ForAll(
            Arb.From(
                from activate in Gen.Elements(false, true)
                from f in Gen.OneOf(
                    G.Resource.Select(c => (Form: ArgumentForm.Documented, Client: c)),
                    G.Self.Select(c => (Form: ArgumentForm.Pyonep, Client: c))
                )
                from t in CodeTypes
                from c in G.IdArg
                select Valid(
                    activate ? "activate" : "deactivate",
                    false,
                    () => CodeCall(activate, f.Client.Value, t.Type, c.Value, f.Form),
                    f.Form == ArgumentForm.Pyonep
                        ? JArr(JsonValue.Create(t.Wire), c.J)
                        : JArr(f.Client.J, JsonValue.Create(t.Wire), c.J),
                    f.Form,
                    f.Client,
                    t.Wire,
                    c
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Activate_and_deactivate_name_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from activate in Gen.Elements(false, true)
                    from f in Gen.OneOf(
                        Arg.Mixed(G.Resource, G.BadResource("client"))
                            .Select(c => (Form: ArgumentForm.Documented, Client: c)),
                        Gen.Frequency(
                                (1, G.Self),
                                (
                                    1,
                                    G.NotSelf.Select(c =>
                                        Arg.Bad(c.Value, c.Shown + " (pyonep)", "client")
                                    )
                                ),
                                (1, G.BadResource("client"))
                            )
                            .Select(c => (Form: ArgumentForm.Pyonep, Client: c))
                    )
                    from t in AnyCodeType
                    from c in Arg.Mixed(G.IdArg, G.BadIdArg("code"))
                    select Invalid(
                        () => CodeCall(activate, f.Client.Value, t.Type, c.Value, f.Form),
                        Arg.BadOf(f.Client.Bad, t.Bad, c.Bad),
                        activate ? "activate" : "deactivate",
                        f.Form,
                        f.Client,
                        (int)t.Type,
                        c
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );

    // ---- grant --------------------------------------------------------------------------------------

    private static Gen<string> ProcedureName { get; } =
        Gen.OneOf(
            Gen.Elements("read", "write", "info", "listing", "recordbatch", "flush", "x"),
            Gen.Choose(1, 12)
                .SelectMany(n => Gen.ArrayOf(Gen.Choose('a', 'z').Select(c => (char)c), n))
                .Select(cs => new string(cs))
        );

    private static Gen<string?> BadProcedureName { get; } =
        Gen.Elements<string?>(
            null,
            "",
            "Read",
            "read ",
            "write1",
            "rea-d",
            "é",
            "READ",
            "lis\nting",
            "😀"
        );

    /// <summary>Valid permissions: distinct RIDs, each with at least one procedure name.</summary>
    private static Gen<Arg<Map<string, Seq<string>>>> Permissions { get; } =
        Gen.Choose(1, 4)
            .SelectMany(n =>
                Gen.ArrayOf(
                    from rid in G.Identifier
                    from procedures in Gen.Choose(1, 4)
                        .SelectMany(k => Gen.ArrayOf(ProcedureName, k))
                    select (rid, procedures),
                    n
                )
            )
            .Select(entries =>
            {
                var distinct = entries.DistinctBy(e => e.rid).ToArray();
                var json = new JsonObject();
                foreach (var (rid, procedures) in distinct)
                    json[rid] = new JsonArray(
                        procedures.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()
                    );
                return Arg.Ok(
                    toMap(distinct.Select(e => (e.rid, toSeq(e.procedures)))),
                    (JsonNode?)json,
                    json.ToJsonString()
                );
            });

    /// <summary>Permissions with problems: none at all, bad RIDs, no procedures, bad procedure names.</summary>
    private static Gen<Arg<Map<string, Seq<string>>>> BadPermissions { get; } =
        Gen.OneOf(
                Gen.Constant(Arg.Bad(Map<string, Seq<string>>(), "{}", "permissions")),
                Gen.Choose(1, 4)
                    .SelectMany(n =>
                        Gen.ArrayOf(
                            from rid in Gen.Frequency((2, G.Identifier), (1, G.BadIdentifier))
                            from procedures in Gen.Choose(0, 3)
                                .SelectMany(k =>
                                    Gen.ArrayOf(
                                        Gen.Frequency(
                                            (3, ProcedureName.Select(p => (string?)p)),
                                            (1, BadProcedureName)
                                        ),
                                        k
                                    )
                                )
                            select (rid, procedures),
                            n
                        )
                    )
                    .Select(entries =>
                    {
                        var map = toMap(
                            entries
                                .DistinctBy(e => e.rid)
                                .Select(e => (e.rid, toSeq(e.procedures.Select(p => p!))))
                        );
                        // Field indices follow the map's own enumeration order.
                        var bad = map.AsEnumerable()
                            .SelectMany(
                                (e, i) =>
                                    (IsRid(e.Key) ? [] : new[] { $"permissions[{i}]" }).Concat(
                                        e.Value.IsEmpty
                                            ? [$"permissions[{i}].procedures"]
                                            : e
                                                .Value.Select(
                                                    (p, j) =>
                                                        p is { Length: > 0 }
                                                        && p.All(char.IsAsciiLetterLower)
                                                            ? null
                                                            : $"permissions[{i}].procedures[{j}]"
                                                )
                                                .OfType<string>()
                                    )
                            )
                            .ToArray();
                        return Arg.Bad(
                            map,
                            "{"
                                + string.Join(
                                    ", ",
                                    map.AsEnumerable()
                                        .Select(e =>
                                            $"{G.Q(e.Key)}: [{string.Join(",", e.Value.Select(G.Q))}]"
                                        )
                                )
                                + "}",
                            bad
                        );
                    })
            )
            .Where(a => a.Bad.Length > 0);

    private static bool IsRid(string? s) =>
        s is { Length: 40 } && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private enum TtlForm
    {
        Omitted,
        Seconds,
        Span,
        OptionNone,
        OptionSome,
    }

    private static Validation<ApiError, RpcCall<string>> Grant(
        ResourceId r,
        Map<string, Seq<string>> p,
        TtlForm form,
        long seconds,
        TimeSpan span
    ) =>
        form switch
        {
            TtlForm.Omitted => SharesAndKeys.Grant(r, p),
            TtlForm.Seconds => SharesAndKeys.Grant(r, p, seconds),
            TtlForm.Span => SharesAndKeys.Grant(r, p, span),
            TtlForm.OptionNone => SharesAndKeys.Grant(r, p, Option<long>.None),
            _ => SharesAndKeys.Grant(r, p, Some(seconds)),
        };

    /// <summary>Time spans up to about ten years, any tick count, with the whole seconds they round up to.</summary>
    private static Gen<(TimeSpan Span, long Seconds)> Span { get; } =
        from seconds in Gen.Frequency(
            (3, Gen.Choose(0, 100_000).Select(s => (long)s)),
            (1, Gen.Choose(0, 315_360_000).Select(s => (long)s))
        )
        from extra in Gen.Frequency(
            (1, Gen.Constant(0L)),
            (2, Gen.Choose(1, 9_999_999).Select(t => (long)t))
        )
        let ticks = (seconds * TimeSpan.TicksPerSecond) + extra
        where ticks > 0
        select (TimeSpan.FromTicks(ticks), seconds + (extra > 0 ? 1 : 0));

    [Property(MaxTest = 300)]
    public Property Grant_sends_resource_permissions_and_the_ttl_when_given() =>
        Prop.ForAll(
            Arb.From(
                from r in G.Resource
                from p in Permissions
                from form in Gen.Elements(Enum.GetValues<TtlForm>())
                from seconds in Gen.OneOf(
                    G.NonNegative.Where(s => s > 0),
                    Gen.Constant(1L),
                    Gen.Constant(long.MaxValue)
                )
                from span in Span
                let ttl = form switch
                {
                    TtlForm.Seconds or TtlForm.OptionSome => Some(seconds),
                    TtlForm.Span => Some(span.Seconds),
                    _ => Option<long>.None,
                }
                select Valid(
                    "grant",
                    false,
                    () => Grant(r.Value, p.Value, form, seconds, span.Span),
                    ttl.Match(
                        t => JArr(r.J, p.J, new JsonObject { ["ttl"] = t }),
                        () => JArr(r.J, p.J)
                    ),
                    r,
                    p,
                    form,
                    form == TtlForm.Span
                        ? $"{span.Span.Ticks} ticks"
                        : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
                )
            ),
            Succeeds
        );

    [Property(MaxTest = 300)]
    public Property Grant_names_every_bad_argument() =>
        Prop.ForAll(
            Arb.From(
                (
                    from r in Arg.Mixed(G.Resource, G.BadResource("resource"))
                    from p in Arg.Mixed(Permissions, BadPermissions)
                    from form in Gen.Elements(Enum.GetValues<TtlForm>())
                    from seconds in Gen.OneOf(G.NonNegative, G.Negative)
                    from spanTicks in Gen.OneOf(
                        Gen.Choose(1, int.MaxValue).Select(t => (long)t),
                        Gen.Choose(int.MinValue, 0).Select(t => (long)t),
                        Gen.Elements(TimeSpan.MinValue.Ticks, -1L, 0L)
                    )
                    let ttlBad = form switch
                    {
                        TtlForm.Seconds or TtlForm.OptionSome => seconds <= 0,
                        TtlForm.Span => spanTicks <= 0,
                        _ => false,
                    }
                    select Invalid(
                        () => Grant(r.Value, p.Value, form, seconds, TimeSpan.FromTicks(spanTicks)),
                        Arg.BadOf(r.Bad, p.Bad, ttlBad ? ["ttl"] : []),
                        r,
                        p,
                        form,
                        form == TtlForm.Span
                            ? $"{spanTicks} ticks"
                            : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    )
                ).Where(c => c.Bad.Length > 0)
            ),
            FailsNaming
        );
}
