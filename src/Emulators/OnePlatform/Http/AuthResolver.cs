using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Http;

/// <summary>Who a request acts as, and under which token (if any).</summary>
internal sealed record Principal(Resource Caller, GrantToken? Token);

/// <summary>
/// Resolves a structurally valid <c>auth</c> object (§1.2, §2.2) to the calling client, or null for the general
/// 401. <c>{"cik"}</c>: the activated client with that CIK. <c>{"cik","client_id"}</c>: a client in that client's
/// subtree. <c>{"cik","resource_id"}</c>: the owner of a resource strictly inside that client's subtree.
/// <c>{"token"}</c>: the granted client, while the token has not expired; <c>{"token","client_id"}</c>: a client in
/// the granted client's subtree. CIKs of <c>notactivated</c> or <c>expired</c> clients are rejected.
/// </summary>
internal static class AuthResolver
{
    public static Principal? Resolve(ResourceTree tree, JsonObject auth, long now)
    {
        Resource? principal;
        GrantToken? token = null;
        if (JsonArgs.TryString(auth["cik"], out var cik))
        {
            principal = tree.FindByCik(cik);
            if (principal is null || principal.Status != ClientStatus.Activated)
            {
                return null;
            }
        }
        else
        {
            JsonArgs.TryString(auth["token"], out var tokenText);
            if (!tree.Tokens.TryGetValue(tokenText, out token) || token.IsExpired(now))
            {
                return null;
            }
            principal = tree.Find(token.ClientRid);
            if (principal is null)
            {
                return null;
            }
        }
        if (JsonArgs.TryString(auth["client_id"], out var clientId))
        {
            var client = tree.Find(clientId);
            return client is { IsClient: true } && tree.InSubtree(principal, client)
                ? new Principal(client, token)
                : null;
        }
        if (JsonArgs.TryString(auth["resource_id"], out var resourceId))
        {
            var resource = tree.Find(resourceId);
            return
                resource is not null
                && tree.IsProperAncestor(principal, resource)
                && tree.Parent(resource) is { } owner
                ? new Principal(owner, token)
                : null;
        }
        return new Principal(principal, token);
    }
}
