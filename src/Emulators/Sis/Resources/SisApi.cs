using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Auth;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Resources;

/// <summary>A resource base of the route table: <c>schemas</c>, <c>hooks</c>, <c>hiera</c>, <c>users</c> or <c>entities/&lt;schema&gt;</c>.</summary>
internal sealed record ResourceRef(string Kind, string? Schema);

/// <summary>
/// The handlers behind the routes: the generic CRUD pipeline of §2.6 (create, update, upsert, CAS, delete, bulk
/// insert/update/delete, lists) run over a <see cref="ResourceModel"/>, plus info, tokens and the hook trigger.
/// </summary>
internal sealed partial class SisApi
{
    /// <summary>SIS's <c>MAX_RESULTS</c>.</summary>
    public const int MaxResults = 10000;

    private readonly SisContext context;
    private readonly AuthGate auth;
    private readonly Dictionary<string, ResourceModel> models;
    private readonly Func<string, Outcome<ResourceModel>> entityModel;

    public SisApi(
        SisContext context,
        AuthGate auth,
        IEnumerable<(string Kind, ResourceModel Model)> models,
        Func<string, Outcome<ResourceModel>> entityModel
    )
    {
        this.context = context;
        this.auth = auth;
        this.models = models.ToDictionary(m => m.Kind, m => m.Model, StringComparer.Ordinal);
        this.entityModel = entityModel;
    }

    /// <summary><c>GET /api/v1.1/info</c>.</summary>
    public static SisAnswer Info() =>
        SisAnswer.Ok(
            new JsonObject
            {
                ["build_num"] = "0",
                ["git_hash"] = "emulator",
                ["build_id"] = "sis-emulator",
                ["version"] = "1.1.0",
            }
        );

    /// <summary>The start of every write: the caller (from <c>x-auth-token</c>) and the collection addressed.</summary>
    private Outcome<(Caller Caller, ResourceModel Model)> Begin(
        SisRequest request,
        ResourceRef target
    ) => auth.Authenticate(request).Then(caller => Resolve(target).Map(model => (caller, model)));

    private Outcome<ResourceModel> Resolve(ResourceRef target) =>
        target.Schema is { } schema ? entityModel(schema)
        : models.TryGetValue(target.Kind, out var model) ? Outcome.Ok(model)
        : SisProblem.Internal("unknown resource " + target.Kind);

    // ---------------------------------------------------------------- reads

    /// <summary><c>GET B</c>: q, limit, offset, sort, fields; <c>x-total-count</c>.</summary>
    public SisAnswer List(SisRequest request, ResourceRef target)
    {
        var resolved = Resolve(target);
        if (!resolved.IsOk)
        {
            return resolved.Problem!;
        }
        var model = resolved.Value!;
        var query = QueryParam(request);
        if (!query.IsOk)
        {
            return query.Problem!;
        }
        var filter = model.Filter(query.Value!);
        if (!filter.IsOk)
        {
            return filter.Problem!;
        }
        var matching = model
            .Collection.Candidates(query.Value!, model.IsStringField)
            .Where(filter.Value!)
            .ToList();
        return Page(request, matching, matching.Count, d => model.Present(d, request), sort: true);
    }

    /// <summary><c>GET B/:id</c>.</summary>
    public SisAnswer Get(SisRequest request, ResourceRef target, string id)
    {
        var resolved = Resolve(target);
        if (!resolved.IsOk)
        {
            return resolved.Problem!;
        }
        var model = resolved.Value!;
        return model.FindById(id) is { } doc
            ? SisAnswer.Ok(model.PresentOne(doc, request))
            : SisProblem.NotFound(model.Type, id);
    }

    /// <summary>A list's <c>q</c>: absent or empty → <c>{}</c>; anything but an object → 400.</summary>
    private static Outcome<JsonObject> QueryParam(SisRequest request)
    {
        if (
            !request.Query.TryGetValue("q", out var raw)
            || raw is JsonValue v && v.ToString().Length == 0
        )
        {
            return Outcome.Ok(new JsonObject());
        }
        return Parts.ObjectParam(raw) is { } q
            ? Outcome.Ok(q)
            : SisProblem.BadRequest("Query parameter is invalid.  Must be JSON");
    }

    /// <summary>JavaScript's <c>parseInt(s, 10)</c>; null for NaN.</summary>
    internal static int? ParseInt(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var s = text.TrimStart();
        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }
        if (i == start)
        {
            return null;
        }
        var digits = s[start..i];
        var value =
            digits.Length > 9 ? int.MaxValue : int.Parse(digits, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    // ---------------------------------------------------------------- history

    /// <summary><c>GET P/commits</c>.</summary>
    public SisAnswer Commits(SisRequest request, ResourceRef target, string id)
    {
        var key = HistoryKey(target, id);
        if (!key.IsOk)
        {
            return key.Problem!;
        }
        var query = QueryParam(request);
        if (!query.IsOk)
        {
            return query.Problem!;
        }
        var filter = Parts.Filter(query.Value!, CommitType);
        if (!filter.IsOk)
        {
            return filter.Problem!;
        }
        var matching = context
            .History.List(key.Value.Type, key.Value.Id)
            .Where(filter.Value!)
            .ToList();
        return Page(request, matching, matching.Count, c => c, sort: false);
    }

    private static Query.FieldTypeInfo? CommitType(string path) =>
        path switch
        {
            "_id" => Query.FieldTypeInfo.Of(Query.FieldKind.ObjectId),
            "date_modified" or "_v" => Query.FieldTypeInfo.Of(Query.FieldKind.Number),
            "type" or "entity_id" or "entity_oid" or "action" or "modified_by" =>
                Query.FieldTypeInfo.Of(Query.FieldKind.String),
            _ => null,
        };

    /// <summary><c>GET P/commits/:cid</c>.</summary>
    public SisAnswer Commit(SisRequest request, ResourceRef target, string id, string commitId)
    {
        var key = HistoryKey(target, id);
        return key.IsOk
            ? SisAnswer.Of(
                context.History.Get(key.Value.Type, key.Value.Id, commitId).Map(c => (JsonNode?)c)
            )
            : key.Problem!;
    }

    /// <summary><c>GET P/revision/:utc</c>.</summary>
    public SisAnswer Revision(SisRequest request, ResourceRef target, string id, string utc)
    {
        var key = HistoryKey(target, id);
        return key.IsOk
            ? SisAnswer.Of(
                context.History.At(key.Value.Type, key.Value.Id, utc).Map(c => (JsonNode?)c)
            )
            : key.Problem!;
    }

    /// <summary>The commit type and entity id of an object path (entities: by <c>_id</c>, even with an id_field).</summary>
    private Outcome<(string Type, string Id)> HistoryKey(ResourceRef target, string id)
    {
        var resolved = Resolve(target);
        if (!resolved.IsOk)
        {
            return resolved.Problem!;
        }
        var model = resolved.Value!;
        var entityId =
            model.Shape == MetaShape.Entity && model.FindById(id) is { } doc
                ? SisJson.Str(doc, "_id") ?? id
                : id;
        return Outcome.Ok((model.Type, entityId));
    }

    // ---------------------------------------------------------------- writes

    /// <summary><c>POST B</c>: one object (201) or an array (bulk insert, 200).</summary>
    public SisAnswer Create(SisRequest request, ResourceRef target)
    {
        var begun = Begin(request, target);
        if (!begun.IsOk)
        {
            return begun.Problem!;
        }
        var (caller, model) = begun.Value;
        if (request.Body is JsonArray items)
        {
            return BulkInsert(request, model, items, caller);
        }
        var created = CreateOne(model, (JsonObject)request.Body, caller, null);
        if (!created.IsOk)
        {
            return created.Problem!;
        }
        AfterInsert(model, created.Value!, caller, hooks: true);
        return SisAnswer.Created(model.Present(created.Value!, request));
    }

    private void AfterInsert(
        ResourceModel model,
        JsonObject doc,
        Caller caller,
        bool hooks,
        bool save = true
    )
    {
        if (model.HistoryType is { } type)
        {
            context.History.Record(
                type,
                model.HistoryId(doc),
                null,
                doc,
                caller.Name,
                Updated(doc)
            );
        }
        if (hooks && model.HookType is { } hookType)
        {
            context.Hooks.Fire(hookType, "insert", doc.DeepClone(), null, false);
        }
        if (save)
        {
            context.Store.Save();
        }
    }

    private static long Updated(JsonObject doc) =>
        SisJson.Meta(doc)?["_updated_at"] is JsonValue v && v.TryGetValue<long>(out var t) ? t : 0;

    /// <summary>The create pipeline of §2.6.1 for one body, inserted under the collection's lock.</summary>
    private Outcome<JsonObject> CreateOne(
        ResourceModel model,
        JsonObject body,
        Caller caller,
        JsonObject? transId
    )
    {
        lock (model.Collection.Gate)
        {
            var prepared = PrepareCreate(model, body, caller, transId);
            return prepared.IsOk ? model.Collection.Insert(prepared.Value!) : prepared;
        }
    }

    private Outcome<JsonObject> PrepareCreate(
        ResourceModel model,
        JsonObject original,
        Caller caller,
        JsonObject? transId
    )
    {
        var now = context.Now;
        var body = SisJson.Copy(original);
        if (model.Validate(body, null, caller) is { } invalid)
        {
            return invalid;
        }
        body = model.CleanBody(body);
        if (body["_sis"] is not JsonObject meta)
        {
            meta = [];
            body["_sis"] = meta;
        }
        if (!meta.ContainsKey("_version"))
        {
            meta["_version"] = "v1.1";
        }
        if (
            caller.User is { } user
            && model.Authorize(AuthEvent.Insert, body, user, null) is { } denied
        )
        {
            return denied;
        }
        meta["_created_at"] = now;
        if (!caller.AuthOff)
        {
            meta["_created_by"] = caller.Name;
            meta["_updated_by"] = caller.Name;
        }
        if (transId is not null)
        {
            meta["_trans_id"] = transId;
        }
        var added = model.PreAdd(body, caller);
        if (!added.IsOk)
        {
            return added;
        }
        body = added.Value!;
        if (model.CheckReferences(body) is { } missing)
        {
            return missing;
        }
        body["_id"] = context.Store.Ids.Next();
        body["_v"] = 0;
        return Finish(model, body, now);
    }

    /// <summary>Normalises <c>_sis</c>, stamps <c>_updated_at</c>, casts and orders the document.</summary>
    private static Outcome<JsonObject> Finish(ResourceModel model, JsonObject body, long now)
    {
        var meta = Meta.Normalize(body["_sis"], model.Shape);
        if (!meta.IsOk)
        {
            return meta.Problem!;
        }
        if (model.Shape != MetaShape.Token)
        {
            var ordered = meta.Value!;
            ordered["_updated_at"] = now;
            // _created_at and _updated_at first, the rest in order (moved in place: no new object)
            var at = 0;
            foreach (var key in (string[])["_created_at", "_updated_at"])
            {
                if (ordered.Remove(key, out var value))
                {
                    ordered.Insert(at++, key, value);
                }
            }
            body["_sis"] = ordered;
        }
        else
        {
            body["_sis"] = meta.Value;
        }
        var cast = model.Cast(body);
        if (!cast.IsOk)
        {
            return cast;
        }
        // The fields in order, then _id, _v, _sis, then the trailing fields (moved in place: no new object).
        var result = cast.Value!;
        foreach (var key in (string[])["_id", "_v", "_sis"])
        {
            if (result.Remove(key, out var value))
            {
                result[key] = value;
            }
        }
        foreach (var key in model.TrailingFields)
        {
            if (result.Remove(key, out var value))
            {
                result[key] = value;
            }
        }
        return Outcome.Ok(result);
    }

    private SisAnswer BulkInsert(
        SisRequest request,
        ResourceModel model,
        JsonArray items,
        Caller caller
    )
    {
        if (items.Count == 0)
        {
            return SisProblem.BadRequest("Array must not be empty.");
        }
        var allOrNone = request.QueryString("all_or_none") == "true";
        var transaction =
            context.Store.Ids.Hex(8) + context.Now.ToString(CultureInfo.InvariantCulture);
        var errors = new JsonArray();
        var inserted = new List<JsonObject>();
        lock (model.Collection.Gate)
        {
            var prepared = new List<(JsonObject Doc, JsonNode? Item)>();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var trans =
                    model.Shape == MetaShape.Entity
                        ? new JsonObject { ["id"] = transaction, ["idx"] = i }
                        : null;
                var outcome = item is JsonObject o
                    ? PrepareCreate(model, o, caller, trans)
                    : SisProblem.BadRequest("Cannot add a non object.");
                if (outcome.IsOk)
                {
                    prepared.Add((outcome.Value!, item));
                }
                else
                {
                    errors.Add(BulkError(outcome.Problem!, item));
                }
            }
            if (allOrNone && errors.Count > 0)
            {
                return SisAnswer.Bulk([], errors);
            }
            foreach (var (doc, item) in prepared)
            {
                if (model.Collection.Insert(doc).IsOk)
                {
                    inserted.Add(doc);
                }
                else
                {
                    errors.Add(BulkError(SisProblem.BadRequest("Insert failed"), item));
                }
            }
            if (allOrNone && errors.Count > 0)
            {
                foreach (var doc in inserted)
                {
                    model.Collection.Remove(doc);
                }
                return SisAnswer.Bulk([], errors);
            }
        }
        foreach (var doc in inserted)
        {
            AfterInsert(model, doc, caller, hooks: false, save: false);
        }
        if (inserted.Count > 0)
        {
            context.Store.Save(); // once for the whole bulk write, not once per document
        }
        if (inserted.Count > 0 && model.HookType is { } hookType)
        {
            // stored documents (never changed in place): copied only when a hook listens
            context.Hooks.FireWith(
                hookType,
                "insert",
                () => new JsonArray([.. inserted.Select(d => d.DeepClone())]),
                true
            );
        }
        return SisAnswer.Bulk(
            new JsonArray([.. inserted.Select(d => (JsonNode)model.Present(d, request))]),
            errors
        );
    }

    private static JsonObject BulkError(SisProblem problem, JsonNode? value) =>
        new()
        {
            ["err"] = new JsonArray(problem.Status, problem.Body.DeepClone()),
            ["value"] = value?.DeepClone(),
        };

    /// <summary><c>PUT B/:id</c> with <c>upsert</c> and <c>cas</c>.</summary>
    public SisAnswer Update(SisRequest request, ResourceRef target, string id)
    {
        var begun = Begin(request, target);
        if (!begun.IsOk)
        {
            return begun.Problem!;
        }
        var (caller, model) = begun.Value;
        if (request.Body is not JsonObject body)
        {
            return SisProblem.BadRequest("Cannot update with an array.");
        }
        JsonObject? cas = null;
        if (request.HasQuery("cas"))
        {
            cas = Parts.ObjectParam(request.Query["cas"]);
            if (cas is null || cas.Count == 0)
            {
                return SisProblem.BadRequest("CAS condition must be an object.");
            }
        }
        var updated = UpdateOne(request, model, id, null, body, caller, cas);
        if (updated.IsOk)
        {
            var (old, doc) = updated.Value;
            AfterUpdate(model, old, doc, caller, hooks: true);
            return SisAnswer.Ok(model.Present(doc, request));
        }
        if (request.QueryString("upsert") != "true")
        {
            return updated.Problem!;
        }
        if (!model.CanInsertWithId(id, body))
        {
            return SisProblem.BadRequest("Cannot insert object with specified ID");
        }
        var created = CreateOne(model, body, caller, null);
        if (!created.IsOk)
        {
            return created.Problem!;
        }
        AfterInsert(model, created.Value!, caller, hooks: false);
        if (model.HookType is { } hookType)
        {
            context.Hooks.Fire(hookType, "update", null, null, false);
        }
        return SisAnswer.Created(model.Present(created.Value!, request));
    }

    private void AfterUpdate(
        ResourceModel model,
        JsonObject old,
        JsonObject doc,
        Caller caller,
        bool hooks,
        bool save = true
    )
    {
        model.AfterUpdate(old, doc);
        if (model.HistoryType is { } type)
        {
            context.History.Record(type, model.HistoryId(doc), old, doc, caller.Name, Updated(doc));
        }
        if (hooks && model.HookType is { } hookType)
        {
            context.Hooks.Fire(hookType, "update", doc.DeepClone(), SisJson.Copy(old), false);
        }
        if (save)
        {
            context.Store.Save();
        }
    }

    /// <summary>The update pipeline of §2.6.2 (and the CAS check of §2.6.5) under the collection's lock.</summary>
    private Outcome<(JsonObject Old, JsonObject New)> UpdateOne(
        SisRequest request,
        ResourceModel model,
        string? id,
        JsonObject? known,
        JsonObject original,
        Caller caller,
        JsonObject? cas
    )
    {
        lock (model.Collection.Gate)
        {
            var existing = known is not null
                ? model.Collection.Snapshot.Contains(known, ReferenceEqualityComparer.Instance)
                    ? known
                    : null
                : model.FindById(id!);
            if (existing is null)
            {
                return SisProblem.NotFound(
                    model.Type,
                    id ?? SisJson.Str(known, model.IdField) ?? ""
                );
            }
            var body = SisJson.Copy(original);
            if (model.Validate(body, existing, caller) is { } invalid)
            {
                return invalid;
            }
            if (
                body.TryGetPropertyValue(model.IdField, out var newId)
                && !JsonNode.DeepEquals(newId, existing[model.IdField])
            )
            {
                return SisProblem.BadRequest(model.IdField + " cannot be changed.");
            }
            body = model.CleanBody(body);
            var merged = SisJson.Copy(existing);
            if (body["_sis"] is JsonObject bodyMeta)
            {
                var meta = merged["_sis"] as JsonObject ?? [];
                merged["_sis"] = meta;
                foreach (var (key, value) in bodyMeta)
                {
                    meta[key] = value?.DeepClone();
                }
                body.Remove("_sis");
            }
            var mergedOutcome = model.Merge(merged, body, request);
            if (!mergedOutcome.IsOk)
            {
                return mergedOutcome.Problem!;
            }
            merged = mergedOutcome.Value!;
            if (Rbac.CommonAuth(AuthEvent.Update, existing, merged) is { } frozen)
            {
                return frozen;
            }
            if (caller.User is { } user)
            {
                if (
                    model.Authorize(AuthEvent.Update, SisJson.Copy(existing), user, merged) is
                    { } denied
                )
                {
                    return denied;
                }
                if (merged["_sis"] is not JsonObject mergedMeta)
                {
                    mergedMeta = [];
                    merged["_sis"] = mergedMeta;
                }
                mergedMeta["_updated_by"] = caller.Name;
            }
            if (model.CheckReferences(merged) is { } missing)
            {
                return missing;
            }
            var finished = Finish(model, merged, context.Now);
            if (!finished.IsOk)
            {
                return finished.Problem!;
            }
            var doc = finished.Value!;
            var version = existing["_v"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
            doc["_v"] = Meta.ArrayChanged(existing, doc) ? version + 1 : version;
            if (cas is not null)
            {
                var condition = Parts.Filter(cas, model.TypeOf);
                if (!condition.IsOk)
                {
                    return condition.Problem!;
                }
                if (!condition.Value!(existing))
                {
                    return SisProblem.BadRequest("CAS update failed.");
                }
            }
            var replaced = model.Collection.Replace(existing, doc);
            return replaced.IsOk ? Outcome.Ok((existing, doc)) : replaced.Problem!;
        }
    }

    /// <summary><c>PUT B</c>: an array of objects with ids, or one partial object applied to every match of <c>q</c>.</summary>
    public SisAnswer BulkUpdate(SisRequest request, ResourceRef target)
    {
        var begun = Begin(request, target);
        if (!begun.IsOk)
        {
            return begun.Problem!;
        }
        var (caller, model) = begun.Value;
        var work = new List<(JsonObject? Known, string? Id, JsonObject Body, JsonNode? Value)>();
        var errors = new JsonArray();
        if (request.Body is JsonArray items)
        {
            if (items.Count == 0)
            {
                return SisProblem.BadRequest("Array must not be empty.");
            }
            foreach (var item in items)
            {
                if (item is JsonObject o && o[model.BulkIdField] is JsonValue idValue)
                {
                    var id = idValue.ToString();
                    var known =
                        model.BulkIdField == model.IdField
                            ? null
                            : model.Collection.Find(model.BulkIdField, id);
                    if (known is null && model.BulkIdField != model.IdField)
                    {
                        errors.Add(BulkError(SisProblem.NotFound(model.Type, id), item));
                        continue;
                    }
                    work.Add((known, id, o, item));
                }
                else
                {
                    errors.Add(
                        BulkError(SisProblem.BadRequest("Missing ID field in bulk update"), item)
                    );
                }
            }
        }
        else
        {
            var body = (JsonObject)request.Body;
            var query = Parts.ObjectParam(request.Query.GetValueOrDefault("q"));
            if (query is null || query.Count == 0)
            {
                return SisProblem.BadRequest("A valid query is required");
            }
            if (body.Count == 0)
            {
                return SisProblem.BadRequest("Body should not be empty");
            }
            var filter = model.Filter(query);
            if (!filter.IsOk)
            {
                return filter.Problem!;
            }
            foreach (var doc in model.Collection.Snapshot.Where(filter.Value!))
            {
                work.Add((doc, null, body, new JsonObject { ["_id"] = doc["_id"]?.DeepClone() }));
            }
        }
        var success = new List<(JsonObject Old, JsonObject New)>();
        foreach (var (known, id, body, value) in work)
        {
            var outcome = UpdateOne(request, model, id, known, body, caller, null);
            if (outcome.IsOk)
            {
                success.Add(outcome.Value);
            }
            else
            {
                errors.Add(BulkError(outcome.Problem!, value));
            }
        }
        foreach (var (old, doc) in success)
        {
            AfterUpdate(model, old, doc, caller, hooks: false, save: false);
        }
        if (success.Count > 0)
        {
            context.Store.Save(); // once for the whole bulk write, not once per document
        }
        if (success.Count > 0 && model.HookType is { } hookType)
        {
            // stored documents (never changed in place): copied only when a hook listens
            context.Hooks.FireWith(
                hookType,
                "update",
                () => new JsonArray([.. success.Select(s => s.New.DeepClone())]),
                true
            );
        }
        return SisAnswer.Bulk(
            new JsonArray([.. success.Select(s => (JsonNode)model.Present(s.New, request))]),
            errors
        );
    }

    /// <summary><c>DELETE B/:id</c>.</summary>
    public SisAnswer Delete(SisRequest request, ResourceRef target, string id)
    {
        var begun = Begin(request, target);
        if (!begun.IsOk)
        {
            return begun.Problem!;
        }
        var (caller, model) = begun.Value;
        var deleted = DeleteOne(model, model.FindById(id), id, caller);
        if (!deleted.IsOk)
        {
            return deleted.Problem!;
        }
        AfterDelete(model, deleted.Value!, caller, hooks: true);
        return SisAnswer.Ok(model.Present(deleted.Value!, request));
    }

    private static Outcome<JsonObject> DeleteOne(
        ResourceModel model,
        JsonObject? existing,
        string id,
        Caller caller
    )
    {
        if (existing is null)
        {
            return SisProblem.NotFound(model.Type, id);
        }
        if (Rbac.CommonAuth(AuthEvent.Delete, existing, null) is { } locked)
        {
            return locked;
        }
        if (
            caller.User is { } user
            && model.Authorize(AuthEvent.Delete, SisJson.Copy(existing), user, null) is { } denied
        )
        {
            return denied;
        }
        lock (model.Collection.Gate)
        {
            return model.Collection.Remove(existing)
                ? Outcome.Ok(existing)
                : SisProblem.NotFound(model.Type, id);
        }
    }

    private void AfterDelete(
        ResourceModel model,
        JsonObject removed,
        Caller caller,
        bool hooks,
        bool save = true
    )
    {
        model.AfterDelete(removed);
        if (model.HistoryType is { } type)
        {
            context.History.Record(
                type,
                model.HistoryId(removed),
                removed,
                null,
                caller.Name,
                context.Now
            );
        }
        if (hooks && model.HookType is { } hookType)
        {
            context.Hooks.Fire(hookType, "delete", removed.DeepClone(), null, false);
        }
        if (save)
        {
            context.Store.Save();
        }
    }

    /// <summary><c>DELETE B?q=...</c>.</summary>
    public SisAnswer BulkDelete(SisRequest request, ResourceRef target)
    {
        var begun = Begin(request, target);
        if (!begun.IsOk)
        {
            return begun.Problem!;
        }
        var (caller, model) = begun.Value;
        var query = Parts.ObjectParam(request.Query.GetValueOrDefault("q"));
        if (query is null || query.Count == 0)
        {
            return SisProblem.BadRequest("Bulk delete requires a non empty query.");
        }
        var filter = model.Filter(query);
        if (!filter.IsOk)
        {
            return filter.Problem!;
        }
        var success = new List<JsonObject>();
        var errors = new JsonArray();
        foreach (var doc in model.Collection.Snapshot.Where(filter.Value!).ToList())
        {
            var outcome = DeleteOne(model, doc, SisJson.Str(doc, model.IdField) ?? "", caller);
            if (outcome.IsOk)
            {
                success.Add(doc);
            }
            else
            {
                errors.Add(BulkError(outcome.Problem!, model.Present(doc, request)));
            }
        }
        foreach (var doc in success)
        {
            AfterDelete(model, doc, caller, hooks: false, save: false);
        }
        if (success.Count > 0)
        {
            context.Store.Save(); // once for the whole bulk write, not once per document
        }
        if (success.Count > 0 && model.HookType is { } hookType)
        {
            // stored documents (never changed in place): copied only when a hook listens
            context.Hooks.FireWith(
                hookType,
                "delete",
                () => new JsonArray([.. success.Select(d => d.DeepClone())]),
                true
            );
        }
        return SisAnswer.Bulk(
            new JsonArray([.. success.Select(d => (JsonNode)model.Present(d, request))]),
            errors
        );
    }
}
