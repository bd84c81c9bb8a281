using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The description of a new client (<c>create [R, "client", desc]</c>). Every key has the platform's default,
/// and the whole description is sent so the request is explicit: <c>{"limits": {… every limit 0 …},
/// "locked": false, "meta": "", "name": "", "public": false}</c>, then <see cref="Extra"/> (legacy keys such as
/// <c>writeinterval</c> or <c>visibility</c> that older clients send and the platform accepts).
/// </summary>
public sealed record ClientDescription
{
    /// <summary>Every key at its default.</summary>
    public static ClientDescription Default { get; } = new();

    /// <summary>The typed keys, in the order they are written.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    ["limits", "locked", "meta", "name", "public"];

    /// <summary><c>limits</c>: what the client may own and use. Default every limit 0.</summary>
    public ClientLimits Limits { get; init; } = ClientLimits.Default;

    /// <summary><c>locked</c>: every call made by a locked client fails with <c>locked</c>. Default false.</summary>
    public bool Locked { get; init; }

    /// <summary><c>meta</c>: free text for applications (often JSON). Default empty.</summary>
    public string Meta { get; init; } = "";

    /// <summary><c>name</c>: a display name. Default empty.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>public</c>: whether anyone may read it by RID. Default false.</summary>
    public bool Public { get; init; }

    /// <summary>Additional members (e.g. <c>writeinterval</c>, <c>visibility</c>), written after the typed keys.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>A copy with the given limits.</summary>
    public ClientDescription WithLimits(ClientLimits limits) => this with { Limits = limits };

    /// <summary>A copy with the given lock state.</summary>
    public ClientDescription WithLocked(bool locked) => this with { Locked = locked };

    /// <summary>A copy with the given meta.</summary>
    public ClientDescription WithMeta(string meta) => this with { Meta = meta };

    /// <summary>A copy with the given name.</summary>
    public ClientDescription WithName(string name) => this with { Name = name };

    /// <summary>A copy with the given visibility.</summary>
    public ClientDescription WithPublic(bool isPublic) => this with { Public = isPublic };

    /// <summary>A copy with an additional member (replacing one of the same name).</summary>
    public ClientDescription WithExtra(string key, JsonElement value) =>
        this with
        {
            Extra = DescriptionJson.AddExtra(Extra, key, value),
        };

    /// <summary>Checks every key at once; errors name <c>field.key</c> (<c>field.limits.dataport</c>...).</summary>
    public Validation<ApiError, ClientDescription> Validate(string field = "description") =>
        (
            Limits is null
                ? ArgumentChecks.Problem($"{field}.limits", "is required")
                : Limits.Validate($"{field}.limits").Map(_ => unit),
            ArgumentChecks.Text($"{field}.meta", Meta),
            ArgumentChecks.Text($"{field}.name", Name),
            DescriptionJson.Extra(field, Extra, Keys)
        ).Apply((_, _, _, _) => this);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WritePropertyName("limits"u8);
        Limits.WriteTo(w);
        w.WriteBoolean("locked"u8, Locked);
        w.WriteString("meta"u8, Meta);
        w.WriteString("name"u8, Name);
        w.WriteBoolean("public"u8, Public);
        DescriptionJson.WriteExtra(w, Extra);
        w.WriteEndObject();
    }
}
