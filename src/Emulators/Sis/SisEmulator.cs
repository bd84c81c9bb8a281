using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform.Http;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.History;
using Functional.Emulators.Sis.Hooks;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Resources;
using Functional.Emulators.Sis.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Functional.Emulators.Sis;

/// <summary>
/// A real HTTP server on 127.0.0.1 that behaves like the SIS REST API v1.1 (<c>/api/v1.1/...</c>: schemas, entities,
/// hooks, hiera, users, tokens, commits), written from the spec only. Documents live in memory (optionally saved to
/// a state file); a super user is created at start.
/// </summary>
public sealed class SisEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HookDispatcher hooks;
    private readonly HttpClient hookClient;
    private readonly FaultInjector? faults;
    private int disposed;

    private SisEmulator(
        WebApplication app,
        HookDispatcher hooks,
        HttpClient hookClient,
        FaultInjector? faults,
        Uri baseUri,
        string superUserName,
        string superUserPassword
    )
    {
        this.app = app;
        this.hooks = hooks;
        this.hookClient = hookClient;
        this.faults = faults;
        BaseUri = baseUri;
        SuperUserName = superUserName;
        SuperUserPassword = superUserPassword;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:3001/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The API base, <see cref="BaseUri"/> + <c>api/v1.1/</c>.</summary>
    public Uri ApiUri => new(BaseUri + "api/v1.1/");

    /// <summary>The start-up super user's name.</summary>
    public string SuperUserName { get; }

    /// <summary>The start-up super user's password (given in the options, or generated).</summary>
    public string SuperUserPassword { get; }

    /// <summary>
    /// What fault injection (<see cref="SisEmulatorOptions.Faults"/>) has done so far: requests seen and faults
    /// injected per kind and per rule. All zero when no rule is configured.
    /// </summary>
    public FaultCounts Faults => faults?.Snapshot() ?? FaultInjector.Empty;

    /// <summary>Number of hook deliveries still running or waiting to retry.</summary>
    public int PendingHooks => hooks.Pending;

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <param name="options">Port, super user, modes, seed, clock, state file, logger; null for all defaults.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <exception cref="ArgumentException">The super user name is empty, or a fault rule is invalid.</exception>
    /// <exception cref="InvalidDataException">The state file exists but is not a valid state.</exception>
    public static async Task<SisEmulator> StartAsync(
        SisEmulatorOptions? options = null,
        CancellationToken ct = default
    )
    {
        options ??= new SisEmulatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (string.IsNullOrEmpty(options.SuperUserName))
        {
            throw new ArgumentException("The super user name must not be empty.", nameof(options));
        }
        if (options.Faults?.Problem() is { } faultProblem)
        {
            throw new ArgumentException(faultProblem, nameof(options));
        }
        if (options.SuperUserPassword is { Length: 0 })
        {
            throw new ArgumentException(
                "The super user password must not be empty.",
                nameof(options)
            );
        }
        var logger = options.Logger ?? NullLogger.Instance;
        var time = options.TimeProvider;
        var ids = new ObjectIdGenerator(options.Seed, time);
        var store = new SisStore(ids, options.StatePath, logger);
        var extra = store.Load() as JsonObject;
        if (extra?["ids"] is JsonValue counter && counter.TryGetValue<int>(out var last))
        {
            ids.Counter = last;
        }
        var tokens = new TokenStore(new IdGenerator(options.Seed, bytes: 16), ids.Next, time);
        if (extra?["tokens"] is JsonArray savedTokens)
        {
            tokens.Load(savedTokens);
        }
        var log = CommitLog.FromJson(extra?["commits"], ids.Next, time);
        var hookClient = new HttpClient { Timeout = options.HookTimeout };
        var dispatcher = new HookDispatcher(hookClient, time, logger);
        var context = new SisContext(store, time, options.AuthEnabled, logger)
        {
            History = new HistoryAdapter(log),
            Hooks = new HookAdapter(dispatcher, () => store.Get(SisStore.Hooks).Snapshot),
        };
        store.SaveExtra = () =>
            new JsonObject
            {
                ["ids"] = ids.Counter,
                ["tokens"] = tokens.Snapshot(),
                ["commits"] = context.History.Log.ToJson(),
            };
        var password = options.SuperUserPassword ?? ids.Hex(16);
        SeedSuperUser(context, options.SuperUserName, password);
        store.Save();

        var auth = new AuthGate(context, tokens);
        var api = SisModels.CreateApi(context, auth);
        var router = new SisRouter(api, options.ReadOnly, options.AuthEnabled);
        var handler = new SisHttpHandler(router, context.Hooks, logger);

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
        var faults = options.Faults is { Rules.Count: > 0 } f ? new FaultInjector(f) : null;
        if (faults is not null)
        {
            app.Use(faults.InvokeAsync);
        }
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await dispatcher.DisposeAsync().ConfigureAwait(false);
            hookClient.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new SisEmulator(
            app,
            dispatcher,
            hookClient,
            faults,
            new Uri(address.TrimEnd('/') + "/"),
            options.SuperUserName,
            password
        );
    }

    /// <summary>
    /// A raw client whose base address is <see cref="ApiUri"/> (relative paths like <c>hiera/x</c>); with
    /// <paramref name="token"/>, every request carries it as <c>x-auth-token</c>. The caller disposes it.
    /// </summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = ApiUri };
        client.DefaultRequestHeaders.Accept.Add(
            new MediaTypeWithQualityHeaderValue("application/json")
        );
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("x-auth-token", token);
        }
        return client;
    }

    /// <summary>Waits until every hook delivery (including retries) has finished.</summary>
    public Task DrainHooksAsync(CancellationToken ct = default) => hooks.DrainAsync(ct);

    /// <summary>Stops the server and cancels pending hook deliveries.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        await hooks.DisposeAsync().ConfigureAwait(false);
        hookClient.Dispose();
    }

    /// <summary>Creates the start-up super user, or resets its password and super flag when it exists.</summary>
    private static void SeedSuperUser(SisContext context, string name, string password)
    {
        var users = context.Store.Get(SisStore.Users);
        var now = context.Now;
        lock (users.Gate)
        {
            if (users.Find("name", name) is { } existing)
            {
                var updated = SisJson.Copy(existing);
                updated["pw"] = Passwords.Hash(password);
                updated["super_user"] = true;
                users.Replace(existing, updated);
                return;
            }
            var user = Users.NewSuperUser(name, password, name + "@example.com");
            user["_id"] = context.Store.Ids.Next();
            user["_v"] = 0;
            user["_sis"] = new JsonObject
            {
                ["_created_at"] = now,
                ["_updated_at"] = now,
                ["_version"] = "v1.1",
                ["tags"] = new JsonArray(),
                ["immutable"] = false,
                ["locked"] = false,
            };
            users.Insert(user);
        }
    }
}
