using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.Interpreter;
using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>
/// The One Platform JSON-RPC client: one <c>...Async</c> method per procedure, and <see cref="Batch"/> for many
/// calls in one request. Failures are thrown: <see cref="OnePlatformGeneralException"/> (whole request),
/// <see cref="OnePlatformCallException"/> (one call's status), <see cref="OnePlatformValidationException"/>
/// (bad arguments, nothing sent), <see cref="OnePlatformResponseException"/> (unusable answer); transport
/// failures keep their .NET types (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/>,
/// <see cref="OperationCanceledException"/>). Thread-safe; call ids count up from
/// <see cref="OnePlatformClientOptions.StartId"/>.
/// </summary>
public sealed partial class OnePlatformClient
{
    private readonly HttpClient http;
    private readonly HttpInterpreterOptions interpreter;
    private readonly RpcEndpoint endpoint;
    private long nextId;

    /// <summary>Creates a client that sends with <paramref name="httpClient"/> (whose lifetime the caller owns).</summary>
    public OnePlatformClient(HttpClient httpClient, OnePlatformClientOptions? options = null)
        : this(httpClient, options, null) { }

    /// <summary>
    /// Creates a client that sends with <paramref name="httpClient"/> (whose lifetime the caller owns) and writes one
    /// event per request to <paramref name="logger"/> (procedures, batch size, status, duration — never a CIK).
    /// </summary>
    public OnePlatformClient(
        HttpClient httpClient,
        OnePlatformClientOptions? options,
        ILogger? logger
    )
    {
        http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        Options = options ?? new OnePlatformClientOptions();
        endpoint = Options.ToRpcEndpoint();
        var valid = endpoint.Validate();
        if (valid.IsFail)
            throw new OnePlatformValidationException(ApiError.Combine(valid.FailToSeq()));
        if (Options.Timeout <= TimeSpan.Zero && Options.Timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), "Timeout must be positive");
        interpreter = ClientLog.With(
            HttpInterpreterOptions
                .Default.WithBaseAddress(Options.Endpoint)
                .WithTimeout(Options.Timeout),
            logger
        );
        nextId = Options.StartId;
    }

    /// <summary>The settings this client was made with.</summary>
    public OnePlatformClientOptions Options { get; }

    /// <summary>The RPC endpoint description used to build requests.</summary>
    public RpcEndpoint Endpoint => endpoint;

    /// <summary>Starts an empty batch of calls made as <paramref name="auth"/>; add calls, then <c>SendAsync</c>.</summary>
    public OnePlatformBatch Batch(Auth auth) =>
        new(this, auth, Seq<Validation<ApiError, RpcCall<object>>>());

    /// <summary>
    /// Sends any call made by a Core builder and returns its result, or throws its error.
    /// </summary>
    public async Task<T> CallAsync<T>(
        Auth auth,
        Validation<ApiError, RpcCall<T>> call,
        CancellationToken cancellationToken = default
    )
    {
        var result = await TryCallAsync(auth, call, cancellationToken).ConfigureAwait(false);
        // Static lambdas, so that a successful call allocates no closure here.
        return result.IsRight
            ? result.Match(static v => v, static _ => default!)
            : throw OnePlatformErrors.ToException(
                result.Match(static _ => null!, static e => e),
                cancellationToken
            );
    }

    /// <summary>Sends any call made by a Core builder and returns its result or its error as data (never throws for API errors).</summary>
    public Task<Either<ApiError, T>> TryCallAsync<T>(
        Auth auth,
        Validation<ApiError, RpcCall<T>> call,
        CancellationToken cancellationToken = default
    )
    {
        // Check first, so that a rejected call does not use up an id; build (and serialize) once.
        var valid = RpcBatch.ValidateOne(endpoint, auth, Interlocked.Read(ref nextId), call);
        if (valid.IsFail)
            return Task.FromResult(Left<ApiError, T>(ApiError.Combine(valid.FailToSeq())));
        var effect = HttpEffect.FromValidation(
            RpcBatch.SendOne(endpoint, auth, ReserveIds(1), valid)
        );
        return HttpInterpreter.RunAsync(effect, http, interpreter, cancellationToken);
    }

    /// <summary>Sends calls as one batch (chunked) and returns each call's outcome in call order.</summary>
    public async Task<Seq<RpcResult<T>>> SendBatchAsync<T>(
        Auth auth,
        Seq<Validation<ApiError, RpcCall<T>>> calls,
        CancellationToken cancellationToken = default
    )
    {
        // Check first, so that rejected calls do not use up ids; build (and serialize) once.
        var valid = RpcBatch.Validate(endpoint, auth, Interlocked.Read(ref nextId), calls);
        var checkedCalls = valid.Match(
            cs => cs,
            errors =>
                throw OnePlatformErrors.ToException(ApiError.Combine(errors), cancellationToken)
        );
        var effect = HttpEffect.FromValidation(
            RpcBatch.Send(endpoint, auth, ReserveIds(checkedCalls.Count), checkedCalls)
        );
        var result = await HttpInterpreter
            .RunAsync(effect, http, interpreter, cancellationToken)
            .ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return result.Match(v => v, e => throw OnePlatformErrors.ToException(e, cancellationToken));
    }

    private long ReserveIds(int count) => Interlocked.Add(ref nextId, count) - count;

    /// <summary><c>read</c>: the points of <paramref name="resource"/> (default options: the newest point).</summary>
    public async Task<IReadOnlyList<Point>> ReadAsync(
        Auth auth,
        ResourceId resource,
        ReadOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        (
            await CallAsync(
                    auth,
                    TimeSeries.Read(resource, options ?? ReadOptions.Latest),
                    cancellationToken
                )
                .ConfigureAwait(false)
        ).ToArray();

    /// <summary><c>write</c>: stores <paramref name="value"/> at the server's receive time.</summary>
    public Task WriteAsync(
        Auth auth,
        ResourceId resource,
        PointValue value,
        CancellationToken cancellationToken = default
    ) =>
        CallAsync(auth, TimeSeries.Write(resource, value, Options.ArgumentForm), cancellationToken);
}
