using Functional.Core.Errors;

namespace Functional.Facade.OnePlatform;

/// <summary>The one table from <see cref="ApiError"/> to the exception the One Platform client throws.</summary>
public static class OnePlatformErrors
{
    /// <summary>The key under which transport exceptions carry their <see cref="ApiError"/> in <see cref="Exception.Data"/>.</summary>
    public const string ApiErrorKey = "Functional.ApiError";

    /// <summary>The exception for <paramref name="error"/>. Transport errors keep their .NET types.</summary>
    public static Exception ToException(
        ApiError error,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(error);
        Exception ex = error switch
        {
            ApiError.InvalidArgument or ApiError.InvalidArguments =>
                new OnePlatformValidationException(error),
            ApiError.RpcGeneral g => new OnePlatformGeneralException(g),
            ApiError.RpcCall c => new OnePlatformCallException(c),
            ApiError.RpcNoAnswer
            or ApiError.RpcNotSent
            or ApiError.MalformedResponse
            or ApiError.HttpStatus
            or ApiError.Sis => new OnePlatformResponseException(error),
            ApiError.Transport t => Transport(t),
            ApiError.Timeout t => new TimeoutException(t.Message),
            ApiError.Cancelled => new OperationCanceledException(error.Message, cancellationToken),
            _ => new OnePlatformException(error),
        };
        if (ex is not OnePlatformException)
            ex.Data[ApiErrorKey] = error;
        return ex;
    }

    /// <summary>
    /// True when <paramref name="exception"/> (thrown by any Functional client) reports a request that may or may not
    /// have been applied — its answer was lost or late (<see cref="ApiError.OutcomeIsUnknown"/>): read the state
    /// before sending a write again.
    /// </summary>
    public static bool IsOutcomeUnknown(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var error = exception switch
        {
            OnePlatformException e => e.Error,
            Sis.SisException e => e.ApiError,
            Provisioning.ProvisioningException e => e.Error,
            _ => exception.Data[ApiErrorKey] as ApiError,
        };
        return error is { OutcomeIsUnknown: true };
    }

    /// <summary>
    /// The transport failure as an <see cref="HttpRequestException"/> (the .NET one as its inner exception) whose
    /// message says what failed and whether the request may have been applied.
    /// </summary>
    private static HttpRequestException Transport(ApiError.Transport t)
    {
        var inner = t.Exception.MatchUnsafe(e => e, () => null);
        var kind = inner is HttpRequestException http
            ? http.HttpRequestError
            : HttpRequestError.Unknown;
        return new HttpRequestException(
            kind,
            t.RequestMayHaveBeenProcessed
                ? $"{t.Message}; the request may have been processed: its outcome is unknown"
                : $"{t.Message}; the request was not processed",
            inner
        );
    }
}
