using Functional.Core.Provisioning;

namespace Functional.Facade.Provisioning;

public sealed partial class ProvisioningClient
{
    /// <summary>
    /// Activates a device (no management key): returns its CIK, a secret to keep out of logs. A 409 Conflict
    /// means the serial number is not enabled or was already activated.
    /// </summary>
    public Task<string> ActivateAsync(
        string vendor,
        string model,
        string serialNumber,
        CancellationToken cancellationToken = default
    ) => SendAsync(Device.Activate(vendor, model, serialNumber), cancellationToken);

    /// <summary>The content ids a device (by its CIK) may download.</summary>
    public Task<IReadOnlyList<string>> DeviceListContentAsync(
        string cik,
        string vendor,
        string model,
        CancellationToken cancellationToken = default
    ) => ListAsync(Device.ListContent(cik, vendor, model), cancellationToken);

    /// <summary>Downloads content as a device, or only <paramref name="range"/> of it (a 206 answer).</summary>
    public Task<ContentBlob> DeviceDownloadAsync(
        string cik,
        string vendor,
        string model,
        string id,
        ByteRange? range = null,
        CancellationToken cancellationToken = default
    ) => SendAsync(Device.Download(cik, vendor, model, id, Opt(range)), cancellationToken);

    /// <summary>The description of content as a device sees it.</summary>
    public Task<ContentInfo> DeviceContentInfoAsync(
        string cik,
        string vendor,
        string model,
        string id,
        CancellationToken cancellationToken = default
    ) => SendAsync(Device.ContentInfo(cik, vendor, model, id), cancellationToken);
}
