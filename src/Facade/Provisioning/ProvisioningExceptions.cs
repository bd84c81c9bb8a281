using Functional.Core.Errors;
using CoreErrors = Functional.Core.Provisioning.ProvisioningErrors;

namespace Functional.Facade.Provisioning;

/// <summary>
/// The Provisioning server answered with a failure status (pyonep's <c>ProvisionException</c> and its
/// <c>ProvisionResponse</c>), or its answer could not be used. <see cref="Exception.Message"/> reads like
/// <c>409 Conflict: the server's message</c>; it never contains a key.
/// </summary>
public class ProvisioningException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public ProvisioningException(ApiError error)
        : base(Describe(error ?? throw new ArgumentNullException(nameof(error))))
    {
        Error = error;
        if (error is ApiError.HttpStatus s)
        {
            Status = s.Status;
            Reason = s.Reason;
            Body = s.Body;
            ServerMessage = s.ServerMessage.MatchUnsafe(m => m, () => null);
        }
    }

    /// <summary>The error as data.</summary>
    public ApiError Error { get; }

    /// <summary>The HTTP status, or 0 when the failure was not a status (e.g. a malformed answer).</summary>
    public int Status { get; }

    /// <summary>The reason phrase (e.g. <c>Conflict</c>), or empty.</summary>
    public string Reason { get; } = "";

    /// <summary>The response body as text, or empty.</summary>
    public string Body { get; } = "";

    /// <summary>The first line of the body, which the server uses for its message, or null.</summary>
    public string? ServerMessage { get; }

    /// <summary>409 Conflict: it already exists, or the serial number is not in the state the call needs.</summary>
    public bool IsConflict => CoreErrors.IsConflict(Error);

    /// <summary>404 Not Found: unknown vendor, model, serial number or content.</summary>
    public bool IsNotFound => CoreErrors.IsNotFound(Error);

    /// <summary>403 Forbidden: bad credentials, or a vendor or model the caller may not use.</summary>
    public bool IsForbidden => CoreErrors.IsForbidden(Error);

    /// <summary>pyonep's form: <c>409 Conflict</c>, followed by the server's message when it sent one.</summary>
    public override string ToString() => $"{GetType().Name}: {Message}";

    private static string Describe(ApiError error) =>
        error switch
        {
            ApiError.HttpStatus s => $"{s.Status}{(s.Reason.Length > 0 ? " " + s.Reason : "")}"
                + s.ServerMessage.Match(m => $": {m}", () => ""),
            ApiError.MalformedResponse m =>
                $"the Provisioning server's answer could not be used: expected {m.Expected}, but {m.Detail}",
            _ => error.Message,
        };
}

/// <summary>Arguments were rejected before anything was sent; <see cref="Problems"/> lists every one.</summary>
public sealed class ProvisioningValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProvisioningValidationException(ApiError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        Error = error;
        Problems = (error is ApiError.InvalidArguments many ? many.Errors : Seq1(error))
            .OfType<ApiError.InvalidArgument>()
            .ToArray();
    }

    /// <summary>The error as data.</summary>
    public ApiError Error { get; }

    /// <summary>Each invalid field and what is wrong with it.</summary>
    public IReadOnlyList<ApiError.InvalidArgument> Problems { get; }
}
