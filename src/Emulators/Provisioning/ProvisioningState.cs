namespace Functional.Emulators.Provisioning;

/// <summary>
/// The provisioning side's state (vendor, vendor token, models), kept next to the resource tree and guarded by the
/// same lock. It lives in memory only: it is not written to the state file.
/// </summary>
internal sealed class ProvisioningState(string vendor, string? vendorToken)
{
    /// <summary>The single vendor's name.</summary>
    public string Vendor { get; } = vendor;

    /// <summary>The vendor token accepted in <c>X-Exosite-Token</c>; null when none was configured.</summary>
    public string? VendorToken { get; } = vendorToken;

    /// <summary>Models by name.</summary>
    public Dictionary<string, DeviceModel> Models { get; } = new(StringComparer.Ordinal);
}
