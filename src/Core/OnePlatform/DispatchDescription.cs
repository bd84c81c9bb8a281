using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The description of a new dispatch (<c>create [R, "dispatch", desc]</c>): sends a message to
/// <see cref="Recipient"/> by <see cref="Method"/> for each value of the resource it subscribes to. Every key but
/// <see cref="Method"/> and <see cref="Recipient"/> has a default, and the whole description is sent:
/// <c>{"locked": false, "message": "", "meta": "", "method", "name": "", "preprocess": [], "public": false,
/// "recipient", "retention": {…}, "subject": "", "subscribe": null}</c>, then <see cref="Extra"/>.
/// Start from <see cref="Of"/>.
/// </summary>
public sealed record DispatchDescription
{
    /// <summary>The typed keys, in the order they are written.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "locked",
        "message",
        "meta",
        "method",
        "name",
        "preprocess",
        "public",
        "recipient",
        "retention",
        "subject",
        "subscribe",
    ];

    /// <summary>A description with the given method and recipient, every other key at its default.</summary>
    public static DispatchDescription Of(DispatchMethod method, string recipient) =>
        new() { Method = method, Recipient = recipient };

    /// <summary><c>locked</c>: a locked dispatch sends nothing. Default false.</summary>
    public bool Locked { get; init; }

    /// <summary><c>message</c>: the message text. Default empty.</summary>
    public string Message { get; init; } = "";

    /// <summary><c>meta</c>: free text for applications. Default empty.</summary>
    public string Meta { get; init; } = "";

    /// <summary><c>method</c> (required): how to send.</summary>
    public Option<DispatchMethod> Method { get; init; }

    /// <summary><c>name</c>: a display name. Default empty.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>preprocess</c>: operations applied to each value. Default none.</summary>
    public Seq<PreprocessStep> Preprocess { get; init; }

    /// <summary><c>public</c>: whether anyone may read it by RID. Default false.</summary>
    public bool Public { get; init; }

    /// <summary><c>recipient</c> (required): address, URL or number, per <see cref="Method"/>.</summary>
    public string Recipient { get; init; } = "";

    /// <summary><c>retention</c>: how much history to keep. Default everything.</summary>
    public Retention Retention { get; init; } = Retention.Infinite;

    /// <summary><c>subject</c>: the subject (e-mail). Default empty.</summary>
    public string Subject { get; init; } = "";

    /// <summary><c>subscribe</c>: the resource whose values trigger the dispatch. Default none (null).</summary>
    public Option<ResourceId> Subscribe { get; init; }

    /// <summary>Additional members (e.g. legacy keys), written after the typed keys.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>A copy with the given lock state.</summary>
    public DispatchDescription WithLocked(bool locked) => this with { Locked = locked };

    /// <summary>A copy with the given message.</summary>
    public DispatchDescription WithMessage(string message) => this with { Message = message };

    /// <summary>A copy with the given meta.</summary>
    public DispatchDescription WithMeta(string meta) => this with { Meta = meta };

    /// <summary>A copy with the given method.</summary>
    public DispatchDescription WithMethod(DispatchMethod method) => this with { Method = method };

    /// <summary>A copy with the given name.</summary>
    public DispatchDescription WithName(string name) => this with { Name = name };

    /// <summary>A copy with the given preprocess steps.</summary>
    public DispatchDescription WithPreprocess(Seq<PreprocessStep> steps) =>
        this with
        {
            Preprocess = steps,
        };

    /// <summary>A copy with one more preprocess step.</summary>
    public DispatchDescription AddPreprocess(PreprocessOperator op, PreprocessOperand operand) =>
        this with
        {
            Preprocess = Preprocess.Add(new PreprocessStep(op, operand)),
        };

    /// <summary>A copy with the given visibility.</summary>
    public DispatchDescription WithPublic(bool isPublic) => this with { Public = isPublic };

    /// <summary>A copy with the given recipient.</summary>
    public DispatchDescription WithRecipient(string recipient) =>
        this with
        {
            Recipient = recipient,
        };

    /// <summary>A copy with the given retention.</summary>
    public DispatchDescription WithRetention(Retention retention) =>
        this with
        {
            Retention = retention,
        };

    /// <summary>A copy with the given subject.</summary>
    public DispatchDescription WithSubject(string subject) => this with { Subject = subject };

    /// <summary>A copy triggered by the values of <paramref name="source"/>.</summary>
    public DispatchDescription WithSubscribe(ResourceId source) =>
        this with
        {
            Subscribe = Optional(source),
        };

    /// <summary>A copy subscribed to nothing.</summary>
    public DispatchDescription WithoutSubscribe() => this with { Subscribe = None };

    /// <summary>A copy with an additional member (replacing one of the same name).</summary>
    public DispatchDescription WithExtra(string key, JsonElement value) =>
        this with
        {
            Extra = DescriptionJson.AddExtra(Extra, key, value),
        };

    /// <summary>Checks every key at once; errors name <c>field.key</c>.</summary>
    public Validation<ApiError, DispatchDescription> Validate(string field = "description") =>
        (
            ArgumentChecks.Text($"{field}.message", Message),
            ArgumentChecks.Text($"{field}.meta", Meta),
            Method.Match(
                m => ArgumentChecks.Defined($"{field}.method", m),
                () => ArgumentChecks.Problem<DispatchMethod>($"{field}.method", "is required")
            ),
            ArgumentChecks.Text($"{field}.name", Name),
            DataportKeys.CheckPreprocess(field, Preprocess),
            ArgumentChecks.NonEmpty($"{field}.recipient", Recipient),
            DataportKeys.CheckRetention(field, Retention),
            ArgumentChecks.Text($"{field}.subject", Subject),
            ArgumentChecks.OptionalResource($"{field}.subscribe", Subscribe),
            DescriptionJson.Extra(field, Extra, Keys)
        ).Apply((_, _, _, _, _, _, _, _, _, _) => this);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteBoolean("locked"u8, Locked);
        w.WriteString("message"u8, Message);
        w.WriteString("meta"u8, Meta);
        w.WriteString("method"u8, DispatchMethods.Name((DispatchMethod)Method));
        w.WriteString("name"u8, Name);
        DescriptionJson.WritePreprocess(w, Preprocess);
        w.WriteBoolean("public"u8, Public);
        w.WriteString("recipient"u8, Recipient);
        DataportKeys.WriteRetention(w, Retention);
        w.WriteString("subject"u8, Subject);
        DescriptionJson.WriteSubscribe(w, Subscribe);
        DescriptionJson.WriteExtra(w, Extra);
        w.WriteEndObject();
    }
}
