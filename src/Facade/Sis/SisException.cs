using Functional.Core.Errors;
using Functional.Core.Sis;

namespace Functional.Facade.Sis;

/// <summary>
/// The SIS server reported a failure (sispy's <c>sispy.Error</c>), or its answer could not be used (a body that
/// is not JSON, such as Express's HTML 404 page, or JSON that does not fit the expected shape or type).
/// <see cref="Exception.Message"/> reads like <c>SIS 404: sis_hiera x does not exist (code 1000)</c>.
/// Neither the message nor <see cref="ToString"/> shows a credential: the client's token, and any token or
/// password the failed call was given, are replaced by <c>***</c> (SIS echoes unknown tokens in its messages).
/// The data properties (<see cref="Error"/>, <see cref="ResponseBody"/>, <see cref="ApiError"/>) are kept
/// exactly as the server sent them and may hold such a token: do not log them blindly.
/// </summary>
public class SisException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public SisException(ApiError error)
        : this(error, []) { }

    /// <summary>
    /// Creates the exception for <paramref name="error"/>, masking each of <paramref name="secrets"/> (values of
    /// at least 8 characters) in <see cref="Exception.Message"/>.
    /// </summary>
    public SisException(ApiError error, IEnumerable<string> secrets)
        : base(Redact(Describe(error ?? throw new ArgumentNullException(nameof(error))), secrets))
    {
        ApiError = error;
        switch (error)
        {
            case ApiError.Sis sis:
                Detail = sis.Detail;
                Error = sis.Detail.Error;
                Code = sis.Detail.Code.MatchUnsafe(c => (int?)c, () => null);
                HttpStatusCode = sis.Detail.HttpStatus;
                ResponseBody = sis.Detail.Body;
                break;
            case ApiError.HttpStatus status:
                Error = status.ServerMessage.IfNone(
                    status.Reason.Length > 0 ? status.Reason : $"HTTP {status.Status}"
                );
                HttpStatusCode = status.Status;
                ResponseBody = status.Body;
                Code = status.Code.Bind(c => parseInt(c)).MatchUnsafe(c => (int?)c, () => null);
                break;
            default:
                Error = error.Message;
                break;
        }
    }

    /// <summary>The error as data (usually an <see cref="ApiError.Sis"/>).</summary>
    public ApiError ApiError { get; }

    /// <summary>The server's error (status, code, text, body) when it reported one, else null.</summary>
    public SisError? Detail { get; }

    /// <summary>
    /// sispy's <c>error</c>: the server's <c>error</c> text; <c>Failed to decode JSON from the response: …</c> and
    /// the start of the body when the body is not JSON; otherwise a description of what went wrong.
    /// </summary>
    public string Error { get; }

    /// <summary>The server's numeric code (1000 not found, 1001 bad request, 1002 internal, 1003 invalid data, 1004 unauthorized), or null.</summary>
    public int? Code { get; }

    /// <summary>The HTTP status, or 0 when the failure was not a status (e.g. JSON that does not fit the expected type).</summary>
    public int HttpStatusCode { get; }

    /// <summary>The response body as text, or empty.</summary>
    public string ResponseBody { get; } = "";

    /// <summary>404: the object (or the token, or the user of a token) does not exist, or the route is unknown.</summary>
    public bool IsNotFound => HttpStatusCode == 404;

    /// <summary>401: bad credentials, an expired token, or a caller who may not do this.</summary>
    public bool IsUnauthorized => HttpStatusCode == 401;

    /// <summary>400: the request was refused (e.g. <c>Bad request: Missing x-auth-token</c>) or, for <see cref="SisValidationException"/>, never sent.</summary>
    public bool IsBadRequest => HttpStatusCode == 400;

    /// <summary>The type and the message (no stack trace, no body, no credential).</summary>
    public override string ToString() => $"{GetType().Name}: {Message}";

    private static string Describe(ApiError error) =>
        error switch
        {
            ApiError.MalformedResponse m =>
                $"the SIS server's answer could not be used: expected {m.Expected}, but {m.Detail}",
            _ => error.Message,
        };

    /// <summary>Replaces each secret of 8 or more characters in <paramref name="text"/> by <c>***</c>.</summary>
    internal static string Redact(string text, IEnumerable<string>? secrets)
    {
        foreach (var secret in secrets ?? [])
        {
            if (secret is { Length: >= 8 })
                text = text.Replace(secret, "***", StringComparison.OrdinalIgnoreCase);
        }
        return text;
    }
}

/// <summary>
/// Arguments were rejected before anything was sent (sispy's client-side <c>Error(400, …, code=0)</c>);
/// <see cref="Problems"/> lists every one. <see cref="SisException.HttpStatusCode"/> is 0 and
/// <see cref="SisException.Code"/> null, because no request was made.
/// </summary>
public sealed class SisValidationException : SisException
{
    /// <summary>Creates the exception for an <see cref="ApiError.InvalidArgument"/> or <see cref="ApiError.InvalidArguments"/>.</summary>
    public SisValidationException(ApiError error)
        : base(error) =>
        Problems = (error is ApiError.InvalidArguments many ? many.Errors : Seq1(error))
            .OfType<ApiError.InvalidArgument>()
            .ToArray();

    /// <summary>Each invalid field and what is wrong with it.</summary>
    public IReadOnlyList<ApiError.InvalidArgument> Problems { get; }
}
