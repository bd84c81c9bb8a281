using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>
/// <c>info</c>'s <c>description</c> part: the description as created or updated, with defaults filled in,
/// kept as JSON (<see cref="Json"/>, which outlives the response) with typed readers for the common keys.
/// Each reader is None when the key is absent or has another shape.
/// </summary>
/// <param name="Json">The description object as sent.</param>
public sealed record ResourceDescription(JsonElement Json)
{
    /// <summary><c>name</c>.</summary>
    public Option<string> Name => InfoJson.Text(Json, "name");

    /// <summary><c>meta</c>.</summary>
    public Option<string> Meta => InfoJson.Text(Json, "meta");

    /// <summary><c>public</c>.</summary>
    public Option<bool> Public => InfoJson.Boolean(Json, "public");

    /// <summary><c>locked</c> (clients and dispatches).</summary>
    public Option<bool> Locked => InfoJson.Boolean(Json, "locked");

    /// <summary><c>format</c> (dataports and datarules).</summary>
    public Option<DataFormat> Format => InfoJson.Text(Json, "format").Bind(DataFormats.Parse);

    /// <summary><c>limits</c> (clients); unknown members go to <see cref="ClientLimits.Extra"/>.</summary>
    public Option<ClientLimits> Limits => Member("limits").Bind(ClientLimits.FromJson);

    /// <summary><c>retention</c>.</summary>
    public Option<Retention> Retention => Member("retention").Bind(OnePlatform.Retention.FromJson);

    /// <summary><c>subscribe</c> as the RID text, when it is a string (None when null).</summary>
    public Option<string> Subscribe => InfoJson.Text(Json, "subscribe");

    /// <summary>Any member as JSON.</summary>
    public Option<JsonElement> Member(string key) =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(key, out var v)
            ? Some(v)
            : None;

    /// <summary>Compares by JSON text.</summary>
    public bool Equals(ResourceDescription? other) =>
        other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() =>
        Json.ValueKind == JsonValueKind.Undefined ? "" : Json.GetRawText();
}
