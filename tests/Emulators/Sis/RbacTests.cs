using System.Text.Json.Nodes;
using Functional.Emulators.Sis;
using Functional.Emulators.Sis.Auth;

namespace Functional.Tests.Emulators.Sis;

public sealed class RbacTests
{
    // The users of sis-api's authorization tests: admins and users of groups g1..g3, plus a super user.
    private static readonly JsonObject Super = UserDoc("superman", """{}""", super: true);
    private static readonly JsonObject Admin1 = UserDoc("admin1", """{"g1":"admin"}""");
    private static readonly JsonObject Admin4 = UserDoc(
        "admin4",
        """{"g1":"admin","g2":"admin"}"""
    );
    private static readonly JsonObject Admin5 = UserDoc(
        "admin5",
        """{"g1":"admin","g2":"admin","g3":"admin"}"""
    );
    private static readonly JsonObject User1 = UserDoc("user1", """{"g1":"user"}""");
    private static readonly JsonObject User3 = UserDoc(
        "user3",
        """{"g1":"user","g2":"user","g3":"user"}"""
    );
    private static readonly JsonObject Mixed = UserDoc("mixed", """{"g1":"admin","g2":"user"}""");
    private static readonly JsonObject NoRoles = UserDoc("noroles", """{}""");

    private static JsonObject UserDoc(string name, string roles, bool super = false) =>
        new()
        {
            ["name"] = name,
            ["email"] = name + "@example.com",
            ["super_user"] = super,
            ["verified"] = false,
            ["roles"] = JsonNode.Parse(roles),
        };

    private static JsonObject Doc(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static JsonObject Owned(params string[] owners) =>
        new()
        {
            ["name"] = "thing",
            ["_sis"] = new JsonObject
            {
                ["owner"] = new JsonArray([.. owners.Select(o => (JsonNode?)o)]),
                ["locked"] = false,
                ["immutable"] = false,
            },
        };

    private static string? Error(SisProblem? problem) => problem?.Error;

    [Theory]
    [InlineData("superman", "g1,g2,g3", "Admin")]
    [InlineData("admin5", "g1,g2,g3", "Admin")]
    [InlineData("admin4", "g1,g2,g3", "User")]
    [InlineData("admin4", "g1,g2", "Admin")]
    [InlineData("mixed", "g1,g2", "AllGroups")]
    [InlineData("user3", "g1,g2,g3", "AllGroups")]
    [InlineData("user1", "g1,g2", "User")]
    [InlineData("user1", "g2,g3", "None")]
    [InlineData("noroles", "g1", "None")]
    [InlineData("user1", "", "Admin")]
    public void Permission_of_a_user_follows_the_owner_groups(
        string user,
        string owners,
        string expected
    )
    {
        var caller = new[] { Super, Admin1, Admin4, Admin5, User1, User3, Mixed, NoRoles }.Single(
            u => u["name"]!.GetValue<string>() == user
        );
        var list = owners.Length == 0 ? [] : owners.Split(',');
        Assert.Equal(Enum.Parse<Permission>(expected), Rbac.PermissionOf(caller, list));
    }

    [Fact]
    public void Permission_of_a_user_without_a_roles_object_is_none()
    {
        var user = Doc("""{"name":"x"}""");
        Assert.Equal(Permission.None, Rbac.PermissionOf(user, []));
    }

    [Fact]
    public void Normalize_owner_wraps_a_string_and_sorts_an_array()
    {
        var single = Doc("""{"_sis":{"owner":"g2"}}""");
        var many = Doc("""{"_sis":{"owner":["g3","g1","G2","g10"]}}""");
        Assert.Null(Rbac.NormalizeOwner(single));
        Assert.Null(Rbac.NormalizeOwner(many));
        Assert.Equal("""["g2"]""", single["_sis"]!["owner"]!.ToJsonString());
        Assert.Equal("""["G2","g1","g10","g3"]""", many["_sis"]!["owner"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "Bad request: owner field is required in _sis")]
    [InlineData("""{"_sis":{}}""", "Bad request: owner field is required.")]
    [InlineData("""{"_sis":{"owner":""}}""", "Bad request: owner field is required.")]
    [InlineData("""{"_sis":{"owner":[]}}""", "Bad request: owner can not be empty.")]
    [InlineData("""{"_sis":{"owner":{"a":1}}}""", "Bad request: owner must be a string or array.")]
    public void Normalize_owner_rejects_missing_or_bad_owners(string json, string expected)
    {
        var problem = Rbac.NormalizeOwner(Doc(json));
        Assert.Equal(400, problem!.Status);
        Assert.Equal(expected, problem.Error);
    }

    [Theory]
    [InlineData("superman", true)]
    [InlineData("admin5", true)]
    [InlineData("admin4", false)]
    [InlineData("admin1", false)]
    [InlineData("user3", false)]
    [InlineData("user1", false)]
    public void Schema_owned_by_three_groups_is_creatable_only_by_supers_and_admin5(
        string user,
        bool allowed
    )
    {
        var caller = Caller(user);
        var problem = Rbac.AuthorizeSchema(AuthEvent.Insert, Owned("g1", "g2", "g3"), caller);
        Assert.Equal(allowed, problem is null);
        if (!allowed)
        {
            Assert.Equal(401, problem!.Status);
            Assert.Equal("Unauthorized. Insufficient permissions.", problem.Error);
            Assert.Equal(1004, problem.Body["code"]!.GetValue<int>());
        }
    }

    [Theory]
    [InlineData("admin4", true)]
    [InlineData("admin5", true)]
    [InlineData("mixed", false)]
    [InlineData("user3", false)]
    public void Schema_owned_by_two_groups_is_also_creatable_by_admin4(string user, bool allowed) =>
        Assert.Equal(
            allowed,
            Rbac.AuthorizeSchema(AuthEvent.Insert, Owned("g1", "g2"), Caller(user)) is null
        );

    [Fact]
    public void Changing_schema_owners_needs_admin_of_the_old_and_the_new_set()
    {
        var old = Owned("g1", "g2");
        var wider = Owned("g1", "g2", "g3");
        var narrower = Owned("g1");
        Assert.NotNull(Rbac.AuthorizeSchema(AuthEvent.Update, old, Admin4, wider));
        Assert.Null(Rbac.AuthorizeSchema(AuthEvent.Update, old, Admin4, narrower));
        Assert.NotNull(Rbac.AuthorizeSchema(AuthEvent.Update, narrower, Admin4, wider));
        Assert.Null(Rbac.AuthorizeSchema(AuthEvent.Update, old, Admin5, wider));
        Assert.NotNull(Rbac.AuthorizeSchema(AuthEvent.Update, old, Admin1, narrower));
    }

    [Fact]
    public void Open_schemas_are_modifiable_by_anybody_authenticated()
    {
        var open = Owned("g1", "g2");
        open["is_open"] = true;
        Assert.Null(Rbac.AuthorizeSchema(AuthEvent.Update, open, NoRoles, open));
        Assert.Null(Rbac.AuthorizeSchema(AuthEvent.Delete, open, User1));
    }

    [Fact]
    public void Any_owner_can_modify_lets_an_admin_of_one_owner_group_modify_a_schema()
    {
        var schema = Owned("g1", "g2", "g3");
        schema["any_owner_can_modify"] = true;
        Assert.Null(Rbac.AuthorizeSchema(AuthEvent.Update, schema, Admin1, schema));
        Assert.NotNull(Rbac.AuthorizeSchema(AuthEvent.Update, schema, User3, schema));
    }

    [Fact]
    public void Locked_objects_cannot_be_deleted_even_by_supers()
    {
        var locked = Owned("g1");
        locked["_sis"]!["locked"] = true;
        var problem = Rbac.AuthorizeSchema(AuthEvent.Delete, locked, Super);
        Assert.Equal("Unauthorized. Cannot delete a locked object.", Error(problem));
        Assert.Equal(
            "Unauthorized. Cannot delete a locked object.",
            Error(Rbac.AuthorizeSisObject(AuthEvent.Delete, locked, Super))
        );
        Assert.Null(Rbac.AuthorizeSisObject(AuthEvent.Update, locked, Super, locked));
    }

    [Fact]
    public void Immutable_objects_accept_only_a_change_of_one_meta_field()
    {
        const string message =
            "Unauthorized. Cannot change an immutable object unless only changing immutable state";
        var stored = Owned("g1");
        stored["definition"] = new JsonObject { ["a"] = "String" };
        stored["_sis"]!["immutable"] = true;

        var changedDefinition = (JsonObject)stored.DeepClone();
        changedDefinition["definition"] = new JsonObject { ["b"] = "String" };
        Assert.Equal(message, Error(Rbac.CommonAuth(AuthEvent.Update, stored, changedDefinition)));

        var unlocked = (JsonObject)stored.DeepClone();
        unlocked["_sis"]!["immutable"] = false;
        Assert.Null(Rbac.CommonAuth(AuthEvent.Update, stored, unlocked));

        // Literal rule: a no-op update of an immutable object is rejected; any single meta change passes.
        Assert.Equal(message, Error(Rbac.CommonAuth(AuthEvent.Update, stored, stored)));
        var tagged = (JsonObject)stored.DeepClone();
        tagged["_sis"]!["tags"] = new JsonArray("x");
        Assert.Null(Rbac.CommonAuth(AuthEvent.Update, stored, tagged));

        // Two meta changes pass only when the first changed key (stored order) is immutable.
        var twoChanges = (JsonObject)stored.DeepClone();
        twoChanges["_sis"]!["locked"] = true;
        twoChanges["_sis"]!["immutable"] = false;
        Assert.Equal(message, Error(Rbac.CommonAuth(AuthEvent.Update, stored, twoChanges)));

        // Underscore keys outside _sis do not count as changes.
        var versioned = (JsonObject)unlocked.DeepClone();
        versioned["_v"] = 3;
        Assert.Null(Rbac.CommonAuth(AuthEvent.Update, stored, versioned));
    }

    [Fact]
    public void Setting_immutable_and_changing_data_in_one_put_is_allowed()
    {
        var stored = Owned("g1");
        var merged = (JsonObject)stored.DeepClone();
        merged["_sis"]!["immutable"] = true;
        merged["definition"] = new JsonObject { ["x"] = "Number" };
        Assert.Null(Rbac.AuthorizeSchema(AuthEvent.Update, stored, Admin1, merged));
    }

    [Theory]
    [InlineData("admin5", true)]
    [InlineData("user3", true)]
    [InlineData("admin4", false)]
    [InlineData("user1", false)]
    [InlineData("superman", true)]
    public void Hooks_and_hiera_need_admin_or_all_groups(string user, bool allowed)
    {
        var problem = Rbac.AuthorizeSisObject(
            AuthEvent.Insert,
            Owned("g1", "g2", "g3"),
            Caller(user)
        );
        Assert.Equal(allowed, problem is null);
        if (!allowed)
        {
            Assert.Equal(
                "Unauthorized. Insufficient permissions on source document.",
                problem!.Error
            );
        }
    }

    [Fact]
    public void Hook_updates_check_the_merged_owners_too()
    {
        var problem = Rbac.AuthorizeSisObject(
            AuthEvent.Update,
            Owned("g1"),
            User1,
            Owned("g1", "g2")
        );
        Assert.Equal("Unauthorized. Insufficient permissisons on update object.", Error(problem));
    }

    private static JsonObject Schema(params string[] owners) => Owned(owners);

    private static JsonObject Entity(string? ownerJson = null) =>
        ownerJson is null
            ? Doc("""{"num":1,"_sis":{}}""")
            : Doc($$$"""{"num":1,"_sis":{"owner":{{{ownerJson}}}}}""");

    [Fact]
    public void Entity_without_owner_gets_the_callers_groups_that_own_the_schema()
    {
        var entity = Entity();
        Assert.Null(
            Rbac.AuthorizeEntity(AuthEvent.Insert, Schema("g1", "g2", "g3"), entity, Mixed)
        );
        Assert.Equal("""["g1","g2"]""", entity["_sis"]!["owner"]!.ToJsonString());
    }

    [Fact]
    public void Entity_of_a_schema_the_caller_has_no_group_of_is_unauthorized()
    {
        var problem = Rbac.AuthorizeEntity(AuthEvent.Insert, Schema("g2", "g3"), Entity(), User1);
        Assert.Equal(401, problem!.Status);
        Assert.Equal(
            "Unauthorized. Insufficient privileges to operate on entities in this schema.",
            problem.Error
        );
    }

    [Theory]
    [InlineData("user1", """["g1"]""", true)]
    [InlineData("user1", """["g1","g2"]""", false)]
    [InlineData("user3", """["g1","g2"]""", true)]
    [InlineData("admin1", """["g1","g2"]""", false)]
    [InlineData("admin4", """["g1","g2"]""", true)]
    public void Entity_with_explicit_owners_needs_all_groups(
        string user,
        string owners,
        bool allowed
    ) =>
        Assert.Equal(
            allowed,
            Rbac.AuthorizeEntity(
                AuthEvent.Insert,
                Schema("g1", "g2", "g3"),
                Entity(owners),
                Caller(user)
            )
                is null
        );

    [Fact]
    public void Any_owner_can_modify_entities_accept_a_user_of_one_owner_group()
    {
        var entity = Doc("""{"num":1,"_sis":{"owner":["g1","g2"],"any_owner_can_modify":true}}""");
        var merged = (JsonObject)entity.DeepClone();
        merged["num"] = 2;
        Assert.Null(
            Rbac.AuthorizeEntity(AuthEvent.Update, Schema("g1", "g2"), entity, User1, merged)
        );
    }

    [Fact]
    public void Entity_updates_check_old_and_new_owners()
    {
        var old = Entity("""["g1"]""");
        var merged = Entity("""["g1","g2"]""");
        Assert.Equal(
            "Unauthorized. Insufficient permissisons on update object.",
            Error(Rbac.AuthorizeEntity(AuthEvent.Update, Schema("g1", "g2"), old, User1, merged))
        );
    }

    [Fact]
    public void Super_users_leave_the_entity_owner_empty()
    {
        var entity = Doc("""{"num":1,"_sis":{"owner":[]}}""");
        Assert.Null(Rbac.AuthorizeEntity(AuthEvent.Insert, Schema("g1"), entity, Super));
        Assert.Equal("[]", entity["_sis"]!["owner"]!.ToJsonString());
    }

    [Fact]
    public void Open_schema_entities_default_to_all_the_callers_groups()
    {
        var schema = Schema("g9");
        schema["is_public"] = true;
        var entity = Entity();
        Assert.Null(Rbac.AuthorizeEntity(AuthEvent.Insert, schema, entity, Mixed));
        Assert.Equal("""["g1","g2"]""", entity["_sis"]!["owner"]!.ToJsonString());
    }

    [Fact]
    public void Open_schema_entities_need_a_caller_with_roles()
    {
        var schema = Schema("g9");
        schema["is_open"] = true;
        var problem = Rbac.AuthorizeEntity(AuthEvent.Insert, schema, Entity(), NoRoles);
        Assert.Equal(500, problem!.Status);
        Assert.Null(problem.Error);
    }

    [Fact]
    public void Explicit_entity_owners_must_be_a_subset_of_the_schema_owners()
    {
        var schema = Schema("g1", "g2");
        Assert.Null(Rbac.CheckEntityOwnerSubset(schema, Entity("""["g2"]""")));
        Assert.Null(Rbac.CheckEntityOwnerSubset(schema, Entity()));
        Assert.Equal(
            "Bad request: entity owners must be a subset of the schema owners.",
            Error(Rbac.CheckEntityOwnerSubset(schema, Entity("""["g2","g3"]""")))
        );
        schema["is_open"] = true;
        Assert.Null(Rbac.CheckEntityOwnerSubset(schema, Entity("""["g3"]""")));
    }

    private static JsonObject Caller(string name) =>
        new[] { Super, Admin1, Admin4, Admin5, User1, User3, Mixed, NoRoles }.Single(u =>
            u["name"]!.GetValue<string>() == name
        );

    [Theory]
    [InlineData("superman", """{"g1":"user","g2":"admin"}""", null)]
    [InlineData("admin4", """{"g1":"user","g2":"admin"}""", null)]
    [InlineData("admin4", """{}""", null)]
    [InlineData(
        "admin1",
        """{"g1":"user","g2":"admin"}""",
        "Unauthorized. Cannot insert user unless admin of all roles."
    )]
    [InlineData(
        "user3",
        """{"g1":"user"}""",
        "Unauthorized. Cannot insert user unless admin of all roles."
    )]
    public void Creating_a_user_needs_admin_of_every_role_group(
        string caller,
        string roles,
        string? expected
    )
    {
        var target = UserDoc("newbie", roles);
        Assert.Equal(expected, Error(Rbac.AuthorizeUser(AuthEvent.Insert, target, Caller(caller))));
    }

    [Fact]
    public void Only_supers_create_or_delete_supers_and_nobody_themselves()
    {
        var newSuper = UserDoc("other", "{}", super: true);
        Assert.Null(Rbac.AuthorizeUser(AuthEvent.Insert, newSuper, Super));
        Assert.Equal(
            "Unauthorized. Only superusers can insert superusers.",
            Error(Rbac.AuthorizeUser(AuthEvent.Insert, newSuper, Admin5))
        );
        Assert.Equal(
            "Unauthorized. Only superusers can delete superusers.",
            Error(Rbac.AuthorizeUser(AuthEvent.Delete, Super, Admin5))
        );
        Assert.Equal(
            "Unauthorized. Cannot delete a user with the same name.",
            Error(Rbac.AuthorizeUser(AuthEvent.Delete, Admin4, Admin4))
        );
        Assert.Null(Rbac.AuthorizeUser(AuthEvent.Delete, User1, Admin1));
    }

    [Fact]
    public void Role_changes_need_admin_of_each_changed_group_and_nothing_else_changed()
    {
        var target = UserDoc("target", """{"g1":"user"}""");
        var promoted = (JsonObject)target.DeepClone();
        promoted["roles"] = JsonNode.Parse("""{"g1":"admin"}""");
        Assert.Null(Rbac.AuthorizeUser(AuthEvent.Update, target, Admin1, promoted));

        var widened = (JsonObject)target.DeepClone();
        widened["roles"] = JsonNode.Parse("""{"g1":"user","g2":"user"}""");
        Assert.Equal(
            "Unauthorized. admin1 is not an admin of role g2",
            Error(Rbac.AuthorizeUser(AuthEvent.Update, target, Admin1, widened))
        );

        var alsoEmail = (JsonObject)promoted.DeepClone();
        alsoEmail["email"] = "new@example.com";
        Assert.Equal(
            "Unauthorized. Only the user or a super user can change non role fields. (email)",
            Error(Rbac.AuthorizeUser(AuthEvent.Update, target, Admin1, alsoEmail))
        );

        var self = (JsonObject)Admin1.DeepClone();
        self["roles"] = JsonNode.Parse("""{"g1":"admin","g2":"admin"}""");
        Assert.Equal(
            "Unauthorized. User's cannot change their own roles.",
            Error(Rbac.AuthorizeUser(AuthEvent.Update, Admin1, Admin1, self))
        );
    }

    [Fact]
    public void Other_fields_are_changed_only_by_the_user_who_may_not_verify_himself()
    {
        var changed = (JsonObject)User1.DeepClone();
        changed["email"] = "new@example.com";
        Assert.Null(Rbac.AuthorizeUser(AuthEvent.Update, User1, User1, changed));
        Assert.Equal(
            "Unauthorized. Only the user or a super user can change non role fields.",
            Error(Rbac.AuthorizeUser(AuthEvent.Update, User1, Admin1, changed))
        );
        var verified = (JsonObject)User1.DeepClone();
        verified["verified"] = true;
        var problem = Rbac.AuthorizeUser(AuthEvent.Update, User1, User1, verified);
        Assert.Equal(400, problem!.Status);
        Assert.Equal("Bad request: Cannot change verified state of self.", problem.Error);
        Assert.Null(Rbac.AuthorizeUser(AuthEvent.Update, User1, Super, verified));
    }

    [Fact]
    public void Only_supers_update_supers()
    {
        var promoted = (JsonObject)User1.DeepClone();
        promoted["super_user"] = true;
        Assert.Equal(
            "Unauthorized. Only superusers can update superusers.",
            Error(Rbac.AuthorizeUser(AuthEvent.Update, User1, User1, promoted))
        );
        Assert.Null(Rbac.AuthorizeUser(AuthEvent.Update, User1, Super, promoted));
    }

    [Theory]
    [InlineData("superman", "user1", true)]
    [InlineData("user1", "user1", true)]
    [InlineData("admin1", "user1", true)]
    [InlineData("admin1", "mixed", false)]
    [InlineData("admin4", "mixed", true)]
    [InlineData("user3", "user1", false)]
    [InlineData("user1", "noroles", true)]
    [InlineData("admin5", "superman", false)]
    [InlineData("superman", "superman", true)]
    public void Token_routes_follow_the_token_matrix(string caller, string target, bool allowed)
    {
        var problem = Rbac.AuthorizeTokenRoute(Caller(caller), Caller(target));
        Assert.Equal(allowed, problem is null);
        if (!allowed)
        {
            Assert.Equal("Unauthorized. Cannot read tokens for user.", problem!.Error);
        }
    }
}
