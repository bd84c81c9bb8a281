using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// One emulator on a real socket and the real facade client talking to it (documented and pyonep argument forms),
/// with a handler that counts the HTTP requests the client sends and the connections it opens.
/// </summary>
internal sealed partial class EndToEndHarness : IAsyncDisposable
{
    private EndToEndHarness(OnePlatformEmulator emulator)
    {
        Emulator = emulator;
        Counter = new EndToEndCountingHandler();
        Http = new HttpClient(Counter);
        Client = NewClient();
        Pyonep = NewClient(o => o with { ArgumentForm = ArgumentForm.Pyonep });
        Root = Auth.Cik(emulator.RootCik);
    }

    public OnePlatformEmulator Emulator { get; }

    public EndToEndCountingHandler Counter { get; }

    public HttpClient Http { get; }

    /// <summary>The facade client with the documented argument forms.</summary>
    public OnePlatformClient Client { get; }

    /// <summary>The facade client with <see cref="ArgumentForm.Pyonep"/>.</summary>
    public OnePlatformClient Pyonep { get; }

    /// <summary>The emulator's root client.</summary>
    public Auth Root { get; }

    public string RootRid => Emulator.RootRid;

    public static async Task<EndToEndHarness> StartAsync(TimeProvider? clock = null)
    {
        var emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 7, TimeProvider = clock ?? TimeProvider.System }
        );
        return new EndToEndHarness(emulator);
    }

    /// <summary>Another facade client on the same sockets, e.g. with a different chunk size.</summary>
    public OnePlatformClient NewClient(
        Func<OnePlatformClientOptions, OnePlatformClientOptions>? configure = null
    )
    {
        var options = new OnePlatformClientOptions { Endpoint = Emulator.BaseUri };
        return new OnePlatformClient(Http, configure is null ? options : configure(options));
    }

    /// <summary>
    /// Creates a client under <paramref name="owner"/> (every limit "inherit") over RPC and reads its key with
    /// <c>info {"key": true}</c>, as a user of the library would.
    /// </summary>
    public async Task<EndToEndAccount> NewAccountAsync(string name, Auth? owner = null)
    {
        var by = owner ?? Root;
        var rid = await Client.CreateClientAsync(
            by,
            ResourceId.Self,
            ClientDescription.Default.WithName(name).WithLimits(ClientLimits.InheritAll)
        );
        var info = await Client.InfoAsync(by, ResourceId.Rid(rid), InfoOptions.OnlyKey);
        return new EndToEndAccount(rid, (string)info.Key);
    }

    /// <summary>Creates a dataport under the caller and, when given, maps <paramref name="alias"/> to it.</summary>
    public async Task<string> NewDataportAsync(Auth auth, DataFormat format, string? alias = null)
    {
        var rid = await Client.CreateDataportAsync(
            auth,
            ResourceId.Self,
            DataportDescription.Of(format)
        );
        if (alias is not null)
            await Client.MapAsync(auth, ResourceId.Rid(rid), alias);
        return rid;
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex IdPattern();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A client made for a test: its RID and CIK.</summary>
internal sealed record EndToEndAccount(string Rid, string Cik)
{
    public Auth Auth => Auth.Cik(Cik);

    public ResourceId Id => ResourceId.Rid(Rid);
}

/// <summary>
/// Counts the HTTP requests that pass through it, the TCP connections opened for them and the responses that
/// asked to close the connection (<c>Connection: close</c>).
/// </summary>
internal sealed class EndToEndCountingHandler : DelegatingHandler
{
    private readonly StrongBox<int> opened;
    private int requests;
    private int closes;

    public EndToEndCountingHandler()
        : this(new StrongBox<int>()) { }

    private EndToEndCountingHandler(StrongBox<int> opened)
        : base(
            new SocketsHttpHandler { ConnectCallback = (c, ct) => ConnectAsync(opened, c, ct) }
        ) => this.opened = opened;

    public int Requests => Volatile.Read(ref requests);

    public int Connections => Volatile.Read(ref opened.Value);

    public int ConnectionCloses => Volatile.Read(ref closes);

    public void Reset()
    {
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref closes, 0);
        Interlocked.Exchange(ref opened.Value, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        Interlocked.Increment(ref requests);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.ConnectionClose == true)
            Interlocked.Increment(ref closes);
        return response;
    }

    private static async ValueTask<Stream> ConnectAsync(
        StrongBox<int> opened,
        SocketsHttpConnectionContext context,
        CancellationToken cancellationToken
    )
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        Interlocked.Increment(ref opened.Value);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
