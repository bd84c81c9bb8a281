using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The description of a clone (<c>create [R, "clone", desc]</c>): a copy of a client, named either by its
/// <see cref="Rid"/> or by a non-activated share <see cref="Code"/> (exactly one of the two). Sent as
/// <c>{"rid"|"code", "noaliases": false, "nohistorical": false}</c>. The share code is a credential and never
/// appears in <see cref="ToString"/>.
/// </summary>
public sealed record CloneDescription
{
    /// <summary>A clone of the client <paramref name="rid"/>.</summary>
    public static CloneDescription FromRid(string rid) => new() { Rid = Optional(rid) };

    /// <summary>A clone of the client shared by the non-activated share <paramref name="code"/>.</summary>
    public static CloneDescription FromCode(string code) => new() { Code = Optional(code) };

    /// <summary><c>rid</c>: the client to copy (excludes <see cref="Code"/>).</summary>
    public Option<string> Rid { get; init; }

    /// <summary><c>code</c>: a non-activated share code of the client to copy (excludes <see cref="Rid"/>; secret).</summary>
    public Option<string> Code { get; init; }

    /// <summary><c>noaliases</c>: do not copy aliases. Default false.</summary>
    public bool NoAliases { get; init; }

    /// <summary><c>nohistorical</c>: do not copy stored points. Default false.</summary>
    public bool NoHistorical { get; init; }

    /// <summary>Additional members, written after the typed keys.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>The typed keys, in the order they are written.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    ["rid", "code", "noaliases", "nohistorical"];

    /// <summary>A copy with an additional member (replacing one of the same name).</summary>
    public CloneDescription WithExtra(string key, JsonElement value) =>
        this with
        {
            Extra = DescriptionJson.AddExtra(Extra, key, value),
        };

    /// <summary>A copy with the given aliases choice.</summary>
    public CloneDescription WithNoAliases(bool noAliases = true) =>
        this with
        {
            NoAliases = noAliases,
        };

    /// <summary>A copy with the given history choice.</summary>
    public CloneDescription WithNoHistorical(bool noHistorical = true) =>
        this with
        {
            NoHistorical = noHistorical,
        };

    /// <summary>Checks the description; errors name <c>field.rid</c> and <c>field.code</c>.</summary>
    public Validation<ApiError, CloneDescription> Validate(string field = "description") =>
        (Source(field), DescriptionJson.Extra(field, Extra, Keys)).Apply((_, _) => this);

    private Validation<ApiError, Unit> Source(string field) =>
        (Rid.Case, Code.Case) switch
        {
            (string, string) => Fail<ApiError, Unit>(
                new ApiError.InvalidArgument(
                    $"{field}.code",
                    "must not be given together with rid (rid and code are mutually exclusive)"
                )
            ),
            (string rid, _) => Identifier.Validate($"{field}.rid", rid).Map(_ => unit),
            (_, string code) => Identifier
                .Validate($"{field}.code", code, secret: true)
                .Map(_ => unit),
            _ => Fail<ApiError, Unit>(
                new ApiError.InvalidArgument($"{field}.rid", "rid or code is required")
            ),
        };

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        Rid.IfSome(r => w.WriteString("rid"u8, r));
        Code.IfSome(c => w.WriteString("code"u8, c));
        w.WriteBoolean("noaliases"u8, NoAliases);
        w.WriteBoolean("nohistorical"u8, NoHistorical);
        DescriptionJson.WriteExtra(w, Extra);
        w.WriteEndObject();
    }

    /// <inheritdoc />
    public override string ToString() =>
        "CloneDescription { "
        + Rid.Match(r => $"Rid = {r}", () => Code.IsSome ? "Code = ***" : "no source")
        + $", NoAliases = {NoAliases}, NoHistorical = {NoHistorical} }}";
}
