using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.Interpreter;
using Functional.Core.Provisioning;

namespace Functional.Facade.Provisioning;

/// <summary>
/// The Provisioning API client (pyonep's <c>Provision</c>): one <c>...Async</c> method per Core builder in
/// <see cref="Models"/>, <see cref="SerialNumbers"/>, <see cref="Content"/>, <see cref="Groups"/>,
/// <see cref="Vendors"/> and <see cref="Device"/>, plus <see cref="SendAsync{T}"/> for any builder and
/// <see cref="SendRawAsync{T}"/> for the raw response. Failures are thrown: <see cref="ProvisioningException"/>
/// (a failure status such as 409 Conflict, or an unusable answer), <see cref="ProvisioningValidationException"/>
/// (bad arguments, nothing sent); transport failures keep their .NET types (<see cref="HttpRequestException"/>,
/// <see cref="TimeoutException"/>, <see cref="OperationCanceledException"/>). Thread-safe.
/// </summary>
public sealed partial class ProvisioningClient
{
    private readonly HttpClient http;
    private readonly HttpInterpreterOptions interpreter;

    /// <summary>Creates a client that sends with <paramref name="httpClient"/> (whose lifetime the caller owns).</summary>
    public ProvisioningClient(HttpClient httpClient, ProvisioningClientOptions? options = null)
        : this(httpClient, options, null) { }

    /// <summary>
    /// Creates a client that sends with <paramref name="httpClient"/> (whose lifetime the caller owns) and writes one
    /// event per request to <paramref name="logger"/> (endpoint, status, duration — never a CIK or token).
    /// </summary>
    public ProvisioningClient(
        HttpClient httpClient,
        ProvisioningClientOptions? options,
        ILogger? logger
    )
    {
        http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        Options = options ?? new ProvisioningClientOptions();
        if (Options.Endpoint is null || !Options.Endpoint.IsAbsoluteUri)
            throw new ArgumentException("Endpoint must be an absolute address", nameof(options));
        if (Options.Timeout <= TimeSpan.Zero && Options.Timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), "Timeout must be positive");
        if (
            Options.UserAgent is { } ua
            && (ua.Length == 0 || ua.Any(c => char.IsControl(c) || c > '\u007e'))
        )
            throw new ArgumentException(
                "UserAgent must be non-empty printable ASCII (no control characters)",
                nameof(options)
            );
        interpreter = ClientLog.With(
            HttpInterpreterOptions
                .Default.WithBaseAddress(Options.Endpoint)
                .WithTimeout(Options.Timeout),
            logger
        );
    }

    /// <summary>The settings this client was made with.</summary>
    public ProvisioningClientOptions Options { get; }

    /// <summary>
    /// The credentials for <paramref name="key"/> as the options say: a CIK when
    /// <see cref="ProvisioningClientOptions.ManageByCik"/> is true, else a vendor token, with
    /// <see cref="ProvisioningClientOptions.SharedVendor"/> when set. The key is checked when a call uses it.
    /// </summary>
    public ProvisioningAuth Auth(string key)
    {
        var auth = ProvisioningAuth.Of(key, Options.ManageByCik);
        return Options.SharedVendor is { } vendor ? auth.WithSharedVendor(vendor) : auth;
    }

    /// <summary>Runs any Provisioning builder and returns its result, or throws its error.</summary>
    public async Task<T> SendAsync<T>(
        Validation<ApiError, HttpEffect<T>> built,
        CancellationToken cancellationToken = default
    )
    {
        var result = await TrySendAsync(built, cancellationToken).ConfigureAwait(false);
        return result.Match(
            v => v,
            e => throw ProvisioningExceptionMapping.ToException(e, cancellationToken)
        );
    }

    /// <summary>Runs any Provisioning builder and returns its result or its error as data (never throws for API errors).</summary>
    public Task<Either<ApiError, T>> TrySendAsync<T>(
        Validation<ApiError, HttpEffect<T>> built,
        CancellationToken cancellationToken = default
    )
    {
        if (built.IsFail)
            return Task.FromResult(Left<ApiError, T>(ApiError.Combine(built.FailToSeq())));
        return HttpInterpreter.RunAsync(
            HttpEffect.FromValidation(built.Map(WithUserAgent)),
            http,
            interpreter,
            cancellationToken
        );
    }

    /// <summary>
    /// Sends the request of any Provisioning builder and returns the raw response (status, reason, headers, body)
    /// whatever its status: a 409 is returned, not thrown. Bad arguments and transport failures still throw.
    /// </summary>
    public Task<HttpResponse> SendRawAsync<T>(
        Validation<ApiError, HttpEffect<T>> built,
        CancellationToken cancellationToken = default
    ) => SendAsync(ProvisioningResponses.Raw(built), cancellationToken);

    /// <summary>The same as <see cref="SendRawAsync{T}"/>.</summary>
    public Task<HttpResponse> RawAsync<T>(
        Validation<ApiError, HttpEffect<T>> built,
        CancellationToken cancellationToken = default
    ) => SendRawAsync(built, cancellationToken);

    private HttpEffect<T> WithUserAgent<T>(HttpEffect<T> effect) =>
        Options.UserAgent is { } ua && effect is HttpEffect<T>.Send send
            ? send with
            {
                Request = send.Request.WithHeader(new HttpHeader("User-Agent", ua)),
            }
            : effect;

    private async Task<IReadOnlyList<T>> ListAsync<T>(
        Validation<ApiError, HttpEffect<Seq<T>>> built,
        CancellationToken cancellationToken
    ) => (await SendAsync(built, cancellationToken).ConfigureAwait(false)).ToArray();

    private static Seq<T> Items<T>(IEnumerable<T>? items) =>
        items is null ? Empty : toSeq(items.ToArray());

    private static Option<T> Opt<T>(T? value)
        where T : class => value is null ? None : Some(value);
}
