using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Schemas;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>Token routes (§2.8.6) and the forced hook trigger (§2.8.3).</summary>
internal sealed partial class SisApi
{
    /// <summary><c>POST /users/auth_token</c>.</summary>
    public SisAnswer AuthToken(SisRequest request) => auth.Login(request);

    /// <summary>The caller and the target user of a token route, or the failure (400/404 auth, 404 user, 401).</summary>
    private Outcome<(JsonObject Caller, JsonObject Target)> TokenRoute(
        SisRequest request,
        string username
    )
    {
        var caller = auth.Authenticate(request);
        if (!caller.IsOk)
        {
            return caller.Problem!;
        }
        var user = caller.Value!.User!;
        if (auth.FindUser(username) is not { } target)
        {
            return SisProblem.NotFound(Users.Type, username);
        }
        return Rbac.AuthorizeTokenRoute(user, target) is { } denied
            ? denied
            : Outcome.Ok((user, target));
    }

    private JsonObject? FindToken(string username, string name) =>
        auth.Tokens.Find(name) is { } token && JsValues.ToJsString(token["username"]) == username
            ? token
            : null;

    private static SisProblem TokenNotFound(string username, string name) =>
        SisProblem.NotFound("Token for " + username, name);

    private JsonObject Out(JsonObject token) => Tokens.ToOutput(token, context.Time.GetUtcNow());

    /// <summary><c>GET /users/:uname/tokens</c>.</summary>
    public SisAnswer ListTokens(SisRequest request, string username)
    {
        var route = TokenRoute(request, username);
        if (!route.IsOk)
        {
            return route.Problem!;
        }
        var query = QueryParam(request);
        if (!query.IsOk)
        {
            return query.Problem!;
        }
        var filter = Parts.Filter(query.Value!, TokenType);
        if (!filter.IsOk)
        {
            return filter.Problem!;
        }
        var matching = auth.Tokens.ForUser(username).Where(filter.Value!).ToList();
        return Page(request, matching, matching.Count, Out);
    }

    private static Query.FieldTypeInfo? TokenType(string path) =>
        path switch
        {
            "name" or "desc" or "username" => Query.FieldTypeInfo.Of(Query.FieldKind.String),
            "expires" => Query.FieldTypeInfo.Of(Query.FieldKind.Date),
            "_id" => Query.FieldTypeInfo.Of(Query.FieldKind.ObjectId),
            _ => null,
        };

    /// <summary><c>GET /users/:uname/tokens/:name</c>.</summary>
    public SisAnswer GetToken(SisRequest request, string username, string name)
    {
        var route = TokenRoute(request, username);
        if (!route.IsOk)
        {
            return route.Problem!;
        }
        return FindToken(username, name) is { } token
            ? SisAnswer.Ok(Out(token))
            : TokenNotFound(username, name);
    }

    /// <summary><c>POST /users/:uname/tokens</c>: a persistent token (201).</summary>
    public SisAnswer CreateToken(SisRequest request, string username)
    {
        var route = TokenRoute(request, username);
        if (!route.IsOk)
        {
            return route.Problem!;
        }
        if (request.Body is not JsonObject raw)
        {
            return SisProblem.BadRequest("Cannot add an array of tokens.");
        }
        var body = Tokens.FixBody(raw, username);
        if (
            Tokens.Authorize(AuthEvent.Insert, body, route.Value.Caller, auth.FindUser) is
            { } denied
        )
        {
            return denied;
        }
        var token = auth.Tokens.CreatePersistent(username, body);
        context.Store.Save();
        return SisAnswer.Created(Out(token));
    }

    /// <summary><c>PUT /users/:uname/tokens/:name</c>.</summary>
    public SisAnswer UpdateToken(SisRequest request, string username, string name)
    {
        var route = TokenRoute(request, username);
        if (!route.IsOk)
        {
            return route.Problem!;
        }
        if (FindToken(username, name) is not { } existing)
        {
            return TokenNotFound(username, name);
        }
        if (request.Body is not JsonObject raw)
        {
            return SisProblem.BadRequest("Cannot update with an array.");
        }
        var merged = Tokens.Merge(existing, Tokens.FixBody(raw, username));
        if (!merged.IsOk)
        {
            return merged.Problem!;
        }
        if (
            Tokens.Authorize(
                AuthEvent.Update,
                existing,
                route.Value.Caller,
                auth.FindUser,
                merged.Value
            ) is
            { } denied
        )
        {
            return denied;
        }
        var meta = Meta.Normalize(merged.Value!["_sis"], MetaShape.Token);
        if (!meta.IsOk)
        {
            return meta.Problem!;
        }
        merged.Value!["_sis"] = meta.Value;
        if (!auth.Tokens.Replace(merged.Value!))
        {
            return TokenNotFound(username, name);
        }
        context.Store.Save();
        return SisAnswer.Ok(Out(merged.Value!));
    }

    /// <summary><c>DELETE /users/:uname/tokens/:name</c>.</summary>
    public SisAnswer DeleteToken(SisRequest request, string username, string name)
    {
        var route = TokenRoute(request, username);
        if (!route.IsOk)
        {
            return route.Problem!;
        }
        if (FindToken(username, name) is not { } existing)
        {
            return TokenNotFound(username, name);
        }
        if (
            Tokens.Authorize(AuthEvent.Delete, existing, route.Value.Caller, auth.FindUser) is
            { } denied
        )
        {
            return denied;
        }
        if (auth.Tokens.Remove(name) is not { } removed)
        {
            return TokenNotFound(username, name);
        }
        context.Store.Save();
        return SisAnswer.Ok(Out(removed));
    }

    /// <summary><c>POST /hooks/trigger/:schema/:id</c>: fires the schema's update hooks with the entity (no auth).</summary>
    public SisAnswer TriggerHooks(SisRequest request, string schema, string id)
    {
        _ = request;
        var resolved = entityModel(schema);
        if (!resolved.IsOk)
        {
            return resolved.Problem!;
        }
        if (resolved.Value!.FindById(id) is not { } entity)
        {
            return SisProblem.NotFound(schema, id);
        }
        context.Hooks.Fire(schema, "update", entity.DeepClone(), SisJson.Copy(entity), false);
        return SisAnswer.Ok(
            new JsonObject
            {
                ["message"] = "Hooks triggered successfully",
                ["type"] = schema,
                ["entity"] = entity.DeepClone(),
            }
        );
    }

    /// <summary>The limit/offset/sort/fields part of a list answer.</summary>
    private static SisAnswer Page(
        SisRequest request,
        List<JsonObject> matching,
        int total,
        Func<JsonObject, JsonObject> present,
        bool sort = true
    )
    {
        var limit = ParseInt(request.QueryString("limit")) is { } l and not 0
            ? Math.Min(Math.Abs(l), MaxResults)
            : MaxResults;
        var offset = Math.Max(ParseInt(request.QueryString("offset")) ?? 0, 0);
        if (total == 0 || offset > total)
        {
            return SisAnswer.List([], total);
        }
        var page = (sort ? Parts.Sort(matching, request.QueryString("sort")) : matching)
            .Skip(offset)
            .Take(limit);
        var project = Parts.Projection(request.QueryString("fields"));
        if (!project.IsOk)
        {
            return project.Problem!;
        }
        return SisAnswer.List(
            new JsonArray([.. page.Select(d => (JsonNode)project.Value!(present(d)))]),
            total
        );
    }
}
