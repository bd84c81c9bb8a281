using Microsoft.AspNetCore.Http;

namespace Functional.Emulators.Provisioning;

/// <summary>An HTTP answer of the Provisioning API: status code, optional content type and body.</summary>
internal sealed record ProvisioningReply(
    int Status,
    string? ContentType = null,
    string Body = "",
    byte[]? Blob = null,
    string? ContentRange = null
)
{
    public const string Csv = "text/csv; charset=utf-8";
    public const string Text = "text/plain; charset=utf-8";
    public const string Form = "application/x-www-form-urlencoded; charset=utf-8";

    public static readonly ProvisioningReply ResetContent = new(StatusCodes.Status205ResetContent);
    public static readonly ProvisioningReply NoContent = new(StatusCodes.Status204NoContent);
    public static readonly ProvisioningReply BadRequest = new(StatusCodes.Status400BadRequest);
    public static readonly ProvisioningReply Forbidden = new(StatusCodes.Status403Forbidden);
    public static readonly ProvisioningReply NotFound = new(StatusCodes.Status404NotFound);
    public static readonly ProvisioningReply MethodNotAllowed = new(
        StatusCodes.Status405MethodNotAllowed
    );
    public static readonly ProvisioningReply Conflict = new(StatusCodes.Status409Conflict);

    public static ProvisioningReply CsvLines(IEnumerable<string> lines) =>
        new(StatusCodes.Status200OK, Csv, string.Concat(lines.Select(l => l + "\r\n")));
}
