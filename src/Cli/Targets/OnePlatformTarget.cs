using Functional.Core.OnePlatform;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;

namespace Functional.Cli.Targets;

/// <summary>An open One Platform server for one command: the client, the caller's credentials, and the embedded emulator when there is one.</summary>
internal sealed class OnePlatformTarget : IAsyncDisposable
{
    private readonly HttpClient http;

    private OnePlatformTarget(
        HttpClient http,
        OnePlatformClient client,
        Auth auth,
        OnePlatformEmulator? embedded
    )
    {
        this.http = http;
        Client = client;
        Auth = auth;
        Embedded = embedded;
    }

    /// <summary>The client (its HTTP client belongs to this target).</summary>
    public OnePlatformClient Client { get; }

    /// <summary>The credentials the command acts with.</summary>
    public Auth Auth { get; }

    /// <summary>The embedded emulator, when no server was named.</summary>
    public OnePlatformEmulator? Embedded { get; }

    /// <summary>The server's base address.</summary>
    public Uri BaseUri => Client.Options.Endpoint;

    internal static async Task<OnePlatformTarget> OpenAsync(
        CliContext context,
        string? cikOption,
        CancellationToken ct
    )
    {
        var url =
            context.Url
            ?? ServerUrl.Require(context.Host.Variable("FXO_ONEP_URL"), "FXO_ONEP_URL")
            ?? ServerUrl.Require(context.Config.Get("onep", "url"), "onep.url in the config file");
        OnePlatformEmulator? embedded = null;
        if (url is null)
        {
            embedded = await Targets
                .Embedded.StartOnePlatformAsync(context, ct)
                .ConfigureAwait(false);
            url = embedded.BaseUri;
        }
        var given =
            cikOption ?? context.Host.Variable("FXO_CIK") ?? context.Config.Get("onep", "cik");
        var auth =
            given is not null ? Credentials.OnePlatformAuth(given, context.Config)
            : embedded is not null ? Auth.Cik(embedded.RootCik)
            : throw new CliUsageException(
                "no CIK: pass --cik <CIK or key name>, set FXO_CIK, or set onep.cik in the config file"
            );
        var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var client = new OnePlatformClient(
            http,
            new OnePlatformClientOptions
            {
                Endpoint = url,
                Timeout = context.Timeout,
                UserAgent = "fxo/1.0",
            }
        );
        return new OnePlatformTarget(http, client, auth, embedded);
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
