using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Http;

/// <summary>
/// One answer: status and JSON body, or an HTML/text body (Express's default 404 and OPTIONS). Lists carry their
/// <c>x-total-count</c>; streamed answers (bulk results, arrays of 100 or more) use <c>application/json</c> without a
/// charset and <c>X-Accel-Buffering: no</c>, as SIS does.
/// </summary>
internal sealed record SisAnswer(int Status, JsonNode? Body)
{
    /// <summary>The <c>x-total-count</c> header of list answers.</summary>
    public long? TotalCount { get; init; }

    /// <summary>Written like SIS's chunked JSON stream (content type without charset).</summary>
    public bool Streamed { get; init; }

    /// <summary>A non-JSON body, sent as <c>text/html; charset=utf-8</c>.</summary>
    public string? Html { get; init; }

    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>200 with a JSON body.</summary>
    public static SisAnswer Ok(JsonNode? body) => new(200, body);

    /// <summary>201 with a JSON body.</summary>
    public static SisAnswer Created(JsonNode? body) => new(201, body);

    /// <summary>A list answer with its total count.</summary>
    public static SisAnswer List(JsonArray items, long total) =>
        new(200, items) { TotalCount = total, Streamed = items.Count >= 100 };

    /// <summary>A bulk result <c>{"success": [...], "errors": [...]}</c>.</summary>
    public static SisAnswer Bulk(JsonArray success, JsonArray errors) =>
        new(200, new JsonObject { ["success"] = success, ["errors"] = errors }) { Streamed = true };

    /// <summary>An error answer.</summary>
    public static SisAnswer From(SisProblem problem) => new(problem.Status, problem.Body);

    /// <summary>Express's default 404: <c>Cannot &lt;METHOD&gt; &lt;url&gt;</c> + newline, HTML-escaped.</summary>
    public static SisAnswer NotFoundHtml(string method, string originalUrl) =>
        new(404, null)
        {
            Html = "Cannot " + method + " " + System.Net.WebUtility.HtmlEncode(originalUrl) + "\n",
        };

    /// <summary>Turns an outcome into an answer with the given success status.</summary>
    public static SisAnswer Of(Outcome<JsonNode?> outcome, int status = 200) =>
        outcome.IsOk ? new SisAnswer(status, outcome.Value) : From(outcome.Problem!);

    public static implicit operator SisAnswer(SisProblem problem) => From(problem);
}
