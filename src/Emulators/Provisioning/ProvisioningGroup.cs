namespace Functional.Emulators.Provisioning;

/// <summary>A group of a model (§3.5): meta and members (serial numbers, content, other groups…).</summary>
internal sealed class ProvisioningGroup(string id, string meta)
{
    public string Id { get; } = id;

    public string Meta { get; } = meta;

    /// <summary>Members in the order they were added; one per (type, id).</summary>
    public List<GroupMember> Members { get; } = [];
}

/// <summary>A group member: <c>&lt;type&gt;,&lt;memberid&gt;,&lt;expire&gt;,&lt;meta&gt;</c>.</summary>
internal sealed record GroupMember(string Type, string Id, string Expire, string Meta);
