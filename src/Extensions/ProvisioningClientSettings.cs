using Functional.Core.OnePlatform;
using Functional.Facade.Provisioning;

namespace Functional.Extensions;

/// <summary>
/// The bindable settings of the <see cref="ProvisioningClient"/> that <c>AddProvisioningClient</c> registers (the
/// configuration section <see cref="DefaultSection"/> by default). Checked at start-up; see
/// <see cref="ProvisioningClientOptions"/> for the meaning of each value.
/// </summary>
public sealed class ProvisioningClientSettings
{
    /// <summary>The configuration section read by default: <c>Functional:Provisioning</c>.</summary>
    public const string DefaultSection = "Functional:Provisioning";

    /// <summary>The platform's base address (absolute http or https). Default <c>https://m2.exosite.com</c>.</summary>
    public Uri? Endpoint { get; set; } = new("https://m2.exosite.com");

    /// <summary>Time allowed for one request and its answer. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>User-Agent</c> to send, or null.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Send keys as <c>X-Exosite-CIK</c> (true, the default) or as a vendor token (false).</summary>
    public bool ManageByCik { get; set; } = true;

    /// <summary>The vendor that owns a shared model, or null.</summary>
    public string? SharedVendor { get; set; }

    /// <summary>Which spelling the calls send where pyonep differs from the documentation.</summary>
    public ArgumentForm ArgumentForm { get; set; } = ArgumentForm.Documented;

    /// <summary>The immutable client options these settings describe (call after validation).</summary>
    public ProvisioningClientOptions ToOptions() =>
        new()
        {
            Endpoint = Endpoint ?? new ProvisioningClientOptions().Endpoint,
            Timeout = Timeout,
            UserAgent = UserAgent,
            ManageByCik = ManageByCik,
            SharedVendor = SharedVendor,
            ArgumentForm = ArgumentForm,
        };
}
