using System.Text.Json;
using Functional.Core.Sis;
using Functional.Facade.Sis;
using static Functional.Tests.EndToEnd.SisSession;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// Authentication and authorization (spec §2.8.5, §2.8.6, §2.9) with several users and groups, each logged in with
/// the real <see cref="SisClient"/>.
/// </summary>
public sealed class EndToEndSisRbacTests
{
    /// <summary>The cast: g1 admin, g1 user, g2 admin, admin of g1 and g2, and a user without roles.</summary>
    private sealed record Cast(
        SisSession Session,
        SisClient G1Admin,
        SisClient G1User,
        SisClient G2Admin,
        SisClient G12Admin,
        SisClient NoRoles
    );

    private static async Task<Cast> CastAsync(SisSession s) =>
        new(
            s,
            await s.NewUserAsync("g1admin", """{"g1":"admin"}"""),
            await s.NewUserAsync("g1user", """{"g1":"user"}"""),
            await s.NewUserAsync("g2admin", """{"g2":"admin"}"""),
            await s.NewUserAsync("g12admin", """{"g1":"admin","g2":"admin"}"""),
            await s.NewUserAsync("noroles", "{}")
        );

    private static JsonElement Schema(string name, string owners, string extra = "") =>
        Json(
            $$"""{"name":"{{name}}","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number"},"_sis":{"owner":{{owners}}}{{extra}}}"""
        );

    private static async Task Unauthorized(Func<Task> call)
    {
        var e = await FailsAsync(call);
        Assert.True(
            e.HttpStatusCode == 401
                && e.Code == 1004
                && e.Error.StartsWith("Unauthorized.", StringComparison.Ordinal),
            $"expected 401 code 1004 \"Unauthorized. …\", got {e.HttpStatusCode} {{error: \"{e.Error}\", code: {e.Code?.ToString() ?? "null"}}}"
        );
    }

    // ---- logging in (§2.8.6) ---------------------------------------------------------------

    [Fact]
    public async Task Logging_in_gives_an_eight_hour_token_and_bad_credentials_fail()
    {
        await using var s = await StartAsync();
        await s.NewUserAsync("alice", """{"g1":"user"}""");
        var client = s.Anonymous();
        var token = await client.AuthenticateAsync("alice", UserPassword);
        Assert.Equal("alice", token.UserName);
        Assert.Matches("^[0-9a-f]{32}$", token.Name);
        Assert.Equal(token.Name, client.AuthToken);
        var left = token.ExpiresIn.Case is TimeSpan t ? t : TimeSpan.Zero;
        Assert.InRange(
            left,
            TimeSpan.FromHours(8) - TimeSpan.FromMinutes(5),
            TimeSpan.FromHours(8)
        );
        Assert.DoesNotContain(token.Name, token.ToString(), StringComparison.Ordinal);

        var wrong = await FailsAsync(() => s.Anonymous().AuthenticateAsync("alice", "wrong"));
        AssertError(wrong, 401, 1004, "Unauthorized. Invalid password.");
        Assert.DoesNotContain("wrong", wrong.Message, StringComparison.Ordinal);
        var unknown = await FailsAsync(() => s.Anonymous().AuthenticateAsync("nobody", "x"));
        AssertError(unknown, 404, 1000, "sis_users nobody does not exist");
    }

    [Fact]
    public async Task Writes_need_a_known_token()
    {
        await using var s = await StartAsync();
        var schema = Schema("t_schema", """["g1"]""");

        var missing = await FailsAsync(() => s.Anonymous().Schemas.CreateAsync(schema));
        AssertError(missing, 400, 1001, "Bad request: Missing x-auth-token");
        const string Unknown = "0123456789abcdef0123456789abcdef";
        var unknown = await FailsAsync(() => s.Anonymous(Unknown).Schemas.CreateAsync(schema));
        AssertError(unknown, 404, 1000, $"sis_tokens {Unknown} does not exist");
        Assert.DoesNotContain(Unknown, unknown.Message, StringComparison.Ordinal);

        // reads need no token
        await s.Super.Schemas.CreateAsync(schema);
        var read = await s.Anonymous().Schemas.GetAsync("t_schema");
        Assert.Equal("t_schema", Str(read.Json, "name"));
        var users = await s.Anonymous().Users.FetchPageAsync();
        Assert.Contains(SuperName, Names(users));
        Assert.All(users.Items, u => Assert.False(u.TryGetProperty("pw", out _)));
    }

    // ---- schemas (§2.9) -----------------------------------------------------------------------

    [Fact]
    public async Task Schema_creation_needs_admin_of_every_owner_group()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);

        Assert.Equal(
            201,
            (await c.G1Admin.Schemas.CreateAsync(Schema("s_g1", """["g1"]"""))).Status
        );
        await Unauthorized(() => c.G1User.Schemas.CreateAsync(Schema("s_g1_u", """["g1"]""")));
        await Unauthorized(() => c.G2Admin.Schemas.CreateAsync(Schema("s_g1_b", """["g1"]""")));
        await Unauthorized(() => c.NoRoles.Schemas.CreateAsync(Schema("s_g1_c", """["g1"]""")));
        await Unauthorized(() => c.G1Admin.Schemas.CreateAsync(Schema("s_g12", """["g1","g2"]""")));
        var both = await c.G12Admin.Schemas.CreateAsync(Schema("s_g12", """["g2","g1"]"""));
        Assert.Equal(201, both.Status);
        // owner arrays are sorted (§2.7)
        AssertJson("""["g1","g2"]""", both.Json.GetProperty("_sis").GetProperty("owner"));
        Assert.Equal("g12admin", Str(both.Json.GetProperty("_sis"), "_created_by"));
        Assert.Equal(
            201,
            (await s.Super.Schemas.CreateAsync(Schema("s_g123", """["g1","g2","g3"]"""))).Status
        );

        // owner is required on schemas (§2.9)
        var noOwner = await FailsAsync(() =>
            c.G1Admin.Schemas.CreateAsync(
                Json("""{"name":"s_none","definition":{"name":"String"}}""")
            )
        );
        AssertStatus(noOwner, 400, 1001);
    }

    [Fact]
    public async Task Schema_updates_need_admin_of_the_old_and_new_owners()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await c.G1Admin.Schemas.CreateAsync(Schema("s_upd", """["g1"]"""));

        var ok = await c.G1Admin.Schemas.UpdateAsync(
            "s_upd",
            Schema("s_upd", """["g1"]""", ""","description":"mine" """)
        );
        Assert.Equal("mine", Str(ok.Json, "description"));
        Assert.Equal("g1admin", Str(ok.Json.GetProperty("_sis"), "_updated_by"));
        await Unauthorized(() =>
            c.G2Admin.Schemas.UpdateAsync("s_upd", Schema("s_upd", """["g1"]"""))
        );
        await Unauthorized(() =>
            c.G1User.Schemas.UpdateAsync("s_upd", Schema("s_upd", """["g1"]"""))
        );
        // moving to g2 needs admin of g2 as well
        await Unauthorized(() =>
            c.G1Admin.Schemas.UpdateAsync("s_upd", Schema("s_upd", """["g2"]"""))
        );
        await Unauthorized(() =>
            c.G2Admin.Schemas.UpdateAsync("s_upd", Schema("s_upd", """["g2"]"""))
        );
        var moved = await c.G12Admin.Schemas.UpdateAsync("s_upd", Schema("s_upd", """["g2"]"""));
        AssertJson("""["g2"]""", moved.Json.GetProperty("_sis").GetProperty("owner"));
        await Unauthorized(() =>
            c.G1Admin.Schemas.UpdateAsync("s_upd", Schema("s_upd", """["g2"]"""))
        );
        Assert.Equal(
            200,
            (await c.G2Admin.Schemas.UpdateAsync("s_upd", Schema("s_upd", """["g2"]"""))).Status
        );

        // the name cannot change
        var renamed = await FailsAsync(() =>
            c.G2Admin.Schemas.UpdateAsync("s_upd", Schema("s_other", """["g2"]"""))
        );
        AssertErrorEndsWith(renamed, 400, 1001, "name cannot be changed.");
    }

    [Fact]
    public async Task Any_owner_can_modify_and_open_schemas_relax_the_rule()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await s.Super.Schemas.CreateAsync(
            Schema("s_any", """["g1","g2"]""", ""","any_owner_can_modify":true""")
        );
        await s.Super.Schemas.CreateAsync(Schema("s_open", """["g1"]""", ""","is_open":true"""));

        Assert.Equal(
            200,
            (
                await c.G1Admin.Schemas.UpdateAsync(
                    "s_any",
                    Schema("s_any", """["g1","g2"]""", ""","any_owner_can_modify":true""")
                )
            ).Status
        );
        await Unauthorized(() =>
            c.G1User.Schemas.UpdateAsync(
                "s_any",
                Schema("s_any", """["g1","g2"]""", ""","any_owner_can_modify":true""")
            )
        );
        Assert.Equal(
            200,
            (
                await c.G2Admin.Schemas.UpdateAsync(
                    "s_open",
                    Schema("s_open", """["g1"]""", ""","is_open":true""")
                )
            ).Status
        );
        Assert.Equal(
            200,
            (
                await c.NoRoles.Schemas.UpdateAsync(
                    "s_open",
                    Schema("s_open", """["g1"]""", ""","is_open":true""")
                )
            ).Status
        );
    }

    [Fact]
    public async Task Schema_deletion_needs_admin_and_locked_objects_cannot_go()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await c.G1Admin.Schemas.CreateAsync(Schema("s_del", """["g1"]"""));
        await c.G1Admin.Schemas.CreateAsync(
            Json(
                """{"name":"s_locked","definition":{"name":"String"},"_sis":{"owner":["g1"],"locked":true}}"""
            )
        );

        await Unauthorized(() => c.G1User.Schemas.DeleteAsync("s_del"));
        await Unauthorized(() => c.G2Admin.Schemas.DeleteAsync("s_del"));
        Assert.Equal("s_del", Str((await c.G1Admin.Schemas.DeleteAsync("s_del")).Json, "name"));
        var locked = await FailsAsync(() => s.Super.Schemas.DeleteAsync("s_locked"));
        AssertError(locked, 401, 1004, "Unauthorized. Cannot delete a locked object.");
    }

    // ---- entities (§2.9) ----------------------------------------------------------------------

    [Fact]
    public async Task Entity_owners_default_to_the_callers_groups_in_the_schema()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await s.Super.Schemas.CreateAsync(Schema("e_shared", """["g1","g2"]"""));

        var byG1User = await c.G1User.Entities("e_shared").CreateAsync(Json("""{"name":"u1"}"""));
        AssertJson("""["g1"]""", byG1User.Json.GetProperty("_sis").GetProperty("owner"));
        var byG2Admin = await c.G2Admin.Entities("e_shared").CreateAsync(Json("""{"name":"a2"}"""));
        AssertJson("""["g2"]""", byG2Admin.Json.GetProperty("_sis").GetProperty("owner"));
        var byBoth = await c.G12Admin.Entities("e_shared").CreateAsync(Json("""{"name":"b12"}"""));
        AssertJson("""["g1","g2"]""", byBoth.Json.GetProperty("_sis").GetProperty("owner"));
        var bySuper = await s.Super.Entities("e_shared").CreateAsync(Json("""{"name":"s0"}"""));
        AssertJson("[]", bySuper.Json.GetProperty("_sis").GetProperty("owner"));

        var none = await FailsAsync(() =>
            c.NoRoles.Entities("e_shared").CreateAsync(Json("""{"name":"n"}"""))
        );
        AssertError(
            none,
            401,
            1004,
            "Unauthorized. Insufficient privileges to operate on entities in this schema."
        );
        var outsider = await s.NewUserAsync("g3admin", """{"g3":"admin"}""");
        var g3 = await FailsAsync(() =>
            outsider.Entities("e_shared").CreateAsync(Json("""{"name":"n3"}"""))
        );
        AssertError(
            g3,
            401,
            1004,
            "Unauthorized. Insufficient privileges to operate on entities in this schema."
        );

        var notSubset = await FailsAsync(() =>
            s
                .Super.Entities("e_shared")
                .CreateAsync(Json("""{"name":"x","_sis":{"owner":["g3"]}}"""))
        );
        AssertErrorEndsWith(
            notSubset,
            400,
            1001,
            "entity owners must be a subset of the schema owners."
        );
    }

    [Fact]
    public async Task Entity_updates_and_deletes_follow_the_owner_permissions()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await s.Super.Schemas.CreateAsync(Schema("e_perm", """["g1","g2"]"""));
        var super = s.Super.Entities("e_perm");
        await super.CreateAsync(Json("""{"name":"only_g1","num":0,"_sis":{"owner":["g1"]}}"""));
        await super.CreateAsync(Json("""{"name":"g1_g2","num":0,"_sis":{"owner":["g1","g2"]}}"""));
        await super.CreateAsync(
            Json(
                """{"name":"any_g1_g2","num":0,"_sis":{"owner":["g1","g2"],"any_owner_can_modify":true}}"""
            )
        );

        // a g1 user has all_groups on [g1]
        Assert.Equal(
            1,
            (await c.G1User.Entities("e_perm").UpdateAsync("only_g1", Json("""{"num":1}""")))
                .Json.GetProperty("num")
                .GetInt32()
        );
        // ...but only "user" on [g1,g2]
        await Unauthorized(() =>
            c.G1User.Entities("e_perm").UpdateAsync("g1_g2", Json("""{"num":1}"""))
        );
        await Unauthorized(() =>
            c.G1Admin.Entities("e_perm").UpdateAsync("g1_g2", Json("""{"num":1}"""))
        );
        Assert.Equal(
            200,
            (await c.G12Admin.Entities("e_perm").UpdateAsync("g1_g2", Json("""{"num":1}"""))).Status
        );
        // any_owner_can_modify lets a member of one group in
        Assert.Equal(
            200,
            (
                await c.G1User.Entities("e_perm").UpdateAsync("any_g1_g2", Json("""{"num":1}"""))
            ).Status
        );
        await Unauthorized(() =>
            c.G2Admin.Entities("e_perm").UpdateAsync("only_g1", Json("""{"num":2}"""))
        );
        // changing owners needs rights on the new owners too
        await Unauthorized(() =>
            c
                .G1Admin.Entities("e_perm")
                .UpdateAsync("only_g1", Json("""{"num":5,"_sis":{"owner":["g2"]}}"""))
        );
        var moved = await c
            .G12Admin.Entities("e_perm")
            .UpdateAsync("only_g1", Json("""{"num":5,"_sis":{"owner":["g2"]}}"""));
        AssertJson("""["g2"]""", moved.Json.GetProperty("_sis").GetProperty("owner"));

        await Unauthorized(() => c.G1Admin.Entities("e_perm").DeleteAsync("only_g1"));
        Assert.Equal(
            "only_g1",
            Str((await c.G2Admin.Entities("e_perm").DeleteAsync("only_g1")).Json, "name")
        );
        await Unauthorized(() => c.NoRoles.Entities("e_perm").DeleteAsync("g1_g2"));

        // bulk delete: unauthorized matches are reported, the rest deleted
        var bulk = await c.G1Admin.Entities("e_perm").DeleteBulkAsync(SisFilter.Gte("num", 0L));
        Assert.Equal(["any_g1_g2"], Names(bulk.Success));
        var refused = Assert.Single(bulk.Errors);
        Assert.Equal(401, refused.Status);
        Assert.Equal("g1_g2", Str(refused.Value, "name"));
    }

    [Fact]
    public async Task Open_schemas_let_anyone_with_a_role_create_entities()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await s.Super.Schemas.CreateAsync(Schema("e_open", """["g1"]""", ""","is_open":true"""));
        await s.Super.Schemas.CreateAsync(
            Schema("e_public", """["g1"]""", ""","is_public":true""")
        );

        var open = await c.G2Admin.Entities("e_open").CreateAsync(Json("""{"name":"o"}"""));
        AssertJson("""["g2"]""", open.Json.GetProperty("_sis").GetProperty("owner"));
        var pub = await c.G2Admin.Entities("e_public").CreateAsync(Json("""{"name":"p"}"""));
        AssertJson("""["g2"]""", pub.Json.GetProperty("_sis").GetProperty("owner"));
        // a public schema itself can only be changed by its owners
        await Unauthorized(() =>
            c.G2Admin.Schemas.UpdateAsync(
                "e_public",
                Schema("e_public", """["g1"]""", ""","is_public":true""")
            )
        );
    }

    // ---- users (§2.8.5) -----------------------------------------------------------------------

    [Fact]
    public async Task Users_are_created_by_admins_of_their_groups()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);

        var made = await c.G1Admin.Users.CreateAsync(
            Json(
                """{"name":"new_g1","email":"n@example.com","pw":"pw123456","roles":{"g1":"user"}}"""
            )
        );
        Assert.Equal(201, made.Status);
        Assert.False(made.Json.TryGetProperty("pw", out _));
        Assert.False(made.Json.GetProperty("super_user").GetBoolean());
        await Unauthorized(() =>
            c.G1Admin.Users.CreateAsync(
                Json(
                    """{"name":"new_g2","email":"n@example.com","pw":"pw123456","roles":{"g2":"user"}}"""
                )
            )
        );
        await Unauthorized(() =>
            c.G1User.Users.CreateAsync(
                Json(
                    """{"name":"new_g1b","email":"n@example.com","pw":"pw123456","roles":{"g1":"user"}}"""
                )
            )
        );
        await Unauthorized(() =>
            c.G12Admin.Users.CreateAsync(
                Json(
                    """{"name":"new_super","email":"n@example.com","pw":"pw123456","super_user":true}"""
                )
            )
        );
        var noRoles = await FailsAsync(() =>
            s.Super.Users.CreateAsync(
                Json("""{"name":"new_x","email":"n@example.com","pw":"pw123456"}""")
            )
        );
        AssertErrorEndsWith(noRoles, 400, 1001, "roles are missing.");

        var client = await s.LoginAsync("new_g1", "pw123456");
        Assert.NotNull(client.AuthToken);
    }

    // ---- persistent tokens (§2.8.6) ----------------------------------------------------------

    [Fact]
    public async Task Persistent_tokens_work_and_super_users_cannot_own_them()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await s.Super.Schemas.CreateAsync(Schema("tok_schema", """["g1"]"""));

        var superToken = await FailsAsync(() =>
            s.Super.Tokens(SuperName).CreateAsync(Json("""{"desc":"nope"}"""))
        );
        AssertErrorEndsWith(superToken, 400, 1001, "Super users cannot have persistent tokens.");

        var created = await c
            .G1Admin.Tokens("g1admin")
            .CreateAsync(Json("""{"desc":"ci","username":"someone_else","expires":5}"""));
        Assert.Equal(201, created.Status);
        var name = Str(created.Json, "name");
        Assert.Matches("^[0-9a-f]{32}$", name);
        Assert.Equal("g1admin", Str(created.Json, "username"));
        Assert.Equal("ci", Str(created.Json, "desc"));
        Assert.False(created.Json.TryGetProperty("expires", out _), created.Json.GetRawText());

        // the token works like a login
        var persistent = s.Anonymous(name);
        var entity = await persistent.Entities("tok_schema").CreateAsync(Json("""{"name":"e"}"""));
        Assert.Equal("g1admin", Str(entity.Json.GetProperty("_sis"), "_created_by"));

        var listed = await c.G1Admin.Tokens("g1admin").FetchPageAsync();
        Assert.Contains(name, Names(listed));
        Assert.All(listed.Items, t => Assert.Equal("g1admin", Str(t, "username")));
        var one = await c.G1Admin.Tokens("g1admin").GetAsync(name);
        Assert.Equal("ci", Str(one.Json, "desc"));
        var changed = await c
            .G1Admin.Tokens("g1admin")
            .UpdateAsync(name, Json("""{"desc":"ci2"}"""));
        Assert.Equal("ci2", Str(changed.Json, "desc"));
        Assert.Equal(name, Str(changed.Json, "name"));

        // a temporary token cannot change
        var temp = c.G1Admin.AuthToken!;
        var tempChange = await FailsAsync(() =>
            c.G1Admin.Tokens("g1admin").UpdateAsync(temp, Json("""{"desc":"x"}"""))
        );
        AssertErrorEndsWith(tempChange, 400, 1001, "Cannot change a temporary token.");
        Assert.DoesNotContain(temp, tempChange.Message, StringComparison.Ordinal);

        // someone else's token under this user's path is 404
        var g1userToken = Str(
            (await c.G1User.Tokens("g1user").CreateAsync(Json("{}"))).Json,
            "name"
        );
        var foreign = await FailsAsync(() => c.G1Admin.Tokens("g1admin").GetAsync(g1userToken));
        AssertError(foreign, 404, 1000, $"Token for g1admin {g1userToken} does not exist");

        var deleted = await c.G1Admin.Tokens("g1admin").DeleteAsync(name);
        Assert.Equal(name, Str(deleted.Json, "name"));
        var dead = await FailsAsync(() =>
            persistent.Entities("tok_schema").CreateAsync(Json("""{"name":"e2"}"""))
        );
        AssertError(dead, 404, 1000, $"sis_tokens {name} does not exist");
    }

    [Fact]
    public async Task Token_routes_need_self_admin_of_the_users_groups_or_super()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        var target = await c.G1User.Tokens("g1user").CreateAsync(Json("""{"desc":"t"}"""));
        Assert.Equal(201, target.Status);

        // self, admin of every group of the target, super
        Assert.NotEmpty((await c.G1User.Tokens("g1user").FetchPageAsync()).Items);
        Assert.NotEmpty((await c.G1Admin.Tokens("g1user").FetchPageAsync()).Items);
        Assert.NotEmpty((await c.G12Admin.Tokens("g1user").FetchPageAsync()).Items);
        Assert.NotEmpty((await s.Super.Tokens("g1user").FetchPageAsync()).Items);

        foreach (var other in new[] { c.G2Admin, c.NoRoles })
        {
            var e = await FailsAsync(() => other.Tokens("g1user").FetchPageAsync());
            AssertError(e, 401, 1004, "Unauthorized. Cannot read tokens for user.");
        }
        var userOnAdmin = await FailsAsync(() => c.G1User.Tokens("g1admin").FetchPageAsync());
        AssertError(userOnAdmin, 401, 1004, "Unauthorized. Cannot read tokens for user.");
        // a super user's tokens: supers only
        var onSuper = await FailsAsync(() => c.G12Admin.Tokens(SuperName).FetchPageAsync());
        AssertError(onSuper, 401, 1004, "Unauthorized. Cannot read tokens for user.");
        // a user without roles: any authenticated caller
        Assert.Equal(200, (await c.G2Admin.Tokens("noroles").FetchPageAsync()).Status);
        // even reads need a token
        var anonymous = await FailsAsync(() => s.Anonymous().Tokens("g1user").FetchPageAsync());
        AssertError(anonymous, 400, 1001, "Bad request: Missing x-auth-token");
        var unknownUser = await FailsAsync(() => s.Super.Tokens("ghost").FetchPageAsync());
        AssertStatus(unknownUser, 404, 1000);
    }

    [Fact]
    public async Task Deleting_a_user_removes_its_tokens()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);
        await s.Super.Schemas.CreateAsync(Schema("del_schema", """["g1"]"""));
        var temp = c.G1User.AuthToken!;

        var deleted = await s.Super.Users.DeleteAsync("g1user");
        Assert.Equal("g1user", Str(deleted.Json, "name"));
        var e = await FailsAsync(() =>
            c.G1User.Entities("del_schema").CreateAsync(Json("""{"name":"z"}"""))
        );
        Assert.Equal(404, e.HttpStatusCode);
        Assert.Equal(1000, e.Code);
        Assert.DoesNotContain(temp, e.Message, StringComparison.Ordinal);
        var login = await FailsAsync(() => s.Anonymous().AuthenticateAsync("g1user", UserPassword));
        AssertError(login, 404, 1000, "sis_users g1user does not exist");
    }

    [Fact]
    public async Task Users_update_themselves_but_only_admins_change_roles()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);

        var own = await c.G1User.Users.UpdateAsync(
            "g1user",
            Json("""{"name":"g1user","email":"new@example.com","roles":{"g1":"user"}}""")
        );
        Assert.Equal("new@example.com", Str(own.Json, "email"));
        await Unauthorized(() =>
            c.G1User.Users.UpdateAsync(
                "g1user",
                Json("""{"name":"g1user","roles":{"g1":"admin"}}""")
            )
        );
        var promoted = await c.G1Admin.Users.UpdateAsync(
            "g1user",
            Json("""{"name":"g1user","roles":{"g1":"admin"}}""")
        );
        AssertJson("""{"g1":"admin"}""", promoted.Json.GetProperty("roles"));
        await Unauthorized(() =>
            c.G2Admin.Users.UpdateAsync(
                "g1user",
                Json("""{"name":"g1user","roles":{"g1":"user"}}""")
            )
        );
        // only supers touch a super user
        await Unauthorized(() =>
            c.G12Admin.Users.UpdateAsync(
                SuperName,
                Json($$"""{"name":"{{SuperName}}","email":"x@example.com","super_user":true}""")
            )
        );
        // a user may not verify himself (the spec gives no status or text: refused is all it says)
        var verify = await FailsAsync(() =>
            c.G1Admin.Users.UpdateAsync(
                "g1admin",
                Json("""{"name":"g1admin","verified":true,"roles":{"g1":"admin"}}""")
            )
        );
        Assert.True(verify.HttpStatusCode is 400 or 401, verify.Message);
        Assert.False(
            (await s.Super.Users.GetAsync("g1admin")).Json.GetProperty("verified").GetBoolean()
        );
        var read = await s.Anonymous().Users.GetAsync("g1user");
        Assert.False(read.Json.TryGetProperty("pw", out _));
        Assert.Equal(None, read.TotalCount);
        // nobody deletes himself
        await Unauthorized(() => c.G1Admin.Users.DeleteAsync("g1admin"));
    }

    [Fact]
    public async Task Temporary_tokens_expire_after_eight_hours()
    {
        await using var s = await StartAsync(manualClock: true);
        var user = await s.NewUserAsync("temp", """{"g1":"admin"}""");
        Assert.Equal(
            DateTimeOffset.FromUnixTimeMilliseconds(Epoch) + TimeSpan.FromHours(8),
            user.TokenExpiresAt
        );
        await user.Schemas.CreateAsync(Schema("before_expiry", """["g1"]"""));

        var fresh = Assert.Single(
            (await user.Tokens("temp").FetchPageAsync()).Items,
            t => Str(t, "name") == user.AuthToken
        );
        Assert.Equal(28_800_000, fresh.GetProperty("expires").GetInt64());
        s.Advance((long)TimeSpan.FromHours(1).TotalMilliseconds);
        var later = await user.Tokens("temp").GetAsync(user.AuthToken!);
        Assert.Equal(25_200_000, later.Json.GetProperty("expires").GetInt64());

        s.Advance((long)TimeSpan.FromHours(7).TotalMilliseconds + 1000);
        var expired = await FailsAsync(() =>
            user.Schemas.CreateAsync(Schema("after_expiry", """["g1"]"""))
        );
        AssertError(expired, 401, 1004, "Unauthorized. Token has expired.");

        await user.AuthenticateAsync("temp", UserPassword);
        Assert.Equal(
            201,
            (await user.Schemas.CreateAsync(Schema("after_expiry", """["g1"]"""))).Status
        );
    }

    [Fact]
    public async Task Hiera_and_hooks_need_admin_or_all_groups_on_their_owners()
    {
        await using var s = await StartAsync();
        var c = await CastAsync(s);

        static JsonElement Hiera(string name, string owners, int value) =>
            Json(
                $$$"""{"name":"{{{name}}}","hieradata":{"v":{{{value}}}},"_sis":{"owner":{{{owners}}}}}"""
            );

        Assert.Equal(201, (await c.G1User.Hiera.CreateAsync(Hiera("hg1", """["g1"]""", 1))).Status);
        await Unauthorized(() => c.G1User.Hiera.CreateAsync(Hiera("hg12", """["g1","g2"]""", 1)));
        Assert.Equal(
            201,
            (await c.G12Admin.Hiera.CreateAsync(Hiera("hg12", """["g1","g2"]""", 1))).Status
        );
        await Unauthorized(() => c.G2Admin.Hiera.UpdateAsync("hg1", Hiera("hg1", """["g1"]""", 2)));
        await Unauthorized(() =>
            c.G1Admin.Hiera.UpdateAsync("hg12", Hiera("hg12", """["g1","g2"]""", 2))
        );
        Assert.Equal(
            200,
            (await c.G1Admin.Hiera.UpdateAsync("hg1", Hiera("hg1", """["g1"]""", 2))).Status
        );
        await Unauthorized(() => c.NoRoles.Hiera.DeleteAsync("hg1"));
        Assert.Equal("hg1", Str((await c.G1User.Hiera.DeleteAsync("hg1")).Json, "name"));

        var hook = Json(
            """{"name":"hk","entity_type":"x","target":{"action":"POST","url":"http://127.0.0.1:1/"},"events":["insert"],"_sis":{"owner":["g2"]}}"""
        );
        await Unauthorized(() => c.G1Admin.Hooks.CreateAsync(hook));
        Assert.Equal(201, (await c.G2Admin.Hooks.CreateAsync(hook)).Status);
        await Unauthorized(() => c.G1User.Hooks.DeleteAsync("hk"));
        Assert.Equal("hk", Str((await c.G12Admin.Hooks.DeleteAsync("hk")).Json, "name"));
    }
}
