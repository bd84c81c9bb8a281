using Functional.Core.Provisioning;

namespace Functional.Facade.Provisioning;

public sealed partial class ProvisioningClient
{
    /// <summary>The serial numbers of <paramref name="model"/> (default options: the server's first page).</summary>
    public Task<IReadOnlyList<SerialNumberRow>> ListSerialNumbersAsync(
        ProvisioningAuth auth,
        string model,
        SerialNumberListOptions? options = null,
        CancellationToken cancellationToken = default
    ) =>
        ListAsync(
            SerialNumbers.List(auth, model, options ?? SerialNumberListOptions.Default),
            cancellationToken
        );

    /// <summary>Adds one serial number, with optional extra data (in the <see cref="ProvisioningClientOptions.ArgumentForm"/> spelling).</summary>
    public Task AddSerialNumberAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        string? extra = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            SerialNumbers.Add(auth, model, serialNumber, Opt(extra), Options.ArgumentForm),
            cancellationToken
        );

    /// <summary>Adds many serial numbers in one form request (in the <see cref="ProvisioningClientOptions.ArgumentForm"/> spelling).</summary>
    public Task AddSerialNumbersAsync(
        ProvisioningAuth auth,
        string model,
        IEnumerable<string> serialNumbers,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            SerialNumbers.AddMany(auth, model, Items(serialNumbers), Options.ArgumentForm),
            cancellationToken
        );

    /// <summary>Adds many serial numbers with their extra data as one CSV upload.</summary>
    public Task AddSerialNumbersCsvAsync(
        ProvisioningAuth auth,
        string model,
        IEnumerable<SerialNumberEntry> entries,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.AddCsv(auth, model, Items(entries)), cancellationToken);

    /// <summary>Removes many serial numbers in one form request (<c>delete=true</c>, or pyonep's <c>remove=true</c> per <see cref="ProvisioningClientOptions.ArgumentForm"/>).</summary>
    public Task RemoveSerialNumbersAsync(
        ProvisioningAuth auth,
        string model,
        IEnumerable<string> serialNumbers,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            SerialNumbers.RemoveMany(auth, model, Items(serialNumbers), Options.ArgumentForm),
            cancellationToken
        );

    /// <summary>Removes many serial numbers as one CSV upload.</summary>
    public Task RemoveSerialNumbersCsvAsync(
        ProvisioningAuth auth,
        string model,
        IEnumerable<string> serialNumbers,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.RemoveCsv(auth, model, Items(serialNumbers)), cancellationToken);

    /// <summary>The state of one serial number.</summary>
    public Task<IReadOnlyList<SerialNumberInfo>> GetSerialNumberInfoAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        CancellationToken cancellationToken = default
    ) => ListAsync(SerialNumbers.Info(auth, model, serialNumber), cancellationToken);

    /// <summary>The groups a serial number belongs to.</summary>
    public Task<IReadOnlyList<string>> ListSerialNumberGroupsAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        ProvisioningPage? page = null,
        CancellationToken cancellationToken = default
    ) =>
        ListAsync(
            SerialNumbers.Groups(auth, model, serialNumber, page ?? ProvisioningPage.Default),
            cancellationToken
        );

    /// <summary>The activation log of a serial number.</summary>
    public Task<IReadOnlyList<ActivationLogEntry>> GetActivationLogAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        CancellationToken cancellationToken = default
    ) => ListAsync(SerialNumbers.ActivationLog(auth, model, serialNumber), cancellationToken);

    /// <summary>Enables a serial number under <paramref name="ownerRid"/>; returns the new client's RID.</summary>
    public Task<string> EnableSerialNumberAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        string ownerRid,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.Enable(auth, model, serialNumber, ownerRid), cancellationToken);

    /// <summary>Moves the client of <paramref name="oldSerialNumber"/> to <paramref name="serialNumber"/>.</summary>
    public Task RemapSerialNumberAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        string oldSerialNumber,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            SerialNumbers.Remap(auth, model, serialNumber, oldSerialNumber),
            cancellationToken
        );

    /// <summary>Opens a new activation window for a serial number (its client gets a new CIK).</summary>
    public Task RegenerateSerialNumberAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.Regenerate(auth, model, serialNumber), cancellationToken);

    /// <summary>Disables a serial number.</summary>
    public Task DisableSerialNumberAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.Disable(auth, model, serialNumber), cancellationToken);

    /// <summary>Deletes a serial number.</summary>
    public Task DeleteSerialNumberAsync(
        ProvisioningAuth auth,
        string model,
        string serialNumber,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.Delete(auth, model, serialNumber), cancellationToken);

    /// <summary>The serial-number ranges of <paramref name="model"/> (<c>?show=ranges</c>).</summary>
    public Task<IReadOnlyList<SerialNumberRange>> ListSerialNumberRangesAsync(
        ProvisioningAuth auth,
        string model,
        CancellationToken cancellationToken = default
    ) => ListAsync(SerialNumbers.Ranges(auth, model), cancellationToken);

    /// <summary>Adds serial-number ranges to <paramref name="model"/> (one JSON request).</summary>
    public Task AddSerialNumberRangesAsync(
        ProvisioningAuth auth,
        string model,
        IEnumerable<SerialNumberRange> ranges,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.AddRanges(auth, model, Items(ranges)), cancellationToken);

    /// <summary>Removes serial-number ranges from <paramref name="model"/> (one JSON request).</summary>
    public Task RemoveSerialNumberRangesAsync(
        ProvisioningAuth auth,
        string model,
        IEnumerable<SerialNumberRange> ranges,
        CancellationToken cancellationToken = default
    ) => SendAsync(SerialNumbers.RemoveRanges(auth, model, Items(ranges)), cancellationToken);
}
