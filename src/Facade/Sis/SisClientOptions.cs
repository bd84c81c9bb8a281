namespace Functional.Facade.Sis;

/// <summary>
/// Settings of a <see cref="SisClient"/> (sispy's <c>Client(url, version, auth_token, http_keep_alive)</c>).
/// <see cref="ToString"/> never shows <see cref="AuthToken"/>.
/// </summary>
public sealed record SisClientOptions
{
    /// <summary>Creates settings for the SIS server at <paramref name="url"/>.</summary>
    /// <param name="url">The server root, e.g. <c>https://sis.example.com</c> (a path prefix is kept; requests go to <c>&lt;url&gt;/api/v&lt;version&gt;/…</c>).</param>
    public SisClientOptions(Uri url) => Url = url ?? throw new ArgumentNullException(nameof(url));

    /// <summary>The server root. HTTPS certificates are always verified (sispy does not verify them).</summary>
    public Uri Url { get; init; }

    /// <summary>The API version put into the path (<c>/api/v&lt;ApiVersion&gt;</c>). Default <c>1.1</c>.</summary>
    public string ApiVersion { get; init; } = "1.1";

    /// <summary>A token sent as <c>x-auth-token</c> from the first request on, or null (sispy's <c>auth_token</c>). A secret.</summary>
    public string? AuthToken { get; init; }

    /// <summary>False sends <c>Connection: close</c> on every request (sispy's <c>http_keep_alive</c>). Default true.</summary>
    public bool KeepAlive { get; init; } = true;

    /// <summary>Time allowed for one HTTP request and its answer. Default 100 s (sispy has none).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The clock used for <see cref="SisClient.TokenExpiresAt"/>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A copy with the given server root.</summary>
    public SisClientOptions WithUrl(Uri url) => this with { Url = url };

    /// <summary>A copy with the given API version.</summary>
    public SisClientOptions WithApiVersion(string apiVersion) =>
        this with
        {
            ApiVersion = apiVersion,
        };

    /// <summary>A copy that starts with <paramref name="authToken"/> as <c>x-auth-token</c>.</summary>
    public SisClientOptions WithAuthToken(string authToken) => this with { AuthToken = authToken };

    /// <summary>A copy that starts without a token.</summary>
    public SisClientOptions WithoutAuthToken() => this with { AuthToken = null };

    /// <summary>A copy with keep-alive on or off.</summary>
    public SisClientOptions WithKeepAlive(bool keepAlive) => this with { KeepAlive = keepAlive };

    /// <summary>A copy with the given timeout.</summary>
    public SisClientOptions WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };

    /// <summary>A copy with the given clock.</summary>
    public SisClientOptions WithTime(TimeProvider time) => this with { Time = time };

    /// <summary>The settings with the token masked.</summary>
    public override string ToString() =>
        $"SisClientOptions {{ Url = {Shown(Url)}, ApiVersion = {ApiVersion}, AuthToken = {(string.IsNullOrEmpty(AuthToken) ? "(none)" : "***")}, KeepAlive = {(KeepAlive ? "true" : "false")}, Timeout = {Timeout} }}";

    private static string Shown(Uri? url) =>
        url is { IsAbsoluteUri: true, UserInfo.Length: > 0 }
            ? url.GetComponents(
                UriComponents.AbsoluteUri & ~UriComponents.UserInfo,
                UriFormat.UriEscaped
            )
            : url?.ToString() ?? "(none)";
}
