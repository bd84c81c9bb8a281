using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// The SIS token model (§2.8.6, model <c>sis_tokens</c>): <c>{name, desc?, username, expires?, _id, _v, _sis}</c>.
/// Temporary tokens store <c>expires</c> as an absolute ISO-8601 UTC time; answers show milliseconds remaining.
/// </summary>
internal static class Tokens
{
    /// <summary>The model name used in not-found errors.</summary>
    public const string Type = "sis_tokens";

    /// <summary>Lifetime of a temporary token (8 h).</summary>
    public static readonly TimeSpan TemporaryLifetime = TimeSpan.FromHours(8);

    /// <summary>The ISO-8601 text Mongo dates serialise to (<c>2013-11-01T00:00:00.000Z</c>).</summary>
    public static string IsoDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>When a temporary token expires; null for persistent tokens (or an unreadable date).</summary>
    public static DateTimeOffset? ExpiresAt(JsonObject token) =>
        JsValues.AsString(token["expires"]) is { } text
        && DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var at
        )
            ? at
            : null;

    /// <summary>Whether a temporary token has expired at <paramref name="now"/>.</summary>
    public static bool IsExpired(JsonObject token, DateTimeOffset now) =>
        ExpiresAt(token) is { } at && at <= now;

    /// <summary>The token as answered: a copy whose <c>expires</c> is the milliseconds remaining (≥ 0).</summary>
    public static JsonObject ToOutput(JsonObject stored, DateTimeOffset now)
    {
        var copy = (JsonObject)stored.DeepClone();
        if (ExpiresAt(stored) is { } at)
        {
            copy["expires"] = Math.Max(0L, (long)Math.Floor((at - now).TotalMilliseconds));
        }
        return copy;
    }

    /// <summary>
    /// What the token routes do to POST/PUT bodies before anything else: a copy with <c>username</c> forced to
    /// the route's user and <c>expires</c> removed.
    /// </summary>
    public static JsonObject FixBody(JsonObject body, string username)
    {
        var copy = (JsonObject)body.DeepClone();
        copy["username"] = username;
        copy.Remove("expires");
        return copy;
    }

    /// <summary>
    /// PUT on a token: 400 <c>name cannot be changed.</c> when the body names another token; then Mongoose
    /// <c>doc.set</c> of the model fields <c>desc</c> and <c>username</c> (other keys are dropped) and the mutable
    /// <c>_sis</c> fields. Run <see cref="Authorize"/> with the result (it rejects temporary tokens).
    /// </summary>
    public static Outcome<JsonObject> Merge(JsonObject existing, JsonObject body)
    {
        if (
            body.TryGetPropertyValue("name", out var name)
            && JsValues.ToJsString(name) != JsValues.ToJsString(existing["name"])
        )
        {
            return SisProblem.BadRequest("name cannot be changed.");
        }
        var merged = (JsonObject)existing.DeepClone();
        foreach (var key in (string[])["desc", "username"])
        {
            if (body.TryGetPropertyValue(key, out var value))
            {
                if (value is JsonObject)
                {
                    return SisProblem.BadRequest(
                        $"CastError: Cast to String failed for value \"{JsValues.ToJsString(value)}\" at path \"{key}\""
                    );
                }
                merged[key] = value is null ? null : JsValues.ToJsString(value);
            }
        }
        if (body["_sis"] is JsonObject patch && merged["_sis"] is JsonObject meta)
        {
            foreach (var key in (string[])["tags", "immutable", "locked"])
            {
                if (patch.TryGetPropertyValue(key, out var value))
                {
                    meta[key] = value?.DeepClone();
                }
            }
        }
        return Outcome.Ok(merged);
    }

    /// <summary>
    /// The token manager's authorization (create, update, delete), in the server's order: 400
    /// <c>Missing username in token.</c>, <c>Cannot change the username of the token.</c>, <c>Cannot change a
    /// temporary token.</c>, <c>Cannot create a temp token for another user.</c> (also on deleting another user's
    /// temporary token, as coded); 401 <c>Invalid user.</c>; 404 when the token's user is gone; 400 <c>Super users
    /// cannot have persistent tokens.</c>; 401 <c>Only admins of the user or the user can manage the token.</c>
    /// </summary>
    public static SisProblem? Authorize(
        AuthEvent evt,
        JsonObject token,
        JsonObject caller,
        Func<string, JsonObject?> findUser,
        JsonObject? merged = null
    )
    {
        if (!JsValues.Truthy(token["username"]))
        {
            return SisProblem.BadRequest("Missing username in token.");
        }
        var username = JsValues.ToJsString(token["username"]);
        if (evt == AuthEvent.Update && merged is not null)
        {
            if (JsValues.ToJsString(merged["username"]) != username)
            {
                return SisProblem.BadRequest("Cannot change the username of the token.");
            }
            if (JsValues.Truthy(merged["expires"]))
            {
                return SisProblem.BadRequest("Cannot change a temporary token.");
            }
        }
        var temporary = JsValues.Truthy(token["expires"]);
        if (temporary && username != Users.Name(caller))
        {
            return SisProblem.BadRequest("Cannot create a temp token for another user.");
        }
        if (!JsValues.Truthy(caller["roles"]) && !Users.IsSuper(caller))
        {
            return SisProblem.Unauthorized("Invalid user.");
        }
        if (findUser(username) is not { } owner)
        {
            return SisProblem.NotFound(Users.Type, username);
        }
        if (Users.IsSuper(owner) && !temporary)
        {
            return SisProblem.BadRequest("Super users cannot have persistent tokens.");
        }
        return Rbac.CanAdministerTokensOf(caller, owner)
            ? null
            : SisProblem.Unauthorized("Only admins of the user or the user can manage the token.");
    }
}
