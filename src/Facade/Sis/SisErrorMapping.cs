using Functional.Core.Errors;
using Functional.Facade.OnePlatform;

namespace Functional.Facade.Sis;

/// <summary>The one table from <see cref="ApiError"/> to the exception the SIS client throws.</summary>
public static class SisErrorMapping
{
    /// <summary>
    /// The exception for <paramref name="error"/>: bad arguments give <see cref="SisValidationException"/>; a
    /// failure the server reported, a body that is not JSON and an unusable answer give
    /// <see cref="SisException"/>; transport errors keep the .NET types the other clients use
    /// (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/>,
    /// <see cref="OperationCanceledException"/>), with the error in <see cref="Exception.Data"/> under
    /// <see cref="OnePlatformErrors.ApiErrorKey"/>.
    /// </summary>
    public static Exception ToException(
        ApiError error,
        CancellationToken cancellationToken = default
    ) => ToException(error, [], cancellationToken);

    /// <summary>
    /// The same as <see cref="ToException(ApiError, CancellationToken)"/>, masking each of
    /// <paramref name="secrets"/> (tokens, passwords) in the message of a <see cref="SisException"/>.
    /// </summary>
    public static Exception ToException(
        ApiError error,
        IEnumerable<string> secrets,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            ApiError.InvalidArgument or ApiError.InvalidArguments => new SisValidationException(
                error
            ),
            ApiError.Transport or ApiError.Timeout or ApiError.Cancelled =>
                OnePlatformErrors.ToException(error, cancellationToken),
            _ => new SisException(error, secrets ?? []),
        };
    }
}
