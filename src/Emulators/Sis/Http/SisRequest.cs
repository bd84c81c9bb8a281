using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Http;

/// <summary>
/// One request as the SIS handlers see it: method, the original URL (for Express's 404 text), the decoded path
/// segments after <c>/api/v1.1/</c>, the qs-parsed query, the JSON body (<c>{}</c> when there is none) and headers.
/// </summary>
internal sealed record SisRequest(
    string Method,
    string OriginalUrl,
    IReadOnlyList<string> Segments,
    IReadOnlyDictionary<string, JsonNode?> Query,
    JsonNode Body,
    Func<string, string?> Header
)
{
    /// <summary>A query parameter as a string (null when absent or not a plain string).</summary>
    public string? QueryString(string name) =>
        Query.TryGetValue(name, out var v)
        && v is JsonValue value
        && value.TryGetValue<string>(out var s)
            ? s
            : null;

    /// <summary>Whether the query has that parameter at all.</summary>
    public bool HasQuery(string name) => Query.ContainsKey(name);
}
