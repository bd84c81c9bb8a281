using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Resources;
using Functional.Emulators.Sis.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Sis.Http;

/// <summary>
/// The Kestrel request handler: CORS headers on every answer, body reading as Express's <c>body-parser.json</c>
/// (§2.2), routing (§2.13) and answer writing.
/// </summary>
internal sealed class SisHttpHandler(SisRouter router, HookAdapter hooks, ILogger logger)
{
    /// <summary>body-parser's limit: 10 MB.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var originalUrl =
            http.Features.Get<IHttpRequestFeature>()?.RawTarget
            ?? request.Path + request.QueryString;
        var logged = TokenRedaction.Target(originalUrl);
        SetCors(http);
        SisAnswer answer;
        HookAdapter.Hold();
        try
        {
            var (body, problem) = await ReadBodyAsync(request, http.RequestAborted)
                .ConfigureAwait(false);
            if (problem is not null)
            {
                answer = problem;
            }
            else
            {
                answer = router.Route(
                    request.Method,
                    originalUrl,
                    request.Path.Value ?? "/",
                    request.QueryString.Value,
                    body,
                    name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null
                );
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SisLog.Crashed(logger, request.Method, logged, ex);
            answer = SisProblem.Internal("Unexpected error : " + ex.Message);
        }
        SisLog.Request(logger, request.Method, logged, answer.Status);
        // Deliveries run in the background; starting them before the answer is written lets a client that waits for
        // pending hooks (SisEmulator.DrainHooksAsync) right after the answer see them.
        hooks.Flush();
        await WriteAsync(http, answer).ConfigureAwait(false);
    }

    private static void SetCors(HttpContext http)
    {
        var headers = http.Response.Headers;
        var origin = http.Request.Headers.Origin.ToString();
        headers["Access-Control-Allow-Origin"] = string.IsNullOrEmpty(origin) ? "*" : origin;
        headers["Access-Control-Allow-Methods"] = "GET,PUT,POST,DELETE";
        headers["Access-Control-Allow-Headers"] =
            "Content-Type,X-Requested-With,x-auth-token,Authorization";
        headers["Access-Control-Expose-Headers"] = "x-total-count";
    }

    /// <summary>Reads the body: JSON only with a JSON content type, else <c>{}</c>; strict; 10 MB.</summary>
    private static async Task<(JsonNode Body, SisProblem? Problem)> ReadBodyAsync(
        HttpRequest request,
        CancellationToken ct
    )
    {
        if (!IsJson(request.ContentType))
        {
            return (new JsonObject(), null);
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return (new JsonObject(), TooLarge());
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (new JsonObject(), TooLarge());
            }
            buffer.Write(chunk, 0, read);
        }
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        // body-parser decodes with iconv-lite, which drops a leading byte order mark.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }
        var trimmed = text.TrimStart(' ', '\t', '\n', '\r');
        if (trimmed.Length == 0)
        {
            return (new JsonObject(), null);
        }
        if (trimmed[0] is not ('{' or '['))
        {
            return (new JsonObject(), SisProblem.BadRequest("Invalid JSON"));
        }
        try
        {
            var node = SisJson.Parse(text);
            return node is null
                ? (new JsonObject(), SisProblem.BadRequest("Invalid JSON"))
                : (node, null);
        }
        catch (JsonException)
        {
            return (new JsonObject(), SisProblem.BadRequest("Invalid JSON"));
        }
    }

    private static SisProblem TooLarge() =>
        SisProblem.Internal("Unexpected error : PayloadTooLargeError: request entity too large");

    /// <summary><c>application/json</c> or any <c>*/*+json</c> type (parameters ignored).</summary>
    internal static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }
        var media = contentType.Split(';')[0].Trim();
        var slash = media.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == media.Length - 1)
        {
            return false;
        }
        var sub = media[(slash + 1)..];
        return (
                media[..slash].Equals("application", StringComparison.OrdinalIgnoreCase)
                && sub.Equals("json", StringComparison.OrdinalIgnoreCase)
            ) || sub.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task WriteAsync(HttpContext http, SisAnswer answer)
    {
        var response = http.Response;
        response.StatusCode = answer.Status;
        if (answer.Headers is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                response.Headers[name] = value;
            }
        }
        if (answer.TotalCount is { } total)
        {
            response.Headers["x-total-count"] = total.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
        }
        byte[] bytes;
        if (answer.Html is { } html)
        {
            response.ContentType = "text/html; charset=utf-8";
            bytes = Encoding.UTF8.GetBytes(html);
        }
        else if (
            answer.Status == 200
            && answer.Body is null
            && HttpMethods.IsHead(http.Request.Method)
        )
        {
            return;
        }
        else
        {
            if (answer.Streamed)
            {
                response.ContentType = "application/json";
                response.Headers["X-Accel-Buffering"] = "no";
            }
            else
            {
                response.ContentType = "application/json; charset=utf-8";
            }
            bytes = SisJson.ToBytes(answer.Body);
        }
        if (!answer.Streamed)
        {
            response.ContentLength = bytes.Length;
        }
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }
        await response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
