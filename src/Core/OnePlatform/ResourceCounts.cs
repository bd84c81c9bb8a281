using System.Text.Json;

namespace Functional.Core.OnePlatform;

/// <summary>
/// <c>info</c>'s <c>counts</c> (what the client itself uses) or <c>usage</c> (the client and its descendants):
/// <c>{client, dataport, datarule, disk, dispatch, email, http, share, sms, xmpp}</c>. Every numeric member is
/// kept in <see cref="Values"/>, including ones this library does not name; a missing member reads as 0.
/// </summary>
/// <param name="Values">Every numeric member by its wire name.</param>
public sealed record ResourceCounts(Map<string, long> Values)
{
    /// <summary>The member <paramref name="key"/>, or 0 when absent.</summary>
    public long this[string key] => Values.Find(key).IfNone(0);

    /// <summary><c>client</c>: child clients.</summary>
    public long Client => this["client"];

    /// <summary><c>dataport</c>: dataports.</summary>
    public long Dataport => this["dataport"];

    /// <summary><c>datarule</c>: datarules.</summary>
    public long Datarule => this["datarule"];

    /// <summary><c>disk</c>: disk use.</summary>
    public long Disk => this["disk"];

    /// <summary><c>dispatch</c>: dispatches.</summary>
    public long Dispatch => this["dispatch"];

    /// <summary><c>email</c>: e-mails sent.</summary>
    public long Email => this["email"];

    /// <summary><c>http</c>: HTTP requests sent.</summary>
    public long Http => this["http"];

    /// <summary><c>share</c>: shares.</summary>
    public long Share => this["share"];

    /// <summary><c>sms</c>: SMS messages sent.</summary>
    public long Sms => this["sms"];

    /// <summary><c>xmpp</c>: XMPP messages sent.</summary>
    public long Xmpp => this["xmpp"];

    /// <summary>Reads the object; members that are not numbers are skipped. None when it is not an object.</summary>
    internal static Option<ResourceCounts> FromJson(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return None;
        var values = Map<string, long>();
        foreach (var p in e.EnumerateObject())
            InfoJson.Integer(p.Value).IfSome(n => values = values.AddOrUpdate(p.Name, n));
        return new ResourceCounts(values);
    }
}
