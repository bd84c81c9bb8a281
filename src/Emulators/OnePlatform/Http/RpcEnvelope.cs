using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;

namespace Functional.Emulators.OnePlatform.Http;

/// <summary>One call of the envelope; <see cref="Id"/> is null when the call expects no answer.</summary>
internal sealed record RpcCallRequest(JsonNode? Id, string Procedure, JsonNode? Arguments);

/// <summary>A structurally valid request envelope (§2.2).</summary>
internal sealed record RpcRequest(JsonObject Auth, IReadOnlyList<RpcCallRequest> Calls);

/// <summary>
/// Validates the envelope before anything runs, so a malformed request changes nothing:
/// <c>auth</c> must be an object with a string <c>cik</c> or <c>token</c> (not both) and at most one of string
/// <c>client_id</c>/<c>resource_id</c> (else 400 "auth"); <c>calls</c> must be a list of objects (else 400 "calls");
/// each call needs a string <c>procedure</c> (else 400 "procedure"); an <c>id</c> must be an integer or a string
/// of at most 40 characters (else 400 "calls"); a null id counts as no id.
/// </summary>
internal static class RpcEnvelope
{
    public static bool TryParse(
        JsonNode? root,
        [NotNullWhen(true)] out RpcRequest? request,
        [NotNullWhen(false)] out GeneralError? error
    )
    {
        request = null;
        if (
            root is not JsonObject envelope
            || envelope["auth"] is not JsonObject auth
            || !ValidAuth(auth)
        )
        {
            error = GeneralError.Malformed("auth");
            return false;
        }
        if (envelope["calls"] is not JsonArray calls)
        {
            error = GeneralError.Malformed("calls");
            return false;
        }
        var parsed = new List<RpcCallRequest>();
        foreach (var node in calls)
        {
            if (node is not JsonObject call)
            {
                error = GeneralError.Malformed("calls");
                return false;
            }
            if (!JsonArgs.TryString(call["procedure"], out var procedure))
            {
                error = GeneralError.Malformed("procedure");
                return false;
            }
            var id = call["id"];
            if (id is not null && !ValidId(id))
            {
                error = GeneralError.Malformed("calls");
                return false;
            }
            parsed.Add(new RpcCallRequest(id, procedure, call["arguments"]));
        }
        request = new RpcRequest(auth, parsed);
        error = null;
        return true;
    }

    private static bool ValidAuth(JsonObject auth)
    {
        var hasCik = auth["cik"] is not null;
        var hasToken = auth["token"] is not null;
        if (hasCik == hasToken)
        {
            return false;
        }
        if (!JsonArgs.TryString(hasCik ? auth["cik"] : auth["token"], out _))
        {
            return false;
        }
        var clientId = auth["client_id"];
        var resourceId = auth["resource_id"];
        if (clientId is not null && resourceId is not null)
        {
            return false;
        }
        if (hasToken && resourceId is not null)
        {
            return false;
        }
        return (clientId is null || JsonArgs.TryString(clientId, out _))
            && (resourceId is null || JsonArgs.TryString(resourceId, out _));
    }

    private static bool ValidId(JsonNode id)
    {
        switch (id.GetValueKind())
        {
            case JsonValueKind.String:
                return JsonArgs.TryString(id, out var s) && s.Length <= 40;
            case JsonValueKind.Number:
                var text = JsonArgs.NumberText(id);
                return !text.Contains('.', StringComparison.Ordinal)
                    && !text.Contains('e', StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }
}
