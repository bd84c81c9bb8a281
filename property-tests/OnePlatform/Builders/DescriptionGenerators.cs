using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using G = Functional.PropertyTests.OnePlatform.Builders.BuilderGens;

namespace Functional.PropertyTests.OnePlatform.Builders;

/// <summary>
/// Generators of resource descriptions (client, dataport, datarule, dispatch, clone, update) with the JSON each must
/// be sent as (onep.md §2.5, every default written out) or the fields a builder must name. Wire names are spelled
/// here from the spec, not taken from Core.
/// </summary>
public static class DescriptionGens
{
    public static readonly string[] LimitKeys =
    [
        "client",
        "dataport",
        "datarule",
        "disk",
        "dispatch",
        "email",
        "email_bucket",
        "http",
        "http_bucket",
        "share",
        "sms",
        "sms_bucket",
        "xmpp",
        "xmpp_bucket",
    ];

    public static readonly string[] ClientKeys = ["limits", "locked", "meta", "name", "public"];

    public static readonly string[] DataportKeys =
    [
        "format",
        "meta",
        "name",
        "preprocess",
        "public",
        "retention",
        "subscribe",
    ];

    public static readonly string[] DataruleKeys =
    [
        "format",
        "meta",
        "name",
        "preprocess",
        "public",
        "retention",
        "rule",
        "subscribe",
    ];

    public static readonly string[] DispatchKeys =
    [
        "locked",
        "message",
        "meta",
        "method",
        "name",
        "preprocess",
        "public",
        "recipient",
        "retention",
        "subject",
        "subscribe",
    ];

    public static readonly string[] CloneKeys = ["rid", "code", "noaliases", "nohistorical"];

    public static readonly string[] UpdateKeys =
    [
        "limits",
        "locked",
        "message",
        "meta",
        "method",
        "name",
        "preprocess",
        "public",
        "recipient",
        "retention",
        "rule",
        "subject",
        "subscribe",
    ];

    private static Gen<T> Freq<T>(params (int Weight, Gen<T> Gen)[] choices) =>
        Gen.Frequency(choices.Where(c => c.Weight > 0).ToArray());

    /// <summary>Chooses a valid part, or (when <paramref name="allowBad"/>) sometimes a bad one.</summary>
    private static Gen<Arg<T>> Part<T>(bool allowBad, Gen<Arg<T>> valid, Gen<Arg<T>> bad) =>
        allowBad ? Gen.Frequency((3, valid), (1, bad)) : valid;

    private static string[] Bads(params object[] parts) =>
        parts
            .SelectMany(p =>
                p switch
                {
                    string[] s => s,
                    IEnumerable<string> s => s,
                    _ => (IEnumerable<string>)(
                        p.GetType().GetProperty("Bad")?.GetValue(p) as string[]
                        ?? throw new InvalidOperationException(p.GetType().Name)
                    ),
                }
            )
            .ToArray();

    // ---- small parts ------------------------------------------------------------------------------

    public static Gen<Arg<string>> TextPart(string field, bool allowBad) =>
        Part(
            allowBad,
            G.AnyText(16).Select(s => Arg.Ok(s, (JsonNode?)JsonValue.Create(s), G.Q(s))),
            Gen.Constant(Arg.Bad<string>(null!, "null", field))
        );

    public static Gen<Arg<string>> NonEmptyTextPart(string field, bool allowBad) =>
        Part(
            allowBad,
            G.AnyText(16)
                .Where(s => s.Length > 0)
                .Select(s => Arg.Ok(s, (JsonNode?)JsonValue.Create(s), G.Q(s))),
            Gen.Elements<string?>(null, "").Select(s => Arg.Bad(s!, G.Q(s), field))
        );

    public static Gen<Arg<bool>> Bool { get; } =
        Gen.Elements(false, true)
            .Select(b => Arg.Ok(b, (JsonNode?)JsonValue.Create(b), b ? "true" : "false"));

    public static Gen<Arg<Limit>> LimitPart(string field, bool allowBad) =>
        Part(
            allowBad,
            Gen.OneOf(
                Gen.Constant(Arg.Ok(Limit.Zero, (JsonNode?)JsonValue.Create(0L), "0")),
                Gen.Constant(
                    Arg.Ok(Limit.Inherit, (JsonNode?)JsonValue.Create("inherit"), "inherit")
                ),
                G.NonNegative.Select(n =>
                    Arg.Ok(
                        Limit.Of(n),
                        (JsonNode?)JsonValue.Create(n),
                        n.ToString(CultureInfo.InvariantCulture)
                    )
                )
            ),
            G.Negative.Select(n =>
                Arg.Bad(Limit.Of(n), n.ToString(CultureInfo.InvariantCulture), field)
            )
        );

    /// <summary>Extra members: valid ones (keys avoiding <paramref name="typed"/>), or sometimes one bad member.</summary>
    public static Gen<
        Arg<(string Key, JsonElement Element, JsonNode? Node, string Text)[]>
    > ExtrasPart(string field, IReadOnlyList<string> typed, bool allowBad) =>
        Part(
            allowBad,
            G.Extras(typed).Select(xs => Arg.Ok(xs, (JsonNode?)null, G.ShowExtras(xs))),
            from good in G.Extras(typed)
            from bad in G.BadExtra(field, typed)
            let all = good.Where(g => g.Key != bad.Key)
                .Concat(new[] { (bad.Key, bad.Element, (JsonNode?)null, bad.Shown) })
                .ToArray()
            select Arg.Bad(all, G.ShowExtras(good) + " " + bad.Shown, bad.Bad)
        );

    public static Map<string, JsonElement> ToMap(
        IEnumerable<(string Key, JsonElement Element, JsonNode? Node, string Text)> extras
    ) => toMap(extras.Select(x => (x.Key, x.Element)));

    public static Gen<Arg<ClientLimits>> Limits(string field, bool allowBad) =>
        from values in Gen.CollectToSequence(
            LimitKeys.Select(k => LimitPart($"{field}.{k}", allowBad))
        )
        from extras in ExtrasPart(field, LimitKeys, allowBad)
        let v = values.ToArray()
        let limits = new ClientLimits
        {
            Client = v[0].Value,
            Dataport = v[1].Value,
            Datarule = v[2].Value,
            Disk = v[3].Value,
            Dispatch = v[4].Value,
            Email = v[5].Value,
            EmailBucket = v[6].Value,
            Http = v[7].Value,
            HttpBucket = v[8].Value,
            Share = v[9].Value,
            Sms = v[10].Value,
            SmsBucket = v[11].Value,
            Xmpp = v[12].Value,
            XmppBucket = v[13].Value,
            Extra = ToMap(extras.Value),
        }
        let bad = v.SelectMany(x => x.Bad).Concat(extras.Bad).ToArray()
        select new Arg<ClientLimits>(
            limits,
            bad.Length == 0 ? LimitsJson(LimitKeys.Zip(v, (k, x) => (k, x.J)), extras.Value) : null,
            "{"
                + string.Join(
                    ",",
                    LimitKeys
                        .Zip(v)
                        .Where(p => p.Item2.Shown != "0")
                        .Select(p => $"{p.Item1}:{p.Item2}")
                )
                + extras
                + "}",
            bad
        );

    private static JsonObject LimitsJson(
        IEnumerable<(string Key, JsonNode? Value)> limits,
        IEnumerable<(string Key, JsonElement Element, JsonNode? Node, string Text)> extras
    )
    {
        var o = new JsonObject();
        foreach (var (k, v) in limits)
            o[k] = v;
        G.AddTo(o, extras);
        return o;
    }

    private static readonly string[] OpNames =
    [
        "add",
        "sub",
        "mul",
        "div",
        "mod",
        "gt",
        "geq",
        "lt",
        "leq",
        "eq",
        "neq",
        "value",
    ];

    private static Gen<Arg<PreprocessStep>> Step(string field, bool allowBad) =>
        Part(
            allowBad,
            from op in Gen.Choose(0, OpNames.Length - 1)
            from operand in Gen.OneOf(
                Generators.FiniteDouble.Select(d =>
                    (
                        PreprocessOperand.Of(d),
                        (JsonNode?)JsonValue.Create(d),
                        d.ToString("R", CultureInfo.InvariantCulture)
                    )
                ),
                G.Resource.Select(r => (PreprocessOperand.Of(r.Value), r.J, r.Shown))
            )
            select Arg.Ok(
                new PreprocessStep((PreprocessOperator)op, operand.Item1),
                (JsonNode?)new JsonArray(JsonValue.Create(OpNames[op]), operand.Item2),
                $"[{OpNames[op]} {operand.Item3}]"
            ),
            Gen.OneOf(
                Gen.Constant(Arg.Bad<PreprocessStep>(null!, "null", field)),
                from op in G.Undefined<PreprocessOperator>()
                from d in Generators.FiniteDouble
                select Arg.Bad(new PreprocessStep(op, d), $"[op {(int)op}]", $"{field}.op"),
                from op in Gen.Elements(Enum.GetValues<PreprocessOperator>())
                from operand in Gen.OneOf(
                    Gen.Constant<PreprocessOperand>(null!),
                    Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)
                        .Select(d => PreprocessOperand.Of(d)),
                    G.BadResource("x").Select(r => PreprocessOperand.Of(r.Value))
                )
                select Arg.Bad(
                    new PreprocessStep(op, operand),
                    $"[{op} bad operand {operand}]",
                    $"{field}.operand"
                ),
                from op in G.Undefined<PreprocessOperator>()
                select Arg.Bad(
                    new PreprocessStep(op, null!),
                    "[bad op, null operand]",
                    $"{field}.op",
                    $"{field}.operand"
                )
            )
        );

    public static Gen<Arg<Seq<PreprocessStep>>> Preprocess(string field, bool allowBad) =>
        Gen.Choose(0, 3)
            .SelectMany(n =>
                Gen.CollectToSequence(
                    Enumerable.Range(0, n).Select(i => Step($"{field}.preprocess[{i}]", allowBad))
                )
            )
            .Select(steps =>
            {
                var s = steps.ToArray();
                var bad = s.SelectMany(x => x.Bad).ToArray();
                return new Arg<Seq<PreprocessStep>>(
                    toSeq(s.Select(x => x.Value).ToArray()),
                    bad.Length == 0 ? new JsonArray(s.Select(x => x.J).ToArray()) : null,
                    "[" + string.Join(",", s.Select(x => x.Shown)) + "]",
                    bad
                );
            });

    public static Gen<Arg<Retention>> RetentionPart(string field, bool allowBad, bool allowNull) =>
        Part(
            allowBad,
            from count in G.Maybe(G.NonNegative)
            from duration in G.Maybe(G.NonNegative)
            from built in Gen.Elements(false, true)
            let r = built
                ? duration.Fold(
                    count.Fold(Retention.Infinite, (x, c) => x.WithCount(c)),
                    (x, d) => x.WithDuration(d)
                )
                : new Retention(count, duration)
            select Arg.Ok(
                r,
                (JsonNode?)
                    new JsonObject
                    {
                        ["count"] = count.Match(
                            c => (JsonNode)JsonValue.Create(c),
                            () => JsonValue.Create("infinity")
                        ),
                        ["duration"] = duration.Match(
                            d => (JsonNode)JsonValue.Create(d),
                            () => JsonValue.Create("infinity")
                        ),
                    },
                $"{{count {count}, duration {duration}}}"
            ),
            Freq(
                    (
                        allowNull ? 1 : 0,
                        Gen.Constant(Arg.Bad<Retention>(null!, "null", $"{field}.retention"))
                    ),
                    (
                        4,
                        from count in Gen.OneOf(G.Maybe(G.NonNegative), G.Negative.Select(Some))
                        from duration in Gen.OneOf(G.Maybe(G.NonNegative), G.Negative.Select(Some))
                        select Arg.Bad(
                            new Retention(count, duration),
                            $"{{count {count}, duration {duration}}}",
                            new[]
                            {
                                count.Exists(c => c < 0) ? $"{field}.retention.count" : null,
                                duration.Exists(d => d < 0) ? $"{field}.retention.duration" : null,
                            }
                                .OfType<string>()
                                .ToArray()
                        )
                    )
                )
                .Where(a => a.Bad.Length > 0)
        );

    public static Gen<Arg<Option<ResourceId>>> SubscribePart(string field, bool allowBad) =>
        Part(
            allowBad,
            Gen.Frequency(
                (1, Gen.Constant(Arg.Ok(Option<ResourceId>.None, (JsonNode?)null, "null"))),
                (2, G.Resource.Select(r => Arg.Ok(Some(r.Value), r.J, r.Shown)))
            ),
            G.BadResource("x")
                .Where(r => r.Value is not null)
                .Select(r => Arg.Bad(Some(r.Value), r.Shown, $"{field}.subscribe"))
        );

    private static readonly string[] FormatNames = ["float", "integer", "string"];

    public static Gen<Arg<Option<DataFormat>>> FormatPart(string field, bool allowBad) =>
        Part(
            allowBad,
            Gen.Choose(0, 2)
                .Select(i =>
                    Arg.Ok(
                        Some((DataFormat)i),
                        (JsonNode?)JsonValue.Create(FormatNames[i]),
                        FormatNames[i]
                    )
                ),
            Gen.OneOf(
                Gen.Constant(Arg.Bad(Option<DataFormat>.None, "no format", $"{field}.format")),
                G.Undefined<DataFormat>()
                    .Select(f => Arg.Bad(Some(f), $"format {(int)f}", $"{field}.format"))
            )
        );

    private static readonly string[] ComparisonNames = ["gt", "lt", "eq", "geq", "leq", "neq"];

    public static Gen<Arg<DataruleRule>> Rule(string field, bool allowBad) =>
        Part(allowBad, ValidRule, BadRule(field));

    private static Gen<(RuleComparison C, string Name)> Comparison { get; } =
        Gen.Choose(0, 5).Select(i => ((RuleComparison)i, ComparisonNames[i]));

    private static Gen<long> Seconds { get; } = G.NonNegative;

    private static Gen<Arg<DataruleRule>> ValidRule { get; } =
        Gen.OneOf(
            from c in Comparison
            from k in Generators.FiniteDouble
            from repeat in Gen.Elements(false, true)
            select RuleArg(
                new DataruleRule.Simple(c.C, k, repeat),
                "simple",
                new JsonObject
                {
                    ["comparison"] = c.Name,
                    ["constant"] = k,
                    ["repeat"] = repeat,
                }
            ),
            from s in Seconds
            from repeat in Gen.Elements(false, true)
            select RuleArg(
                new DataruleRule.Timeout(s, repeat),
                "timeout",
                new JsonObject { ["timeout"] = s, ["repeat"] = repeat }
            ),
            from c in Comparison
            from k in Generators.FiniteDouble
            from s in Seconds
            from repeat in Gen.Elements(false, true)
            from interval in Gen.Elements(false, true)
            select RuleArg(
                interval
                    ? new DataruleRule.Interval(c.C, k, s, repeat)
                    : new DataruleRule.Duration(c.C, k, s, repeat),
                interval ? "interval" : "duration",
                new JsonObject
                {
                    ["comparison"] = c.Name,
                    ["constant"] = k,
                    ["timeout"] = s,
                    ["repeat"] = repeat,
                }
            ),
            from c in Comparison
            from k in Generators.FiniteDouble
            from n in G.NonNegative
            from s in Seconds
            from repeat in Gen.Elements(false, true)
            select RuleArg(
                new DataruleRule.Count(c.C, k, n, s, repeat),
                "count",
                new JsonObject
                {
                    ["comparison"] = c.Name,
                    ["constant"] = k,
                    ["count"] = n,
                    ["timeout"] = s,
                    ["repeat"] = repeat,
                }
            ),
            G.AnyText(40)
                .Where(s => s.Length > 0)
                .Select(src =>
                    Arg.Ok<DataruleRule>(
                        new DataruleRule.Script(src),
                        new JsonObject { ["script"] = src },
                        "script " + G.Q(src)
                    )
                )
        );

    private static Arg<DataruleRule> RuleArg(DataruleRule rule, string kind, JsonObject body) =>
        Arg.Ok(rule, (JsonNode?)new JsonObject { [kind] = body }, $"{kind} {body.ToJsonString()}");

    private static Gen<(RuleComparison C, string[] Bad)> MaybeBadComparison(string f) =>
        Gen.OneOf(
            Comparison.Select(c => (c.C, System.Array.Empty<string>())),
            G.Undefined<RuleComparison>().Select(c => (c, new[] { $"{f}.comparison" }))
        );

    private static Gen<(double K, string[] Bad)> MaybeBadConstant(string f) =>
        Gen.OneOf(
            Generators.FiniteDouble.Select(k => (k, System.Array.Empty<string>())),
            Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)
                .Select(k => (k, new[] { $"{f}.constant" }))
        );

    private static Gen<(long N, string[] Bad)> MaybeNegative(string f) =>
        Gen.OneOf(
            G.NonNegative.Select(n => (n, System.Array.Empty<string>())),
            G.Negative.Select(n => (n, new[] { f }))
        );

    private static Gen<Arg<DataruleRule>> BadRule(string field) =>
        Gen.OneOf(
                from c in MaybeBadComparison($"{field}.simple")
                from k in MaybeBadConstant($"{field}.simple")
                select Arg.Bad<DataruleRule>(
                    new DataruleRule.Simple(c.C, k.K),
                    $"simple {(int)c.C} {k.K}",
                    [.. c.Bad, .. k.Bad]
                ),
                from s in G.Negative
                select Arg.Bad<DataruleRule>(
                    new DataruleRule.Timeout(s),
                    $"timeout {s}",
                    $"{field}.timeout.timeout"
                ),
                from interval in Gen.Elements("interval", "duration")
                from c in MaybeBadComparison($"{field}.{interval}")
                from k in MaybeBadConstant($"{field}.{interval}")
                from s in MaybeNegative($"{field}.{interval}.timeout")
                select Arg.Bad<DataruleRule>(
                    interval == "interval"
                        ? new DataruleRule.Interval(c.C, k.K, s.N)
                        : new DataruleRule.Duration(c.C, k.K, s.N),
                    $"{interval} {(int)c.C} {k.K} {s.N}",
                    [.. c.Bad, .. k.Bad, .. s.Bad]
                ),
                from c in MaybeBadComparison($"{field}.count")
                from k in MaybeBadConstant($"{field}.count")
                from n in MaybeNegative($"{field}.count.count")
                from s in MaybeNegative($"{field}.count.timeout")
                select Arg.Bad<DataruleRule>(
                    new DataruleRule.Count(c.C, k.K, n.N, s.N),
                    $"count {(int)c.C} {k.K} {n.N} {s.N}",
                    [.. c.Bad, .. k.Bad, .. n.Bad, .. s.Bad]
                ),
                Gen.Elements<string?>(null, "")
                    .Select(src =>
                        Arg.Bad<DataruleRule>(
                            new DataruleRule.Script(src!),
                            "script " + G.Q(src),
                            $"{field}.script"
                        )
                    )
            )
            .Where(a => a.Bad.Length > 0);

    private static readonly string[] MethodNames =
    [
        "email",
        "http_get",
        "http_post",
        "http_put",
        "sms",
        "xmpp",
    ];

    public static Gen<Arg<Option<DispatchMethod>>> MethodPart(
        string field,
        bool allowBad,
        bool allowNone
    ) =>
        Part(
            allowBad,
            Gen.Choose(0, 5)
                .Select(i =>
                    Arg.Ok(
                        Some((DispatchMethod)i),
                        (JsonNode?)JsonValue.Create(MethodNames[i]),
                        MethodNames[i]
                    )
                ),
            Freq(
                (
                    allowNone ? 1 : 0,
                    Gen.Constant(
                        Arg.Bad(Option<DispatchMethod>.None, "no method", $"{field}.method")
                    )
                ),
                (
                    2,
                    G.Undefined<DispatchMethod>()
                        .Select(m => Arg.Bad(Some(m), $"method {(int)m}", $"{field}.method"))
                )
            )
        );

    // ---- descriptions -------------------------------------------------------------------------------

    private static Arg<T> Describe<T>(T value, string[] bad, Func<JsonObject> json, string shown) =>
        new(value, bad.Length == 0 ? json() : null, shown, bad);

    public static Gen<Arg<ClientDescription>> Client(bool allowBad) =>
        from limits in Gen.Frequency(
            (1, Gen.Constant((Arg<ClientLimits>?)null)),
            (3, Limits("description.limits", allowBad).Select(l => (Arg<ClientLimits>?)l))
        )
        from locked in Bool
        from meta in TextPart("description.meta", allowBad)
        from name in TextPart("description.name", allowBad)
        from pub in Bool
        from extras in ExtrasPart("description", ClientKeys, allowBad)
        from nullLimits in Freq((12, Gen.Constant(false)), (allowBad ? 1 : 0, Gen.Constant(true)))
        let lim = nullLimits
            ? Arg.Bad<ClientLimits>(null!, "null", "description.limits")
            : limits ?? Arg.Ok(ClientLimits.Default, (JsonNode?)ZeroLimits(), "default")
        let d = new ClientDescription
        {
            Limits = lim.Value,
            Locked = locked.Value,
            Meta = meta.Value,
            Name = name.Value,
            Public = pub.Value,
            Extra = ToMap(extras.Value),
        }
        select Describe(
            d,
            Bads(lim, meta, name, extras),
            () =>
            {
                var o = new JsonObject
                {
                    ["limits"] = lim.J,
                    ["locked"] = locked.J,
                    ["meta"] = meta.J,
                    ["name"] = name.J,
                    ["public"] = pub.J,
                };
                G.AddTo(o, extras.Value);
                return o;
            },
            $"client {{limits {lim}, locked {locked}, meta {meta}, name {name}, public {pub}{extras}}}"
        );

    private static JsonObject ZeroLimits()
    {
        var o = new JsonObject();
        foreach (var k in LimitKeys)
            o[k] = 0;
        return o;
    }

    public static Gen<Arg<DataportDescription>> Dataport(bool allowBad) =>
        from format in FormatPart("description", allowBad)
        from meta in TextPart("description.meta", allowBad)
        from name in TextPart("description.name", allowBad)
        from pre in Preprocess("description", allowBad)
        from pub in Bool
        from retention in RetentionPart("description", allowBad, allowNull: true)
        from subscribe in SubscribePart("description", allowBad)
        from extras in ExtrasPart("description", DataportKeys, allowBad)
        let d = new DataportDescription
        {
            Format = format.Value,
            Meta = meta.Value,
            Name = name.Value,
            Preprocess = pre.Value,
            Public = pub.Value,
            Retention = retention.Value,
            Subscribe = subscribe.Value,
            Extra = ToMap(extras.Value),
        }
        select Describe(
            d,
            Bads(format, meta, name, pre, retention, subscribe, extras),
            () =>
            {
                var o = new JsonObject
                {
                    ["format"] = format.J,
                    ["meta"] = meta.J,
                    ["name"] = name.J,
                    ["preprocess"] = pre.J,
                    ["public"] = pub.J,
                    ["retention"] = retention.J,
                    ["subscribe"] = subscribe.J,
                };
                G.AddTo(o, extras.Value);
                return o;
            },
            $"dataport {{format {format}, meta {meta}, name {name}, preprocess {pre}, public {pub}, retention {retention}, subscribe {subscribe}{extras}}}"
        );

    public static Gen<Arg<DataruleDescription>> Datarule(bool allowBad) =>
        from format in FormatPart("description", allowBad)
        from meta in TextPart("description.meta", allowBad)
        from name in TextPart("description.name", allowBad)
        from pre in Preprocess("description", allowBad)
        from pub in Bool
        from retention in RetentionPart("description", allowBad, allowNull: true)
        from rule in Part(
            allowBad,
            Rule("description.rule", false).Select(r => Arg.Ok(Some(r.Value), r.J, r.Shown)),
            Gen.Frequency(
                (
                    1,
                    Gen.Constant(Arg.Bad(Option<DataruleRule>.None, "no rule", "description.rule"))
                ),
                (4, BadRule("description.rule").Select(r => Arg.Bad(Some(r.Value), r.Shown, r.Bad)))
            )
        )
        from subscribe in SubscribePart("description", allowBad)
        from extras in ExtrasPart("description", DataruleKeys, allowBad)
        let d = new DataruleDescription
        {
            Format = format.Value,
            Meta = meta.Value,
            Name = name.Value,
            Preprocess = pre.Value,
            Public = pub.Value,
            Retention = retention.Value,
            Rule = rule.Value,
            Subscribe = subscribe.Value,
            Extra = ToMap(extras.Value),
        }
        select Describe(
            d,
            Bads(format, meta, name, pre, retention, rule, subscribe, extras),
            () =>
            {
                var o = new JsonObject
                {
                    ["format"] = format.J,
                    ["meta"] = meta.J,
                    ["name"] = name.J,
                    ["preprocess"] = pre.J,
                    ["public"] = pub.J,
                    ["retention"] = retention.J,
                    ["rule"] = rule.J,
                    ["subscribe"] = subscribe.J,
                };
                G.AddTo(o, extras.Value);
                return o;
            },
            $"datarule {{format {format}, meta {meta}, name {name}, preprocess {pre}, public {pub}, retention {retention}, rule {rule}, subscribe {subscribe}{extras}}}"
        );

    public static Gen<Arg<DispatchDescription>> Dispatch(bool allowBad) =>
        from locked in Bool
        from message in TextPart("description.message", allowBad)
        from meta in TextPart("description.meta", allowBad)
        from method in MethodPart("description", allowBad, allowNone: true)
        from name in TextPart("description.name", allowBad)
        from pre in Preprocess("description", allowBad)
        from pub in Bool
        from recipient in NonEmptyTextPart("description.recipient", allowBad)
        from retention in RetentionPart("description", allowBad, allowNull: true)
        from subject in TextPart("description.subject", allowBad)
        from subscribe in SubscribePart("description", allowBad)
        from extras in ExtrasPart("description", DispatchKeys, allowBad)
        let d = new DispatchDescription
        {
            Locked = locked.Value,
            Message = message.Value,
            Meta = meta.Value,
            Method = method.Value,
            Name = name.Value,
            Preprocess = pre.Value,
            Public = pub.Value,
            Recipient = recipient.Value,
            Retention = retention.Value,
            Subject = subject.Value,
            Subscribe = subscribe.Value,
            Extra = ToMap(extras.Value),
        }
        select Describe(
            d,
            Bads(
                message,
                meta,
                method,
                name,
                pre,
                recipient,
                retention,
                subject,
                subscribe,
                extras
            ),
            () =>
            {
                var o = new JsonObject
                {
                    ["locked"] = locked.J,
                    ["message"] = message.J,
                    ["meta"] = meta.J,
                    ["method"] = method.J,
                    ["name"] = name.J,
                    ["preprocess"] = pre.J,
                    ["public"] = pub.J,
                    ["recipient"] = recipient.J,
                    ["retention"] = retention.J,
                    ["subject"] = subject.J,
                    ["subscribe"] = subscribe.J,
                };
                G.AddTo(o, extras.Value);
                return o;
            },
            $"dispatch {{locked {locked}, message {message}, meta {meta}, method {method}, name {name}, preprocess {pre}, public {pub}, recipient {recipient}, retention {retention}, subject {subject}, subscribe {subscribe}{extras}}}"
        );

    public static Gen<Arg<CloneDescription>> Clone(bool allowBad) =>
        from source in Part(
            allowBad,
            Gen.OneOf(
                G.Identifier.Select(id =>
                    Arg.Ok(
                        (Rid: Some(id), Code: Option<string>.None),
                        (JsonNode?)new JsonObject { ["rid"] = id },
                        "rid " + id
                    )
                ),
                G.Identifier.Select(id =>
                    Arg.Ok(
                        (Rid: Option<string>.None, Code: Some(id)),
                        (JsonNode?)new JsonObject { ["code"] = id },
                        "code " + id
                    )
                )
            ),
            Gen.OneOf(
                Gen.Constant(
                    Arg.Bad(
                        (Rid: Option<string>.None, Code: Option<string>.None),
                        "no source",
                        "description.rid"
                    )
                ),
                from r in G.Identifier
                from c in G.Identifier
                select Arg.Bad((Rid: Some(r), Code: Some(c)), "rid and code", "description.code"),
                G.BadIdentifier.Select(id =>
                    Arg.Bad(
                        (Rid: Some(id), Code: Option<string>.None),
                        "rid " + G.Q(id),
                        "description.rid"
                    )
                ),
                G.BadIdentifier.Select(id =>
                    Arg.Bad(
                        (Rid: Option<string>.None, Code: Some(id)),
                        "code " + G.Q(id),
                        "description.code"
                    )
                )
            )
        )
        from noAliases in Bool
        from noHistorical in Bool
        from built in Gen.Elements(false, true)
        from extras in ExtrasPart("description", CloneKeys, allowBad)
        let start = built && source.Value.Rid.IsSome && source.Value.Code.IsNone
            ? CloneDescription.FromRid((string)source.Value.Rid)
        : built && source.Value.Code.IsSome && source.Value.Rid.IsNone
            ? CloneDescription.FromCode((string)source.Value.Code)
        : new CloneDescription { Rid = source.Value.Rid, Code = source.Value.Code }
        let d = (
            built
                ? start.WithNoAliases(noAliases.Value).WithNoHistorical(noHistorical.Value)
                : start with
                {
                    NoAliases = noAliases.Value,
                    NoHistorical = noHistorical.Value,
                }
        ) with
        {
            Extra = ToMap(extras.Value),
        }
        select Describe(
            d,
            Bads(source, extras),
            () =>
            {
                var o = (JsonObject)source.J!;
                o["noaliases"] = noAliases.J;
                o["nohistorical"] = noHistorical.J;
                G.AddTo(o, extras.Value);
                return o;
            },
            $"clone {{{source}, noaliases {noAliases}, nohistorical {noHistorical}{extras}}}"
        );

    private static Gen<Arg<Option<T>>> Optional<T>(Gen<Arg<T>> g) =>
        Gen.Frequency(
            (1, Gen.Constant(Arg.Ok(Option<T>.None, (JsonNode?)null, "unset"))),
            (1, g.Select(a => new Arg<Option<T>>(Some(a.Value), a.Json, a.Shown, a.Bad)))
        );

    /// <summary>A partial description: every key optional; extras may reuse a typed key that is not set.</summary>
    public static Gen<Arg<ResourceUpdate>> Update(bool allowBad) =>
        from limits in Optional(Limits("description.limits", allowBad))
        from locked in Optional(Bool)
        from message in Optional(TextPart("x", false))
        from meta in Optional(TextPart("x", false))
        from method in Optional(
            MethodPart("description", allowBad, allowNone: false)
                .Select(m => new Arg<DispatchMethod>(
                    (DispatchMethod)m.Value,
                    m.Json,
                    m.Shown,
                    m.Bad
                ))
        )
        from name in Optional(TextPart("x", false))
        from pre in Optional(Preprocess("description", allowBad))
        from pub in Optional(Bool)
        from recipient in Optional(
            NonEmptyTextPart("description.recipient", allowBad).Where(r => r.Value is not null)
        )
        from retention in Optional(RetentionPart("description", allowBad, allowNull: false))
        from rule in Optional(Rule("description.rule", allowBad))
        from subject in Optional(TextPart("x", false))
        from subscribe in Optional(SubscribePart("description", allowBad))
        let set = new (string Key, bool Set)[]
        {
            ("limits", limits.Value.IsSome),
            ("locked", locked.Value.IsSome),
            ("message", message.Value.IsSome),
            ("meta", meta.Value.IsSome),
            ("method", method.Value.IsSome),
            ("name", name.Value.IsSome),
            ("preprocess", pre.Value.IsSome),
            ("public", pub.Value.IsSome),
            ("recipient", recipient.Value.IsSome),
            ("retention", retention.Value.IsSome),
            ("rule", rule.Value.IsSome),
            ("subject", subject.Value.IsSome),
            ("subscribe", subscribe.Value.IsSome),
        }
        let setKeys = set.Where(s => s.Set).Select(s => s.Key).ToArray()
        from unsetExtra in Gen.Frequency(
            (
                2,
                Gen.Constant(
                    System.Array.Empty<(
                        string Key,
                        JsonElement Element,
                        JsonNode? Node,
                        string Text
                    )>()
                )
            ),
            (
                1,
                from key in Gen.Elements(UpdateKeys)
                from v in G.ExtraValue
                select setKeys.Contains(key)
                    ? System.Array.Empty<(
                        string Key,
                        JsonElement Element,
                        JsonNode? Node,
                        string Text
                    )>()
                    : new (string Key, JsonElement Element, JsonNode? Node, string Text)[]
                    {
                        (key, v.Element, v.Node, v.Text),
                    }
            )
        )
        from extras in ExtrasPart("description", setKeys, allowBad)
        let allExtras = unsetExtra
            .Where(u => !extras.Value.Any(e => e.Key == u.Key))
            .Concat(extras.Value)
            .ToArray()
        let u = new ResourceUpdate
        {
            Limits = limits.Value,
            Locked = locked.Value,
            Message = message.Value,
            Meta = meta.Value,
            Method = method.Value,
            Name = name.Value,
            Preprocess = pre.Value,
            Public = pub.Value,
            Recipient = recipient.Value,
            Retention = retention.Value,
            Rule = rule.Value,
            Subject = subject.Value,
            Subscribe = subscribe.Value,
            Extra = ToMap(allExtras),
        }
        select Describe(
            u,
            Bads(limits, method, pre, recipient, retention, rule, subscribe, extras),
            () =>
            {
                var o = new JsonObject();
                void Put<T>(string key, Arg<Option<T>> a)
                {
                    if (a.Value.IsSome)
                        o[key] = a.J;
                }
                Put("limits", limits);
                Put("locked", locked);
                Put("message", message);
                Put("meta", meta);
                Put("method", method);
                Put("name", name);
                Put("preprocess", pre);
                Put("public", pub);
                Put("recipient", recipient);
                Put("retention", retention);
                Put("rule", rule);
                Put("subject", subject);
                Put("subscribe", subscribe);
                G.AddTo(o, allExtras);
                return o;
            },
            "update {"
                + string.Join(
                    ", ",
                    new object[]
                    {
                        limits,
                        locked,
                        message,
                        meta,
                        method,
                        name,
                        pre,
                        pub,
                        recipient,
                        retention,
                        rule,
                        subject,
                        subscribe,
                    }
                        .Zip(UpdateKeys)
                        .Where(p => p.Item1.ToString() != "unset")
                        .Select(p => $"{p.Item2} {p.Item1}")
                )
                + G.ShowExtras(allExtras)
                + "}"
        );
}
