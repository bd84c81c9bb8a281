using Functional.Core.Provisioning;
using Functional.Emulators.OnePlatform;
using Functional.Facade.Provisioning;

namespace Functional.Cli.Targets;

/// <summary>An open Provisioning API for one command: the client, the vendor credentials, and the embedded emulator when there is one.</summary>
internal sealed class ProvisioningTarget : IAsyncDisposable
{
    private const string NoCredentials =
        "no vendor credentials: pass --vendor-token (or --cik), set FXO_VENDOR_TOKEN, or set provision.token in the config file";

    private readonly HttpClient http;
    private readonly ProvisioningAuth? auth;

    private ProvisioningTarget(
        HttpClient http,
        ProvisioningClient client,
        ProvisioningAuth? auth,
        OnePlatformEmulator? embedded
    )
    {
        this.http = http;
        this.auth = auth;
        Client = client;
        Embedded = embedded;
    }

    /// <summary>The client (its HTTP client belongs to this target).</summary>
    public ProvisioningClient Client { get; }

    /// <summary>
    /// The vendor credentials (a vendor token, or a CIK when managing by CIK). Commands that need none (device
    /// activation) never read it; reading it without credentials configured is a usage error.
    /// </summary>
    public ProvisioningAuth Auth => auth ?? throw new CliUsageException(NoCredentials);

    /// <summary>The embedded emulator, when no server was named.</summary>
    public OnePlatformEmulator? Embedded { get; }

    internal static async Task<ProvisioningTarget> OpenAsync(
        CliContext context,
        string? vendorTokenOption,
        string? cikOption,
        CancellationToken ct
    )
    {
        var url =
            context.Url
            ?? ServerUrl.Require(context.Host.Variable("FXO_ONEP_URL"), "FXO_ONEP_URL")
            ?? ServerUrl.Require(
                context.Config.Get("provision", "url"),
                "provision.url in the config file"
            )
            ?? ServerUrl.Require(context.Config.Get("onep", "url"), "onep.url in the config file");
        OnePlatformEmulator? embedded = null;
        if (url is null)
        {
            embedded = await Targets
                .Embedded.StartOnePlatformAsync(context, ct)
                .ConfigureAwait(false);
            url = embedded.BaseUri;
        }
        var token =
            vendorTokenOption
            ?? context.Host.Variable("FXO_VENDOR_TOKEN")
            ?? context.Config.Get("provision", "token");
        var cik =
            cikOption ?? context.Host.Variable("FXO_CIK") ?? context.Config.Get("onep", "cik");
        ProvisioningAuth? auth = null;
        if (token is not null)
        {
            auth = ProvisioningAuth.Token(token);
        }
        else if (cik is not null)
        {
            auth = ProvisioningAuth.Cik(Credentials.Hex(context.Config.Key(cik) ?? cik, "the CIK"));
        }
        else if (embedded is not null)
        {
            auth = ProvisioningAuth.Token(Targets.Embedded.VendorToken(context));
        }
        var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var client = new ProvisioningClient(
            http,
            new ProvisioningClientOptions
            {
                Endpoint = url,
                Timeout = context.Timeout,
                UserAgent = "fxo/1.0",
                ManageByCik = token is null && cik is not null,
            }
        );
        return new ProvisioningTarget(http, client, auth, embedded);
    }

    /// <summary>Closes the HTTP client and stops the embedded emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (Embedded is not null)
        {
            await Embedded.DisposeAsync().ConfigureAwait(false);
        }
    }
}
