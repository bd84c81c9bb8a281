using System.Globalization;
using System.Text.Json;
using Functional.Core.OnePlatform;
using LE = LanguageExt;

namespace Functional.Cli.Commands.OnePlatform;

/// <summary>
/// Full JSON descriptions (as <c>create --file</c> takes them, and as <c>info</c> returns them for <c>copy</c>) read
/// into the typed descriptions. Known keys are typed; other keys are sent as they are. Errors name the key.
/// </summary>
internal static class OnePlatformDescriptions
{
    public static ClientDescription Client(JsonElement o, string field)
    {
        var d = ClientDescription.Default;
        foreach (var p in o.EnumerateObject())
        {
            var f = $"{field}.{p.Name}";
            d = p.Name switch
            {
                "limits" => d.WithLimits(Limits(p.Value, f)),
                "locked" => d.WithLocked(Bool(p.Value, f)),
                "meta" => d.WithMeta(Text(p.Value, f)),
                "name" => d.WithName(Text(p.Value, f)),
                "public" => d.WithPublic(Bool(p.Value, f)),
                _ => d.WithExtra(p.Name, p.Value),
            };
        }
        return d;
    }

    public static DataportDescription Dataport(JsonElement o, string field)
    {
        var d = new DataportDescription();
        foreach (var p in o.EnumerateObject())
        {
            var f = $"{field}.{p.Name}";
            d = p.Name switch
            {
                "format" => d.WithFormat(Format(p.Value, f)),
                "meta" => d.WithMeta(Text(p.Value, f)),
                "name" => d.WithName(Text(p.Value, f)),
                "preprocess" => d.WithPreprocess(Preprocess(p.Value, f)),
                "public" => d.WithPublic(Bool(p.Value, f)),
                "retention" => d.WithRetention(Retention(p.Value, f)),
                "subscribe" => Subscribe(p.Value, f) is { } r
                    ? d.WithSubscribe(r)
                    : d.WithoutSubscribe(),
                _ => d.WithExtra(p.Name, p.Value),
            };
        }
        return d.Format.IsSome
            ? d
            : throw new CliUsageException(
                $"{field}.format: is required (float, integer or string)"
            );
    }

    public static DataruleDescription Datarule(JsonElement o, string field)
    {
        var d = new DataruleDescription();
        foreach (var p in o.EnumerateObject())
        {
            var f = $"{field}.{p.Name}";
            d = p.Name switch
            {
                "format" => d.WithFormat(Format(p.Value, f)),
                "meta" => d.WithMeta(Text(p.Value, f)),
                "name" => d.WithName(Text(p.Value, f)),
                "preprocess" => d.WithPreprocess(Preprocess(p.Value, f)),
                "public" => d.WithPublic(Bool(p.Value, f)),
                "retention" => d.WithRetention(Retention(p.Value, f)),
                "rule" => d.WithRule(Rule(p.Value, f)),
                "subscribe" => Subscribe(p.Value, f) is { } r
                    ? d.WithSubscribe(r)
                    : d.WithoutSubscribe(),
                _ => d.WithExtra(p.Name, p.Value),
            };
        }
        if (d.Format.IsNone)
        {
            throw new CliUsageException($"{field}.format: is required (float, integer or string)");
        }
        return d.Rule.IsSome ? d : throw new CliUsageException($"{field}.rule: is required");
    }

    public static DispatchDescription Dispatch(JsonElement o, string field)
    {
        var d = new DispatchDescription();
        foreach (var p in o.EnumerateObject())
        {
            var f = $"{field}.{p.Name}";
            d = p.Name switch
            {
                "locked" => d.WithLocked(Bool(p.Value, f)),
                "message" => d.WithMessage(Text(p.Value, f)),
                "meta" => d.WithMeta(Text(p.Value, f)),
                "method" => d.WithMethod(Method(Text(p.Value, f), f)),
                "name" => d.WithName(Text(p.Value, f)),
                "preprocess" => d.WithPreprocess(Preprocess(p.Value, f)),
                "public" => d.WithPublic(Bool(p.Value, f)),
                "recipient" => d.WithRecipient(Text(p.Value, f)),
                "retention" => d.WithRetention(Retention(p.Value, f)),
                "subject" => d.WithSubject(Text(p.Value, f)),
                "subscribe" => Subscribe(p.Value, f) is { } r
                    ? d.WithSubscribe(r)
                    : d.WithoutSubscribe(),
                _ => d.WithExtra(p.Name, p.Value),
            };
        }
        return d;
    }

    public static DataFormat Format(string text, string field) =>
        text switch
        {
            "float" => DataFormat.Float,
            "integer" => DataFormat.Integer,
            "string" => DataFormat.String,
            _ => throw new CliUsageException($"{field}: '{text}' is not float, integer or string"),
        };

    public static DispatchMethod Method(string text, string field) =>
        text switch
        {
            "email" => DispatchMethod.Email,
            "http_get" => DispatchMethod.HttpGet,
            "http_post" => DispatchMethod.HttpPost,
            "http_put" => DispatchMethod.HttpPut,
            "sms" => DispatchMethod.Sms,
            "xmpp" => DispatchMethod.Xmpp,
            _ => throw new CliUsageException(
                $"{field}: '{text}' is not email, http_get, http_post, http_put, sms or xmpp"
            ),
        };

    /// <summary>One limit: a number or <c>inherit</c>.</summary>
    public static Limit Limit(string text, string field) =>
        text == "inherit" ? Core.OnePlatform.Limit.Inherit
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Core.OnePlatform.Limit.Of(n)
        : throw new CliUsageException($"{field}: '{text}' is not a number ≥ 0 or inherit");

    /// <summary>Sets the limit named <paramref name="key"/>.</summary>
    public static ClientLimits WithLimit(
        ClientLimits limits,
        string key,
        Limit limit,
        string field
    ) =>
        key switch
        {
            "client" => limits.WithClient(limit),
            "dataport" => limits.WithDataport(limit),
            "datarule" => limits.WithDatarule(limit),
            "disk" => limits.WithDisk(limit),
            "dispatch" => limits.WithDispatch(limit),
            "email" => limits.WithEmail(limit),
            "email_bucket" => limits.WithEmailBucket(limit),
            "http" => limits.WithHttp(limit),
            "http_bucket" => limits.WithHttpBucket(limit),
            "share" => limits.WithShare(limit),
            "sms" => limits.WithSms(limit),
            "sms_bucket" => limits.WithSmsBucket(limit),
            "xmpp" => limits.WithXmpp(limit),
            "xmpp_bucket" => limits.WithXmppBucket(limit),
            _ => throw new CliUsageException(
                $"{field}: '{key}' is not a limit ({string.Join(", ", ClientLimits.Keys)})"
            ),
        };

    private static ClientLimits Limits(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException($"{field}: expected an object of limits");
        }
        var limits = ClientLimits.Default;
        foreach (var p in e.EnumerateObject())
        {
            var f = $"{field}.{p.Name}";
            if (!ClientLimits.Keys.Contains(p.Name))
            {
                limits = limits.WithExtra(p.Name, p.Value);
                continue;
            }
            var text = p.Value.ValueKind switch
            {
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.String => p.Value.GetString()!,
                _ => throw new CliUsageException($"{f}: expected a number or \"inherit\""),
            };
            limits = WithLimit(limits, p.Name, Limit(text, f), f);
        }
        return limits;
    }

    private static DataFormat Format(JsonElement e, string field) => Format(Text(e, field), field);

    private static string Text(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new CliUsageException($"{field}: expected a string");

    private static bool Bool(JsonElement e, string field) =>
        e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CliUsageException($"{field}: expected true or false"),
        };

    private static double Number(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Number
            ? e.GetDouble()
            : throw new CliUsageException($"{field}: expected a number");

    private static long Integer(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n)
            ? n
            : throw new CliUsageException($"{field}: expected a whole number");

    /// <summary><c>{count, duration}</c>: numbers or <c>"infinity"</c>.</summary>
    public static Retention Retention(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException($"{field}: expected {{\"count\", \"duration\"}}");
        }
        var r = Core.OnePlatform.Retention.Infinite;
        foreach (var p in e.EnumerateObject())
        {
            var f = $"{field}.{p.Name}";
            var bound =
                p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "infinity"
                    ? (long?)null
                    : Integer(p.Value, f);
            r = p.Name switch
            {
                "count" => bound is { } c ? r.WithCount(c) : r.WithUnlimitedCount(),
                "duration" => bound is { } d ? r.WithDuration(d) : r.WithUnlimitedDuration(),
                _ => throw new CliUsageException($"{f}: unknown key (count or duration)"),
            };
        }
        return r;
    }

    /// <summary>A resource in JSON: a RID string, an alias string, or <c>{"alias": name}</c>; null for JSON null.</summary>
    public static ResourceId? Subscribe(JsonElement e, string field) =>
        e.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => OnePlatformCommands.Resource(e.GetString()),
            JsonValueKind.Object
                when e.TryGetProperty("alias", out var a) && a.ValueKind == JsonValueKind.String =>
                ResourceId.Alias(a.GetString()!),
            _ => throw new CliUsageException($"{field}: expected a RID, an alias or null"),
        };

    private static LE.Seq<PreprocessStep> Preprocess(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new CliUsageException($"{field}: expected a list of [op, operand]");
        }
        var steps = new List<PreprocessStep>();
        var i = 0;
        foreach (var step in e.EnumerateArray())
        {
            var f = $"{field}[{i++}]";
            if (step.ValueKind != JsonValueKind.Array || step.GetArrayLength() != 2)
            {
                throw new CliUsageException($"{f}: expected [op, operand]");
            }
            var op = Operator(Text(step[0], f + ".op"), f + ".op");
            var operand =
                step[1].ValueKind == JsonValueKind.Number
                    ? PreprocessOperand.Of(step[1].GetDouble())
                    : PreprocessOperand.Of(
                        Subscribe(step[1], f + ".operand")
                            ?? throw new CliUsageException($"{f}.operand: is required")
                    );
            steps.Add(new PreprocessStep(op, operand));
        }
        return LE.Prelude.toSeq(steps);
    }

    /// <summary>A preprocess step as typed on the command line: <c>op:operand</c>.</summary>
    public static PreprocessStep Step(string text, string field)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new CliUsageException(
                $"{field}: expected op:operand such as mul:10 (got '{text}')"
            );
        }
        var op = Operator(text[..colon], field);
        var operand = text[(colon + 1)..];
        return new PreprocessStep(
            op,
            double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                ? PreprocessOperand.Of(n)
                : PreprocessOperand.Of(OnePlatformCommands.Resource(operand))
        );
    }

    private static PreprocessOperator Operator(string text, string field) =>
        Enum.TryParse<PreprocessOperator>(text, ignoreCase: true, out var op)
        && text.All(char.IsAsciiLetterLower)
            ? op
            : throw new CliUsageException(
                $"{field}: '{text}' is not an operator (add sub mul div mod gt geq lt leq eq neq value)"
            );

    /// <summary>A datarule rule in JSON.</summary>
    public static DataruleRule Rule(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Object || e.EnumerateObject().Count() != 1)
        {
            throw new CliUsageException(
                $"{field}: expected one of {{\"simple\": …}}, {{\"timeout\": …}}, {{\"interval\": …}}, {{\"duration\": …}}, {{\"count\": …}}, {{\"script\": \"…\"}}"
            );
        }
        var p = e.EnumerateObject().First();
        var f = $"{field}.{p.Name}";
        if (p.Name == "script")
        {
            return new DataruleRule.Script(Text(p.Value, f));
        }
        if (p.Value.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException($"{f}: expected an object");
        }
        var body = p.Value;
        RuleComparison Comparison() =>
            Enum.TryParse<RuleComparison>(
                Text(Member(body, "comparison", f), f + ".comparison"),
                true,
                out var c
            )
                ? c
                : throw new CliUsageException(
                    $"{f}.comparison: expected gt, lt, eq, geq, leq or neq"
                );
        double Constant() => Number(Member(body, "constant", f), f + ".constant");
        long Seconds() => Integer(Member(body, "timeout", f), f + ".timeout");
        var repeat = body.TryGetProperty("repeat", out var rp) && Bool(rp, f + ".repeat");
        return p.Name switch
        {
            "simple" => new DataruleRule.Simple(Comparison(), Constant(), repeat),
            "timeout" => new DataruleRule.Timeout(Seconds(), repeat),
            "interval" => new DataruleRule.Interval(Comparison(), Constant(), Seconds(), repeat),
            "duration" => new DataruleRule.Duration(Comparison(), Constant(), Seconds(), repeat),
            "count" => new DataruleRule.Count(
                Comparison(),
                Constant(),
                Integer(Member(body, "count", f), f + ".count"),
                Seconds(),
                repeat
            ),
            _ => throw new CliUsageException(
                $"{f}: unknown rule (simple, timeout, interval, duration, count or script)"
            ),
        };
    }

    private static JsonElement Member(JsonElement o, string key, string field) =>
        o.TryGetProperty(key, out var v)
            ? v
            : throw new CliUsageException($"{field}.{key}: is required");
}
