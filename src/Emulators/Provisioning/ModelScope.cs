namespace Functional.Emulators.Provisioning;

/// <summary>
/// The model a serial-number request addresses: <see cref="Owner"/>'s model, reached by <see cref="Caller"/> — the
/// owner itself, or a vendor the model is shared with (§3 shared-model note: enable, disable and re-enable only; lists
/// show only the serial numbers the caller enabled, with empty extra).
/// </summary>
internal sealed record ModelScope(Vendor Owner, Vendor Caller, DeviceModel Model)
{
    /// <summary>Whether the caller reaches the model through a share.</summary>
    public bool Shared => !ReferenceEquals(Owner, Caller);
}
