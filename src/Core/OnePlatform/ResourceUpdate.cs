using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// A partial description for <c>update [R, desc]</c>: only the keys that are set are sent, and the server
/// merges them into the stored description (sending only a name changes only the name). A dataport's
/// <c>format</c> cannot change, and a client's limits cannot go below what it already uses.
/// <see cref="Limits"/> is sent whole; to change one limit only, send <c>{"limits": {"dataport": 10}}</c> with
/// <see cref="WithExtra"/> (an extra member may use any key whose typed property is not set). Start from
/// <see cref="Empty"/>.
/// </summary>
public sealed record ResourceUpdate
{
    /// <summary>Nothing set (<c>{}</c>).</summary>
    public static ResourceUpdate Empty { get; } = new();

    /// <summary>The typed keys, in the order they are written.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "limits",
        "locked",
        "message",
        "meta",
        "method",
        "name",
        "preprocess",
        "public",
        "recipient",
        "retention",
        "rule",
        "subject",
        "subscribe",
    ];

    /// <summary><c>limits</c> (clients), sent whole.</summary>
    public Option<ClientLimits> Limits { get; init; }

    /// <summary><c>locked</c> (clients and dispatches).</summary>
    public Option<bool> Locked { get; init; }

    /// <summary><c>message</c> (dispatches).</summary>
    public Option<string> Message { get; init; }

    /// <summary><c>meta</c>.</summary>
    public Option<string> Meta { get; init; }

    /// <summary><c>method</c> (dispatches).</summary>
    public Option<DispatchMethod> Method { get; init; }

    /// <summary><c>name</c>.</summary>
    public Option<string> Name { get; init; }

    /// <summary><c>preprocess</c>, sent whole.</summary>
    public Option<Seq<PreprocessStep>> Preprocess { get; init; }

    /// <summary><c>public</c>.</summary>
    public Option<bool> Public { get; init; }

    /// <summary><c>recipient</c> (dispatches).</summary>
    public Option<string> Recipient { get; init; }

    /// <summary><c>retention</c>.</summary>
    public Option<Retention> Retention { get; init; }

    /// <summary><c>rule</c> (datarules).</summary>
    public Option<DataruleRule> Rule { get; init; }

    /// <summary><c>subject</c> (dispatches).</summary>
    public Option<string> Subject { get; init; }

    /// <summary><c>subscribe</c>: Some(Some(R)) subscribes to R, Some(None) sends null (subscribe to nothing).</summary>
    public Option<Option<ResourceId>> Subscribe { get; init; }

    /// <summary>Additional members, written after the typed keys.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>True when no key is set.</summary>
    public bool IsEmpty =>
        Limits.IsNone
        && Locked.IsNone
        && Message.IsNone
        && Meta.IsNone
        && Method.IsNone
        && Name.IsNone
        && Preprocess.IsNone
        && Public.IsNone
        && Recipient.IsNone
        && Retention.IsNone
        && Rule.IsNone
        && Subject.IsNone
        && Subscribe.IsNone
        && Extra.IsEmpty;

    /// <summary>A copy that sets <c>limits</c> (the whole object).</summary>
    public ResourceUpdate WithLimits(ClientLimits limits) =>
        this with
        {
            Limits = Optional(limits),
        };

    /// <summary>A copy that sets <c>locked</c>.</summary>
    public ResourceUpdate WithLocked(bool locked) => this with { Locked = locked };

    /// <summary>A copy that sets <c>message</c>.</summary>
    public ResourceUpdate WithMessage(string message) => this with { Message = Optional(message) };

    /// <summary>A copy that sets <c>meta</c>.</summary>
    public ResourceUpdate WithMeta(string meta) => this with { Meta = Optional(meta) };

    /// <summary>A copy that sets <c>method</c>.</summary>
    public ResourceUpdate WithMethod(DispatchMethod method) => this with { Method = method };

    /// <summary>A copy that sets <c>name</c>.</summary>
    public ResourceUpdate WithName(string name) => this with { Name = Optional(name) };

    /// <summary>A copy that sets <c>preprocess</c> (the whole list).</summary>
    public ResourceUpdate WithPreprocess(Seq<PreprocessStep> steps) =>
        this with
        {
            Preprocess = steps,
        };

    /// <summary>A copy that sets <c>public</c>.</summary>
    public ResourceUpdate WithPublic(bool isPublic) => this with { Public = isPublic };

    /// <summary>A copy that sets <c>recipient</c>.</summary>
    public ResourceUpdate WithRecipient(string recipient) =>
        this with
        {
            Recipient = Optional(recipient),
        };

    /// <summary>A copy that sets <c>retention</c>.</summary>
    public ResourceUpdate WithRetention(Retention retention) =>
        this with
        {
            Retention = Optional(retention),
        };

    /// <summary>A copy that sets <c>rule</c>.</summary>
    public ResourceUpdate WithRule(DataruleRule rule) => this with { Rule = Optional(rule) };

    /// <summary>A copy that sets <c>subject</c>.</summary>
    public ResourceUpdate WithSubject(string subject) => this with { Subject = Optional(subject) };

    /// <summary>A copy that subscribes to <paramref name="source"/>.</summary>
    public ResourceUpdate WithSubscribe(ResourceId source) =>
        this with
        {
            Subscribe = Some(Optional(source)),
        };

    /// <summary>A copy that sends <c>"subscribe": null</c> (subscribe to nothing).</summary>
    public ResourceUpdate WithoutSubscribe() =>
        this with
        {
            Subscribe = Some(Option<ResourceId>.None),
        };

    /// <summary>A copy with an additional member (replacing one of the same name).</summary>
    public ResourceUpdate WithExtra(string key, JsonElement value) =>
        this with
        {
            Extra = DescriptionJson.AddExtra(Extra, key, value),
        };

    /// <summary>Checks every key that is set, at once; errors name <c>field.key</c>.</summary>
    public Validation<ApiError, ResourceUpdate> Validate(string field = "description") =>
        (
            Limits.Match(
                l => l.Validate($"{field}.limits").Map(_ => unit),
                () => ArgumentChecks.Ok
            ),
            Method.Match(
                m => ArgumentChecks.Defined($"{field}.method", m).Map(_ => unit),
                () => ArgumentChecks.Ok
            ),
            Preprocess.Match(p => DataportKeys.CheckPreprocess(field, p), () => ArgumentChecks.Ok),
            Recipient.Match(
                r => ArgumentChecks.NonEmpty($"{field}.recipient", r),
                () => ArgumentChecks.Ok
            ),
            Retention.Match(r => DataportKeys.CheckRetention(field, r), () => ArgumentChecks.Ok),
            Rule.Match(r => r.Validate($"{field}.rule").Map(_ => unit), () => ArgumentChecks.Ok),
            Subscribe.Match(
                s => ArgumentChecks.OptionalResource($"{field}.subscribe", s),
                () => ArgumentChecks.Ok
            ),
            (DescriptionJson.Extra(field, Extra, SetKeys), TextKeys(field)).Apply((_, _) => unit)
        ).Apply((_, _, _, _, _, _, _, _) => this);

    /// <summary>The free-text keys that are set: present and well-formed (as when creating).</summary>
    private Validation<ApiError, Unit> TextKeys(string field) =>
        toSeq(
                new (string Key, Option<string> Value)[]
                {
                    ("message", Message),
                    ("meta", Meta),
                    ("name", Name),
                    ("subject", Subject),
                }
            )
            .Fold(
                ArgumentChecks.Ok,
                (checks, key) =>
                    (
                        checks,
                        key.Value.Match(
                            v => ArgumentChecks.Text($"{field}.{key.Key}", v).Map(_ => unit),
                            () => ArgumentChecks.Ok
                        )
                    ).Apply((_, _) => unit)
            );

    /// <summary>The wire names of the typed keys that are set (an extra member may not repeat one).</summary>
    public Seq<string> SetKeys =>
        toSeq(
                new (string Key, bool Set)[]
                {
                    ("limits", Limits.IsSome),
                    ("locked", Locked.IsSome),
                    ("message", Message.IsSome),
                    ("meta", Meta.IsSome),
                    ("method", Method.IsSome),
                    ("name", Name.IsSome),
                    ("preprocess", Preprocess.IsSome),
                    ("public", Public.IsSome),
                    ("recipient", Recipient.IsSome),
                    ("retention", Retention.IsSome),
                    ("rule", Rule.IsSome),
                    ("subject", Subject.IsSome),
                    ("subscribe", Subscribe.IsSome),
                }
            )
            .Filter(k => k.Set)
            .Map(k => k.Key);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        Limits.IfSome(l =>
        {
            w.WritePropertyName("limits"u8);
            l.WriteTo(w);
        });
        Locked.IfSome(v => w.WriteBoolean("locked"u8, v));
        Message.IfSome(v => w.WriteString("message"u8, v));
        Meta.IfSome(v => w.WriteString("meta"u8, v));
        Method.IfSome(v => w.WriteString("method"u8, DispatchMethods.Name(v)));
        Name.IfSome(v => w.WriteString("name"u8, v));
        Preprocess.IfSome(p => DescriptionJson.WritePreprocess(w, p));
        Public.IfSome(v => w.WriteBoolean("public"u8, v));
        Recipient.IfSome(v => w.WriteString("recipient"u8, v));
        Retention.IfSome(r => DataportKeys.WriteRetention(w, r));
        Rule.IfSome(r => DataportKeys.WriteRule(w, r));
        Subject.IfSome(v => w.WriteString("subject"u8, v));
        Subscribe.IfSome(s => DescriptionJson.WriteSubscribe(w, s));
        DescriptionJson.WriteExtra(w, Extra);
        w.WriteEndObject();
    }
}
