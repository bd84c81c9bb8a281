namespace Functional.Cli;

/// <summary>Server addresses as users give them (<c>--url</c>, <c>FXO_*_URL</c>, the config file): absolute http or https.</summary>
internal static class ServerUrl
{
    /// <summary>The address <paramref name="text"/> names, or null when it is not an absolute http(s) URL.</summary>
    public static Uri? Parse(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>
    /// The address <paramref name="text"/> names; null when <paramref name="text"/> is null (not set); a usage error
    /// naming <paramref name="where"/> when it is set but not an absolute http(s) URL.
    /// </summary>
    public static Uri? Require(string? text, string where) =>
        text is null
            ? null
            : Parse(text)
                ?? throw new CliUsageException(
                    $"{where}: '{text}' is not an absolute http or https URL"
                );
}
