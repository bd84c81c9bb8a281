using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>
/// Authentication of writes (§2.8.6) over the stored users and the <see cref="TokenStore"/>: with auth off every
/// caller is <see cref="Caller.Anonymous"/>.
/// </summary>
internal sealed class AuthGate
{
    private readonly SisContext context;
    private readonly Authenticator authenticator;

    public AuthGate(SisContext context, TokenStore tokens)
    {
        this.context = context;
        Tokens = tokens;
        authenticator = new Authenticator(tokens, FindUser);
    }

    /// <summary>The tokens.</summary>
    public TokenStore Tokens { get; }

    /// <summary>The stored user called <paramref name="name"/> (a copy), or null.</summary>
    public JsonObject? FindUser(string name) =>
        context.Store.Get(SisStore.Users).Find("name", name) is { } user
            ? SisJson.Copy(user)
            : null;

    /// <summary>How long an expired temporary token lingers (401) before MongoDB's TTL monitor deletes it (404).</summary>
    public static readonly TimeSpan TtlDelay = TimeSpan.FromSeconds(60);

    /// <summary>The caller of a write: its <c>x-auth-token</c> user, or anonymous when auth is off.</summary>
    public Outcome<Caller> Authenticate(SisRequest request)
    {
        if (!context.AuthEnabled)
        {
            return Outcome.Ok(Caller.Anonymous);
        }
        PurgeExpired();
        return authenticator.Authenticate(request.Header("x-auth-token")).Map(u => new Caller(u));
    }

    /// <summary>Removes temporary tokens that expired at least <see cref="TtlDelay"/> ago (MongoDB's TTL index).</summary>
    private void PurgeExpired()
    {
        var limit = context.Time.GetUtcNow() - TtlDelay;
        var removed = false;
        foreach (var token in Tokens.All())
        {
            if (Auth.Tokens.ExpiresAt(token) is { } at && at <= limit)
            {
                removed |= Tokens.Remove(SisJson.Str(token, "name") ?? "") is not null;
            }
        }
        if (removed)
        {
            context.Store.Save();
        }
    }

    /// <summary><c>POST /users/auth_token</c>: Basic credentials → 201 temporary token.</summary>
    public SisAnswer Login(SisRequest request)
    {
        var token = authenticator.Login(request.Header("Authorization"), Tokens);
        if (!token.IsOk)
        {
            return token.Problem!;
        }
        context.Store.Save();
        return SisAnswer.Created(token.Value) with
        {
            Headers = new Dictionary<string, string>
            {
                ["Access-Control-Allow-Credentials"] = "true",
            },
        };
    }
}
