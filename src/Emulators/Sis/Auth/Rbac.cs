using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;
using Functional.Emulators.Sis.Store;

namespace Functional.Emulators.Sis.Auth;

/// <summary>A user's permission on an object with owner groups (§2.9).</summary>
internal enum Permission
{
    /// <summary>No role in any owner group.</summary>
    None,

    /// <summary>A role in at least one owner group.</summary>
    User,

    /// <summary>A role (user or admin) in every owner group.</summary>
    AllGroups,

    /// <summary>Admin of every owner group (or super user).</summary>
    Admin,
}

/// <summary>What a request does to a document.</summary>
internal enum AuthEvent
{
    /// <summary>POST (create).</summary>
    Insert,

    /// <summary>PUT (update); the merged document is given as well.</summary>
    Update,

    /// <summary>DELETE.</summary>
    Delete,
}

/// <summary>
/// The authorization rules of SIS (§2.9, §2.7, §2.8.5, §2.8.6) as pure functions over JSON documents. Each rule
/// returns null when allowed, or the problem to answer. Callers skip them entirely when auth is disabled.
/// Documents are v1.1 documents (<c>_sis.owner</c> holds the owners); users are stored user documents.
/// </summary>
internal static class Rbac
{
    /// <summary>The plain role.</summary>
    public const string RoleUser = "user";

    /// <summary>The admin role.</summary>
    public const string RoleAdmin = "admin";

    private const string ImmutableMessage =
        "Cannot change an immutable object unless only changing immutable state";

    /// <summary>
    /// The permission of <paramref name="user"/> on <paramref name="owners"/>: super users are admins; a user
    /// without a roles object has none; otherwise admin if admin of every owner group, all_groups if user or admin
    /// of every group, user if of at least one, else none. Like the server, an empty owner list gives admin.
    /// </summary>
    public static Permission PermissionOf(JsonObject user, IReadOnlyList<string> owners)
    {
        if (Users.IsSuper(user))
        {
            return Permission.Admin;
        }
        if (!JsValues.Truthy(user["roles"]))
        {
            return Permission.None;
        }
        var roles = RolesOf(user);
        var userCount = 0;
        var adminCount = 0;
        foreach (var owner in owners)
        {
            if (roles.TryGetValue(owner, out var role))
            {
                if (role == RoleAdmin)
                {
                    adminCount++;
                    userCount++;
                }
                else if (role == RoleUser)
                {
                    userCount++;
                }
            }
        }
        if (adminCount == owners.Count)
        {
            return Permission.Admin;
        }
        if (userCount == owners.Count)
        {
            return Permission.AllGroups;
        }
        return userCount > 0 ? Permission.User : Permission.None;
    }

    /// <summary>The user's roles (group → role text), in the order of the roles object; empty when absent.</summary>
    public static IReadOnlyDictionary<string, string> RolesOf(JsonObject user)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (user["roles"] is JsonObject roles)
        {
            foreach (var (group, role) in roles)
            {
                result[group] = JsValues.ToJsString(role);
            }
        }
        return result;
    }

    /// <summary>The user's groups (the keys of <c>roles</c>) in their order.</summary>
    public static List<string> GroupsOf(JsonObject user) =>
        user["roles"] is JsonObject roles ? [.. roles.Select(p => p.Key)] : [];

    /// <summary>The owners of a document: <c>_sis.owner</c> (or a top-level <c>owner</c> without <c>_sis</c>); a
    /// string counts as one owner; missing owners are an empty list.</summary>
    public static IReadOnlyList<string> OwnersOf(JsonObject document)
    {
        var owner = document["_sis"] is JsonObject meta ? meta["owner"] : document["owner"];
        return owner switch
        {
            JsonArray a => [.. a.Select(JsValues.ToJsString)],
            null => [],
            _ => [JsValues.ToJsString(owner)],
        };
    }

    /// <summary>
    /// The server's <c>validateOwner</c> for schemas, hooks, hiera (auth on): <c>_sis.owner</c> is required
    /// (400 <c>owner field is required in _sis</c> without <c>_sis</c>, <c>owner field is required.</c>); a
    /// string is wrapped into an array, an array is sorted (JavaScript default sort); empty →
    /// <c>owner can not be empty.</c>; other types → <c>owner must be a string or array.</c>. Mutates the document.
    /// </summary>
    public static SisProblem? NormalizeOwner(JsonObject document)
    {
        if (document["_sis"] is not JsonObject meta)
        {
            return SisProblem.BadRequest("owner field is required in _sis");
        }
        var owner = meta["owner"];
        if (!JsValues.Truthy(owner))
        {
            return SisProblem.BadRequest("owner field is required.");
        }
        switch (owner)
        {
            case JsonArray array:
                if (array.Count == 0)
                {
                    return SisProblem.BadRequest("owner can not be empty.");
                }
                meta["owner"] = SortedOwners(array);
                return null;
            case JsonValue when JsValues.AsString(owner) is { } text:
                meta["owner"] = new JsonArray(text);
                return null;
            default:
                return SisProblem.BadRequest("owner must be a string or array.");
        }
    }

    /// <summary>An array sorted like JavaScript's default <c>sort()</c> (by string conversion, ordinal; nulls last).</summary>
    public static JsonArray SortedOwners(JsonArray owners)
    {
        var items = owners.Select(o => o?.DeepClone()).ToList();
        var sorted = items
            .Where(o => o is not null)
            .OrderBy(JsValues.ToJsString, StringComparer.Ordinal)
            .Concat(items.Where(o => o is null));
        return [.. sorted];
    }

    /// <summary>
    /// The checks every manager makes first (§2.7): deleting a locked object → 401
    /// <c>Cannot delete a locked object.</c>; updating an immutable object → 401 <c>Cannot change an immutable
    /// object unless only changing immutable state</c> when a top-level key not starting with <c>_</c> changed, or
    /// (literally as coded) when the number of changed <c>_sis</c> keys is not 1 and the first is not
    /// <c>immutable</c>.
    /// </summary>
    public static SisProblem? CommonAuth(AuthEvent evt, JsonObject document, JsonObject? merged)
    {
        var meta = SisJson.Meta(document) ?? [];
        if (evt == AuthEvent.Delete)
        {
            return JsValues.Truthy(meta["locked"])
                ? SisProblem.Unauthorized("Cannot delete a locked object.")
                : null;
        }
        if (evt != AuthEvent.Update || merged is null || !JsValues.Truthy(meta["immutable"]))
        {
            return null;
        }
        if (AuthJson.ChangedKeys(document, merged).Any(k => !k.StartsWith('_')))
        {
            return SisProblem.Unauthorized(ImmutableMessage);
        }
        var changed = AuthJson.ChangedKeys(meta, SisJson.Meta(merged));
        if (changed.Count != 1 && (changed.Count == 0 || changed[0] != "immutable"))
        {
            return SisProblem.Unauthorized(ImmutableMessage);
        }
        return null;
    }

    /// <summary>
    /// Schemas (§2.9): the caller needs admin on the schema's owners (an <c>is_open</c> schema gives everybody
    /// admin), or the schema has <c>any_owner_can_modify</c> and the caller is admin of at least one owner group —
    /// for updates on the old and on the merged schema. Failure: 401 <c>Insufficient permissions.</c>
    /// </summary>
    public static SisProblem? AuthorizeSchema(
        AuthEvent evt,
        JsonObject schema,
        JsonObject user,
        JsonObject? merged = null
    )
    {
        if (CommonAuth(evt, schema, merged) is { } common)
        {
            return common;
        }
        if (!CanOperateOnSchema(schema, user))
        {
            return SisProblem.Unauthorized("Insufficient permissions.");
        }
        if (evt == AuthEvent.Update && merged is not null && !CanOperateOnSchema(merged, user))
        {
            return SisProblem.Unauthorized("Insufficient permissions.");
        }
        return null;
    }

    /// <summary>
    /// The generic rule of hooks, hiera and scripts (and the last step for entities): admin or all_groups on the
    /// owners (user suffices with <c>_sis.any_owner_can_modify</c>), on the old and the merged document. Failures:
    /// 401 <c>Insufficient permissions on source document.</c> / <c>Insufficient permissisons on update object.</c>
    /// (sic).
    /// </summary>
    public static SisProblem? AuthorizeSisObject(
        AuthEvent evt,
        JsonObject document,
        JsonObject user,
        JsonObject? merged = null
    )
    {
        if (CommonAuth(evt, document, merged) is { } common)
        {
            return common;
        }
        if (!CanOperate(document, user))
        {
            return SisProblem.Unauthorized("Insufficient permissions on source document.");
        }
        if (evt == AuthEvent.Update && merged is not null && !CanOperate(merged, user))
        {
            return SisProblem.Unauthorized("Insufficient permissisons on update object.");
        }
        return null;
    }

    /// <summary>
    /// Entities (§2.9). Super users: the generic rule (an entity without owner keeps <c>_sis.owner: []</c>).
    /// Open or public schema: the caller needs at least one role (else a 500 with a raw <c>{}</c> body, as the
    /// server crashes); an entity (the merged one for updates) without owner gets all the caller's groups.
    /// Otherwise the owner subset is the caller's groups that own the schema — empty → 401 <c>Insufficient
    /// privileges to operate on entities in this schema.</c>; an entity (and a merged one) without owners gets the
    /// subset. Then the generic rule. Owner defaulting MUTATES <paramref name="document"/> and
    /// <paramref name="merged"/> (<c>_sis.owner</c>), as the server does — pass a copy of a stored document.
    /// </summary>
    public static SisProblem? AuthorizeEntity(
        AuthEvent evt,
        JsonObject schema,
        JsonObject document,
        JsonObject user,
        JsonObject? merged = null
    )
    {
        if (Users.IsSuper(user))
        {
            return AuthorizeSisObject(evt, document, user, merged);
        }
        if (JsValues.Truthy(schema["is_open"]) || JsValues.Truthy(schema["is_public"]))
        {
            var groups = GroupsOf(user);
            if (groups.Count == 0)
            {
                return SisProblem.Raw([]);
            }
            var meta = EnsureMeta(merged ?? document);
            if (!JsValues.Truthy(meta["owner"]))
            {
                meta["owner"] = new JsonArray([.. groups.Select(g => (JsonNode?)g)]);
            }
            return AuthorizeSisObject(evt, document, user, merged);
        }
        var schemaOwners = OwnersOf(schema);
        var subset = GroupsOf(user).Where(schemaOwners.Contains).ToList();
        if (subset.Count == 0)
        {
            return SisProblem.Unauthorized(
                "Insufficient privileges to operate on entities in this schema."
            );
        }
        DefaultOwner(document, subset);
        if (merged is not null)
        {
            DefaultOwner(merged, subset);
        }
        return AuthorizeSisObject(evt, document, user, merged);
    }

    /// <summary>
    /// The entity validation rule on explicit owners (§2.8.2): unless the schema is open or public, an explicit
    /// <c>_sis.owner</c> must be a subset of the schema owners (400 <c>entity owners must be a subset of the
    /// schema owners.</c>).
    /// </summary>
    public static SisProblem? CheckEntityOwnerSubset(JsonObject schema, JsonObject entity)
    {
        if (JsValues.Truthy(schema["is_open"]) || JsValues.Truthy(schema["is_public"]))
        {
            return null;
        }
        if (entity["_sis"] is not JsonObject meta || meta["owner"] is null)
        {
            return null;
        }
        var schemaOwners = OwnersOf(schema);
        return OwnersOf(entity).All(schemaOwners.Contains)
            ? null
            : SisProblem.BadRequest("entity owners must be a subset of the schema owners.");
    }

    /// <summary>
    /// Users (§2.8.5). Super callers may do anything. Insert/delete: only supers touch supers (401
    /// <c>Only superusers can insert superusers.</c>), the caller must be admin of every group of the target's
    /// roles (<c>Cannot insert user unless admin of all roles.</c>) and not the target (<c>Cannot delete a user with
    /// the same name.</c>). Update: only supers touch supers; changing roles: not oneself (<c>User's cannot change
    /// their own roles.</c>), admin of every added/removed/changed group (<c>&lt;caller&gt; is not an admin of role
    /// &lt;g&gt;</c>) and nothing else changed (<c>Only the user or a super user can change non role fields.
    /// (&lt;key&gt;)</c>); otherwise only the user himself (<c>Only the user or a super user can change non role
    /// fields.</c>), who may not change <c>verified</c> (400 <c>Cannot change verified state of self.</c>).
    /// </summary>
    public static SisProblem? AuthorizeUser(
        AuthEvent evt,
        JsonObject target,
        JsonObject caller,
        JsonObject? merged = null
    )
    {
        if (Users.IsSuper(caller))
        {
            return null;
        }
        if (!JsValues.Truthy(caller["roles"]))
        {
            return SisProblem.Unauthorized("User has no roles.");
        }
        var callerName = Users.Name(caller);
        if (evt != AuthEvent.Update || merged is null)
        {
            var verb = evt == AuthEvent.Delete ? "delete" : "insert";
            if (Users.IsSuper(target))
            {
                return SisProblem.Unauthorized($"Only superusers can {verb} superusers.");
            }
            if (!IsAdminOfAll(caller, target["roles"]))
            {
                return SisProblem.Unauthorized($"Cannot {verb} user unless admin of all roles.");
            }
            if (JsValues.Truthy(target["name"]) && Users.Name(target) == callerName)
            {
                return SisProblem.Unauthorized($"Cannot {verb} a user with the same name.");
            }
            return null;
        }
        if (Users.IsSuper(target) || Users.IsSuper(merged))
        {
            return SisProblem.Unauthorized("Only superusers can update superusers.");
        }
        if (!RolesEqual(target["roles"], merged["roles"]))
        {
            if (Users.Name(target) == callerName)
            {
                return SisProblem.Unauthorized("User's cannot change their own roles.");
            }
            var callerRoles = RolesOf(caller);
            var changedGroups = AuthJson.ChangedKeys(
                target["roles"] as JsonObject,
                merged["roles"] as JsonObject
            );
            foreach (var group in changedGroups)
            {
                if (!callerRoles.TryGetValue(group, out var role) || role != RoleAdmin)
                {
                    return SisProblem.Unauthorized($"{callerName} is not an admin of role {group}");
                }
            }
            var other = AuthJson.ChangedKeys(target, merged).FirstOrDefault(k => k != "roles");
            if (other is not null)
            {
                return SisProblem.Unauthorized(
                    $"Only the user or a super user can change non role fields. ({other})"
                );
            }
            return null;
        }
        if (Users.Name(target) != callerName)
        {
            return SisProblem.Unauthorized(
                "Only the user or a super user can change non role fields."
            );
        }
        if (
            target.TryGetPropertyValue("verified", out var verified)
            && !LooseEquals(verified, merged["verified"])
        )
        {
            return SisProblem.BadRequest("Cannot change verified state of self.");
        }
        return null;
    }

    /// <summary>
    /// Who may manage the tokens of <paramref name="target"/> (§2.8.6): super users, the user himself, or (for a
    /// non-super target) an admin of every group of the target's roles.
    /// </summary>
    public static bool CanAdministerTokensOf(JsonObject caller, JsonObject target)
    {
        if (Users.IsSuper(caller) || Users.Name(caller) == Users.Name(target))
        {
            return true;
        }
        if (Users.IsSuper(target))
        {
            return false;
        }
        return IsAdminOfAll(caller, target["roles"]);
    }

    /// <summary>The check of every token route: 401 <c>Cannot read tokens for user.</c> unless
    /// <see cref="CanAdministerTokensOf"/>.</summary>
    public static SisProblem? AuthorizeTokenRoute(JsonObject caller, JsonObject target) =>
        CanAdministerTokensOf(caller, target)
            ? null
            : SisProblem.Unauthorized("Cannot read tokens for user.");

    private static bool CanOperateOnSchema(JsonObject schema, JsonObject user)
    {
        var permission = JsValues.Truthy(schema["is_open"])
            ? Permission.Admin
            : PermissionOf(user, OwnersOf(schema));
        if (permission == Permission.Admin)
        {
            return true;
        }
        if (!JsValues.Truthy(schema["any_owner_can_modify"]))
        {
            return false;
        }
        var roles = RolesOf(user);
        return OwnersOf(schema).Any(o => roles.TryGetValue(o, out var r) && r == RoleAdmin);
    }

    private static bool CanOperate(JsonObject document, JsonObject user)
    {
        var permission = PermissionOf(user, OwnersOf(document));
        return permission is Permission.Admin or Permission.AllGroups
            || (
                permission == Permission.User
                && JsValues.Truthy(SisJson.Meta(document)?["any_owner_can_modify"])
            );
    }

    private static JsonObject EnsureMeta(JsonObject document)
    {
        if (document["_sis"] is JsonObject meta)
        {
            return meta;
        }
        meta = [];
        document["_sis"] = meta;
        return meta;
    }

    private static void DefaultOwner(JsonObject document, List<string> owners)
    {
        var meta = EnsureMeta(document);
        if (JsValues.Truthy(meta["owner"]) && meta["owner"] is not JsonArray { Count: 0 })
        {
            return;
        }
        meta["owner"] = new JsonArray([.. owners.Select(g => (JsonNode?)g)]);
    }

    private static bool IsAdminOfAll(JsonObject caller, JsonNode? subset)
    {
        if (!JsValues.Truthy(caller["roles"]))
        {
            return false;
        }
        if (subset is not JsonObject groups)
        {
            return true;
        }
        var roles = RolesOf(caller);
        return groups.All(g => roles.TryGetValue(g.Key, out var r) && r == RoleAdmin);
    }

    private static bool RolesEqual(JsonNode? a, JsonNode? b)
    {
        if (a is null && b is null)
        {
            return true;
        }
        if (a is not JsonObject left || b is not JsonObject right)
        {
            return JsonNode.DeepEquals(a, b) && JsValues.Truthy(a);
        }
        var leftKeys = left.Select(p => p.Key).Order(StringComparer.Ordinal);
        var rightKeys = right.Select(p => p.Key).Order(StringComparer.Ordinal);
        return leftKeys.SequenceEqual(rightKeys)
            && right.All(p => LooseEquals(p.Value, left[p.Key]));
    }

    private static bool LooseEquals(JsonNode? a, JsonNode? b) =>
        JsonNode.DeepEquals(a, b)
        || (a is JsonValue && b is JsonValue && JsValues.ToJsString(a) == JsValues.ToJsString(b));
}
