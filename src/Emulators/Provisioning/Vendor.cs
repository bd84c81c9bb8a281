namespace Functional.Emulators.Provisioning;

/// <summary>
/// A vendor (§3.6): its name, the client whose CIK manages it (the model creator: enabled clients must descend from
/// it), its admin tokens and its models. Mutated only under the emulator's state lock.
/// </summary>
internal sealed class Vendor(string name, string ownerRid)
{
    public string Name { get; } = name;

    /// <summary>The RID of the client that registered the vendor; its CIK is the vendor CIK.</summary>
    public string OwnerRid { get; } = ownerRid;

    /// <summary>Vendor tokens (<c>/provision/admin/auth/</c>) by id.</summary>
    public SortedDictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Models by name, in ordinal order.</summary>
    public SortedDictionary<string, DeviceModel> Models { get; } = new(StringComparer.Ordinal);
}
