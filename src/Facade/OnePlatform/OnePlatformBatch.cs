using Functional.Core.Errors;
using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>
/// An immutable batch of calls under one <see cref="Auth"/>: each method returns a new batch with one more
/// call. <see cref="SendAsync"/> sends them all in one HTTP request (split into chunks of
/// <see cref="OnePlatformClientOptions.ChunkSize"/>) and returns every call's outcome in call order; one
/// call's failure does not affect the others.
/// </summary>
public sealed partial class OnePlatformBatch
{
    private readonly OnePlatformClient client;
    private readonly Auth auth;
    private readonly Seq<Validation<ApiError, RpcCall<object>>> calls;

    internal OnePlatformBatch(
        OnePlatformClient client,
        Auth auth,
        Seq<Validation<ApiError, RpcCall<object>>> calls
    )
    {
        this.client = client;
        this.auth = auth;
        this.calls = calls;
    }

    /// <summary>The number of calls in the batch.</summary>
    public int Count => calls.Count;

    /// <summary>A batch with any call made by a Core builder added.</summary>
    public OnePlatformBatch Add<T>(Validation<ApiError, RpcCall<T>> call) =>
        new(client, auth, calls.Add(call.Map(c => c.Boxed())));

    /// <summary>
    /// Sends the batch. Throws <see cref="OnePlatformValidationException"/> (every bad argument, named
    /// <c>calls[i].field</c>) before sending anything, and <see cref="OnePlatformGeneralException"/> (or the
    /// transport exception) when the whole batch failed with nothing applied, or went in one request that failed;
    /// otherwise each call's success or failure is in its result — when a request of a chunked batch fails, its
    /// calls carry that error (outcome unknown when the answer was lost) and the later calls are "not sent".
    /// </summary>
    public async Task<IReadOnlyList<OnePlatformCallResult>> SendAsync(
        CancellationToken cancellationToken = default
    )
    {
        var results = await client
            .SendBatchAsync(auth, calls, cancellationToken)
            .ConfigureAwait(false);
        return results.Map(r => new OnePlatformCallResult(r)).ToArray();
    }

    /// <summary>Adds <c>read</c>; its value is an <see cref="IReadOnlyList{T}"/> of <see cref="Point"/>, as from <c>ReadAsync</c>.</summary>
    public OnePlatformBatch Read(ResourceId resource, ReadOptions? options = null) =>
        Add(
            TimeSeries
                .Read(resource, options ?? ReadOptions.Latest)
                .Map(call => call.Map(points => (IReadOnlyList<Point>)points.ToArray()))
        );

    /// <summary>Adds <c>write</c>.</summary>
    public OnePlatformBatch Write(ResourceId resource, PointValue value) =>
        Add(TimeSeries.Write(resource, value, client.Options.ArgumentForm));
}

/// <summary>The outcome of one call of a batch.</summary>
public sealed class OnePlatformCallResult
{
    private readonly RpcResult<object> result;

    internal OnePlatformCallResult(RpcResult<object> result) => this.result = result;

    /// <summary>The call's id.</summary>
    public RpcCallId CallId => result.CallId;

    /// <summary>The procedure.</summary>
    public string Procedure => result.Procedure;

    /// <summary>True when the call succeeded.</summary>
    public bool IsOk => result.IsOk;

    /// <summary>The result (e.g. an <c>IReadOnlyList</c> of points, a RID string, <see cref="Unit"/>), or null when the call failed.</summary>
    public object? Value => result.Outcome.MatchUnsafe(v => v, _ => null);

    /// <summary>Why the call failed, or null when it succeeded.</summary>
    public ApiError? Error => result.Outcome.MatchUnsafe(_ => null, e => e);

    /// <summary>The result as <typeparamref name="T"/>; throws the call's error when it failed.</summary>
    public T GetValue<T>() =>
        result.Outcome.Match(
            v =>
                v is T t
                    ? t
                    : throw new InvalidCastException(
                        $"the result of {Procedure} is a {v.GetType().Name}, not a {typeof(T).Name}"
                    ),
            e => throw OnePlatformErrors.ToException(e)
        );

    /// <summary>
    /// The call and its status. The value is never shown: results such as share codes, grant tokens and
    /// info keys are credentials.
    /// </summary>
    public override string ToString() =>
        $"{CallId} {Procedure}: " + result.Outcome.Match(_ => "ok", e => e.Message);
}
