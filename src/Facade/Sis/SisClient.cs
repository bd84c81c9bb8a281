using System.Text.Json;
using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.Interpreter;
using Functional.Core.Sis;
using CoreSis = Functional.Core.Sis.Sis;

namespace Functional.Facade.Sis;

/// <summary>
/// The SIS client (sispy's <c>Client</c>): the collections as <see cref="SisEndpointClient"/>s
/// (<see cref="Schemas"/>, <see cref="Hooks"/>, <see cref="Hiera"/>, <see cref="Users"/>, <see cref="Scripts"/>,
/// <see cref="Entities"/>, <see cref="Tokens"/>), <see cref="AuthenticateAsync"/>, <see cref="InfoAsync"/>,
/// <see cref="TriggerHooksAsync"/>, and <see cref="SendAsync{T}"/> for any Core <c>Sis</c> builder.
/// <para>
/// Every method returns a task and takes a <see cref="CancellationToken"/>. Failures are thrown:
/// <see cref="SisException"/> (a failure the server reported — 400, 401, 404, 500 — or an answer that is not
/// JSON or does not fit), <see cref="SisValidationException"/> (bad arguments, nothing sent); transport failures
/// keep their .NET types (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/>,
/// <see cref="OperationCanceledException"/>).
/// </para>
/// <para>
/// TLS certificates are verified: the client sends with the caller's <see cref="HttpClient"/> and never turns
/// certificate validation off (sispy does). Thread-safe: the token is swapped atomically by
/// <see cref="AuthenticateAsync"/>, and each request uses the token current when it starts.
/// </para>
/// </summary>
public sealed class SisClient
{
    private readonly HttpClient http;
    private readonly HttpInterpreterOptions interpreter;
    private readonly SisSettings baseSettings;
    private volatile TokenState? token;
    private volatile TokenSettings? settingsCache;

    /// <summary>Creates a client that sends with <paramref name="httpClient"/> (whose lifetime the caller owns).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options are unusable (a relative URL, an empty version, a token with control characters).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public SisClient(HttpClient httpClient, SisClientOptions options)
        : this(httpClient, options, null) { }

    /// <summary>
    /// Creates a client that sends with <paramref name="httpClient"/> (whose lifetime the caller owns) and writes one
    /// event per request to <paramref name="logger"/> (endpoint, status, duration — never a token or password).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument other than the logger is null.</exception>
    /// <exception cref="ArgumentException">The options are unusable (a relative URL, an empty version, a token with control characters).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive.</exception>
    public SisClient(HttpClient httpClient, SisClientOptions options, ILogger? logger)
    {
        http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        if (
            options.Url is null
            || !options.Url.IsAbsoluteUri
            || options.Url.Scheme is not ("http" or "https")
        )
            throw new ArgumentException(
                "Url must be an absolute http or https address",
                nameof(options)
            );
        if (options.Url.Query.Length > 0 || options.Url.Fragment.Length > 0)
            throw new ArgumentException("Url must not have a query or a fragment", nameof(options));
        if (string.IsNullOrEmpty(options.ApiVersion) || options.ApiVersion.Any(char.IsControl))
            throw new ArgumentException(
                "ApiVersion must be non-empty text without control characters",
                nameof(options)
            );
        if (options.AuthToken is { } t && t.Any(c => char.IsControl(c) || c > '\u007e'))
            throw new ArgumentException(
                "AuthToken must be printable ASCII (no control characters)",
                nameof(options)
            );
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), "Timeout must be positive");
        ArgumentNullException.ThrowIfNull(options.Time, "options.Time");
        interpreter = ClientLog.With(
            HttpInterpreterOptions
                .Default.WithBaseAddress(options.Url)
                .WithTimeout(options.Timeout),
            logger
        );
        baseSettings = SisSettings
            .Default.WithApiVersion(options.ApiVersion)
            .WithKeepAlive(options.KeepAlive);
        token = string.IsNullOrEmpty(options.AuthToken)
            ? null
            : new TokenState(options.AuthToken, null);
        Schemas = new SisEndpointClient(this, SisEndpoint.Schemas);
        Hooks = new SisEndpointClient(this, SisEndpoint.Hooks);
        Hiera = new SisEndpointClient(this, SisEndpoint.Hiera);
        Users = new SisEndpointClient(this, SisEndpoint.Users);
        Scripts = new SisEndpointClient(this, SisEndpoint.Scripts);
    }

    /// <summary>The settings this client was made with (the token there is the initial one; see <see cref="AuthToken"/>).</summary>
    public SisClientOptions Options { get; }

    /// <summary>
    /// What the next request carries: the API version, the current token and keep-alive. Pass it to any Core
    /// <c>Sis</c> builder and run the result with <see cref="SendAsync{T}"/>.
    /// </summary>
    public SisSettings Settings => SettingsOf(token);

    /// <summary>The token sent as <c>x-auth-token</c>, or null. A secret: do not log it.</summary>
    public string? AuthToken => token?.Name;

    /// <summary>
    /// When the token from <see cref="AuthenticateAsync"/> expires (its <c>expires</c> added to the time it was
    /// received, by <see cref="SisClientOptions.Time"/>), or null for a persistent token or no token. The client
    /// does not renew tokens: call <see cref="AuthenticateAsync"/> again before this time.
    /// </summary>
    public DateTimeOffset? TokenExpiresAt => token?.ExpiresAt;

    /// <summary>The schemas (<c>/schemas</c>, id = <c>name</c>).</summary>
    public SisEndpointClient Schemas { get; }

    /// <summary>The hooks (<c>/hooks</c>, id = <c>name</c>).</summary>
    public SisEndpointClient Hooks { get; }

    /// <summary>The hiera entries (<c>/hiera</c>, id = <c>name</c>; names with <c>/</c>, <c>?</c>, <c>#</c> or spaces work).</summary>
    public SisEndpointClient Hiera { get; }

    /// <summary>The users (<c>/users</c>, id = <c>name</c>; only when the server has authentication on).</summary>
    public SisEndpointClient Users { get; }

    /// <summary>The scripts (<c>/scripts</c>, id = <c>name</c>; only when the server has scripts on).</summary>
    public SisEndpointClient Scripts { get; }

    /// <summary>The entities of <paramref name="schema"/> (<c>/entities/&lt;schema&gt;</c>). The name is checked when a call uses it.</summary>
    public SisEndpointClient Entities(string schema) => new(this, SisEndpoint.Entities(schema));

    /// <summary>
    /// The persistent tokens of <paramref name="userName"/> (<c>/users/&lt;user&gt;/tokens</c>; id = the token,
    /// which is masked in exception messages). The name is checked when a call uses it.
    /// </summary>
    public SisEndpointClient Tokens(string userName) => new(this, SisEndpoint.Tokens(userName));

    /// <summary>
    /// Gets a temporary token (<c>POST /users/auth_token</c> with HTTP Basic credentials, 8 hours on a default
    /// server) and sends it as <c>x-auth-token</c> on every later request; <see cref="TokenExpiresAt"/> tells when
    /// it expires. The password never appears in an exception message.
    /// </summary>
    /// <returns>The token (its <see cref="SisToken.ToString"/> masks it).</returns>
    /// <exception cref="SisException">401 bad credentials, or 404 unknown user.</exception>
    public async Task<SisToken> AuthenticateAsync(
        string user,
        string password,
        CancellationToken cancellationToken = default
    )
    {
        var received = await RunAsync(
                s => CoreSis.Authenticate(s, user, password),
                password is null ? [] : [password],
                cancellationToken
            )
            .ConfigureAwait(false);
        var now = Options.Time.GetUtcNow();
        token = new TokenState(
            received.Name,
            received.ExpiresIn.Case is TimeSpan left ? now + left : null
        );
        return received;
    }

    /// <summary>The server's information (<c>GET /info</c>, no token needed): version, build and settings.</summary>
    public async Task<JsonElement> InfoAsync(CancellationToken cancellationToken = default) =>
        (await RunAsync(CoreSis.Info, [], cancellationToken).ConfigureAwait(false)).Json;

    /// <summary>Runs the hooks of an entity again (<c>POST /hooks/trigger/&lt;schema&gt;/&lt;id&gt;</c>).</summary>
    public Task<SisResponse> TriggerHooksAsync(
        string schema,
        string id,
        CancellationToken cancellationToken = default
    ) => RunAsync(s => CoreSis.TriggerHooks(s, schema, id), [], cancellationToken);

    /// <summary>
    /// Runs any Core <c>Sis</c> builder (made with <see cref="Settings"/>) and returns its result, or throws its
    /// error. A builder that carries a token other than <see cref="AuthToken"/> keeps it.
    /// </summary>
    public async Task<T> SendAsync<T>(
        Validation<ApiError, HttpEffect<T>> built,
        CancellationToken cancellationToken = default
    )
    {
        var snapshot = token;
        var result = await TrySendAsync(built, cancellationToken).ConfigureAwait(false);
        return result.Match(v => v, e => throw Fail(e, snapshot, [], cancellationToken));
    }

    /// <summary>Runs any Core <c>Sis</c> builder and returns its result or its error as data (never throws for API errors).</summary>
    public Task<Either<ApiError, T>> TrySendAsync<T>(
        Validation<ApiError, HttpEffect<T>> built,
        CancellationToken cancellationToken = default
    ) =>
        built.IsFail
            ? Task.FromResult(Left<ApiError, T>(ApiError.Combine(built.FailToSeq())))
            : HttpInterpreter.RunAsync(
                HttpEffect.FromValidation(built),
                http,
                interpreter,
                cancellationToken
            );

    /// <summary>The client's address (the token is never shown).</summary>
    public override string ToString() => $"SisClient({Options})";

    /// <summary>Builds with the current settings, runs, and throws a failure with every known secret masked.</summary>
    internal async Task<T> RunAsync<T>(
        Func<SisSettings, Validation<ApiError, HttpEffect<T>>> build,
        IReadOnlyList<string> secrets,
        CancellationToken cancellationToken
    )
    {
        var snapshot = token;
        var result = await TrySendAsync(build(SettingsOf(snapshot)), cancellationToken)
            .ConfigureAwait(false);
        return result.Match(v => v, e => throw Fail(e, snapshot, secrets, cancellationToken));
    }

    /// <summary>The exception for <paramref name="error"/>, masking the token in use and <paramref name="secrets"/>.</summary>
    internal Exception Fail(
        ApiError error,
        TokenState? snapshot,
        IReadOnlyList<string> secrets,
        CancellationToken cancellationToken
    )
    {
        var current = token;
        var all = secrets.ToList();
        foreach (var t in new[] { snapshot?.Name, current?.Name, Options.AuthToken })
        {
            if (!string.IsNullOrEmpty(t))
                all.Add(t);
        }
        return SisErrorMapping.ToException(error, all, cancellationToken);
    }

    private SisSettings SettingsOf(TokenState? state)
    {
        if (state is null)
            return baseSettings;
        // The settings of the current token are made once per token, not on every request.
        var cached = settingsCache;
        if (cached is not null && ReferenceEquals(cached.State, state))
            return cached.Settings;
        var settings = baseSettings.WithAuthToken(state.Name);
        settingsCache = new TokenSettings(state, settings);
        return settings;
    }

    /// <summary>The settings made for a token (swapped as one reference).</summary>
    private sealed class TokenSettings(TokenState state, SisSettings settings)
    {
        public TokenState State { get; } = state;

        public SisSettings Settings { get; } = settings;
    }

    /// <summary>A token and when it expires, swapped as one reference.</summary>
    internal sealed record TokenState(string Name, DateTimeOffset? ExpiresAt)
    {
        /// <inheritdoc />
        public override string ToString() => "TokenState(***)";
    }
}
