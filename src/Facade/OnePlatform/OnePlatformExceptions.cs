using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Facade.OnePlatform;

/// <summary>The base of every error the One Platform client throws (except transport errors, which keep their .NET types).</summary>
public class OnePlatformException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public OnePlatformException(ApiError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message) => Error = error;

    /// <summary>The error as data.</summary>
    public ApiError Error { get; }
}

/// <summary>
/// The whole request failed: the server answered <c>{"error": {code, message, context}}</c>, e.g. 401
/// "Authorization failed" for a wrong CIK. No call of the request was applied.
/// </summary>
public sealed class OnePlatformGeneralException : OnePlatformException
{
    /// <summary>Creates the exception.</summary>
    public OnePlatformGeneralException(ApiError.RpcGeneral error)
        : base(error) => General = error;

    private ApiError.RpcGeneral General { get; }

    /// <summary>The code: -1 not JSON, 400 malformed, 401 bad credentials, 500 internal, 501 unsupported.</summary>
    public long Code => General.Code;

    /// <summary>The server's message.</summary>
    public string ServerMessage => General.ServerMessage;

    /// <summary>The context (<c>auth</c>, <c>calls</c>, <c>arguments</c>, <c>procedure</c>), or null.</summary>
    public string? Context => General.Context.MatchUnsafe(c => c, () => null);
}

/// <summary>One call failed with a status other than <c>ok</c> (<c>invalid</c>, <c>restricted</c>, <c>noauth</c>...).</summary>
public sealed class OnePlatformCallException : OnePlatformException
{
    /// <summary>Creates the exception.</summary>
    public OnePlatformCallException(ApiError.RpcCall error)
        : base(error) => Call = error;

    private ApiError.RpcCall Call { get; }

    /// <summary>The call's id.</summary>
    public RpcCallId CallId => Call.CallId;

    /// <summary>The procedure.</summary>
    public string Procedure => Call.Procedure;

    /// <summary>The status exactly as sent (a string, or e.g. recordbatch's list of rejected entries).</summary>
    public JsonElement Status => Call.Status;

    /// <summary>The status when it is a string, else null.</summary>
    public string? StatusText => Call.StatusText.MatchUnsafe(s => s, () => null);

    /// <summary>The <c>error</c> object the server sent with the status, or null.</summary>
    public RpcErrorDetail? Detail => Call.Detail.MatchUnsafe(d => d, () => null);
}

/// <summary>Arguments were rejected before anything was sent; <see cref="Problems"/> lists every one.</summary>
public sealed class OnePlatformValidationException : OnePlatformException
{
    /// <summary>Creates the exception.</summary>
    public OnePlatformValidationException(ApiError error)
        : base(error) =>
        Problems = (error is ApiError.InvalidArguments many ? many.Errors : Seq1(error))
            .OfType<ApiError.InvalidArgument>()
            .ToArray();

    /// <summary>Each invalid field and what is wrong with it.</summary>
    public IReadOnlyList<ApiError.InvalidArgument> Problems { get; }
}

/// <summary>
/// The server's answer could not be used: not JSON, a 5xx status, no answer (or several) for a call, or a
/// call not sent because an earlier chunk failed.
/// </summary>
public sealed class OnePlatformResponseException : OnePlatformException
{
    /// <summary>Creates the exception.</summary>
    public OnePlatformResponseException(ApiError error)
        : base(error) { }
}
