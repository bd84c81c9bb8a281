namespace Functional.Emulators.Provisioning;

/// <summary>
/// A provisioning model (§3.1): a template client given by RID or share code, clone options, its serial numbers
/// (listed ones and ranges), content, groups and the vendors it is shared with. Mutated only under the emulator's
/// state lock.
/// </summary>
internal sealed class DeviceModel(string name)
{
    public string Name { get; } = name;

    /// <summary>The template client's RID (<c>rid=</c>), or null when the model was made from a share code.</summary>
    public string? TemplateRid { get; set; }

    /// <summary>The share code the model was made from (<c>code=</c>), or null.</summary>
    public string? Code { get; set; }

    /// <summary>Clone options in request order: <c>noaliases</c>, <c>nocomments</c>, <c>nohistorical</c>.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Serial numbers in ordinal order (added ones, and range members once used).</summary>
    public SortedDictionary<string, SerialNumber> SerialNumbers { get; } =
        new(StringComparer.Ordinal);

    /// <summary>Serial-number ranges (§3.2 <c>show=ranges</c>) in the order they were added.</summary>
    public List<SerialNumberRange> Ranges { get; } = [];

    /// <summary>Content items (§3.4) by id, in ordinal order.</summary>
    public SortedDictionary<string, ContentItem> Content { get; } = new(StringComparer.Ordinal);

    /// <summary>Groups (§3.5) by id, in ordinal order.</summary>
    public SortedDictionary<string, ProvisioningGroup> Groups { get; } =
        new(StringComparer.Ordinal);

    /// <summary>Names of the vendors this model is shared with (§3.6).</summary>
    public SortedSet<string> SharedWith { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The serial number <paramref name="sn"/>: a listed one, or a member of a range (with empty extra); null when
    /// neither. A range member is listed from then on only when <paramref name="keep"/> is set — by writes (enable,
    /// activate), never by reads.
    /// </summary>
    public SerialNumber? Find(string sn, bool keep = false)
    {
        if (SerialNumbers.TryGetValue(sn, out var serial))
        {
            return serial;
        }
        if (!Ranges.Any(r => r.Contains(sn)))
        {
            return null;
        }
        serial = new SerialNumber(sn, "");
        if (keep)
        {
            SerialNumbers[sn] = serial;
        }
        return serial;
    }
}
