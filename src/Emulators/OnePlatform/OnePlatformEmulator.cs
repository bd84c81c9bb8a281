using System.Net;
using System.Text.Json.Nodes;
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform.Http;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;
using Functional.Emulators.OnePlatform.Persistence;
using Functional.Emulators.Provisioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Functional.Emulators.OnePlatform;

/// <summary>
/// A real HTTP server on 127.0.0.1 that behaves like the Exosite One Platform JSON-RPC service
/// (<c>POST /onep:v1/rpc/process</c>, also <c>/api:v1/rpc/process</c>), written from the protocol spec only.
/// It starts with one root client (generous limits, no owner) whose CIK is <see cref="RootCik"/>.
/// </summary>
public sealed class OnePlatformEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorState state;
    private readonly FaultInjector? faults;
    private int disposed;

    private OnePlatformEmulator(
        WebApplication app,
        EmulatorState state,
        FaultInjector? faults,
        Uri baseUri
    )
    {
        this.app = app;
        this.state = state;
        this.faults = faults;
        BaseUri = baseUri;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:4001/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The Provisioning API's base, <see cref="BaseUri"/> + <c>provision/</c>.</summary>
    public Uri ProvisionUri => new(BaseUri + "provision/");

    /// <summary>The RPC endpoint, <see cref="BaseUri"/> + <c>onep:v1/rpc/process</c>.</summary>
    public Uri RpcUri => new(BaseUri + "onep:v1/rpc/process");

    /// <summary>The root client's CIK.</summary>
    public string RootCik
    {
        get
        {
            lock (state.Gate)
            {
                return state.Tree.Root.Cik!;
            }
        }
    }

    /// <summary>The root client's RID.</summary>
    public string RootRid => state.Tree.RootRid;

    /// <summary>
    /// What fault injection (<see cref="OnePlatformEmulatorOptions.Faults"/>) has done so far: requests seen and
    /// faults injected per kind and per rule. All zero when no rule is configured.
    /// </summary>
    public FaultCounts Faults => faults?.Snapshot() ?? FaultInjector.Empty;

    /// <summary>Number of <c>wait</c> calls currently parked on the server (lets tests move the clock safely).</summary>
    public int PendingWaits => state.PendingWaits;

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <param name="options">Port, root CIK, seed, clock, state file, logger; null for all defaults.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <exception cref="ArgumentException">
    /// The root CIK is not 40 lower-case hex characters, or a fault rule is invalid.
    /// </exception>
    /// <exception cref="InvalidDataException">The state file exists but is not a valid state.</exception>
    public static async Task<OnePlatformEmulator> StartAsync(
        OnePlatformEmulatorOptions? options = null,
        CancellationToken ct = default
    )
    {
        options ??= new OnePlatformEmulatorOptions();
        if (options.RootCik is { } cik && !JsonArgs.IsId(cik))
        {
            throw new ArgumentException(
                "The root CIK must be 40 lower-case hexadecimal characters.",
                nameof(options)
            );
        }
        if (options.VendorToken is { } token && !JsonArgs.IsId(token))
        {
            throw new ArgumentException(
                "The vendor token must be 40 lower-case hexadecimal characters.",
                nameof(options)
            );
        }
        if (string.IsNullOrEmpty(options.Vendor))
        {
            throw new ArgumentException("The vendor name must not be empty.", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.Faults?.Problem() is { } faultProblem)
        {
            throw new ArgumentException(faultProblem, nameof(options));
        }
        var logger = options.Logger ?? NullLogger.Instance;
        var (tree, provisioningState) = CreateTree(options);
        provisioningState.Seed(options.Vendor, options.VendorToken, tree.RootRid);
        var state = new EmulatorState(
            tree,
            provisioningState,
            options.TimeProvider,
            options.StatePath,
            logger
        );
        lock (state.Gate)
        {
            tree.Dirty = true;
            state.Commit();
        }

        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory }
        );
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var endpoint = new RpcEndpoint(state, options.MaxRequestBodyBytes, logger);
        var provisioning = new ProvisioningEndpoint(state, logger, options.MaxRequestBodyBytes);
        var faults = options.Faults is { Rules.Count: > 0 } f ? new FaultInjector(f) : null;
        if (faults is not null)
        {
            app.Use(faults.InvokeAsync);
        }
        app.Run(http =>
            ProvisioningEndpoint.Handles(http)
                ? provisioning.HandleAsync(http)
                : endpoint.HandleAsync(http)
        );
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            state.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        state.StartTicker();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new OnePlatformEmulator(app, state, faults, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Seeding convenience: creates a client under <paramref name="parentRid"/> with every limit <c>"inherit"</c>
    /// (so it draws on its owner's limits) and returns its RID and CIK. The same can be done over HTTP with
    /// <c>create</c> and <c>info {"key": true}</c>.
    /// </summary>
    /// <param name="parentRid">RID of an existing client, e.g. <see cref="RootRid"/>.</param>
    /// <param name="name">The new client's description name.</param>
    /// <exception cref="ArgumentException">No client has that RID.</exception>
    /// <exception cref="InvalidOperationException">The parent's client limit is used up.</exception>
    public (string Rid, string Cik) CreateClient(string parentRid, string name)
    {
        ArgumentNullException.ThrowIfNull(parentRid);
        ArgumentNullException.ThrowIfNull(name);
        lock (state.Gate)
        {
            if (state.Tree.Find(parentRid) is not { IsClient: true } parent)
            {
                throw new ArgumentException(
                    $"No client has the RID {parentRid}.",
                    nameof(parentRid)
                );
            }
            var limits = new JsonObject();
            foreach (var key in Limits.Keys)
            {
                limits[key] = "inherit";
            }
            var description = new JsonObject
            {
                ["limits"] = limits,
                ["locked"] = false,
                ["meta"] = "",
                ["name"] = name,
                ["public"] = false,
            };
            var client = state.Tree.NewResource(
                ResourceKind.Client,
                parent,
                description,
                state.Now
            );
            state.Tree.Add(client);
            if (!Limits.Satisfied(state.Tree, parent))
            {
                state.Tree.RemoveSubtree(client);
                throw new InvalidOperationException(
                    $"The client {parentRid} cannot own another client (limits)."
                );
            }
            state.Commit();
            return (client.Rid, client.Cik!);
        }
    }

    /// <summary>Stops the server; parked <c>wait</c> calls are answered <c>expire</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        state.Dispose();
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static (ResourceTree Tree, ProvisioningState Provisioning) CreateTree(
        OnePlatformEmulatorOptions options
    )
    {
        var ids = new IdGenerator(options.Seed);
        var now = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (options.StatePath is { } path && File.Exists(path))
        {
            var (loaded, saved) = StateStore.Load(path, ids);
            if (options.RootCik is { } replacement && loaded.Root.Cik != replacement)
            {
                if (loaded.FindByCik(replacement) is not null)
                {
                    throw new ArgumentException(
                        "The root CIK is already used by another client in the state file.",
                        nameof(options)
                    );
                }
                loaded.SetCik(loaded.Root, replacement);
            }
            return (
                loaded,
                saved is null ? new ProvisioningState() : ProvisioningStore.FromJson(saved)
            );
        }
        var tree = new ResourceTree(ids, ids.Next());
        var root = new Resource(tree.RootRid, ResourceKind.Client, null, Descriptions.Root(), now)
        {
            Cik = options.RootCik ?? tree.NewId(),
        };
        tree.Add(root);
        return (tree, new ProvisioningState());
    }
}
