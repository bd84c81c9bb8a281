namespace Functional.Core.Http;

/// <summary>Builds request paths from unescaped segments, escaping each one so no value can add a segment.</summary>
public static class PathSegments
{
    /// <summary>Escapes one path segment (RFC 3986 unreserved characters stay, everything else is %-encoded, '/' included).</summary>
    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>Joins a fixed, already-escaped prefix with escaped segments: <c>Join("/api", "a b")</c> → <c>/api/a%20b</c>.</summary>
    public static string Join(string prefix, params ReadOnlySpan<string> segments)
    {
        var path = prefix.TrimEnd('/');
        foreach (var s in segments)
            path += "/" + Escape(s);
        return path;
    }
}
