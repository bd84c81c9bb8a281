using System.Text.Json.Nodes;

namespace Functional.Emulators.OnePlatform.Http;

/// <summary>A whole-request failure (§2.3): <c>{"error":{"code","message"[,"context"]}}</c>, sent with HTTP 200.</summary>
internal sealed record GeneralError(int Code, string Message, string? Context = null)
{
    /// <summary>The body is not JSON (code -1).</summary>
    public static readonly GeneralError ParseError = new(-1, "Parse error");

    /// <summary>Unknown, revoked, expired or not-activated CIK, expired token, or a client_id/resource_id out of reach.</summary>
    public static readonly GeneralError AuthorizationFailed = new(401, "Authorization failed");

    /// <summary>The body is larger than the configured limit.</summary>
    public static readonly GeneralError TooLarge = new(400, "Request too large");

    public static readonly GeneralError Internal = new(500, "Internal error");

    /// <summary>Code 400 with the part of the envelope that is wrong: auth, calls or procedure.</summary>
    public static GeneralError Malformed(string context) => new(400, "Malformed request", context);

    public JsonObject ToJson()
    {
        var error = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Context is not null)
        {
            error["context"] = Context;
        }
        return new JsonObject { ["error"] = error };
    }
}
