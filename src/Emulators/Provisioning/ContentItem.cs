namespace Functional.Emulators.Provisioning;

/// <summary>One content item of a model (§3.4): meta, protection flag and the uploaded blob with its media type.</summary>
internal sealed class ContentItem(string id, string meta, bool isProtected, long updated)
{
    public string Id { get; } = id;

    public string Meta { get; } = meta;

    /// <summary>Protected content is not offered to serial numbers (groups are not emulated).</summary>
    public bool Protected { get; } = isProtected;

    /// <summary>The Content-Type of the last upload (<c>application/octet-stream</c> before any).</summary>
    public string ContentType { get; set; } = "application/octet-stream";

    public byte[] Data { get; set; } = [];

    /// <summary>Unix seconds of the creation or last upload.</summary>
    public long Updated { get; set; } = updated;
}
