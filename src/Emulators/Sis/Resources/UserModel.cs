using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>Users (§2.8.5): validation, hashing, casting and RBAC from the auth part; no history, no hooks.</summary>
internal sealed class UserModel(SisContext context, TokenStore tokens) : ResourceModel(context)
{
    public override string Type => Users.Type;

    public override Collection Collection => Context.Store.Get(SisStore.Users);

    public override MetaShape Shape => MetaShape.User;

    public override string? HistoryType => null;

    public override SisProblem? Validate(JsonObject body, JsonObject? existing, Caller caller) =>
        Users.Validate(body);

    public override JsonObject CleanBody(JsonObject body) =>
        base.CleanBody(Users.HashPassword(body));

    public override Outcome<JsonObject> Cast(JsonObject document) => Users.Cast(document);

    /// <summary>User fields are replaced, not merged (<c>roles</c> is Mixed).</summary>
    public override Outcome<JsonObject> Merge(
        JsonObject target,
        JsonObject body,
        SisRequest request
    )
    {
        foreach (var (key, value) in body)
        {
            target[key] = value?.DeepClone();
        }
        return Outcome.Ok(target);
    }

    public override SisProblem? Authorize(
        AuthEvent evt,
        JsonObject document,
        JsonObject user,
        JsonObject? merged
    ) => Rbac.AuthorizeUser(evt, document, user, merged);

    public override JsonObject Present(JsonObject stored, SisRequest request) =>
        Users.ToOutput(stored);

    public override void AfterDelete(JsonObject removed) =>
        tokens.RemoveForUser(Users.Name(removed));

    protected override FieldTypeInfo? FieldTypeOf(string path) =>
        path switch
        {
            "name" or "email" => FieldTypeInfo.Of(FieldKind.String),
            "super_user" or "verified" => FieldTypeInfo.Of(FieldKind.Boolean),
            _ => null,
        };
}
