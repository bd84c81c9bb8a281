using System.Globalization;
using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>
/// Paging of a Provisioning listing: <c>offset</c> (server default 0) and <c>limit</c> (server default 5, clamped to
/// 5..1000). Absent values are not sent.
/// </summary>
/// <param name="Offset">How many entries to skip.</param>
/// <param name="Limit">How many entries at most (1..1000).</param>
public sealed record ProvisioningPage(Option<int> Offset, Option<int> Limit)
{
    /// <summary>No paging parameters: the server's defaults.</summary>
    public static ProvisioningPage Default { get; } = new(None, None);

    /// <summary>A page of <paramref name="limit"/> entries starting at <paramref name="offset"/>.</summary>
    public static ProvisioningPage Of(int offset, int limit) => new(Some(offset), Some(limit));

    /// <summary>A copy with the given offset.</summary>
    public ProvisioningPage WithOffset(int offset) => this with { Offset = Some(offset) };

    /// <summary>A copy with the given limit.</summary>
    public ProvisioningPage WithLimit(int limit) => this with { Limit = Some(limit) };

    /// <summary>Checks the offset (≥ 0) and the limit (1..1000).</summary>
    public Validation<ApiError, ProvisioningPage> Validate(string field) =>
        (
            Offset.Match(
                o =>
                    o >= 0
                        ? Success<ApiError, int>(o)
                        : ProvisioningChecks.Problem<int>(
                            $"{field}.offset",
                            "must not be negative"
                        ),
                () => Success<ApiError, int>(0)
            ),
            Limit.Match(
                l =>
                    l is >= 1 and <= 1000
                        ? Success<ApiError, int>(l)
                        : ProvisioningChecks.Problem<int>(
                            $"{field}.limit",
                            "must be between 1 and 1000"
                        ),
                () => Success<ApiError, int>(0)
            )
        ).Apply((_, _) => this);

    internal HttpRequest AddTo(HttpRequest request)
    {
        var withOffset = Offset.Match(
            o => request.WithQuery("offset", Invariant(o)),
            () => request
        );
        return Limit.Match(l => withOffset.WithQuery("limit", Invariant(l)), () => withOffset);
    }

    internal static Validation<ApiError, ProvisioningPage> Require(
        string field,
        ProvisioningPage? page
    ) =>
        page is null
            ? ProvisioningChecks.Problem<ProvisioningPage>(field, "is required")
            : page.Validate(field);

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
