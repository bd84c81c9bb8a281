using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The keys a dataport and a datarule share (<c>format</c>, <c>meta</c>, <c>name</c>, <c>preprocess</c>,
/// <c>public</c>, <c>retention</c>, <c>subscribe</c> and the extra members), checked and written in one place.
/// The static members check and write the single keys that dispatches and updates share too.
/// </summary>
internal readonly record struct DataportKeys(
    Option<DataFormat> Format,
    string Meta,
    string Name,
    Seq<PreprocessStep> Preprocess,
    bool Public,
    Retention Retention,
    Option<ResourceId> Subscribe,
    Map<string, JsonElement> Extra
)
{
    /// <summary>
    /// Checks every key at once; <paramref name="rule"/> is the check of a datarule's <c>rule</c> (reported
    /// after <c>retention</c>), <see cref="ArgumentChecks.Ok"/> for a dataport.
    /// </summary>
    public Validation<ApiError, Unit> Validate(
        string field,
        IEnumerable<string> typedKeys,
        Validation<ApiError, Unit> rule
    ) =>
        (
            Format.Match(
                f => ArgumentChecks.Defined($"{field}.format", f),
                () => ArgumentChecks.Problem<DataFormat>($"{field}.format", "is required")
            ),
            ArgumentChecks.Text($"{field}.meta", Meta),
            ArgumentChecks.Text($"{field}.name", Name),
            CheckPreprocess(field, Preprocess),
            CheckRetention(field, Retention),
            rule,
            ArgumentChecks.OptionalResource($"{field}.subscribe", Subscribe),
            DescriptionJson.Extra(field, Extra, typedKeys)
        ).Apply((_, _, _, _, _, _, _, _) => unit);

    /// <summary>
    /// Writes the whole description in key order; <paramref name="writeRule"/> writes a datarule's <c>rule</c>
    /// (between <c>retention</c> and <c>subscribe</c>), null for a dataport.
    /// </summary>
    public void WriteTo(Utf8JsonWriter w, Action<Utf8JsonWriter>? writeRule)
    {
        w.WriteStartObject();
        w.WriteString("format"u8, DataFormats.Name((DataFormat)Format));
        w.WriteString("meta"u8, Meta);
        w.WriteString("name"u8, Name);
        DescriptionJson.WritePreprocess(w, Preprocess);
        w.WriteBoolean("public"u8, Public);
        WriteRetention(w, Retention);
        writeRule?.Invoke(w);
        DescriptionJson.WriteSubscribe(w, Subscribe);
        DescriptionJson.WriteExtra(w, Extra);
        w.WriteEndObject();
    }

    /// <summary><c>field.preprocess</c>: every step valid.</summary>
    public static Validation<ApiError, Unit> CheckPreprocess(
        string field,
        Seq<PreprocessStep> steps
    ) => ArgumentChecks.Each($"{field}.preprocess", steps, (n, s) => s.Validate(n).Map(_ => unit));

    /// <summary><c>field.retention</c>: present and valid.</summary>
    public static Validation<ApiError, Unit> CheckRetention(string field, Retention? retention) =>
        retention is null
            ? ArgumentChecks.Problem($"{field}.retention", "is required")
            : retention.Validate($"{field}.retention").Map(_ => unit);

    /// <summary>Writes <c>retention</c>.</summary>
    public static void WriteRetention(Utf8JsonWriter w, Retention retention)
    {
        w.WritePropertyName("retention"u8);
        retention.WriteTo(w);
    }

    /// <summary>Writes a datarule's <c>rule</c>.</summary>
    public static void WriteRule(Utf8JsonWriter w, DataruleRule rule)
    {
        w.WritePropertyName("rule"u8);
        rule.WriteTo(w);
    }
}
