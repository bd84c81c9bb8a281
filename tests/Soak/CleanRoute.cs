namespace Functional.Tests.Soak;

/// <summary>
/// The soak's read-back path, which no fault rule matches. Rules are route-specific: One Platform faults match the
/// path prefix <c>/onep:v1/rpc/process</c>, so the checker's client posts to the emulator's other RPC path
/// <c>/api:v1/rpc/process</c> (same endpoint, same state); SIS faults match <c>/api/v1.1/</c>, so the checker's SIS
/// client goes through <see cref="SisCleanRouteHandler"/>, which spells the prefix <c>/API/v1.1/</c> — SIS routes are
/// case-insensitive (as Express's), fault prefixes are ordinal. Reads through the real clients, faults still on.
/// </summary>
internal static class CleanRoute
{
    public const string FaultedRpcPath = "/onep:v1/rpc/process";
    public const string CleanRpcPath = "/api:v1/rpc/process";
    public const string FaultedSisPrefix = "/api/v1.1/";
    public const string CleanSisPrefix = "/API/v1.1/";
}

/// <summary>Rewrites <c>/api/v1.1/…</c> to <c>/API/v1.1/…</c> (see <see cref="CleanRoute"/>).</summary>
internal sealed class SisCleanRouteHandler : DelegatingHandler
{
    public SisCleanRouteHandler()
        : base(new SocketsHttpHandler()) { }

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        if (
            request.RequestUri is { } uri
            && uri.AbsolutePath.StartsWith(CleanRoute.FaultedSisPrefix, StringComparison.Ordinal)
        )
        {
            request.RequestUri = new UriBuilder(uri)
            {
                Path =
                    CleanRoute.CleanSisPrefix
                    + uri.AbsolutePath[CleanRoute.FaultedSisPrefix.Length..],
            }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
