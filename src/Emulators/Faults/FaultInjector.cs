using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Functional.Emulators.Faults;

/// <summary>
/// The ASP.NET Core middleware that injects the faults of <see cref="FaultOptions"/>: it decides per request (rules
/// in order, one seeded <see cref="Random"/> under a lock), then delays, answers 5xx, aborts, or runs the rest of
/// the pipeline with the answer buffered and loses or mangles it. Counts what it did. Thread-safe.
/// </summary>
internal sealed class FaultInjector
{
    /// <summary>Request bodies larger than this are not read to find RPC procedures (no procedure rule matches).</summary>
    private const int MaxInspectedBodyBytes = 1024 * 1024;

    /// <summary>What a garbage body holds: not JSON, not valid UTF-8.</summary>
    private static readonly byte[] Garbage =
    [
        0x00,
        0xFF,
        0xFE,
        .. "<html><body>502 garbage from the fault injector"u8,
        0xC3,
        0x28,
        .. "</body>"u8,
    ];

    private readonly FaultRule[] rules;
    private readonly bool inspectsBodies;
    private readonly Lock gate = new();
    private readonly Random random;
    private readonly long[] byKind = new long[Enum.GetValues<FaultKind>().Length];
    private readonly long[] byRule;
    private long requests;

    [SuppressMessage(
        "Security",
        "CA5394:Do not use insecure randomness",
        Justification = "Fault rolls are for repeatable tests, not secrets."
    )]
    public FaultInjector(FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        rules = [.. options.Rules];
        byRule = new long[rules.Length];
        inspectsBodies = rules.Any(r => r.Procedure is not null);
        random = new Random(options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue));
    }

    /// <summary>A snapshot of the counts.</summary>
    public FaultCounts Snapshot() =>
        new(
            Interlocked.Read(ref requests),
            [.. byKind.Select((_, i) => Interlocked.Read(ref byKind[i]))],
            [.. byRule.Select((_, i) => Interlocked.Read(ref byRule[i]))]
        );

    /// <summary>Counts for an emulator started without rules.</summary>
    public static FaultCounts Empty { get; } =
        new(0, new long[Enum.GetValues<FaultKind>().Length], []);

    /// <summary>The middleware: <c>app.Use(injector.InvokeAsync)</c>.</summary>
    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "A client that hangs up during a fault is expected."
    )]
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        Interlocked.Increment(ref requests);
        var (delay, fault) = await ChooseAsync(http).ConfigureAwait(false);
        var aborted = http.RequestAborted;
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, aborted).ConfigureAwait(false);
            }
            switch (fault)
            {
                case null:
                    await next(http).ConfigureAwait(false);
                    return;
                case Fault.ServerError error:
                    await AnswerStatusAsync(http, error.Status, aborted).ConfigureAwait(false);
                    return;
                case Fault.ResetBefore:
                    http.Abort();
                    return;
                default:
                    await RunBufferedAsync(http, next, fault, aborted).ConfigureAwait(false);
                    return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client hung up (e.g. it timed out during a latency or a slow body).
        }
    }

    /// <summary>The total added latency and the one other fault (or null) for this request; counts them.</summary>
    private async Task<(TimeSpan Delay, Fault? Fault)> ChooseAsync(HttpContext http)
    {
        IReadOnlySet<string>? procedures = null;
        var delay = TimeSpan.Zero;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (!RouteMatches(rule, http.Request))
            {
                continue;
            }
            if (rule.Procedure is not null)
            {
                procedures ??= inspectsBodies
                    ? await ProceduresAsync(http.Request).ConfigureAwait(false)
                    : new HashSet<string>();
                if (!procedures.Contains(rule.Procedure))
                {
                    continue;
                }
            }
            if (!Roll(rule.Probability))
            {
                continue;
            }
            Interlocked.Increment(ref byRule[i]);
            Interlocked.Increment(ref byKind[(int)rule.Fault.Kind]);
            if (rule.Fault is Fault.Latency latency)
            {
                delay += latency.Delay;
                continue;
            }
            return (delay, rule.Fault);
        }
        return (delay, null);
    }

    [SuppressMessage(
        "Security",
        "CA5394:Do not use insecure randomness",
        Justification = "Fault rolls are for repeatable tests, not secrets."
    )]
    private bool Roll(double probability)
    {
        lock (gate)
        {
            // Always draw, so a seeded sequence does not depend on which rules have probability 1.
            return random.NextDouble() < probability;
        }
    }

    private static bool RouteMatches(FaultRule rule, HttpRequest request) =>
        (
            rule.Method is null
            || string.Equals(rule.Method, request.Method, StringComparison.OrdinalIgnoreCase)
        )
        && (
            rule.PathPrefix is null
            || (request.Path.Value ?? "/").StartsWith(rule.PathPrefix, StringComparison.Ordinal)
        );

    /// <summary>
    /// The <c>procedure</c> of every call in a One Platform RPC body (<c>{"calls": [{"procedure": …}]}</c>); the body
    /// stays readable for the handler. Empty when the body is not such JSON or too large.
    /// </summary>
    private static async Task<IReadOnlySet<string>> ProceduresAsync(HttpRequest request)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (request.ContentLength > MaxInspectedBodyBytes)
        {
            return found;
        }
        request.EnableBuffering();
        var body = request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (
            (
                read = await body.ReadAsync(chunk, request.HttpContext.RequestAborted)
                    .ConfigureAwait(false)
            ) > 0
        )
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxInspectedBodyBytes)
            {
                body.Position = 0;
                return found;
            }
        }
        body.Position = 0;
        try
        {
            using var doc = JsonDocument.Parse(
                buffer.GetBuffer().AsMemory(0, (int)buffer.Length),
                new JsonDocumentOptions { MaxDepth = 64 }
            );
            if (
                doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("calls"u8, out var calls)
                && calls.ValueKind == JsonValueKind.Array
            )
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (
                        call.ValueKind == JsonValueKind.Object
                        && call.TryGetProperty("procedure"u8, out var procedure)
                        && procedure.ValueKind == JsonValueKind.String
                        && procedure.GetString() is { } name
                    )
                    {
                        found.Add(name);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) { }
        return found;
    }

    private static async Task AnswerStatusAsync(
        HttpContext http,
        int status,
        CancellationToken aborted
    )
    {
        var body = Encoding.UTF8.GetBytes(
            $"HTTP {status.ToString(CultureInfo.InvariantCulture)}: injected fault\n"
        );
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
    }

    /// <summary>Runs the handler with its answer buffered (the request is processed), then applies the fault.</summary>
    private static async Task RunBufferedAsync(
        HttpContext http,
        RequestDelegate next,
        Fault fault,
        CancellationToken aborted
    )
    {
        var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        http.Features.Set<IHttpResponseBodyFeature>(
            new StreamResponseBodyFeature(buffer, original)
        );
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            http.Features.Set(original);
        }
        if (aborted.IsCancellationRequested)
        {
            return;
        }
        var answer = buffer.ToArray();
        var response = http.Response;
        switch (fault)
        {
            case Fault.ResetAfter:
                http.Abort();
                return;
            case Fault.TruncatedBody:
                var cut = answer.AsMemory(0, answer.Length / 2);
                response.ContentLength = cut.Length;
                await response.Body.WriteAsync(cut, aborted).ConfigureAwait(false);
                return;
            case Fault.GarbageBody:
                response.ContentLength = Garbage.Length;
                await response.Body.WriteAsync(Garbage, aborted).ConfigureAwait(false);
                return;
            case Fault.SlowBody slow:
                response.ContentLength = answer.Length;
                await response.StartAsync(aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                for (var offset = 0; offset < answer.Length; offset += slow.ChunkBytes)
                {
                    await Task.Delay(slow.Interval, aborted).ConfigureAwait(false);
                    var length = Math.Min(slow.ChunkBytes, answer.Length - offset);
                    await response
                        .Body.WriteAsync(answer.AsMemory(offset, length), aborted)
                        .ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }
                return;
            default:
                throw new InvalidOperationException($"unexpected fault {fault.Kind}");
        }
    }
}
