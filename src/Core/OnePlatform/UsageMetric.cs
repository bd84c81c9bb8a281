namespace Functional.Core.OnePlatform;

/// <summary>
/// What <c>usage</c> measures. Entities (client, dataport, datarule, dispatch) give the sum over the window's
/// seconds of how many existed; consumables (share, email, http, sms, xmpp) give the total used in the window.
/// </summary>
public enum UsageMetric
{
    /// <summary><c>client</c> (entity).</summary>
    Client,

    /// <summary><c>dataport</c> (entity).</summary>
    Dataport,

    /// <summary><c>datarule</c> (entity).</summary>
    Datarule,

    /// <summary><c>dispatch</c> (entity).</summary>
    Dispatch,

    /// <summary><c>share</c> (consumable).</summary>
    Share,

    /// <summary><c>email</c> (consumable).</summary>
    Email,

    /// <summary><c>http</c> (consumable).</summary>
    Http,

    /// <summary><c>sms</c> (consumable).</summary>
    Sms,

    /// <summary><c>xmpp</c> (consumable).</summary>
    Xmpp,
}
