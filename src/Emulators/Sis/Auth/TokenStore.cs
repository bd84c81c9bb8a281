using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// The emulator's tokens, by name (thread-safe). Documents handed out are copies. Expired temporary tokens stay
/// until <see cref="PurgeExpired"/> (MongoDB's TTL monitor removes them within about a minute).
/// </summary>
internal sealed class TokenStore(IdGenerator names, Func<string> newObjectId, TimeProvider time)
{
    private readonly object gate = new();
    private readonly Dictionary<string, JsonObject> tokens = new(StringComparer.Ordinal);

    /// <summary>The clock used for expiry.</summary>
    public TimeProvider Time => time;

    /// <summary>Creates and stores a temporary token of <paramref name="username"/> (expires in 8 h).</summary>
    public JsonObject CreateTemporary(string username) =>
        Insert(
            new JsonObject
            {
                ["username"] = username,
                ["expires"] = Tokens.IsoDate(time.GetUtcNow() + Tokens.TemporaryLifetime),
            }
        );

    /// <summary>
    /// Creates and stores a persistent token of <paramref name="username"/> with the body's <c>desc</c> (a
    /// fixed body: see <see cref="Tokens.FixBody"/>); other body fields are dropped.
    /// </summary>
    public JsonObject CreatePersistent(string username, JsonObject body)
    {
        var token = new JsonObject();
        if (body.TryGetPropertyValue("desc", out var desc) && desc is not null)
        {
            token["desc"] = JsValues.ToJsString(desc);
        }
        token["username"] = username;
        return Insert(token);
    }

    /// <summary>The token called <paramref name="name"/>, or null.</summary>
    public JsonObject? Find(string name)
    {
        lock (gate)
        {
            return tokens.TryGetValue(name, out var token) ? (JsonObject)token.DeepClone() : null;
        }
    }

    /// <summary>All tokens of <paramref name="username"/>, oldest first.</summary>
    public List<JsonObject> ForUser(string username)
    {
        lock (gate)
        {
            return
            [
                .. tokens
                    .Values.Where(t => JsValues.ToJsString(t["username"]) == username)
                    .Select(t => (JsonObject)t.DeepClone()),
            ];
        }
    }

    /// <summary>All tokens, oldest first.</summary>
    public List<JsonObject> All()
    {
        lock (gate)
        {
            return [.. tokens.Values.Select(t => (JsonObject)t.DeepClone())];
        }
    }

    /// <summary>Replaces the stored token of the same name; false when there is none.</summary>
    public bool Replace(JsonObject token)
    {
        var name = JsValues.ToJsString(token["name"]);
        lock (gate)
        {
            if (!tokens.ContainsKey(name))
            {
                return false;
            }
            tokens[name] = (JsonObject)token.DeepClone();
            return true;
        }
    }

    /// <summary>Removes the token called <paramref name="name"/>; the removed document or null.</summary>
    public JsonObject? Remove(string name)
    {
        lock (gate)
        {
            return tokens.Remove(name, out var token) ? token : null;
        }
    }

    /// <summary>Removes every token of <paramref name="username"/> (when the user is deleted); how many.</summary>
    public int RemoveForUser(string username) =>
        RemoveWhere(t => JsValues.ToJsString(t["username"]) == username);

    /// <summary>Removes the temporary tokens that have expired; how many.</summary>
    public int PurgeExpired()
    {
        var now = time.GetUtcNow();
        return RemoveWhere(t => Tokens.IsExpired(t, now));
    }

    /// <summary>Every stored token (for persistence).</summary>
    public JsonArray Snapshot()
    {
        lock (gate)
        {
            return [.. tokens.Values.Select(t => (JsonNode?)t.DeepClone())];
        }
    }

    /// <summary>Replaces the content with <paramref name="saved"/> (a <see cref="Snapshot"/>).</summary>
    public void Load(JsonArray saved)
    {
        lock (gate)
        {
            tokens.Clear();
            foreach (var token in saved.OfType<JsonObject>())
            {
                tokens[JsValues.ToJsString(token["name"])] = (JsonObject)token.DeepClone();
            }
        }
    }

    private int RemoveWhere(Func<JsonObject, bool> predicate)
    {
        lock (gate)
        {
            var names = tokens.Where(p => predicate(p.Value)).Select(p => p.Key).ToList();
            foreach (var name in names)
            {
                tokens.Remove(name);
            }
            return names.Count;
        }
    }

    private JsonObject Insert(JsonObject fields)
    {
        lock (gate)
        {
            string name;
            do
            {
                name = names.Next();
            } while (tokens.ContainsKey(name));
            var token = new JsonObject { ["name"] = name };
            foreach (var (key, value) in fields)
            {
                token[key] = value?.DeepClone();
            }
            token["_id"] = newObjectId();
            token["_v"] = 0;
            token["_sis"] = new JsonObject
            {
                ["tags"] = new JsonArray(),
                ["immutable"] = false,
                ["locked"] = false,
            };
            tokens[name] = token;
            return (JsonObject)token.DeepClone();
        }
    }
}
