using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// The SIS user model (§2.8.5, model <c>sis_users</c>): validation, password hashing, casting to the stored shape
/// and the public view without <c>pw</c>.
/// </summary>
internal static partial class Users
{
    /// <summary>The model name used in not-found errors.</summary>
    public const string Type = "sis_users";

    /// <summary>
    /// The manager's <c>validate</c> step for create and PUT bodies (400 on failure): a name is required
    /// (<c>User must have a name.</c>); unless <c>super_user</c> is truthy the body must have <c>roles</c>
    /// (<c>roles are missing.</c>) whose values are <c>user</c> or <c>admin</c>
    /// (<c>invalid role specified: &lt;value&gt;</c>; <c>null</c> roles: <c>roles must be a non empty object</c>).
    /// </summary>
    public static SisProblem? Validate(JsonObject body)
    {
        if (!JsValues.Truthy(body["name"]))
        {
            return SisProblem.BadRequest("User must have a name.");
        }
        if (JsValues.Truthy(body["super_user"]))
        {
            return null;
        }
        if (!body.TryGetPropertyValue("roles", out var roles))
        {
            return SisProblem.BadRequest("roles are missing.");
        }
        IEnumerable<JsonNode?> values = roles switch
        {
            null => [],
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>()
                .Select(c => (JsonNode?)JsonValue.Create(c.ToString())),
            _ => [],
        };
        if (roles is null)
        {
            return SisProblem.BadRequest("roles must be a non empty object");
        }
        foreach (var value in values)
        {
            if (JsValues.AsString(value) is not (Rbac.RoleUser or Rbac.RoleAdmin))
            {
                return SisProblem.BadRequest(
                    "invalid role specified: " + JsValues.ToJsString(value)
                );
            }
        }
        return null;
    }

    /// <summary>
    /// A copy of <paramref name="body"/> whose truthy <c>pw</c> is replaced by its SHA-256 hex (what the server
    /// does before inserting or merging). A falsy <c>pw</c> is left as it is.
    /// </summary>
    public static JsonObject HashPassword(JsonObject body)
    {
        var copy = (JsonObject)body.DeepClone();
        if (JsValues.Truthy(copy["pw"]))
        {
            copy["pw"] = Passwords.Hash(JsValues.ToJsString(copy["pw"]));
        }
        return copy;
    }

    /// <summary>
    /// Mongoose casting and validation of a (merged) user document: keeps the model fields in model order
    /// (<c>name, email, verified, super_user, pw, roles</c>, defaults <c>verified:false, super_user:false,
    /// roles:{}</c>) followed by <c>_id</c>, <c>_v</c> and <c>_sis</c> as given; other keys are dropped (strict).
    /// Failures are 400 <c>Bad request: ValidationError: Path `name` is invalid (X).</c> and the like.
    /// </summary>
    public static Outcome<JsonObject> Cast(JsonObject document)
    {
        var errors = new List<string>();
        var result = new JsonObject();
        var name = CastString(document, "name", errors);
        var email = CastString(document, "email", errors);
        if (name is null || name.Length == 0)
        {
            errors.Add("Path `name` is required.");
        }
        else if (!NamePattern().IsMatch(name))
        {
            errors.Add($"Path `name` is invalid ({name}).");
        }
        if (email is null || email.Length == 0)
        {
            errors.Add("Path `email` is required.");
        }
        else if (!EmailPattern().IsMatch(email))
        {
            errors.Add($"Path `email` is invalid ({email}).");
        }
        if (name is not null)
        {
            result["name"] = name;
        }
        if (email is not null)
        {
            result["email"] = email;
        }
        result["verified"] = CastBoolean(document, "verified");
        result["super_user"] = CastBoolean(document, "super_user");
        var pw = CastString(document, "pw", errors);
        if (pw is not null)
        {
            result["pw"] = pw;
        }
        else if (document.TryGetPropertyValue("pw", out var rawPw) && rawPw is null)
        {
            result["pw"] = null;
        }
        result["roles"] = document.TryGetPropertyValue("roles", out var roles)
            ? roles?.DeepClone()
            : new JsonObject();
        foreach (var key in (string[])["_id", "_v", "_sis"])
        {
            if (document.TryGetPropertyValue(key, out var value))
            {
                result[key] = value?.DeepClone();
            }
        }
        if (errors.Count > 0)
        {
            return SisProblem.BadRequest("ValidationError: " + string.Join(", ", errors));
        }
        return Outcome.Ok(result);
    }

    /// <summary>The user as answered by the API: a copy without <c>pw</c>.</summary>
    public static JsonObject ToOutput(JsonObject stored)
    {
        var copy = (JsonObject)stored.DeepClone();
        copy.Remove("pw");
        return copy;
    }

    /// <summary>
    /// The stored document of the start-up super user (§2.1: the seed super user), before the host adds
    /// <c>_id</c>, <c>_v</c> and <c>_sis</c>.
    /// </summary>
    public static JsonObject NewSuperUser(string name, string password, string email) =>
        new()
        {
            ["name"] = name,
            ["email"] = email,
            ["verified"] = true,
            ["super_user"] = true,
            ["pw"] = Passwords.Hash(password),
            ["roles"] = new JsonObject(),
        };

    /// <summary>Whether the user is a super user (truthy <c>super_user</c>).</summary>
    public static bool IsSuper(JsonObject user) => JsValues.Truthy(user["super_user"]);

    /// <summary>The user's name.</summary>
    public static string Name(JsonObject user) => JsValues.ToJsString(user["name"]);

    private static string? CastString(JsonObject document, string key, List<string> errors)
    {
        if (!document.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }
        switch (value)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue:
            case JsonArray:
                return JsValues.ToJsString(value);
            default:
                errors.Add(
                    $"Cast to String failed for value \"{JsValues.ToJsString(value)}\" at path \"{key}\""
                );
                return null;
        }
    }

    private static bool CastBoolean(JsonObject document, string key)
    {
        var value = document[key];
        if (value is null)
        {
            return false;
        }
        if (value is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String:
                    return v.GetValue<string>() is not ("false" or "0" or "");
                case JsonValueKind.Number:
                    return v.GetValue<double>() != 0;
            }
        }
        return true;
    }

    [GeneratedRegex(@"^[a-z0-9_\-]+\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^([A-Za-z0-9_\-.]+@([A-Za-z0-9_\-]+\.)+[A-Za-z0-9_\-]{2,4})?\z")]
    private static partial Regex EmailPattern();
}
