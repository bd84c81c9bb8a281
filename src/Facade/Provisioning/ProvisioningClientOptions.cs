using Functional.Core.OnePlatform;

namespace Functional.Facade.Provisioning;

/// <summary>Settings of a <see cref="ProvisioningClient"/> (pyonep's <c>Provision</c> constructor options).</summary>
public sealed record ProvisioningClientOptions
{
    /// <summary>The platform's base address. Default <c>https://m2.exosite.com</c> (HTTPS; pyonep defaults to plain HTTP).</summary>
    public Uri Endpoint { get; init; } = new("https://m2.exosite.com");

    /// <summary>Time allowed for one HTTP request and its answer. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>User-Agent</c> to send (recommended: your application and a contact).</summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// pyonep's <c>manage_by_cik</c>: when true (the default, as in pyonep), <see cref="ProvisioningClient.Auth"/>
    /// sends the key as <c>X-Exosite-CIK</c>; when false, as a vendor token (<c>X-Exosite-Token</c>).
    /// </summary>
    public bool ManageByCik { get; init; } = true;

    /// <summary>
    /// The vendor that owns a shared model, added as <c>X-Exosite-Vendor</c> by
    /// <see cref="ProvisioningClient.Auth"/> (calls on a model another vendor shared). Default none.
    /// </summary>
    public string? SharedVendor { get; init; }

    /// <summary>
    /// Which spelling the calls send where pyonep differs from the documentation (spec §1.7):
    /// <see cref="ArgumentForm.Documented"/> (the default) or <see cref="ArgumentForm.Pyonep"/>, which sends
    /// <c>add=true</c> when adding serial numbers, <c>remove=true</c> (not <c>delete=true</c>) when removing many,
    /// the key as <c>X-Exosite-Token</c> when showing or unregistering the vendor, and the body
    /// <c>delete=true&amp;model=&lt;m&gt;&amp;confirm=true</c> when deleting a model.
    /// </summary>
    public ArgumentForm ArgumentForm { get; init; } = ArgumentForm.Documented;

    /// <summary>A copy with the given endpoint.</summary>
    public ProvisioningClientOptions WithEndpoint(Uri endpoint) =>
        this with
        {
            Endpoint = endpoint,
        };

    /// <summary>A copy with the given timeout.</summary>
    public ProvisioningClientOptions WithTimeout(TimeSpan timeout) =>
        this with
        {
            Timeout = timeout,
        };

    /// <summary>A copy with the given <c>User-Agent</c>.</summary>
    public ProvisioningClientOptions WithUserAgent(string userAgent) =>
        this with
        {
            UserAgent = userAgent,
        };

    /// <summary>A copy that manages by CIK (true) or by vendor token (false).</summary>
    public ProvisioningClientOptions WithManageByCik(bool manageByCik) =>
        this with
        {
            ManageByCik = manageByCik,
        };

    /// <summary>A copy that addresses models shared by <paramref name="vendor"/>.</summary>
    public ProvisioningClientOptions WithSharedVendor(string vendor) =>
        this with
        {
            SharedVendor = vendor,
        };

    /// <summary>A copy that sends the given spelling (see <see cref="ArgumentForm"/>).</summary>
    public ProvisioningClientOptions WithArgumentForm(ArgumentForm form) =>
        this with
        {
            ArgumentForm = form,
        };
}
