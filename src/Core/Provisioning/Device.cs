using Functional.Core.Errors;
using Functional.Core.Http;
using Functional.Core.OnePlatform;

namespace Functional.Core.Provisioning;

/// <summary>
/// Builders for the device side (spec §3.7): <c>POST /provision/activate</c> (no credentials) and
/// <c>GET /provision/download</c> (the device's CIK as <c>X-Exosite-CIK</c>).
/// </summary>
public static class Device
{
    private const string ActivatePath = ProvisioningChecks.Prefix + "/activate";
    private const string DownloadPath = ProvisioningChecks.Prefix + "/download";

    /// <summary>
    /// <c>POST /provision/activate</c> form <c>vendor=&amp;model=&amp;sn=</c>, without credentials: 200 with the
    /// device's new CIK (40 hex); 404 unknown vendor/model/serial number; 409 not enabled or already activated.
    /// </summary>
    public static Validation<ApiError, HttpEffect<string>> Activate(
        string vendor,
        string model,
        string serialNumber
    ) =>
        (
            ProvisioningChecks.Name("vendor", vendor),
            ProvisioningChecks.Name("model", model),
            ProvisioningChecks.Name("serialNumber", serialNumber)
        ).Apply(
            (v, m, sn) =>
                ProvisioningChecks.Send(
                    HttpRequest
                        .Create("POST", ActivatePath)
                        .WithBody(ProvisioningChecks.Form(("vendor", v), ("model", m), ("sn", sn)))
                        .WithLabel(ProvisioningChecks.Label("POST", ActivatePath)),
                    r =>
                        ProvisioningResponses
                            .Text(r, "the device's CIK")
                            .Bind(cik =>
                                Identifier.IsValid(cik)
                                    ? Right<ApiError, string>(cik)
                                    : ProvisioningResponses.Malformed<string>(
                                        "the device's CIK (40 hex)",
                                        $"the body has {cik.Length} characters that are not one"
                                    )
                            )
                )
        );

    /// <summary><c>GET /provision/download?vendor=&amp;model=</c> with the device CIK: the content ids it may download.</summary>
    public static Validation<ApiError, HttpEffect<Seq<string>>> ListContent(
        string cik,
        string vendor,
        string model
    ) =>
        (
            Identifier.Validate("cik", cik, secret: true),
            ProvisioningChecks.Name("vendor", vendor),
            ProvisioningChecks.Name("model", model)
        ).Apply((c, v, m) => ProvisioningChecks.Send(Base(c, v, m), ProvisioningResponses.Lines));

    /// <summary>
    /// <c>GET /provision/download?vendor=&amp;model=&amp;id=</c> with the device CIK (optionally <c>Range</c>):
    /// 200/206 blob; 403 bad vendor or model.
    /// </summary>
    public static Validation<ApiError, HttpEffect<ContentBlob>> Download(
        string cik,
        string vendor,
        string model,
        string id,
        Option<ByteRange> range
    ) =>
        (
            Identifier.Validate("cik", cik, secret: true),
            ProvisioningChecks.Name("vendor", vendor),
            ProvisioningChecks.Name("model", model),
            ProvisioningChecks.Name("id", id),
            ByteRange.Optional("range", range)
        ).Apply(
            (c, v, m, i, rg) =>
                ProvisioningChecks.Send(
                    Content.WithRange(Base(c, v, m).WithQuery("id", i), rg),
                    Content.ParseBlob
                )
        );

    /// <summary>
    /// <c>GET /provision/download?vendor=&amp;model=&amp;id=&amp;info=true</c> with the device CIK:
    /// <c>&lt;content-type&gt;,&lt;size&gt;,&lt;ts&gt;,&lt;meta&gt;</c> (no protected flag).
    /// </summary>
    public static Validation<ApiError, HttpEffect<ContentInfo>> ContentInfo(
        string cik,
        string vendor,
        string model,
        string id
    ) =>
        (
            Identifier.Validate("cik", cik, secret: true),
            ProvisioningChecks.Name("vendor", vendor),
            ProvisioningChecks.Name("model", model),
            ProvisioningChecks.Name("id", id)
        ).Apply(
            (c, v, m, i) =>
                ProvisioningChecks.Send(
                    Base(c, v, m).WithQuery("id", i).WithQuery("info", "true"),
                    r =>
                        ProvisioningResponses
                            .Rows(r)
                            .Bind(rows => Content.ParseInfo(rows, withProtected: false))
                )
        );

    private static HttpRequest Base(string cik, string vendor, string model) =>
        HttpRequest
            .Create("GET", DownloadPath)
            .WithQuery("vendor", vendor)
            .WithQuery("model", model)
            .WithHeader(HttpHeader.Secret(ProvisioningAuth.CikHeader, cik))
            .WithRetry(RetrySafety.Safe)
            .WithLabel(ProvisioningChecks.Label("GET", DownloadPath));
}
