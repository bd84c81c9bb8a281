using Functional.Core.Errors;

namespace Functional.Core.Sis;

/// <summary>
/// A failure the SIS server reported (status ≥ 400), or a body that was not JSON.
/// </summary>
/// <param name="Error">
/// The server's <c>error</c> text; when the body is not JSON, <c>Failed to decode JSON from the response: </c>
/// and its first 256 characters; when it is JSON without <c>error</c>, the reason phrase or <c>HTTP &lt;status&gt;</c>.
/// </param>
/// <param name="Code">The server's numeric <c>code</c>, when it sent one.</param>
/// <param name="HttpStatus">The HTTP status.</param>
/// <param name="Body">The response body as text.</param>
public sealed record SisError(string Error, Option<int> Code, int HttpStatus, string Body)
{
    /// <summary>The one-line description used by <see cref="ApiError.Sis"/>.</summary>
    public string Message =>
        $"SIS {HttpStatus}: {Error}" + Code.Match(c => $" (code {c})", () => "");
}

/// <summary>Questions about SIS errors.</summary>
public static class SisErrors
{
    /// <summary>The SIS detail of an error, when it is an <see cref="ApiError.Sis"/>.</summary>
    public static Option<SisError> Of(ApiError error) =>
        error is ApiError.Sis sis ? Some(sis.Detail) : None;

    /// <summary>True when the server answered 404.</summary>
    public static bool IsNotFound(ApiError error) => HasStatus(error, 404);

    /// <summary>True when the server answered 401.</summary>
    public static bool IsUnauthorized(ApiError error) => HasStatus(error, 401);

    /// <summary>True when the server answered 400.</summary>
    public static bool IsBadRequest(ApiError error) => HasStatus(error, 400);

    private static bool HasStatus(ApiError error, int status) =>
        Of(error).Exists(d => d.HttpStatus == status);
}
