namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// Request targets as they may be logged: the token routes (<c>…/users/&lt;name&gt;/tokens/&lt;token&gt;</c>) carry
/// a credential in the path, so everything after <c>tokens</c> (path and query) is masked. Other targets are
/// returned unchanged.
/// </summary>
internal static class TokenRedaction
{
    /// <summary>What replaces a masked part.</summary>
    public const string Mask = "***";

    /// <summary>
    /// <paramref name="target"/> (path and query, as received) with the token part of a token route masked:
    /// <c>/api/v1.1/users/bob/tokens/0123…?x=1</c> → <c>/api/v1.1/users/bob/tokens/***?***</c>.
    /// </summary>
    public static string Target(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var queryAt = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? target : target[..queryAt];
        var segments = path.Split('/');
        for (var i = 2; i < segments.Length; i++)
        {
            if (
                !segments[i].Equals("tokens", StringComparison.OrdinalIgnoreCase)
                || !segments[i - 2].Equals("users", StringComparison.OrdinalIgnoreCase)
            )
            {
                continue;
            }
            var kept = string.Join('/', segments, 0, i + 1);
            var rest = i + 1 < segments.Length && segments[(i + 1)..].Any(s => s.Length > 0);
            return (rest ? kept + "/" + Mask : path) + (queryAt < 0 ? "" : "?" + Mask);
        }
        return target;
    }
}
