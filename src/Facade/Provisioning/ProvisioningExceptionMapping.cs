using Functional.Core.Errors;
using Functional.Facade.OnePlatform;

namespace Functional.Facade.Provisioning;

/// <summary>The one table from <see cref="ApiError"/> to the exception the Provisioning client throws.</summary>
public static class ProvisioningExceptionMapping
{
    /// <summary>
    /// The exception for <paramref name="error"/>: bad arguments give <see cref="ProvisioningValidationException"/>,
    /// failure statuses and unusable answers give <see cref="ProvisioningException"/>, and transport errors keep
    /// the .NET types the One Platform client uses (<see cref="HttpRequestException"/>,
    /// <see cref="TimeoutException"/>, <see cref="OperationCanceledException"/>).
    /// </summary>
    public static Exception ToException(
        ApiError error,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            ApiError.InvalidArgument or ApiError.InvalidArguments =>
                new ProvisioningValidationException(error),
            ApiError.HttpStatus or ApiError.MalformedResponse => new ProvisioningException(error),
            ApiError.Transport or ApiError.Timeout or ApiError.Cancelled =>
                OnePlatformErrors.ToException(error, cancellationToken),
            _ => new ProvisioningException(error),
        };
    }
}
