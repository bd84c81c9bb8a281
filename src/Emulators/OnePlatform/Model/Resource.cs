using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Datarules;
using Functional.Emulators.OnePlatform.Json;

namespace Functional.Emulators.OnePlatform.Model;

/// <summary>
/// One node of the resource tree: a client (with CIK, aliases and consumables) or a series resource (dataport,
/// datarule, dispatch) with its points. Mutated only under the emulator's state lock.
/// </summary>
internal sealed class Resource(
    string rid,
    ResourceKind kind,
    string? parentRid,
    JsonObject description,
    long created
)
{
    public string Rid { get; } = rid;

    public ResourceKind Kind { get; } = kind;

    /// <summary>The owner's RID; null only for the root client.</summary>
    public string? ParentRid { get; set; } = parentRid;

    /// <summary>Owned resources in creation order.</summary>
    public List<string> Children { get; } = [];

    /// <summary>The stored description, defaults filled, unknown keys kept.</summary>
    public JsonObject Description { get; set; } = description;

    public long Created { get; } = created;

    public long Modified { get; set; } = created;

    /// <summary>Client only: the current CIK.</summary>
    public string? Cik { get; set; }

    /// <summary>Client only: activation state of <see cref="Cik"/>.</summary>
    public ClientStatus Status { get; set; } = ClientStatus.Activated;

    /// <summary>Client only: alias name → RID, in mapping order.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Client only: consumables drawn by this client's dispatches (email/http/sms/xmpp).</summary>
    public List<Consumption> Consumption { get; } = [];

    /// <summary>Series resources only: timestamp → value.</summary>
    public SortedList<long, DataValue> Points { get; } = [];

    /// <summary>Datarules only: evaluation state.</summary>
    public RuleState Rule { get; set; } = new();

    public List<Comment> Comments { get; } = [];

    public List<TagMark> Tags { get; } = [];

    public bool IsClient => Kind == ResourceKind.Client;

    public DataFormat Format =>
        Kind == ResourceKind.Dispatch ? DataFormat.String
        : JsonArgs.TryString(Description["format"], out var f)
        && DataFormats.TryParse(f, out var format)
            ? format
        : DataFormat.String;

    public bool Locked => JsonArgs.TryBool(Description["locked"], out var b) && b;

    public bool IsPublic => JsonArgs.TryBool(Description["public"], out var b) && b;

    /// <summary>The RID this resource subscribes to, if any.</summary>
    public string? Subscribe => JsonArgs.TryString(Description["subscribe"], out var s) ? s : null;

    public string Name => JsonArgs.TryString(Description["name"], out var s) ? s : "";
}

/// <summary>A deprecated comment: visibility ("public"/"private") and text.</summary>
internal sealed record Comment(string Visibility, string Text);

/// <summary>A tag put on a resource by a client.</summary>
internal sealed record TagMark(string Tag, string TaggedBy);

/// <summary>One unit of a daily consumable (email, http, sms, xmpp) drawn at a time.</summary>
internal sealed record Consumption(long Timestamp, string Kind);
