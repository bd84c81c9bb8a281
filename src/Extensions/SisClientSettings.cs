using Functional.Facade.Sis;

namespace Functional.Extensions;

/// <summary>
/// The bindable settings of the <see cref="SisClient"/> that <c>AddSisClient</c> registers (the configuration section
/// <see cref="DefaultSection"/> by default). Checked at start-up; see <see cref="SisClientOptions"/> for the meaning of
/// each value. <see cref="ToString"/> never shows <see cref="AuthToken"/>.
/// </summary>
public sealed class SisClientSettings
{
    /// <summary>The configuration section read by default: <c>Functional:Sis</c>.</summary>
    public const string DefaultSection = "Functional:Sis";

    /// <summary>The server root (absolute http or https, no query). Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>The API version put into the path. Default <c>1.1</c>.</summary>
    public string? ApiVersion { get; set; } = "1.1";

    /// <summary>A token sent as <c>x-auth-token</c>, or null. A secret: keep it in user secrets or the environment.</summary>
    public string? AuthToken { get; set; }

    /// <summary>False sends <c>Connection: close</c> on every request. Default true.</summary>
    public bool KeepAlive { get; set; } = true;

    /// <summary>Time allowed for one request and its answer. Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The immutable client options these settings describe (call after validation).</summary>
    public SisClientOptions ToOptions() =>
        new(Url ?? throw new InvalidOperationException("Url is required"))
        {
            ApiVersion = ApiVersion ?? "1.1",
            AuthToken = string.IsNullOrEmpty(AuthToken) ? null : AuthToken,
            KeepAlive = KeepAlive,
            Timeout = Timeout,
        };

    private static string Shown(Uri? url) =>
        url switch
        {
            null => "(none)",
            { IsAbsoluteUri: true } => url.GetComponents(
                UriComponents.SchemeAndServer | UriComponents.Path,
                UriFormat.UriEscaped
            ),
            _ => "(relative)",
        };

    /// <summary>The settings with the token masked.</summary>
    public override string ToString() =>
        $"SisClientSettings {{ Url = {Shown(Url)}, ApiVersion = {ApiVersion}, AuthToken = {(string.IsNullOrEmpty(AuthToken) ? "(none)" : "***")}, KeepAlive = {KeepAlive}, Timeout = {Timeout} }}";
}
