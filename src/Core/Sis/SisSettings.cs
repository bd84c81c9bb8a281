namespace Functional.Core.Sis;

/// <summary>
/// What every SIS request carries: the API version (the path prefix <c>/api/v&lt;version&gt;</c>), the optional
/// <c>x-auth-token</c> and whether the connection is kept alive. The token is a secret: <see cref="ToString"/>
/// never shows it.
/// </summary>
/// <param name="ApiVersion">The API version, e.g. <c>1.1</c>.</param>
/// <param name="AuthToken">The token sent as <c>x-auth-token</c>, when there is one.</param>
/// <param name="KeepAlive">False sends <c>Connection: close</c> on every request.</param>
public sealed record SisSettings(string ApiVersion, Option<string> AuthToken, bool KeepAlive)
{
    /// <summary>Version <c>1.1</c>, no token, keep-alive on (sispy's defaults).</summary>
    public static SisSettings Default { get; } = new("1.1", None, true);

    /// <summary>A copy with another API version.</summary>
    public SisSettings WithApiVersion(string apiVersion) => this with { ApiVersion = apiVersion };

    /// <summary>A copy that sends <paramref name="token"/> as <c>x-auth-token</c>.</summary>
    public SisSettings WithAuthToken(string token) => this with { AuthToken = Some(token) };

    /// <summary>A copy that sends no token.</summary>
    public SisSettings WithoutAuthToken() => this with { AuthToken = None };

    /// <summary>A copy with keep-alive on or off.</summary>
    public SisSettings WithKeepAlive(bool keepAlive) => this with { KeepAlive = keepAlive };

    /// <inheritdoc />
    public override string ToString() =>
        $"SisSettings {{ ApiVersion = {ApiVersion}, AuthToken = {AuthToken.Match(_ => "***", () => "(none)")}, KeepAlive = {(KeepAlive ? "true" : "false")} }}";
}
