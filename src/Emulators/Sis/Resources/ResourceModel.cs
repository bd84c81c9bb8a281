using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>
/// What the generic pipeline of §2.6 needs to know about one resource kind: its collection and id field, its
/// validation, casting, merge, authorization and presentation rules. Defaults are those of SIS objects
/// (hooks, hiera).
/// </summary>
internal abstract class ResourceModel(SisContext context)
{
    /// <summary>Shared services.</summary>
    protected SisContext Context { get; } = context;

    /// <summary>The model name used in not-found errors (<c>sis_hooks</c>, or the schema name for entities).</summary>
    public abstract string Type { get; }

    /// <summary>The documents.</summary>
    public abstract Collection Collection { get; }

    /// <summary>The id field used in paths (<c>name</c>, or <c>_id</c>/<c>id_field</c> for entities).</summary>
    public virtual string IdField => "name";

    /// <summary>The field that identifies items in bulk updates (<c>name</c>, or <c>_id</c> for entities).</summary>
    public virtual string BulkIdField => "name";

    /// <summary>Fields Mongoose writes after <c>_sis</c> (schema defaults), in that order.</summary>
    public virtual IReadOnlyList<string> TrailingFields => [];

    /// <summary>The <c>_sis</c> variant.</summary>
    public virtual MetaShape Shape => MetaShape.SisObject;

    /// <summary>The commit type, or null when the model has no history.</summary>
    public virtual string? HistoryType => Type;

    /// <summary>The hook entity type fired on writes, or null when writes fire no hooks.</summary>
    public virtual string? HookType => null;

    /// <summary>The commit <c>entity_id</c> of a document (<c>name</c>; <c>_id</c> for entities).</summary>
    public virtual string HistoryId(JsonObject document) => SisJson.Str(document, "name") ?? "";

    /// <summary>The stored document with that id, or null.</summary>
    public virtual JsonObject? FindById(string id) => Collection.Find(IdField, id);

    /// <summary>The resource's <c>validate(body, existing)</c> step (400).</summary>
    public abstract SisProblem? Validate(JsonObject body, JsonObject? existing, Caller caller);

    /// <summary>
    /// Mongoose casting and validation of a whole document (fields, then <c>_id</c>, <c>_v</c>, <c>_sis</c>
    /// as given); unknown fields are dropped. The document is the pipeline's own working copy, which is not used
    /// afterwards: an implementation may take nodes out of it.
    /// </summary>
    public abstract Outcome<JsonObject> Cast(JsonObject document);

    /// <summary>Merges a PUT body into a copy of the stored document (Mongoose <c>doc.set</c> by default).</summary>
    public virtual Outcome<JsonObject> Merge(JsonObject target, JsonObject body, SisRequest request)
    {
        return Outcome.Ok(Parts.MergeNested(target, body));
    }

    /// <summary>
    /// Authorizes a write by an authenticated user (skipped when auth is off): <paramref name="document"/> is the
    /// body of a create or the stored object (a copy) of an update or delete; <paramref name="merged"/> the merged
    /// object of an update. Default (§2.9 hooks/hiera): <see cref="Rbac.AuthorizeSisObject"/>.
    /// </summary>
    public virtual SisProblem? Authorize(
        AuthEvent evt,
        JsonObject document,
        JsonObject user,
        JsonObject? merged
    ) => Rbac.AuthorizeSisObject(evt, document, user, merged);

    /// <summary>Pre-add step of creates (owner defaults, id_field inference).</summary>
    public virtual Outcome<JsonObject> PreAdd(JsonObject document, Caller caller) =>
        Outcome.Ok(document);

    /// <summary>Reference checks of entities (400).</summary>
    public virtual SisProblem? CheckReferences(JsonObject document) => null;

    /// <summary>The answer for <c>GET B/:id</c>.</summary>
    public virtual JsonNode PresentOne(JsonObject stored, SisRequest request) =>
        Present(stored, request);

    /// <summary>The answer form of a stored document (lists, write responses).</summary>
    public virtual JsonObject Present(JsonObject stored, SisRequest request) =>
        SisJson.Copy(stored);

    /// <summary>Whether an upsert may create an object with this id from this body.</summary>
    public virtual bool CanInsertWithId(string id, JsonObject body) =>
        SisJson.Str(body, "name") == id;

    /// <summary>Work after a successful delete (schema: drop entities; user: drop tokens).</summary>
    public virtual void AfterDelete(JsonObject removed) { }

    /// <summary>Work after a successful update (schema: unset removed fields).</summary>
    public virtual void AfterUpdate(JsonObject old, JsonObject updated) { }

    /// <summary>The schema type of a dotted path, for casting query values; null when unknown.</summary>
    public virtual FieldTypeInfo? TypeOf(string path) =>
        path switch
        {
            "_id" => FieldTypeInfo.Of(FieldKind.ObjectId),
            "_v" or "_sis._created_at" or "_sis._updated_at" => FieldTypeInfo.Of(FieldKind.Number),
            "_sis.locked" or "_sis.immutable" or "_sis.any_owner_can_modify" => FieldTypeInfo.Of(
                FieldKind.Boolean
            ),
            "_sis.owner" or "_sis.tags" => FieldTypeInfo.ArrayOf(FieldKind.String),
            "_sis._created_by" or "_sis._updated_by" or "_sis._version" => FieldTypeInfo.Of(
                FieldKind.String
            ),
            _ => FieldTypeOf(path),
        };

    /// <summary>The type of a model field path (not metadata).</summary>
    protected virtual FieldTypeInfo? FieldTypeOf(string path) => null;

    /// <summary>Rewrites a query before filtering (entity joins, §2.5); identity by default.</summary>
    public virtual Outcome<JsonObject> RewriteQuery(JsonObject query) => Outcome.Ok(query);

    /// <summary>
    /// True when <paramref name="path"/> holds a single string that a query compares as it is (no cast changes a
    /// query string for it), so an index of the stored strings can answer equality on it.
    /// </summary>
    public bool IsStringField(string path) =>
        TypeOf(path) is { Kind: FieldKind.String, IsArray: false };

    /// <summary>Compiles a query for this model's documents (joins resolved, values cast by path type).</summary>
    public Outcome<Func<JsonObject, bool>> Filter(JsonObject query) =>
        RewriteQuery(query).Then(q => Parts.Filter(q, TypeOf));

    /// <summary>Drops <c>_id</c>, <c>_v</c> and other reserved keys a client may send back from a fetched object.</summary>
    public virtual JsonObject CleanBody(JsonObject body)
    {
        body.Remove("_id");
        body.Remove("_v");
        return body;
    }
}
