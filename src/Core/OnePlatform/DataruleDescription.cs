using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The description of a new datarule (<c>create [R, "datarule", desc]</c>): a dataport's keys plus a
/// <see cref="Rule"/>. Usually <see cref="Subscribe"/> names the dataport whose values the rule reads. Every key
/// but <see cref="Format"/> and <see cref="Rule"/> has the platform's default, and the whole description is sent:
/// <c>{"format", "meta": "", "name": "", "preprocess": [], "public": false, "retention": {…}, "rule": {…},
/// "subscribe": null}</c>, then <see cref="Extra"/>. Start from <see cref="Of"/> or <see cref="ForScript"/>.
/// </summary>
public sealed record DataruleDescription
{
    /// <summary>The typed keys, in the order they are written.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    ["format", "meta", "name", "preprocess", "public", "retention", "rule", "subscribe"];

    /// <summary>A description with the given format and rule, every other key at its default.</summary>
    public static DataruleDescription Of(DataFormat format, DataruleRule rule) =>
        new() { Format = format, Rule = Optional(rule) };

    /// <summary>A Lua script datarule (format <c>string</c>).</summary>
    public static DataruleDescription ForScript(string source) =>
        Of(DataFormat.String, new DataruleRule.Script(source));

    /// <summary><c>format</c> (required): the type of the rule's output values.</summary>
    public Option<DataFormat> Format { get; init; }

    /// <summary><c>meta</c>: free text for applications. Default empty.</summary>
    public string Meta { get; init; } = "";

    /// <summary><c>name</c>: a display name. Default empty.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>preprocess</c>: operations applied to each input value. Default none.</summary>
    public Seq<PreprocessStep> Preprocess { get; init; }

    /// <summary><c>public</c>: whether anyone may read it by RID. Default false.</summary>
    public bool Public { get; init; }

    /// <summary><c>retention</c>: how much history to keep. Default everything.</summary>
    public Retention Retention { get; init; } = Retention.Infinite;

    /// <summary><c>rule</c> (required): what the datarule computes.</summary>
    public Option<DataruleRule> Rule { get; init; }

    /// <summary><c>subscribe</c>: the resource whose values the rule reads. Default none (null).</summary>
    public Option<ResourceId> Subscribe { get; init; }

    /// <summary>Additional members (e.g. legacy keys), written after the typed keys.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>A copy with the given format.</summary>
    public DataruleDescription WithFormat(DataFormat format) => this with { Format = format };

    /// <summary>A copy with the given meta.</summary>
    public DataruleDescription WithMeta(string meta) => this with { Meta = meta };

    /// <summary>A copy with the given name.</summary>
    public DataruleDescription WithName(string name) => this with { Name = name };

    /// <summary>A copy with the given preprocess steps.</summary>
    public DataruleDescription WithPreprocess(Seq<PreprocessStep> steps) =>
        this with
        {
            Preprocess = steps,
        };

    /// <summary>A copy with one more preprocess step.</summary>
    public DataruleDescription AddPreprocess(PreprocessOperator op, PreprocessOperand operand) =>
        this with
        {
            Preprocess = Preprocess.Add(new PreprocessStep(op, operand)),
        };

    /// <summary>A copy with the given visibility.</summary>
    public DataruleDescription WithPublic(bool isPublic) => this with { Public = isPublic };

    /// <summary>A copy with the given retention.</summary>
    public DataruleDescription WithRetention(Retention retention) =>
        this with
        {
            Retention = retention,
        };

    /// <summary>A copy with the given rule.</summary>
    public DataruleDescription WithRule(DataruleRule rule) => this with { Rule = Optional(rule) };

    /// <summary>A copy that reads the values of <paramref name="source"/>.</summary>
    public DataruleDescription WithSubscribe(ResourceId source) =>
        this with
        {
            Subscribe = Optional(source),
        };

    /// <summary>A copy subscribed to nothing.</summary>
    public DataruleDescription WithoutSubscribe() => this with { Subscribe = None };

    /// <summary>A copy with an additional member (replacing one of the same name).</summary>
    public DataruleDescription WithExtra(string key, JsonElement value) =>
        this with
        {
            Extra = DescriptionJson.AddExtra(Extra, key, value),
        };

    /// <summary>Checks every key at once; errors name <c>field.key</c>.</summary>
    public Validation<ApiError, DataruleDescription> Validate(string field = "description") =>
        Shared
            .Validate(
                field,
                Keys,
                Rule.Match(
                    r => r.Validate($"{field}.rule").Map(_ => unit),
                    () => ArgumentChecks.Problem($"{field}.rule", "is required")
                )
            )
            .Map(_ => this);

    internal void WriteTo(Utf8JsonWriter w) =>
        Shared.WriteTo(w, rw => DataportKeys.WriteRule(rw, (DataruleRule)Rule));

    private DataportKeys Shared =>
        new(Format, Meta, Name, Preprocess, Public, Retention, Subscribe, Extra);
}
