using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>
/// Builders for model shares, vendor registration and vendor tokens (spec §3.6):
/// <c>/provision/manage/share/…</c>, <c>/provision/register</c>, <c>/provision/admin/auth/…</c>.
/// </summary>
public static class Vendors
{
    private const string ShareRoot = ProvisioningChecks.Prefix + "/manage/share";
    private const string RegisterPath = ProvisioningChecks.Prefix + "/register";
    private const string TokenRoot = ProvisioningChecks.Prefix + "/admin/auth";

    /// <summary><c>GET /provision/manage/share/&lt;model&gt;/</c>: vendors the model is shared with; 204 none.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> ListShares(
        ProvisioningAuth auth,
        string model
    ) =>
        (ProvisioningChecks.Auth("auth", auth), ProvisioningChecks.Segment("model", model)).Apply(
            (a, m) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", PathSegments.Join(ShareRoot, m) + "/", a),
                    ProvisioningResponses.Lines
                )
        );

    /// <summary><c>POST /provision/manage/share/&lt;model&gt;/</c> form <c>vendor=</c>: shares the model. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Share(
        ProvisioningAuth auth,
        string model,
        string vendor
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Segment("model", model),
            ProvisioningChecks.Name("vendor", vendor)
        ).Apply(
            (a, m, v) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", PathSegments.Join(ShareRoot, m) + "/", a)
                        .WithBody(ProvisioningChecks.Form(("vendor", v))),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// <c>GET /provision/manage/share/&lt;model&gt;/&lt;vendor&gt;</c>: 204 means shared (true); 404 means not shared
    /// (false); anything else is an error.
    /// </summary>
    public static Validation<ApiError, HttpEffect<bool>> IsShared(
        ProvisioningAuth auth,
        string model,
        string vendor
    ) =>
        ProvisioningChecks.Item(
            auth,
            model,
            "vendor",
            vendor,
            (a, m, v) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", PathSegments.Join(ShareRoot, m, v), a),
                    r =>
                        r.Status == 404
                            ? Right<ApiError, bool>(false)
                            : ProvisioningResponses.Check(r).Map(_ => true)
                )
        );

    /// <summary><c>DELETE /provision/manage/share/&lt;model&gt;/&lt;vendor&gt;</c>: stops sharing. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Unshare(
        ProvisioningAuth auth,
        string model,
        string vendor
    ) =>
        ProvisioningChecks.Item(
            auth,
            model,
            "vendor",
            vendor,
            (a, m, v) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("DELETE", PathSegments.Join(ShareRoot, m, v), a),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>
    /// <c>GET /provision/register</c>: the caller's vendor name (text/plain). The docs send <c>X-Exosite-CIK</c>; in
    /// the documented form the header follows <paramref name="auth"/>. With <see cref="ArgumentForm.Pyonep"/> the key
    /// always goes in <c>X-Exosite-Token</c>, as pyonep's <c>vendor_show</c> sends it.
    /// </summary>
    public static Validation<ApiError, HttpEffect<string>> Show(
        ProvisioningAuth auth,
        ArgumentForm form = ArgumentForm.Documented
    ) =>
        (ProvisioningChecks.Auth("auth", auth), SerialNumbers.CheckForm(form)).Apply(
            (a, f) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", RegisterPath, KeyFor(a, f)),
                    r => ProvisioningResponses.Text(r, "the vendor name")
                )
        );

    /// <summary><c>POST /provision/register</c> form <c>vendor=</c>: registers a vendor. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> Register(
        ProvisioningAuth auth,
        string vendor
    ) => Registration(auth, vendor, Empty, ArgumentForm.Documented);

    /// <summary>
    /// <c>POST /provision/register</c> form <c>delete=true&amp;vendor=</c>: unregisters a vendor. 205. With
    /// <see cref="ArgumentForm.Pyonep"/> the key always goes in <c>X-Exosite-Token</c>, as pyonep's
    /// <c>vendor_unregister</c> sends it.
    /// </summary>
    public static Validation<ApiError, HttpEffect<Unit>> Unregister(
        ProvisioningAuth auth,
        string vendor,
        ArgumentForm form = ArgumentForm.Documented
    ) => Registration(auth, vendor, Seq1(new QueryParam("delete", "true")), form);

    /// <summary><c>GET /provision/admin/auth/</c> (with the vendor CIK): the token ids.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> ListTokens(ProvisioningAuth auth) =>
        ProvisioningChecks
            .Auth("auth", auth)
            .Map(a =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", TokenRoot + "/", a),
                    ProvisioningResponses.Lines
                )
            );

    /// <summary><c>POST /provision/admin/auth/</c> form <c>id=</c>: creates a vendor token. 200 with the token (a secret).</summary>
    public static Validation<ApiError, HttpEffect<string>> CreateToken(
        ProvisioningAuth auth,
        string id
    ) =>
        (ProvisioningChecks.Auth("auth", auth), ProvisioningChecks.Name("id", id)).Apply(
            (a, i) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", TokenRoot + "/", a)
                        .WithBody(ProvisioningChecks.Form(("id", i))),
                    r => ProvisioningResponses.Text(r, "the vendor token")
                )
        );

    /// <summary><c>GET /provision/admin/auth/&lt;id&gt;</c>: the token (a secret).</summary>
    public static Validation<ApiError, HttpEffect<string>> GetToken(
        ProvisioningAuth auth,
        string id
    ) =>
        (ProvisioningChecks.Auth("auth", auth), ProvisioningChecks.Segment("id", id)).Apply(
            (a, i) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("GET", PathSegments.Join(TokenRoot, i), a),
                    r => ProvisioningResponses.Text(r, "the vendor token")
                )
        );

    /// <summary><c>DELETE /provision/admin/auth/&lt;id&gt;</c>: deletes a token. 205.</summary>
    public static Validation<ApiError, HttpEffect<Unit>> DeleteToken(
        ProvisioningAuth auth,
        string id
    ) =>
        (ProvisioningChecks.Auth("auth", auth), ProvisioningChecks.Segment("id", id)).Apply(
            (a, i) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks.Request("DELETE", PathSegments.Join(TokenRoot, i), a),
                    ProvisioningResponses.Done
                )
        );

    private static Validation<ApiError, HttpEffect<Unit>> Registration(
        ProvisioningAuth auth,
        string vendor,
        Seq<QueryParam> first,
        ArgumentForm form
    ) =>
        (
            ProvisioningChecks.Auth("auth", auth),
            ProvisioningChecks.Name("vendor", vendor),
            SerialNumbers.CheckForm(form)
        ).Apply(
            (a, v, f) =>
                ProvisioningChecks.Send(
                    ProvisioningChecks
                        .Request("POST", RegisterPath, KeyFor(a, f))
                        .WithBody(
                            ProvisioningChecks.Form(first + Seq1(new QueryParam("vendor", v)))
                        ),
                    ProvisioningResponses.Done
                )
        );

    /// <summary>pyonep sends the key of some register calls as <c>X-Exosite-Token</c> whatever its kind.</summary>
    private static ProvisioningAuth KeyFor(ProvisioningAuth auth, ArgumentForm form) =>
        form == ArgumentForm.Pyonep ? auth with { Kind = ProvisioningKeyKind.VendorToken } : auth;
}
