using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// Options of <c>listing</c>: which of the client's resources to list. Only the filters set are sent;
/// <see cref="Default"/> sends <c>{}</c>, which the server reads as <c>{"owned": true}</c>.
/// </summary>
public sealed record ListingOptions
{
    /// <summary><c>{}</c>: the resources the client owns.</summary>
    public static ListingOptions Default { get; } = new();

    /// <summary><c>activated</c>: resources shared with the client whose share it activated.</summary>
    public bool Activated { get; init; }

    /// <summary><c>aliased</c>: resources the client has aliased.</summary>
    public bool Aliased { get; init; }

    /// <summary><c>owned</c>: resources the client owns.</summary>
    public bool Owned { get; init; }

    /// <summary><c>public</c>: public resources.</summary>
    public bool Public { get; init; }

    /// <summary><c>tagged</c>: resources with any of these tags (not sent when empty).</summary>
    public Seq<string> Tagged { get; init; }

    /// <summary>A copy that lists (or not) activated shares.</summary>
    public ListingOptions WithActivated(bool include = true) => this with { Activated = include };

    /// <summary>A copy that lists (or not) aliased resources.</summary>
    public ListingOptions WithAliased(bool include = true) => this with { Aliased = include };

    /// <summary>A copy that lists (or not) owned resources.</summary>
    public ListingOptions WithOwned(bool include = true) => this with { Owned = include };

    /// <summary>A copy that lists (or not) public resources.</summary>
    public ListingOptions WithPublic(bool include = true) => this with { Public = include };

    /// <summary>A copy that lists resources with any of <paramref name="tags"/>.</summary>
    public ListingOptions WithTagged(Seq<string> tags) => this with { Tagged = tags };

    /// <summary>Checks the options; errors name <c>field.tagged[i]</c>.</summary>
    public Validation<ApiError, ListingOptions> Validate(string field = "options") =>
        ArgumentChecks
            .Each($"{field}.tagged", Tagged, (n, t) => ArgumentChecks.NonEmpty(n, t))
            .Map(_ => this);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Activated)
            w.WriteBoolean("activated"u8, true);
        if (Aliased)
            w.WriteBoolean("aliased"u8, true);
        if (Owned)
            w.WriteBoolean("owned"u8, true);
        if (Public)
            w.WriteBoolean("public"u8, true);
        if (!Tagged.IsEmpty)
        {
            w.WritePropertyName("tagged"u8);
            w.WriteStartArray();
            foreach (var tag in Tagged)
                w.WriteStringValue(tag);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
