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
            ApiError.Transport t => t.Exception.Case is HttpRequestException http
                ? http
                : new HttpRequestException(
                    HttpRequestError.Unknown,
                    t.Message,
                    t.Exception.MatchUnsafe(e => e, () => null)
                ),
            ApiError.Timeout t => new TimeoutException(t.Message),
            ApiError.Cancelled => new OperationCanceledException(error.Message, cancellationToken),
            _ => new OnePlatformException(error),
        };
        if (ex is not OnePlatformException)
            ex.Data[ApiErrorKey] = error;
        return ex;
    }
}
