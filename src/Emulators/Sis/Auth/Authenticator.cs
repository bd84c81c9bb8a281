using System.Text;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Emulators.Sis.Auth;

/// <summary>
/// Who a request acts as (§2.8.6): the user behind an <c>x-auth-token</c>, or the user of a Basic
/// <c>Authorization</c> header for <c>POST /users/auth_token</c>. Users and tokens are looked up through the
/// delegates, so the host keeps them where it likes.
/// </summary>
internal sealed class Authenticator(
    Func<string, JsonObject?> findToken,
    Func<string, JsonObject?> findUser,
    TimeProvider time
)
{
    /// <summary>An authenticator over a <see cref="TokenStore"/> (its clock decides expiry).</summary>
    public Authenticator(TokenStore tokens, Func<string, JsonObject?> findUser)
        : this(tokens.Find, findUser, tokens.Time) { }

    /// <summary>
    /// The stored user of an <c>x-auth-token</c> header value: missing/empty → 400 <c>Bad request: Missing
    /// x-auth-token</c>; unknown token → 404 <c>sis_tokens &lt;token&gt; does not exist</c>; expired → 401
    /// <c>Unauthorized. Token has expired.</c>; the token's user is gone → 404 <c>sis_users &lt;name&gt; does not
    /// exist</c>.
    /// </summary>
    public Outcome<JsonObject> Authenticate(string? xAuthToken)
    {
        if (string.IsNullOrEmpty(xAuthToken))
        {
            return SisProblem.BadRequest("Missing x-auth-token");
        }
        if (findToken(xAuthToken) is not { } token)
        {
            return SisProblem.NotFound(Tokens.Type, xAuthToken);
        }
        if (Tokens.IsExpired(token, time.GetUtcNow()))
        {
            return SisProblem.Unauthorized("Token has expired.");
        }
        var username = JsValues.ToJsString(token["username"]);
        return findUser(username) is { } user
            ? Outcome.Ok(user)
            : SisProblem.NotFound(Users.Type, username);
    }

    /// <summary>
    /// The user of a Basic <c>Authorization</c> header with a matching password: no or unusable header → 401
    /// <c>Unauthorized. Invalid credentials</c>; unknown user → 404 <c>sis_users &lt;name&gt; does not exist</c>;
    /// wrong password → 401 <c>Unauthorized. Invalid password.</c>
    /// </summary>
    public Outcome<JsonObject> VerifyBasic(string? authorization)
    {
        if (ParseBasic(authorization) is not { } credentials)
        {
            return SisProblem.Unauthorized("Invalid credentials");
        }
        if (findUser(credentials.User) is not { } user)
        {
            return SisProblem.NotFound(Users.Type, credentials.User);
        }
        return Passwords.Matches(credentials.Password, JsValues.AsString(user["pw"]))
            ? Outcome.Ok(user)
            : SisProblem.Unauthorized("Invalid password.");
    }

    /// <summary>
    /// <c>POST /users/auth_token</c>: <see cref="VerifyBasic"/>, then a new temporary token in
    /// <paramref name="tokens"/>, answered as <see cref="Tokens.ToOutput"/> (201 for the host).
    /// </summary>
    public Outcome<JsonObject> Login(string? authorization, TokenStore tokens) =>
        VerifyBasic(authorization)
            .Map(user =>
                Tokens.ToOutput(tokens.CreateTemporary(Users.Name(user)), tokens.Time.GetUtcNow())
            );

    /// <summary>
    /// Parses a Basic header as passport-http 0.2 does: two or more space-separated parts, a scheme containing
    /// <c>basic</c> (any case), base64 (leniently decoded) of <c>user:password</c> where the password ends at the
    /// next colon; empty user or password → null.
    /// </summary>
    public static (string User, string Password)? ParseBasic(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return null;
        }
        var parts = authorization.Split(' ');
        if (parts.Length < 2 || !parts[0].Contains("basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var decoded = DecodeBase64(parts[1]);
        if (decoded is null)
        {
            return null;
        }
        var credentials = decoded.Split(':');
        if (credentials.Length < 2 || credentials[0].Length == 0 || credentials[1].Length == 0)
        {
            return null;
        }
        return (credentials[0], credentials[1]);
    }

    private static string? DecodeBase64(string text)
    {
        var clean = new StringBuilder(text.Length + 3);
        foreach (var c in text)
        {
            if (c == '=')
            {
                break;
            }
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            {
                clean.Append(c);
            }
            else if (c is '-' or '_')
            {
                clean.Append(c == '-' ? '+' : '/');
            }
        }
        if (clean.Length % 4 == 1)
        {
            clean.Length--;
        }
        while (clean.Length % 4 != 0)
        {
            clean.Append('=');
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(clean.ToString()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
