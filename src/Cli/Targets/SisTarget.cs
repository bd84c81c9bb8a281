using System.Text.Json.Nodes;
using Functional.Emulators.Sis;
using Functional.Facade.Sis;

namespace Functional.Cli.Targets;

/// <summary>An open SIS server for one command: the client (with its token) and the embedded emulator when there is one.</summary>
internal sealed class SisTarget : IAsyncDisposable
{
    private readonly HttpClient http;

    private SisTarget(HttpClient http, SisClient client, SisEmulator? embedded, Uri url)
    {
        this.http = http;
        Client = client;
        Embedded = embedded;
        Url = url;
    }

    /// <summary>The client (its HTTP client belongs to this target).</summary>
    public SisClient Client { get; }

    /// <summary>The embedded emulator, when no server was named.</summary>
    public SisEmulator? Embedded { get; }

    /// <summary>The server's base address (without <c>/api/v1.1</c>).</summary>
    public Uri Url { get; }

    /// <summary>The file where <c>sis login</c> keeps tokens, per server URL.</summary>
    public static string LoginsFile(CliContext context) =>
        Path.Combine(context.DataDirectory, "sis-logins.json");

    /// <summary>The token stored by <c>sis login</c> for <paramref name="url"/>, or null.</summary>
    public static string? StoredToken(CliContext context, Uri url)
    {
        return
            PrivateFile.ReadObject(LoginsFile(context))[url.AbsoluteUri] is JsonValue v
            && v.TryGetValue<string>(out var token)
            ? token
            : null;
    }

    /// <summary>Stores (or with null removes) the <c>sis login</c> token for <paramref name="url"/>.</summary>
    public static void StoreToken(CliContext context, Uri url, string? token)
    {
        var path = LoginsFile(context);
        var root = PrivateFile.ReadObject(path);
        if (token is null)
        {
            root.Remove(url.AbsoluteUri);
        }
        else
        {
            root[url.AbsoluteUri] = token;
        }
        PrivateFile.WriteAllText(path, root.ToJsonString(PrivateFile.Indented));
    }

    internal static async Task<SisTarget> OpenAsync(
        CliContext context,
        string? tokenOption,
        CancellationToken ct
    )
    {
        var url =
            context.Url
            ?? ServerUrl.Require(context.Host.Variable("FXO_SIS_URL"), "FXO_SIS_URL")
            ?? ServerUrl.Require(context.Config.Get("sis", "url"), "sis.url in the config file");
        SisEmulator? embedded = null;
        if (url is null)
        {
            embedded = await Targets.Embedded.StartSisAsync(context, ct).ConfigureAwait(false);
            url = embedded.BaseUri;
        }
        var token =
            tokenOption
            ?? context.Host.Variable("FXO_SIS_TOKEN")
            ?? (embedded is null ? StoredToken(context, url) : null)
            ?? context.Config.Get("sis", "token");
        var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var options = new SisClientOptions(url) { Timeout = context.Timeout, AuthToken = token };
        var client = new SisClient(http, options);
        var target = new SisTarget(http, client, embedded, url);
        if (token is null && embedded is not null)
        {
            try
            {
                await client
                    .AuthenticateAsync(embedded.SuperUserName, embedded.SuperUserPassword, ct)
                    .ConfigureAwait(false);
            }
            catch
            {
                await target.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return target;
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
