namespace Functional.Emulators.OnePlatform.Model;

/// <summary>A share code for a resource; activatable by a single client.</summary>
internal sealed class Share(string code, string rid, string creatorRid, string meta, long created)
{
    public string Code { get; } = code;

    /// <summary>The shared resource.</summary>
    public string Rid { get; } = rid;

    /// <summary>The client that created the share (counts against its <c>share</c> limit).</summary>
    public string CreatorRid { get; } = creatorRid;

    public string Meta { get; set; } = meta;

    public long Created { get; } = created;

    /// <summary>The client that activated the code, if any.</summary>
    public string? ActivatorRid { get; set; }
}
