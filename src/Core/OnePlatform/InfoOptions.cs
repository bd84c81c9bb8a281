using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Options of <c>info</c>: which parts to return. Each key is a boolean; only the keys set to true are sent, and
/// the result holds exactly those parts. <see cref="All"/> sends <c>{}</c>, which the server reads as every
/// part. Some parts are visible only to the resource itself or its direct owner (§ visibility on
/// <see cref="ResourceInfo"/>).
/// </summary>
public sealed record InfoOptions
{
    /// <summary><c>{}</c>: every part.</summary>
    public static InfoOptions All { get; } = new();

    /// <summary>Only <c>aliases</c>.</summary>
    public static InfoOptions OnlyAliases { get; } = new() { Aliases = true };

    /// <summary>Only <c>basic</c>.</summary>
    public static InfoOptions OnlyBasic { get; } = new() { Basic = true };

    /// <summary>Only <c>comments</c>.</summary>
    public static InfoOptions OnlyComments { get; } = new() { Comments = true };

    /// <summary>Only <c>counts</c>.</summary>
    public static InfoOptions OnlyCounts { get; } = new() { Counts = true };

    /// <summary>Only <c>description</c>.</summary>
    public static InfoOptions OnlyDescription { get; } = new() { Description = true };

    /// <summary>Only <c>key</c>.</summary>
    public static InfoOptions OnlyKey { get; } = new() { Key = true };

    /// <summary>Only <c>shares</c>.</summary>
    public static InfoOptions OnlyShares { get; } = new() { Shares = true };

    /// <summary>Only <c>storage</c>.</summary>
    public static InfoOptions OnlyStorage { get; } = new() { Storage = true };

    /// <summary>Only <c>subscribers</c>.</summary>
    public static InfoOptions OnlySubscribers { get; } = new() { Subscribers = true };

    /// <summary>Only <c>tagged</c>.</summary>
    public static InfoOptions OnlyTagged { get; } = new() { Tagged = true };

    /// <summary>Only <c>tags</c>.</summary>
    public static InfoOptions OnlyTags { get; } = new() { Tags = true };

    /// <summary>Only <c>usage</c>.</summary>
    public static InfoOptions OnlyUsage { get; } = new() { Usage = true };

    /// <summary><c>aliases</c>: the aliases of the resource's children (client itself or its direct owner only).</summary>
    public bool Aliases { get; init; }

    /// <summary><c>basic</c>: modified time, status, subscriber count and type.</summary>
    public bool Basic { get; init; }

    /// <summary><c>comments</c> (deprecated): the resource's comments.</summary>
    public bool Comments { get; init; }

    /// <summary><c>counts</c>: what this client itself uses.</summary>
    public bool Counts { get; init; }

    /// <summary><c>description</c>: the description as created or updated.</summary>
    public bool Description { get; init; }

    /// <summary><c>key</c>: a client's CIK (direct owner only).</summary>
    public bool Key { get; init; }

    /// <summary><c>shares</c>: the resource's share codes (client itself or its direct owner only).</summary>
    public bool Shares { get; init; }

    /// <summary><c>storage</c>: point count, first and last timestamps, size.</summary>
    public bool Storage { get; init; }

    /// <summary><c>subscribers</c>: the resources subscribed to it.</summary>
    public bool Subscribers { get; init; }

    /// <summary><c>tagged</c> (reserved).</summary>
    public bool Tagged { get; init; }

    /// <summary><c>tags</c> (reserved).</summary>
    public bool Tags { get; init; }

    /// <summary><c>usage</c>: what this client and its descendants use.</summary>
    public bool Usage { get; init; }

    /// <summary>A copy that requests (or not) <c>aliases</c>.</summary>
    public InfoOptions WithAliases(bool include = true) => this with { Aliases = include };

    /// <summary>A copy that requests (or not) <c>basic</c>.</summary>
    public InfoOptions WithBasic(bool include = true) => this with { Basic = include };

    /// <summary>A copy that requests (or not) <c>comments</c>.</summary>
    public InfoOptions WithComments(bool include = true) => this with { Comments = include };

    /// <summary>A copy that requests (or not) <c>counts</c>.</summary>
    public InfoOptions WithCounts(bool include = true) => this with { Counts = include };

    /// <summary>A copy that requests (or not) <c>description</c>.</summary>
    public InfoOptions WithDescription(bool include = true) => this with { Description = include };

    /// <summary>A copy that requests (or not) <c>key</c>.</summary>
    public InfoOptions WithKey(bool include = true) => this with { Key = include };

    /// <summary>A copy that requests (or not) <c>shares</c>.</summary>
    public InfoOptions WithShares(bool include = true) => this with { Shares = include };

    /// <summary>A copy that requests (or not) <c>storage</c>.</summary>
    public InfoOptions WithStorage(bool include = true) => this with { Storage = include };

    /// <summary>A copy that requests (or not) <c>subscribers</c>.</summary>
    public InfoOptions WithSubscribers(bool include = true) => this with { Subscribers = include };

    /// <summary>A copy that requests (or not) <c>tagged</c>.</summary>
    public InfoOptions WithTagged(bool include = true) => this with { Tagged = include };

    /// <summary>A copy that requests (or not) <c>tags</c>.</summary>
    public InfoOptions WithTags(bool include = true) => this with { Tags = include };

    /// <summary>A copy that requests (or not) <c>usage</c>.</summary>
    public InfoOptions WithUsage(bool include = true) => this with { Usage = include };

    /// <summary>The wire names of the parts set to true, in the order they are written (empty = every part).</summary>
    public Seq<string> Requested =>
        toSeq(
                new (string Key, bool On)[]
                {
                    ("aliases", Aliases),
                    ("basic", Basic),
                    ("comments", Comments),
                    ("counts", Counts),
                    ("description", Description),
                    ("key", Key),
                    ("shares", Shares),
                    ("storage", Storage),
                    ("subscribers", Subscribers),
                    ("tagged", Tagged),
                    ("tags", Tags),
                    ("usage", Usage),
                }
            )
            .Filter(x => x.On)
            .Map(x => x.Key);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        foreach (var key in Requested)
            w.WriteBoolean(key, true);
        w.WriteEndObject();
    }
}
