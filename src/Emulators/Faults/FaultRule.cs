using System.Globalization;

namespace Functional.Emulators.Faults;

/// <summary>
/// When to inject a <see cref="Fault"/>: requests matching the route (every given part must match) get the fault with
/// probability <see cref="Probability"/>. The text form (<see cref="Parse"/>, <see cref="ToString"/>) is
/// <c>KIND:PROBABILITY[:ROUTE]</c>, e.g. <c>reset-after:0.1:/onep:v1/rpc/process</c>, <c>latency=2s:1:write</c> or
/// <c>status=503:0.5:GET /api/v1.1/</c>.
/// </summary>
/// <param name="Fault">The fault to inject.</param>
/// <param name="Probability">The chance (0 to 1) that a matching request gets the fault; default 1 (always).</param>
public sealed record FaultRule(Fault Fault, double Probability = 1)
{
    /// <summary>Only requests whose path starts with this (ordinal, e.g. <c>/provision/</c>); null = any path.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>
    /// Only One Platform RPC requests (a JSON body <c>{"calls": [...]}</c>) in which at least one call has this
    /// <c>procedure</c> (e.g. <c>write</c>); a batch matches if any of its calls does. Null = any request.
    /// </summary>
    public string? Procedure { get; init; }

    /// <summary>Only requests with this HTTP method (case-insensitive, e.g. <c>POST</c>); null = any method.</summary>
    public string? Method { get; init; }

    /// <summary>
    /// Reads one rule in the text form <c>KIND:PROBABILITY[:ROUTE]</c>:
    /// KIND is <c>latency=DURATION</c>, <c>status=CODE</c> (500–599), <c>reset-before</c>, <c>reset-after</c>,
    /// <c>truncate</c>, <c>slow=DURATION[,BYTES]</c> or <c>garbage</c>; DURATION is a number with <c>ms</c> or
    /// <c>s</c> (<c>250ms</c>, <c>1.5s</c>); PROBABILITY is a decimal from 0 to 1; ROUTE (default: every request)
    /// is <c>[METHOD ]TARGET</c> where TARGET is a path prefix starting with <c>/</c>, a One Platform procedure
    /// name, or <c>*</c> for any.
    /// </summary>
    /// <param name="text">The rule's text.</param>
    /// <exception cref="FormatException">The text does not follow the grammar; the message says what is wrong.</exception>
    public static FaultRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.IndexOf(':', StringComparison.Ordinal);
        if (first < 0)
        {
            throw new FormatException(
                $"'{text}' is not KIND:PROBABILITY[:ROUTE] (e.g. reset-after:0.1:/onep:v1/rpc/process)"
            );
        }
        var second = text.IndexOf(':', first + 1);
        var kindText = text[..first].Trim();
        var probabilityText = (second < 0 ? text[(first + 1)..] : text[(first + 1)..second]).Trim();
        var routeText = second < 0 ? "" : text[(second + 1)..].Trim();

        var fault = ParseKind(kindText);
        if (
            !double.TryParse(
                probabilityText,
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var probability
            ) || probability is < 0 or > 1
        )
        {
            throw new FormatException(
                $"probability '{probabilityText}' must be a decimal from 0 to 1 (e.g. 0.25)"
            );
        }
        var rule = new FaultRule(fault, probability);
        if (routeText.Length > 0)
        {
            rule = WithRoute(rule, routeText);
        }
        if (rule.Problem() is { } problem)
        {
            throw new FormatException(problem);
        }
        return rule;
    }

    /// <summary>
    /// The rule in its text form; <see cref="Parse"/> reads it back when at most one of <see cref="PathPrefix"/> and
    /// <see cref="Procedure"/> is set (the text form has one target).
    /// </summary>
    public override string ToString()
    {
        var kind = Fault switch
        {
            Fault.Latency l => "latency=" + FormatDuration(l.Delay),
            Fault.ServerError s => "status=" + s.Status.ToString(CultureInfo.InvariantCulture),
            Fault.ResetBefore => "reset-before",
            Fault.ResetAfter => "reset-after",
            Fault.TruncatedBody => "truncate",
            Fault.SlowBody s => "slow="
                + FormatDuration(s.Interval)
                + (
                    s.ChunkBytes == 1
                        ? ""
                        : "," + s.ChunkBytes.ToString(CultureInfo.InvariantCulture)
                ),
            Fault.GarbageBody => "garbage",
            _ => "?",
        };
        var target = PathPrefix is null && Procedure is null ? "*" : "";
        if (PathPrefix is not null)
        {
            target = PathPrefix;
        }
        if (Procedure is not null)
        {
            target += (target.Length > 0 ? " " : "") + Procedure;
        }
        var route = Method is null ? target : Method + " " + target;
        return $"{kind}:{Probability.ToString(CultureInfo.InvariantCulture)}"
            + (route == "*" ? "" : ":" + route);
    }

    /// <summary>What is wrong with this rule (for <c>StartAsync</c> and <see cref="Parse"/>), or null.</summary>
    internal string? Problem()
    {
        if (Fault is null)
        {
            return "a fault rule needs a fault";
        }
        if (double.IsNaN(Probability) || Probability is < 0 or > 1)
        {
            return "the probability must be from 0 to 1";
        }
        if (PathPrefix is not null && !PathPrefix.StartsWith('/'))
        {
            return $"the path prefix '{PathPrefix}' must start with '/'";
        }
        if (Procedure is { Length: 0 })
        {
            return "the procedure name must not be empty";
        }
        if (Method is not null && (Method.Length == 0 || !Method.All(char.IsAsciiLetter)))
        {
            return $"the method '{Method}' must be letters only (e.g. POST)";
        }
        return Fault switch
        {
            Fault.Latency l when l.Delay < TimeSpan.Zero => "the latency must not be negative",
            Fault.ServerError s when s.Status is < 500 or > 599 =>
                $"the status {s.Status.ToString(CultureInfo.InvariantCulture)} must be from 500 to 599",
            Fault.SlowBody s when s.Interval < TimeSpan.Zero =>
                "the slow-body interval must not be negative",
            Fault.SlowBody s when s.ChunkBytes < 1 => "the slow-body chunk must be at least 1 byte",
            _ => null,
        };
    }

    private static Fault ParseKind(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? text : text[..equals]).Trim().ToLowerInvariant();
        var argument = equals < 0 ? null : text[(equals + 1)..].Trim();
        return (name, argument) switch
        {
            ("latency", { } a) => new Fault.Latency(ParseDuration(a, "latency")),
            ("status", { } a) => new Fault.ServerError(ParseStatus(a)),
            ("reset-before", null) => new Fault.ResetBefore(),
            ("reset-after", null) => new Fault.ResetAfter(),
            ("truncate", null) => new Fault.TruncatedBody(),
            ("garbage", null) => new Fault.GarbageBody(),
            ("slow", { } a) => ParseSlow(a),
            ("latency" or "slow", null) => throw new FormatException(
                $"'{name}' needs a duration, e.g. {name}=250ms"
            ),
            ("status", null) => throw new FormatException("'status' needs a code, e.g. status=503"),
            ("reset-before" or "reset-after" or "truncate" or "garbage", _) =>
                throw new FormatException($"'{name}' takes no '=' argument"),
            _ => throw new FormatException(
                $"unknown fault '{name}' (expected latency=DURATION, status=CODE, reset-before, reset-after, truncate, slow=DURATION[,BYTES] or garbage)"
            ),
        };
    }

    private static Fault.SlowBody ParseSlow(string text)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var interval = ParseDuration(comma < 0 ? text : text[..comma], "slow");
        if (comma < 0)
        {
            return new Fault.SlowBody(interval);
        }
        var bytesText = text[(comma + 1)..].Trim();
        return
            int.TryParse(bytesText, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            && bytes >= 1
            ? new Fault.SlowBody(interval, bytes)
            : throw new FormatException(
                $"slow chunk size '{bytesText}' must be a whole number of bytes, at least 1"
            );
    }

    private static int ParseStatus(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
        && status is >= 500 and <= 599
            ? status
            : throw new FormatException($"status '{text}' must be a code from 500 to 599");

    private static TimeSpan ParseDuration(string text, string kind)
    {
        var trimmed = text.Trim();
        var (number, scale) =
            trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (trimmed[..^2], 1.0)
            : trimmed.EndsWith('s') || trimmed.EndsWith('S') ? (trimmed[..^1], 1000.0)
            : ("", 0.0);
        if (
            scale > 0
            && double.TryParse(
                number,
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var value
            )
            && value * scale <= TimeSpan.FromDays(1).TotalMilliseconds
        )
        {
            return TimeSpan.FromMilliseconds(value * scale);
        }
        throw new FormatException(
            $"{kind} duration '{text}' must be a number with ms or s (e.g. 250ms, 1.5s), at most a day"
        );
    }

    private static FaultRule WithRoute(FaultRule rule, string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var target = route;
        if (space > 0)
        {
            var method = route[..space];
            if (!method.All(char.IsAsciiLetter))
            {
                throw new FormatException(
                    $"route '{route}': '{method}' is not an HTTP method (expected e.g. POST /path)"
                );
            }
            rule = rule with { Method = method.ToUpperInvariant() };
            target = route[(space + 1)..].Trim();
        }
        if (target.Length == 0 || target.Contains(' ', StringComparison.Ordinal))
        {
            throw new FormatException(
                $"route '{route}' must be [METHOD ]TARGET: a path prefix starting with '/', a procedure name, or '*'"
            );
        }
        return target switch
        {
            "*" => rule,
            _ when target.StartsWith('/') => rule with { PathPrefix = target },
            _ => rule with { Procedure = target },
        };
    }

    private static string FormatDuration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerSecond == 0 && span > TimeSpan.Zero
            ? span.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s"
            : span.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
}
