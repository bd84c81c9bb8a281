using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The description of a new dataport (<c>create [R, "dataport", desc]</c>). Every key but
/// <see cref="Format"/> has the platform's default, and the whole description is sent so the request is
/// explicit: <c>{"format", "meta": "", "name": "", "preprocess": [], "public": false,
/// "retention": {"count": "infinity", "duration": "infinity"}, "subscribe": null}</c>, then
/// <see cref="Extra"/>. Start from <see cref="Of"/>.
/// </summary>
public sealed record DataportDescription
{
    /// <summary>The typed keys, in the order they are written.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    ["format", "meta", "name", "preprocess", "public", "retention", "subscribe"];

    /// <summary>A description with the given format and every other key at its default.</summary>
    public static DataportDescription Of(DataFormat format) => new() { Format = format };

    /// <summary><c>format</c> (required): the type of the values; it cannot change later.</summary>
    public Option<DataFormat> Format { get; init; }

    /// <summary><c>meta</c>: free text for applications (often JSON). Default empty.</summary>
    public string Meta { get; init; } = "";

    /// <summary><c>name</c>: a display name. Default empty.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>preprocess</c>: operations applied, in order, to each value before it is stored. Default none.</summary>
    public Seq<PreprocessStep> Preprocess { get; init; }

    /// <summary><c>public</c>: whether anyone may read it by RID. Default false.</summary>
    public bool Public { get; init; }

    /// <summary><c>retention</c>: how much history to keep. Default everything.</summary>
    public Retention Retention { get; init; } = Retention.Infinite;

    /// <summary><c>subscribe</c>: a resource whose values are copied into this one. Default none (null).</summary>
    public Option<ResourceId> Subscribe { get; init; }

    /// <summary>Additional members (e.g. legacy keys), written after the typed keys.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>A copy with the given format.</summary>
    public DataportDescription WithFormat(DataFormat format) => this with { Format = format };

    /// <summary>A copy with the given meta.</summary>
    public DataportDescription WithMeta(string meta) => this with { Meta = meta };

    /// <summary>A copy with the given name.</summary>
    public DataportDescription WithName(string name) => this with { Name = name };

    /// <summary>A copy with the given preprocess steps.</summary>
    public DataportDescription WithPreprocess(Seq<PreprocessStep> steps) =>
        this with
        {
            Preprocess = steps,
        };

    /// <summary>A copy with one more preprocess step.</summary>
    public DataportDescription AddPreprocess(PreprocessOperator op, PreprocessOperand operand) =>
        this with
        {
            Preprocess = Preprocess.Add(new PreprocessStep(op, operand)),
        };

    /// <summary>A copy with the given visibility.</summary>
    public DataportDescription WithPublic(bool isPublic) => this with { Public = isPublic };

    /// <summary>A copy with the given retention.</summary>
    public DataportDescription WithRetention(Retention retention) =>
        this with
        {
            Retention = retention,
        };

    /// <summary>A copy subscribed to <paramref name="source"/>.</summary>
    public DataportDescription WithSubscribe(ResourceId source) =>
        this with
        {
            Subscribe = Optional(source),
        };

    /// <summary>A copy subscribed to nothing.</summary>
    public DataportDescription WithoutSubscribe() => this with { Subscribe = None };

    /// <summary>A copy with an additional member (replacing one of the same name).</summary>
    public DataportDescription WithExtra(string key, JsonElement value) =>
        this with
        {
            Extra = DescriptionJson.AddExtra(Extra, key, value),
        };

    /// <summary>Checks every key at once; errors name <c>field.key</c>.</summary>
    public Validation<ApiError, DataportDescription> Validate(string field = "description") =>
        Shared.Validate(field, Keys, ArgumentChecks.Ok).Map(_ => this);

    internal void WriteTo(Utf8JsonWriter w) => Shared.WriteTo(w, writeRule: null);

    private DataportKeys Shared =>
        new(Format, Meta, Name, Preprocess, Public, Retention, Subscribe, Extra);
}
