using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>
/// The <c>limits</c> of a client description: what the client (and its descendants) may own and use. Every
/// limit defaults to 0, as on the platform; set <see cref="Limit.Inherit"/> to draw from the owner's
/// allowance. Daily consumables (email, http, sms, xmpp) are throttled and draw from the <c>*_bucket</c>
/// totals. Keys the record does not type (e.g. the legacy <c>io</c>) go in <see cref="Extra"/> and are written
/// after the typed keys.
/// </summary>
public sealed record ClientLimits
{
    /// <summary>Every limit 0.</summary>
    public static ClientLimits Default { get; } = new();

    /// <summary>Every limit <c>"inherit"</c>.</summary>
    public static ClientLimits InheritAll { get; } =
        new()
        {
            Client = Limit.Inherit,
            Dataport = Limit.Inherit,
            Datarule = Limit.Inherit,
            Disk = Limit.Inherit,
            Dispatch = Limit.Inherit,
            Email = Limit.Inherit,
            EmailBucket = Limit.Inherit,
            Http = Limit.Inherit,
            HttpBucket = Limit.Inherit,
            Share = Limit.Inherit,
            Sms = Limit.Inherit,
            SmsBucket = Limit.Inherit,
            Xmpp = Limit.Inherit,
            XmppBucket = Limit.Inherit,
        };

    /// <summary>The wire names of the typed limits, in the order they are written.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "client",
        "dataport",
        "datarule",
        "disk",
        "dispatch",
        "email",
        "email_bucket",
        "http",
        "http_bucket",
        "share",
        "sms",
        "sms_bucket",
        "xmpp",
        "xmpp_bucket",
    ];

    /// <summary><c>client</c>: How many child clients it may own.</summary>
    public Limit Client { get; init; } = Limit.Zero;

    /// <summary><c>dataport</c>: How many dataports it may own.</summary>
    public Limit Dataport { get; init; } = Limit.Zero;

    /// <summary><c>datarule</c>: How many datarules it may own.</summary>
    public Limit Datarule { get; init; } = Limit.Zero;

    /// <summary><c>disk</c>: Disk space (not enforced by the platform).</summary>
    public Limit Disk { get; init; } = Limit.Zero;

    /// <summary><c>dispatch</c>: How many dispatches it may own.</summary>
    public Limit Dispatch { get; init; } = Limit.Zero;

    /// <summary><c>email</c>: E-mails per day.</summary>
    public Limit Email { get; init; } = Limit.Zero;

    /// <summary><c>email_bucket</c>: The total e-mails the daily throttle draws from.</summary>
    public Limit EmailBucket { get; init; } = Limit.Zero;

    /// <summary><c>http</c>: HTTP requests per day (dispatches).</summary>
    public Limit Http { get; init; } = Limit.Zero;

    /// <summary><c>http_bucket</c>: The total HTTP requests the daily throttle draws from.</summary>
    public Limit HttpBucket { get; init; } = Limit.Zero;

    /// <summary><c>share</c>: How many shares it may create.</summary>
    public Limit Share { get; init; } = Limit.Zero;

    /// <summary><c>sms</c>: SMS messages per day.</summary>
    public Limit Sms { get; init; } = Limit.Zero;

    /// <summary><c>sms_bucket</c>: The total SMS messages the daily throttle draws from.</summary>
    public Limit SmsBucket { get; init; } = Limit.Zero;

    /// <summary><c>xmpp</c>: XMPP messages per day.</summary>
    public Limit Xmpp { get; init; } = Limit.Zero;

    /// <summary><c>xmpp_bucket</c>: The total XMPP messages the daily throttle draws from.</summary>
    public Limit XmppBucket { get; init; } = Limit.Zero;

    /// <summary>Additional members of <c>limits</c> (e.g. the legacy <c>io</c>), written after the typed keys.</summary>
    public Map<string, JsonElement> Extra { get; init; }

    /// <summary>A copy with <c>client</c> set.</summary>
    public ClientLimits WithClient(Limit limit) => this with { Client = limit };

    /// <summary>A copy with <c>dataport</c> set.</summary>
    public ClientLimits WithDataport(Limit limit) => this with { Dataport = limit };

    /// <summary>A copy with <c>datarule</c> set.</summary>
    public ClientLimits WithDatarule(Limit limit) => this with { Datarule = limit };

    /// <summary>A copy with <c>disk</c> set.</summary>
    public ClientLimits WithDisk(Limit limit) => this with { Disk = limit };

    /// <summary>A copy with <c>dispatch</c> set.</summary>
    public ClientLimits WithDispatch(Limit limit) => this with { Dispatch = limit };

    /// <summary>A copy with <c>email</c> set.</summary>
    public ClientLimits WithEmail(Limit limit) => this with { Email = limit };

    /// <summary>A copy with <c>email_bucket</c> set.</summary>
    public ClientLimits WithEmailBucket(Limit limit) => this with { EmailBucket = limit };

    /// <summary>A copy with <c>http</c> set.</summary>
    public ClientLimits WithHttp(Limit limit) => this with { Http = limit };

    /// <summary>A copy with <c>http_bucket</c> set.</summary>
    public ClientLimits WithHttpBucket(Limit limit) => this with { HttpBucket = limit };

    /// <summary>A copy with <c>share</c> set.</summary>
    public ClientLimits WithShare(Limit limit) => this with { Share = limit };

    /// <summary>A copy with <c>sms</c> set.</summary>
    public ClientLimits WithSms(Limit limit) => this with { Sms = limit };

    /// <summary>A copy with <c>sms_bucket</c> set.</summary>
    public ClientLimits WithSmsBucket(Limit limit) => this with { SmsBucket = limit };

    /// <summary>A copy with <c>xmpp</c> set.</summary>
    public ClientLimits WithXmpp(Limit limit) => this with { Xmpp = limit };

    /// <summary>A copy with <c>xmpp_bucket</c> set.</summary>
    public ClientLimits WithXmppBucket(Limit limit) => this with { XmppBucket = limit };

    /// <summary>A copy with an additional member of <c>limits</c> (replacing one of the same name).</summary>
    public ClientLimits WithExtra(string key, JsonElement value) =>
        this with
        {
            Extra = DescriptionJson.AddExtra(Extra, key, value),
        };

    /// <summary>The typed limits with their wire names, in the order they are written.</summary>
    public Seq<(string Key, Limit Limit)> All =>
        Seq(
            ("client", Client),
            ("dataport", Dataport),
            ("datarule", Datarule),
            ("disk", Disk),
            ("dispatch", Dispatch),
            ("email", Email),
            ("email_bucket", EmailBucket),
            ("http", Http),
            ("http_bucket", HttpBucket),
            ("share", Share),
            ("sms", Sms),
            ("sms_bucket", SmsBucket),
            ("xmpp", Xmpp),
            ("xmpp_bucket", XmppBucket)
        );

    /// <summary>Checks every limit at once; errors name <c>field.key</c>.</summary>
    public Validation<ApiError, ClientLimits> Validate(string field = "limits") =>
        (
            ArgumentChecks.Each(
                field,
                All,
                (_, entry) =>
                    entry.Limit is null
                        ? ArgumentChecks.Problem($"{field}.{entry.Key}", "is required")
                        : entry.Limit.Validate($"{field}.{entry.Key}").Map(_ => unit)
            ),
            DescriptionJson.Extra(field, Extra, Keys)
        ).Apply((_, _) => this);

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        foreach (var (key, limit) in All)
        {
            w.WritePropertyName(key);
            limit.WriteTo(w);
        }
        DescriptionJson.WriteExtra(w, Extra);
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads a <c>limits</c> object: missing limits are 0, other members go to <see cref="Extra"/>; None when a
    /// typed limit is neither a number nor <c>"inherit"</c>.
    /// </summary>
    internal static Option<ClientLimits> FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return None;
        var values = new Dictionary<string, Limit>(StringComparer.Ordinal);
        var extra = Map<string, JsonElement>();
        foreach (var p in e.EnumerateObject())
        {
            if (Keys.Contains(p.Name))
            {
                var limit = Limit.FromJson(p.Value);
                if (limit.IsNone)
                    return None;
                values[p.Name] = (Limit)limit;
            }
            else
            {
                extra = extra.AddOrUpdate(p.Name, p.Value.Clone());
            }
        }
        Limit Get(string key) => values.TryGetValue(key, out var l) ? l : Limit.Zero;
        return new ClientLimits
        {
            Client = Get("client"),
            Dataport = Get("dataport"),
            Datarule = Get("datarule"),
            Disk = Get("disk"),
            Dispatch = Get("dispatch"),
            Email = Get("email"),
            EmailBucket = Get("email_bucket"),
            Http = Get("http"),
            HttpBucket = Get("http_bucket"),
            Share = Get("share"),
            Sms = Get("sms"),
            SmsBucket = Get("sms_bucket"),
            Xmpp = Get("xmpp"),
            XmppBucket = Get("xmpp_bucket"),
            Extra = extra,
        };
    }
}
