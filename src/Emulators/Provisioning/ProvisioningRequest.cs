using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Functional.Emulators.Provisioning;

/// <summary>
/// A Provisioning API request read in full: method, path segments after <c>/provision/</c>, query, the body parsed as
/// a form whatever its content type (§7: form bodies on DELETE/PUT without Content-Type), and CSV rows for
/// <c>text/csv</c> bodies.
/// </summary>
internal sealed record ProvisioningRequest(
    string Method,
    string[] Segments,
    bool TrailingSlash,
    IQueryCollection Query,
    Dictionary<string, StringValues> Form,
    IReadOnlyList<string[]>? CsvRows,
    string? Token,
    string? Cik,
    byte[] Bytes,
    string? ContentType,
    string? Range,
    string? SharedVendor,
    string ConnectionInfo
)
{
    public static async Task<ProvisioningRequest> ReadAsync(HttpContext http, CancellationToken ct)
    {
        var request = http.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var isCsv =
            request.ContentType is { } type
            && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        var path = request.Path.Value ?? "/";
        var rest = path.Length > "/provision/".Length ? path["/provision/".Length..] : "";
        return new ProvisioningRequest(
            request.Method,
            rest.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(Uri.UnescapeDataString)
                .ToArray(),
            path.EndsWith('/'),
            request.Query,
            isCsv || IsJsonType(request.ContentType) ? [] : QueryHelpers.ParseQuery(text),
            isCsv ? ProvisioningCsv.Parse(text) : null,
            Header(request, "X-Exosite-Token"),
            Header(request, "X-Exosite-CIK"),
            bytes,
            request.ContentType,
            Header(request, "Range"),
            Header(request, "X-Exosite-Vendor"),
            $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}"
        );
    }

    /// <summary>The first value of a form field, or null.</summary>
    public string? Field(string name) =>
        Form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Every value of a form field (both <c>name</c> and <c>name[]</c>).</summary>
    public IReadOnlyList<string> Fields(string name)
    {
        var result = new List<string>();
        foreach (var key in new[] { name, name + "[]" })
        {
            if (Form.TryGetValue(key, out var values))
            {
                result.AddRange(values.OfType<string>());
            }
        }
        return result;
    }

    /// <summary>Whether the body is JSON (<c>application/javascript</c> or <c>application/json</c>), as ranges are sent.</summary>
    public bool IsJson => IsJsonType(ContentType);

    /// <summary>Whether a form field is <c>true</c>.</summary>
    public bool Flag(string name) => string.Equals(Field(name), "true", StringComparison.Ordinal);

    /// <summary>A query parameter, or null.</summary>
    public string? QueryValue(string name) =>
        Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static bool IsJsonType(string? type) =>
        type is not null
        && (
            type.StartsWith("application/javascript", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        );

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values)
        && values.Count > 0
        && !string.IsNullOrEmpty(values[0])
            ? values[0]
            : null;
}
