using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>The outcome of one call of a batch, in call order.</summary>
/// <param name="CallId">The id the call was sent with.</param>
/// <param name="Procedure">The procedure.</param>
/// <param name="Outcome">The typed result, or why this call failed.</param>
/// <typeparam name="T">The result type.</typeparam>
public sealed record RpcResult<T>(RpcCallId CallId, string Procedure, Either<ApiError, T> Outcome)
{
    /// <summary>True when the call succeeded.</summary>
    public bool IsOk => Outcome.IsRight;
}
