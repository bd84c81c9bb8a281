namespace Functional.Emulators.Provisioning;

/// <summary>
/// A provisioning model (§3.1): a template client given by RID or share code, clone options and its serial numbers.
/// Mutated only under the emulator's state lock.
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

    /// <summary>Serial numbers in ordinal order.</summary>
    public SortedDictionary<string, SerialNumber> SerialNumbers { get; } =
        new(StringComparer.Ordinal);

    /// <summary>Content items (§3.4) by id, in ordinal order.</summary>
    public SortedDictionary<string, ContentItem> Content { get; } = new(StringComparer.Ordinal);
}
