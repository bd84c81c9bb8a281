using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Procedures;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.OnePlatform.Http;

/// <summary>
/// The HTTP face of the emulator: <c>POST /onep:v1/rpc/process</c> and the legacy <c>/api:v1/rpc/process</c>.
/// Every RPC outcome, general errors included, is HTTP 200 with <c>application/json; charset=utf-8</c>; other
/// methods on those paths are 405, other paths 404. Calls run in order, each under the state lock; a parked
/// <c>wait</c> releases the lock, so it never blocks other requests, and ends when the client aborts.
/// </summary>
internal sealed class RpcEndpoint(EmulatorState state, long maxBodyBytes, ILogger logger)
{
    /// <summary>Both accepted RPC paths (§1.2 url, §7).</summary>
    public static readonly IReadOnlyList<string> Paths =
    [
        "/onep:v1/rpc/process",
        "/api:v1/rpc/process",
    ];

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Nesting deeper than this is answered as a parse error (-1) instead of being processed.</summary>
    private const int MaxJsonDepth = 256;

    /// <summary>
    /// Requests served on one keep-alive connection: the last one is answered with <c>Connection: close</c> and the
    /// client must reconnect (spec §2.1).
    /// </summary>
    public const int RequestsPerConnection = 100;

    private static readonly object RequestCountKey = new();

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "Whatever a request contains, the server answers instead of crashing."
    )]
    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        CloseAfterRequestLimit(http);
        if (!Paths.Contains(http.Request.Path.Value, StringComparer.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST";
            return;
        }
        var aborted = http.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(http.Request, aborted).ConfigureAwait(false);
            JsonNode? answer = body is null
                ? GeneralError.TooLarge.ToJson()
                : await ProcessAsync(http.Request.Path.Value!, body, aborted).ConfigureAwait(false);
            if (aborted.IsCancellationRequested)
            {
                return;
            }
            await WriteAsync(http, answer, aborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // Broken framing (e.g. a bad chunk): Kestrel's status (400), not an empty 200.
            if (!http.Response.HasStarted)
            {
                http.Response.StatusCode = ex.StatusCode;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away: nothing to answer.
        }
        catch (Exception ex)
        {
            Log.Crashed(logger, "request", ex);
            if (!http.Response.HasStarted)
            {
                await WriteAsync(http, GeneralError.Internal.ToJson(), aborted)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>Counts the connection's requests and asks to close it on the <see cref="RequestsPerConnection"/>th.</summary>
    private static void CloseAfterRequestLimit(HttpContext http)
    {
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return;
        }
        var count = (items.TryGetValue(RequestCountKey, out var seen) && seen is int n ? n : 0) + 1;
        items[RequestCountKey] = count;
        if (count >= RequestsPerConnection)
        {
            http.Response.Headers.Connection = "close";
        }
    }

    /// <summary>The answer for one request body: a general error object, a response array, or null (no ids).</summary>
    private async Task<JsonNode?> ProcessAsync(string path, byte[] body, CancellationToken aborted)
    {
        JsonNode? root;
        try
        {
            // A UTF-8 byte order mark is not part of the JSON text (RFC 8259 §8.1 lets a parser ignore it).
            var text = body.AsMemory();
            if (text.Span.StartsWith(Utf8Bom))
            {
                text = text[Utf8Bom.Length..];
            }
            CheckStrings(text.Span);
            root = JsonInput.Parse(text, MaxJsonDepth);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return General(GeneralError.ParseError);
        }
        if (!RpcEnvelope.TryParse(root, out var request, out var error))
        {
            return General(error);
        }
        Principal? principal;
        lock (state.Gate)
        {
            state.Tick();
            principal = AuthResolver.Resolve(state.Tree, request.Auth, state.Now);
            state.Commit();
        }
        if (principal is null)
        {
            return General(GeneralError.AuthorizationFailed);
        }
        Log.Request(logger, path, request.Calls.Count);
        var answers = new JsonArray();
        foreach (var call in request.Calls)
        {
            var outcome = await RunAsync(principal, call, aborted).ConfigureAwait(false);
            if (outcome is null)
            {
                return null;
            }
            if (call.Id is not null)
            {
                answers.Add(Render(call.Id, outcome));
            }
        }
        return request.Calls.Any(c => c.Id is not null) ? answers : null;
    }

    /// <summary>
    /// Decodes every string and key once, so text that is not Unicode — invalid UTF-8 bytes or an escaped lone
    /// surrogate such as <c>"\ud800"</c> — is a parse error (-1) here instead of an exception wherever it is read later.
    /// Throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/>.
    /// </summary>
    private static void CheckStrings(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                _ = reader.GetString();
            }
        }
    }

    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "A bug in one procedure is reported on that call, never as a crash."
    )]
    private async Task<CallOutcome?> RunAsync(
        Principal principal,
        RpcCallRequest call,
        CancellationToken aborted
    )
    {
        CallOutcome outcome;
        lock (state.Gate)
        {
            state.Tick();
            var caller = state.Tree.Find(principal.Caller.Rid);
            if (caller is null || !ReferenceEquals(caller, principal.Caller))
            {
                outcome = CallOutcome.Restricted;
            }
            else if (caller.Locked)
            {
                outcome = CallOutcome.Locked;
            }
            else
            {
                var context = new CallContext(
                    state,
                    caller,
                    principal.Token,
                    call.Procedure,
                    state.Now
                );
                try
                {
                    outcome = ProcedureTable.Execute(context, call.Arguments);
                }
                catch (Exception ex)
                {
                    Log.Crashed(logger, call.Procedure, ex);
                    outcome = new CallOutcome.Fail(500, "Internal error", "procedure");
                }
            }
            state.Commit();
        }
        return outcome is CallOutcome.Waiting waiting
            ? await AwaitAsync(waiting.Waiter, aborted).ConfigureAwait(false)
            : outcome;
    }

    private async Task<CallOutcome?> AwaitAsync(Waiter waiter, CancellationToken aborted)
    {
        using var registration = aborted.Register(() =>
        {
            lock (state.Gate)
            {
                state.Unpark(waiter);
            }
            waiter.Cancel();
        });
        try
        {
            var point = await waiter.Task.ConfigureAwait(false);
            return point is { } p
                ? CallOutcome.Success(
                    new JsonArray(JsonValue.Create(p.Timestamp), p.Value.ToNode())
                )
                : CallOutcome.Expire;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static JsonObject Render(JsonNode id, CallOutcome outcome)
    {
        var element = new JsonObject { ["id"] = id.DeepClone() };
        switch (outcome)
        {
            case CallOutcome.Ok ok:
                element["status"] = "ok";
                if (ok.HasResult)
                {
                    element["result"] = ok.Result;
                }
                break;
            case CallOutcome.Status status:
                element["status"] = status.Value;
                break;
            case CallOutcome.StatusValue status:
                element["status"] = status.Value;
                break;
            case CallOutcome.StatusWithResult status:
                element["status"] = status.Value;
                element["result"] = status.Result;
                break;
            case CallOutcome.Fail fail:
                element["status"] = "fail";
                element["error"] = new JsonObject
                {
                    ["code"] = fail.Code,
                    ["message"] = fail.Message,
                    ["context"] = fail.Context,
                };
                break;
            default:
                element["status"] = "fail";
                break;
        }
        return element;
    }

    private JsonObject General(GeneralError error)
    {
        Log.GeneralError(logger, error.Code, error.Message);
        return error.ToJson();
    }

    /// <summary>The body, or null when it exceeds the limit.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken aborted)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, aborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task WriteAsync(
        HttpContext http,
        JsonNode? answer,
        CancellationToken aborted
    )
    {
        var bytes = answer is null ? [] : JsonOut.ToBytes(answer);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonContentType;
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, aborted).ConfigureAwait(false);
    }
}
