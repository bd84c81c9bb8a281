using Functional.Core.Errors;

namespace Functional.Core.Http;

/// <summary>Builds request paths from unescaped segments, escaping each one so no value can add a segment.</summary>
public static class PathSegments
{
    /// <summary>
    /// Escapes one path segment (RFC 3986 unreserved characters stay, everything else is %-encoded, '/' included).
    /// The segments <c>.</c> and <c>..</c> cannot be escaped (URI normalisation removes them, even as
    /// <c>%2E</c>): check values with <see cref="Validate"/> first; the interpreter refuses such paths.
    /// </summary>
    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>Joins a fixed, already-escaped prefix with escaped segments: <c>Join("/api", "a b")</c> → <c>/api/a%20b</c>.</summary>
    public static string Join(string prefix, params ReadOnlySpan<string> segments)
    {
        var path = new System.Text.StringBuilder(prefix.Length + 16 * segments.Length);
        path.Append(prefix.AsSpan().TrimEnd('/'));
        foreach (var s in segments)
            path.Append('/').Append(Escape(s));
        return path.ToString();
    }

    /// <summary>
    /// Checks a value that becomes one path segment: it must be present, not empty, not <c>.</c> or <c>..</c>
    /// (which would change the path), and valid Unicode text.
    /// </summary>
    public static Validation<ApiError, string> Validate(string field, string? segment) =>
        segment switch
        {
            null => Fail<ApiError, string>(new ApiError.InvalidArgument(field, "is required")),
            "" => Fail<ApiError, string>(new ApiError.InvalidArgument(field, "must not be empty")),
            "." or ".." => Fail<ApiError, string>(
                new ApiError.InvalidArgument(field, "must not be '.' or '..'")
            ),
            _ when !OnePlatform.Json.IsValidText(segment) => Fail<ApiError, string>(
                new ApiError.InvalidArgument(
                    field,
                    "must be valid Unicode text (it has an unpaired surrogate)"
                )
            ),
            _ => Success<ApiError, string>(segment),
        };

    /// <summary>True when an escaped path has a <c>.</c> or <c>..</c> segment (also written <c>%2E</c>), which URI normalisation would remove.</summary>
    internal static bool HasDotSegment(string escapedPath)
    {
        var rest = escapedPath.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            if (IsDotSegment(slash < 0 ? rest : rest[..slash]))
                return true;
            if (slash < 0)
                return false;
            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>True when the escaped segment is <c>.</c> or <c>..</c> once every <c>%2E</c> (any case) is decoded.</summary>
    private static bool IsDotSegment(ReadOnlySpan<char> segment)
    {
        var dots = 0;
        var i = 0;
        while (i < segment.Length)
        {
            if (segment[i] == '.')
                i++;
            else if (segment[i..].StartsWith("%2E", StringComparison.OrdinalIgnoreCase))
                i += 3;
            else
                return false;
            if (++dots > 2)
                return false;
        }
        return dots > 0;
    }
}
