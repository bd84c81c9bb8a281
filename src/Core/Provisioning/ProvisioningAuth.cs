using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>Which header carries the management key of a Provisioning call.</summary>
public enum ProvisioningKeyKind
{
    /// <summary>A vendor token from the Portals admin, sent as <c>X-Exosite-Token</c> (pyonep's <c>manage_by_cik=False</c>).</summary>
    VendorToken,

    /// <summary>The CIK of the vendor's (or domain's) client, sent as <c>X-Exosite-CIK</c> (pyonep's <c>manage_by_cik=True</c>).</summary>
    Cik,
}

/// <summary>
/// The credentials of a Provisioning management call: a vendor token (<c>X-Exosite-Token</c>) or a vendor CIK
/// (<c>X-Exosite-CIK</c>), and optionally the vendor that shared the model (<c>X-Exosite-Vendor</c>), for calls on a
/// model owned by another vendor. The key never appears in <see cref="ToString"/>.
/// </summary>
/// <param name="Kind">Which header carries <paramref name="Key"/>.</param>
/// <param name="Key">The vendor token or CIK (a secret).</param>
/// <param name="SharedVendor">The vendor that owns a shared model, sent as <c>X-Exosite-Vendor</c>.</param>
public sealed record ProvisioningAuth(
    ProvisioningKeyKind Kind,
    string Key,
    Option<string> SharedVendor
)
{
    /// <summary>The header name for a vendor CIK.</summary>
    public const string CikHeader = "X-Exosite-CIK";

    /// <summary>The header name for a vendor token.</summary>
    public const string TokenHeader = "X-Exosite-Token";

    /// <summary>The header name addressing a model shared by another vendor.</summary>
    public const string VendorHeader = "X-Exosite-Vendor";

    /// <summary>Authenticates with a vendor token (<c>X-Exosite-Token</c>).</summary>
    public static ProvisioningAuth Token(string token) =>
        new(ProvisioningKeyKind.VendorToken, token, None);

    /// <summary>Authenticates with the vendor's CIK (<c>X-Exosite-CIK</c>).</summary>
    public static ProvisioningAuth Cik(string cik) => new(ProvisioningKeyKind.Cik, cik, None);

    /// <summary>
    /// pyonep's choice: <paramref name="manageByCik"/> true sends <paramref name="key"/> as <c>X-Exosite-CIK</c>,
    /// false as <c>X-Exosite-Token</c>.
    /// </summary>
    public static ProvisioningAuth Of(string key, bool manageByCik) =>
        manageByCik ? Cik(key) : Token(key);

    /// <summary>A copy that addresses a model shared by <paramref name="vendor"/> (<c>X-Exosite-Vendor</c>).</summary>
    public ProvisioningAuth WithSharedVendor(string vendor) =>
        this with
        {
            SharedVendor = Some(vendor),
        };

    /// <summary>The header that carries the key.</summary>
    public string HeaderName => Kind == ProvisioningKeyKind.Cik ? CikHeader : TokenHeader;

    /// <summary>Checks the key (a CIK is 40 lower-case hex; a token is non-empty text without control characters) and the vendor.</summary>
    public Validation<ApiError, ProvisioningAuth> Validate(string field) =>
        (
            Kind switch
            {
                ProvisioningKeyKind.Cik => Identifier.Validate($"{field}.key", Key, secret: true),
                ProvisioningKeyKind.VendorToken => ProvisioningChecks.HeaderValue(
                    $"{field}.key",
                    Key,
                    secret: true
                ),
                _ => ProvisioningChecks.Problem<string>($"{field}.kind", "is not a known value"),
            },
            SharedVendor.Match(
                v => ProvisioningChecks.HeaderValue($"{field}.sharedVendor", v, secret: false),
                () => Success<ApiError, string>("")
            )
        ).Apply((_, _) => this);

    /// <summary>The headers this auth adds to a request.</summary>
    internal HttpRequest AddTo(HttpRequest request, bool allowSharedVendor = false)
    {
        var withKey = request.WithHeader(HttpHeader.Secret(HeaderName, Key));
        return allowSharedVendor
            ? SharedVendor.Match(
                v => withKey.WithHeader(new HttpHeader(VendorHeader, v)),
                () => withKey
            )
            : withKey;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ProvisioningAuth({HeaderName}: ***"
        + SharedVendor.Match(v => $", {VendorHeader}: {v}", () => "")
        + ")";
}
