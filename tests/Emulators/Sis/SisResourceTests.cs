using System.Text.Json.Nodes;

namespace Functional.Tests.Emulators.Sis;

/// <summary>
/// The generic pipeline of §2.6 over real HTTP: hiera, hooks, users, tokens, schemas, entities, with literal JSON
/// and exact statuses and bodies.
/// </summary>
public class SisResourceTests
{
    private const long T0 = SisSession.Epoch;

    private static void AssertJson(string expected, JsonNode? actual) =>
        SisEmulatorTests.AssertJson(expected, actual);

    private static string Id(SisReply reply) => reply.Json!["_id"]!.GetValue<string>();

    // ---------------------------------------------------------------- hiera

    [Fact]
    public async Task Hiera_create_answers_201_with_the_full_default_shape()
    {
        await using var s = await SisSession.LoggedInAsync();
        var reply = await s.PostAsync(
            "hiera",
            """{"name":"a.b.c","hieradata":{"k":1},"junk":true,"_sis":{"owner":["g2","g1"]}}"""
        );
        Assert.Equal(201, reply.Status);
        Assert.Equal(SisEmulatorTests.JsonUtf8, reply.ContentType);
        Assert.Matches("^[0-9a-f]{24}$", Id(reply));
        AssertJson(
            $$$"""
            {"name":"a.b.c","hieradata":{"k":1},"_id":"{{{Id(reply)}}}","_v":0,
             "_sis":{"_created_at":{{{T0}}},"_updated_at":{{{T0}}},"_created_by":"admin","_updated_by":"admin",
                     "_version":"v1.1","tags":[],"immutable":false,"locked":false,"owner":["g1","g2"]}}
            """,
            reply.Json
        );
        AssertJson("""{"a.b.c":{"k":1}}""", (await s.GetAsync("hiera/a.b.c")).Json);
    }

    [Fact]
    public async Task Hiera_validation_and_owner_errors()
    {
        await using var s = await SisSession.LoggedInAsync();
        Assert.Equal(
            """{"error":"Bad request: hieradata is missing","code":1001}""",
            (await s.PostAsync("hiera", """{"name":"x","_sis":{"owner":"g"}}""")).Body
        );
        Assert.Equal(
            """{"error":"Bad request: owner field is required in _sis","code":1001}""",
            (await s.PostAsync("hiera", """{"name":"x","hieradata":1}""")).Body
        );
        Assert.Equal(
            """{"error":"Bad request: owner field is required.","code":1001}""",
            (await s.PostAsync("hiera", """{"name":"x","hieradata":1,"_sis":{}}""")).Body
        );
        Assert.Equal(
            """{"error":"sis_hiera nope does not exist","code":1000}""",
            (await s.GetAsync("hiera/nope")).Body
        );
    }

    [Fact]
    public async Task Hiera_duplicates_are_500_e11000()
    {
        await using var s = await SisSession.LoggedInAsync();
        var body = """{"name":"x","hieradata":1,"_sis":{"owner":"g"}}""";
        Assert.Equal(201, (await s.PostAsync("hiera", body)).Status);
        var dup = await s.PostAsync("hiera", body);
        Assert.Equal(500, dup.Status);
        Assert.Equal(1002, dup.Json!["code"]!.GetValue<int>());
        Assert.StartsWith(
            "Internal error MongoError: E11000 duplicate key error",
            dup.Json!["error"]!.GetValue<string>()
        );
    }

    [Fact]
    public async Task Hiera_update_merges_hieradata_partially_and_stamps_meta()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync(
            "hiera",
            """{"name":"h","hieradata":{"a":1,"b":{"c":1,"d":2},"e":"x"},"_sis":{"owner":"g"}}"""
        );
        s.Clock.Advance(TimeSpan.FromSeconds(5));
        var reply = await s.PutAsync(
            "hiera/h",
            """{"name":"h","hieradata":{"a":null,"b":{"c":3},"f":[1]},"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(200, reply.Status);
        AssertJson("""{"b":{"c":3,"d":2},"e":"x","f":[1]}""", reply.Json!["hieradata"]);
        Assert.Equal(T0 + 5000, reply.Json!["_sis"]!["_updated_at"]!.GetValue<long>());
        Assert.Equal(T0, reply.Json!["_sis"]!["_created_at"]!.GetValue<long>());
        var renamed = await s.PutAsync(
            "hiera/h",
            """{"name":"other","hieradata":{},"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(
            """{"error":"Bad request: name cannot be changed.","code":1001}""",
            renamed.Body
        );
        var missing = await s.PutAsync(
            "hiera/nope",
            """{"name":"nope","hieradata":{},"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Lists_count_page_sort_and_project()
    {
        await using var s = await SisSession.LoggedInAsync();
        foreach (var n in new[] { "c", "a", "b" })
        {
            await s.PostAsync(
                "hiera",
                $$$"""{"name":"{{{n}}}","hieradata":{"n":"{{{n}}}"},"_sis":{"owner":"g"}}"""
            );
        }
        var all = await s.GetAsync("hiera");
        Assert.Equal("3", all.Header("x-total-count"));
        Assert.Equal(
            ["c", "a", "b"],
            all.Json!.AsArray().Select(h => h!["name"]!.GetValue<string>())
        );
        var page = await s.GetAsync("hiera?sort=-name&limit=2&offset=1&fields=name");
        Assert.Equal("3", page.Header("x-total-count"));
        Assert.Equal(2, page.Json!.AsArray().Count);
        Assert.Equal("b", page.Json![0]!["name"]!.GetValue<string>());
        Assert.Equal(["_id", "name"], page.Json![0]!.AsObject().Select(p => p.Key).Order());
        var query = await s.GetAsync(
            "hiera?q=" + Uri.EscapeDataString("""{"name":{"$in":["a","b"]}}""")
        );
        Assert.Equal("2", query.Header("x-total-count"));
        var qs = await s.GetAsync("hiera?q[name]=a");
        Assert.Equal("1", qs.Header("x-total-count"));
        var beyond = await s.GetAsync("hiera?offset=5");
        Assert.Equal("[]", beyond.Body);
        Assert.Equal("3", beyond.Header("x-total-count"));
    }

    [Theory]
    [InlineData("fooo")]
    [InlineData("null")]
    [InlineData("%5B%22a%22%5D")]
    public async Task An_invalid_q_is_400(string q)
    {
        await using var s = await SisSession.StartAsync();
        var reply = await s.GetAsync("hiera?q=" + q);
        Assert.Equal(400, reply.Status);
        Assert.Equal(
            """{"error":"Bad request: Query parameter is invalid.  Must be JSON","code":1001}""",
            reply.Body
        );
    }

    [Fact]
    public async Task Upsert_creates_with_201_when_the_name_matches()
    {
        await using var s = await SisSession.LoggedInAsync();
        var created = await s.PutAsync(
            "hiera/foo.bar.baz?upsert=true",
            """{"name":"foo.bar.baz","hieradata":1,"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(201, created.Status);
        var updated = await s.PutAsync(
            "hiera/foo.bar.baz?upsert=true",
            """{"name":"foo.bar.baz","hieradata":2,"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(200, updated.Status);
        var refused = await s.PutAsync(
            "hiera/other?upsert=true",
            """{"name":"x","hieradata":2,"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(
            """{"error":"Bad request: Cannot insert object with specified ID","code":1001}""",
            refused.Body
        );
    }

    [Theory]
    [InlineData("1")]
    [InlineData("%5B1,2,3%5D")]
    [InlineData("%7B%7D")]
    public async Task Cas_condition_must_be_an_object(string cas)
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync("hiera", """{"name":"h","hieradata":1,"_sis":{"owner":"g"}}""");
        var reply = await s.PutAsync(
            "hiera/h?cas=" + cas,
            """{"name":"h","hieradata":2,"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(
            """{"error":"Bad request: CAS condition must be an object.","code":1001}""",
            reply.Body
        );
    }

    [Fact]
    public async Task Exactly_one_of_ten_concurrent_cas_updates_wins()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync("hooks", Hook("h", retry: 0));
        var tasks = Enumerable
            .Range(0, 10)
            .Select(_ => s.PutAsync("hooks/h?cas[retry_count]=0", Hook("h", retry: 5)))
            .ToList();
        var replies = await Task.WhenAll(tasks);
        Assert.Single(replies, r => r.Status == 200);
        Assert.All(
            replies.Where(r => r.Status != 200),
            r => Assert.Equal("""{"error":"Bad request: CAS update failed.","code":1001}""", r.Body)
        );
        Assert.Equal(5, (await s.GetAsync("hooks/h")).Json!["retry_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Locked_objects_cannot_be_deleted_and_immutable_ones_not_changed()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync(
            "hiera",
            """{"name":"h","hieradata":1,"_sis":{"owner":"g","locked":true}}"""
        );
        var delete = await s.DeleteAsync("hiera/h");
        Assert.Equal(401, delete.Status);
        Assert.Equal(
            """{"error":"Unauthorized. Cannot delete a locked object.","code":1004}""",
            delete.Body
        );
        Assert.Equal(
            200,
            (
                await s.PutAsync(
                    "hiera/h",
                    """{"name":"h","hieradata":2,"_sis":{"owner":"g","immutable":true}}"""
                )
            ).Status
        );
        var change = await s.PutAsync(
            "hiera/h",
            """{"name":"h","hieradata":3,"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(401, change.Status);
        Assert.Equal(
            """{"error":"Unauthorized. Cannot change an immutable object unless only changing immutable state","code":1004}""",
            change.Body
        );
        Assert.Equal(
            200,
            (
                await s.PutAsync(
                    "hiera/h",
                    """{"name":"h","hieradata":2,"_sis":{"owner":"g","immutable":false}}"""
                )
            ).Status
        );
    }

    [Fact]
    public async Task Delete_answers_the_removed_object_and_history_keeps_it()
    {
        await using var s = await SisSession.LoggedInAsync();
        var created = await s.PostAsync(
            "hiera",
            """{"name":"h","hieradata":{"a":1},"_sis":{"owner":"g"}}"""
        );
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        await s.PutAsync("hiera/h", """{"name":"h","hieradata":{"a":2},"_sis":{"owner":"g"}}""");
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        var deleted = await s.DeleteAsync("hiera/h");
        Assert.Equal(200, deleted.Status);
        Assert.Equal(Id(created), Id(deleted));
        Assert.Equal(404, (await s.GetAsync("hiera/h")).Status);
        var commits = await s.GetAsync("hiera/h/commits");
        Assert.Equal("3", commits.Header("x-total-count"));
        Assert.Equal(
            ["delete", "update", "insert"],
            commits.Json!.AsArray().Select(c => c!["action"]!.GetValue<string>())
        );
        AssertJson("""{"a":[1,2]}""", commits.Json![1]!["commit_data"]!["hieradata"]);
        var revision = await s.GetAsync($"hiera/h/revision/{T0 + 500}");
        AssertJson("""{"a":1}""", revision.Json!["hieradata"]);
        var before = await s.GetAsync($"hiera/h/revision/{T0 - 1}");
        Assert.Equal(404, before.Status);
    }

    // ---------------------------------------------------------------- hooks

    private static string Hook(string name, int retry = 0, string entityType = "sis_hiera") =>
        $$$"""{"name":"{{{name}}}","entity_type":"{{{entityType}}}","target":{"url":"http://127.0.0.1:9/x","action":"POST"},"events":["insert","update"],"retry_count":{{{retry}}},"_sis":{"owner":["g"]}}""";

    [Fact]
    public async Task Hook_create_fills_defaults_in_model_order()
    {
        await using var s = await SisSession.LoggedInAsync();
        var reply = await s.PostAsync(
            "hooks",
            """{"name":"h1","entity_type":"sis_hiera","target":{"url":"http://x/","action":"GET"},"events":"insert","_sis":{"owner":"g"}}"""
        );
        Assert.Equal(201, reply.Status);
        AssertJson(
            $$$"""
            {"name":"h1","entity_type":"sis_hiera","target":{"action":"GET","url":"http://x/"},"events":["insert"],
             "retry_delay":1,"retry_count":0,"_id":"{{{Id(reply)}}}","_v":0,
             "_sis":{"_created_at":{{{T0}}},"_updated_at":{{{T0}}},"_created_by":"admin","_updated_by":"admin",
                     "_version":"v1.1","tags":[],"immutable":false,"locked":false,"owner":["g"]}}
            """,
            reply.Json
        );
    }

    [Theory]
    [InlineData("""{"entity_type":"x"}""", "Hook has no name.")]
    [InlineData("""{"name":"h"}""", "Hook has no entity_type.")]
    [InlineData("""{"name":"h","entity_type":"x"}""", "Hook has no target.")]
    [InlineData("""{"name":"h","entity_type":"x","target":{}}""", "Hook target has no url.")]
    [InlineData(
        """{"name":"h","entity_type":"x","target":{"url":"u"}}""",
        "Hook target has no action."
    )]
    [InlineData(
        """{"name":"h","entity_type":"x","target":{"url":"u","action":"GET"}}""",
        "Hook has no on parameter."
    )]
    [InlineData(
        """{"name":"h","entity_type":"x","target":{"url":"u","action":"GET"},"events":[]}""",
        "Hook on parameter has no values."
    )]
    public async Task Hook_validation_messages(string body, string message)
    {
        await using var s = await SisSession.LoggedInAsync();
        var reply = await s.PostAsync("hooks", body);
        Assert.Equal(400, reply.Status);
        Assert.Equal($$$"""{"error":"Bad request: {{{message}}}","code":1001}""", reply.Body);
    }

    [Fact]
    public async Task Bulk_insert_reports_successes_and_errors_and_all_or_none_inserts_nothing()
    {
        await using var s = await SisSession.LoggedInAsync();
        var body = $"[{Hook("a")},{Hook("b")},{Hook("a")},{{\"name\":\"c\"}}]";
        var none = await s.PostAsync("hooks?all_or_none=true", body);
        Assert.Equal(200, none.Status);
        Assert.Equal("application/json", none.ContentType);
        AssertJson("[]", none.Json!["success"]);
        Assert.Single(none.Json!["errors"]!.AsArray());
        Assert.Equal("0", (await s.GetAsync("hooks")).Header("x-total-count"));
        var some = await s.PostAsync("hooks", body);
        Assert.Equal(
            ["a", "b"],
            some.Json!["success"]!.AsArray().Select(h => h!["name"]!.GetValue<string>())
        );
        var errors = some.Json!["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        AssertJson(
            """[400,{"error":"Bad request: Hook has no entity_type.","code":1001}]""",
            errors[0]!["err"]
        );
        AssertJson(
            """[400,{"error":"Bad request: Insert failed","code":1001}]""",
            errors[1]!["err"]
        );
        Assert.Equal("a", errors[1]!["value"]!["name"]!.GetValue<string>());
        Assert.Equal(
            """{"error":"Bad request: Array must not be empty.","code":1001}""",
            (await s.PostAsync("hooks", "[]")).Body
        );
    }

    [Fact]
    public async Task Bulk_update_by_array_and_by_query_and_bulk_delete()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync("hooks", $"[{Hook("a")},{Hook("b")},{Hook("c")}]");
        var byArray = await s.PutAsync("hooks", $"[{Hook("a", retry: 3)},{{\"retry_count\":1}}]");
        Assert.Equal(200, byArray.Status);
        Assert.Equal(3, byArray.Json!["success"]![0]!["retry_count"]!.GetValue<int>());
        AssertJson(
            """[400,{"error":"Bad request: Missing ID field in bulk update","code":1001}]""",
            byArray.Json!["errors"]![0]!["err"]
        );
        // Hooks validate every PUT body as a full hook, so a partial body fails for each match.
        var byQuery = await s.PutAsync(
            "hooks?q=" + Uri.EscapeDataString("""{"name":{"$in":["b","c"]}}"""),
            """{"retry_delay":7}"""
        );
        AssertJson("[]", byQuery.Json!["success"]);
        Assert.Equal(2, byQuery.Json!["errors"]!.AsArray().Count);
        AssertJson(
            """{"_id":"%ID%"}""".Replace(
                "%ID%",
                byQuery.Json!["errors"]![0]!["value"]!["_id"]!.GetValue<string>(),
                StringComparison.Ordinal
            ),
            byQuery.Json!["errors"]![0]!["value"]
        );
        Assert.Equal(
            """{"error":"Bad request: A valid query is required","code":1001}""",
            (await s.PutAsync("hooks", """{"retry_delay":7}""")).Body
        );
        Assert.Equal(
            """{"error":"Bad request: Bulk delete requires a non empty query.","code":1001}""",
            (await s.DeleteAsync("hooks")).Body
        );
        var deleted = await s.DeleteAsync("hooks?q[retry_count]=0");
        Assert.Equal(2, deleted.Json!["success"]!.AsArray().Count);
        Assert.Equal("1", (await s.GetAsync("hooks")).Header("x-total-count"));
    }

    // ---------------------------------------------------------------- users and tokens

    [Fact]
    public async Task Users_never_show_pw_and_tokens_follow_the_rules()
    {
        await using var s = await SisSession.LoggedInAsync();
        var user = await s.PostAsync(
            "users",
            """{"name":"bob","email":"bob@example.com","pw":"pw1","roles":{"g":"user"}}"""
        );
        Assert.Equal(201, user.Status);
        Assert.False(user.Json!.AsObject().ContainsKey("pw"));
        Assert.Equal(
            """{"error":"Bad request: roles are missing.","code":1001}""",
            (await s.PostAsync("users", """{"name":"x","email":"x@example.com"}""")).Body
        );
        var superToken = await s.PostAsync("users/admin/tokens", "{}");
        Assert.Equal(
            """{"error":"Bad request: Super users cannot have persistent tokens.","code":1001}""",
            superToken.Body
        );
        var persistent = await s.PostAsync("users/bob/tokens", """{"desc":"ci"}""");
        Assert.Equal(201, persistent.Status);
        var name = persistent.Json!["name"]!.GetValue<string>();
        Assert.False(persistent.Json!.AsObject().ContainsKey("expires"));
        Assert.Equal(
            "1",
            (await s.SendAsync("GET", "api/v1.1/users/bob/tokens")).Header("x-total-count")
        );
        var foreign = await s.SendAsync("GET", $"api/v1.1/users/admin/tokens/{name}");
        Assert.Equal(
            $$$"""{"error":"Token for admin {{{name}}} does not exist","code":1000}""",
            foreign.Body
        );
        var bobToken = await s.LoginAsync("bob", "pw1");
        var denied = await s.SendAsync("GET", "api/v1.1/users/admin/tokens", token: bobToken);
        Assert.Equal(
            """{"error":"Unauthorized. Cannot read tokens for user.","code":1004}""",
            denied.Body
        );
        var noToken = await s.SendAsync("GET", "api/v1.1/users/bob/tokens", token: "");
        Assert.Equal(400, noToken.Status);
        var bobHiera = await s.SendAsync(
            "POST",
            "api/v1.1/hiera",
            """{"name":"b","hieradata":1,"_sis":{"owner":"g"}}""",
            token: bobToken
        );
        Assert.Equal(201, bobHiera.Status);
        var otherGroup = await s.SendAsync(
            "POST",
            "api/v1.1/hiera",
            """{"name":"c","hieradata":1,"_sis":{"owner":"x"}}""",
            token: bobToken
        );
        Assert.Equal(401, otherGroup.Status);
        Assert.Equal(200, (await s.DeleteAsync("users/bob")).Status);
        Assert.Equal(
            404,
            (
                await s.SendAsync(
                    "POST",
                    "api/v1.1/hiera",
                    """{"name":"d","hieradata":1,"_sis":{"owner":"g"}}""",
                    token: name
                )
            ).Status
        );
    }

    // ---------------------------------------------------------------- schemas and entities

    [Fact]
    public async Task Schema_create_infers_id_field_and_with_counts_counts_entities()
    {
        await using var s = await SisSession.LoggedInAsync();
        var schema = await s.PostAsync(
            "schemas",
            """{"name":"host","definition":{"hostname":{"type":"String","required":true,"unique":true},"num":"Number","tags":["String"]},"_sis":{"owner":["g"]}}"""
        );
        Assert.Equal(201, schema.Status);
        Assert.Equal("hostname", schema.Json!["id_field"]!.GetValue<string>());
        Assert.Equal(
            [
                "name",
                "definition",
                "_id",
                "_v",
                "_sis",
                "any_owner_can_modify",
                "is_public",
                "id_field",
                "is_open",
                "track_history",
                "locked_fields",
            ],
            schema.Json!.AsObject().Select(p => p.Key)
        );
        AssertJson("""["g"]""", schema.Json!["_sis"]!["owner"]);
        AssertJson("[]", schema.Json!["_sis"]!["_references"]);
        Assert.True(schema.Json!["track_history"]!.GetValue<bool>());
        Assert.Equal(
            """{"error":"Bad request: Schema name is reserved.","code":1001}""",
            (
                await s.PostAsync(
                    "schemas",
                    """{"name":"sis_x","definition":{"a":"String"},"_sis":{"owner":["g"]}}"""
                )
            ).Body
        );
        Assert.Equal(
            """{"error":"Bad request: Cannot add an empty schema.","code":1001}""",
            (
                await s.PostAsync(
                    "schemas",
                    """{"name":"x","definition":{},"_sis":{"owner":["g"]}}"""
                )
            ).Body
        );
        var entity = await s.PostAsync("entities/host", """{"hostname":"h1","num":"5","junk":1}""");
        Assert.Equal(201, entity.Status);
        AssertJson(
            $$$"""
            {"hostname":"h1","num":5,"tags":[],"_id":"{{{Id(entity)}}}","_v":0,
             "_sis":{"_created_at":{{{T0}}},"_updated_at":{{{T0}}},"_created_by":"admin","_updated_by":"admin","_version":"v1.1",
                     "any_owner_can_modify":false,"owner":[],"tags":[],"immutable":false,"locked":false}}
            """,
            entity.Json
        );
        Assert.Equal(Id(entity), Id(await s.GetAsync("entities/host/h1")));
        Assert.Equal(Id(entity), Id(await s.GetAsync($"entities/host/{Id(entity)}")));
        var counted = await s.GetAsync("schemas/host?with_counts=true");
        Assert.Equal(1, counted.Json!["entity_count"]!.GetValue<int>());
        Assert.Equal(
            """{"error":"sis_schemas nope does not exist","code":1000}""",
            (await s.GetAsync("entities/nope")).Body
        );
        Assert.Equal(
            """{"error":"Bad request: _id is a reserved field","code":1001}""",
            (await s.PostAsync("entities/host", """{"_id":"x","hostname":"h2"}""")).Body
        );
        Assert.Equal("1", (await s.GetAsync("entities/host?q[num]=5")).Header("x-total-count"));
        var dup = await s.PostAsync("entities/host", """{"hostname":"h1"}""");
        Assert.Equal(500, dup.Status);
    }

    [Fact]
    public async Task Entities_references_populate_and_remove_empty()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync(
            "schemas",
            """{"name":"owner_t","definition":{"n":"String"},"_sis":{"owner":["g"]}}"""
        );
        await s.PostAsync(
            "schemas",
            """{"name":"pet","definition":{"name":"String","o":{"type":"ObjectId","ref":"owner_t"},"list":["String"]},"_sis":{"owner":["g"]}}"""
        );
        var owner = await s.PostAsync("entities/owner_t", """{"n":"ann"}""");
        var missingRef = await s.PostAsync(
            "entities/pet",
            """{"name":"rex","o":"0123456789abcdef01234567"}"""
        );
        Assert.Equal(
            """{"error":"Bad request: Reference does not exist.","code":1001}""",
            missingRef.Body
        );
        var pet = await s.PostAsync("entities/pet", $$$"""{"name":"rex","o":"{{{Id(owner)}}}"}""");
        Assert.Equal(201, pet.Status);
        Assert.Equal(Id(owner), pet.Json!["o"]!.GetValue<string>());
        var populated = await s.GetAsync($"entities/pet/{Id(pet)}");
        Assert.Equal("ann", populated.Json!["o"]!["n"]!.GetValue<string>());
        var plain = await s.GetAsync($"entities/pet/{Id(pet)}?populate=false&removeEmpty=true");
        Assert.Equal(Id(owner), plain.Json!["o"]!.GetValue<string>());
        Assert.False(plain.Json!.AsObject().ContainsKey("list"));
        Assert.False(plain.Json!["_sis"]!.AsObject().ContainsKey("tags"));
    }

    [Fact]
    public async Task Schema_update_unsets_removed_fields_and_delete_drops_entities()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync(
            "schemas",
            """{"name":"t","definition":{"a":"String","b":"Number"},"description":"d","_sis":{"owner":["g"]}}"""
        );
        var entity = await s.PostAsync("entities/t", """{"a":"x","b":1}""");
        var updated = await s.PutAsync(
            "schemas/t",
            """{"name":"t","definition":{"a":"String"},"_sis":{"owner":["g"]}}"""
        );
        Assert.Equal(200, updated.Status);
        Assert.False(updated.Json!.AsObject().ContainsKey("description"));
        var after = await s.GetAsync($"entities/t/{Id(entity)}");
        Assert.False(after.Json!.AsObject().ContainsKey("b"));
        Assert.Equal(200, (await s.DeleteAsync("schemas/t")).Status);
        Assert.Equal(404, (await s.GetAsync("entities/t")).Status);
        await s.PostAsync(
            "schemas",
            """{"name":"t","definition":{"a":"String"},"_sis":{"owner":["g"]}}"""
        );
        Assert.Equal("0", (await s.GetAsync("entities/t")).Header("x-total-count"));
    }

    [Fact]
    public async Task Entity_update_merges_nested_and_counts_array_changes_in_v()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync(
            "schemas",
            """{"name":"n","definition":{"nested":{"x":"Number","y":"Number"},"arr":["Number"],"mixed":{}},"_sis":{"owner":["g"]}}"""
        );
        var entity = await s.PostAsync(
            "entities/n",
            """{"nested":{"x":1,"y":2},"arr":[1],"mixed":{"a":1,"b":2}}"""
        );
        var put = await s.PutAsync(
            $"entities/n/{Id(entity)}",
            """{"nested":{"x":5},"arr":[1,2],"mixed":{"a":null,"c":3}}"""
        );
        Assert.Equal(200, put.Status);
        AssertJson("""{"x":5,"y":2}""", put.Json!["nested"]);
        AssertJson("""{"b":2,"c":3}""", put.Json!["mixed"]);
        Assert.Equal(1, put.Json!["_v"]!.GetValue<int>());
        var same = await s.PutAsync($"entities/n/{Id(entity)}", """{"nested":{"x":6}}""");
        Assert.Equal(1, same.Json!["_v"]!.GetValue<int>());
        await s.PostAsync("entities/n", """{"nested":{"x":1}}""");
        var bulk = await s.PutAsync("entities/n?q[nested.y]=2", """{"nested":{"y":9}}""");
        Assert.Single(bulk.Json!["success"]!.AsArray());
        Assert.Equal("application/json", bulk.ContentType);
        Assert.Equal("1", (await s.GetAsync("entities/n?q[nested.y]=9")).Header("x-total-count"));
    }

    [Fact]
    public async Task Joins_resolve_reference_paths_recursively()
    {
        await using var s = await SisSession.LoggedInAsync();
        await s.PostAsync(
            "schemas",
            """{"name":"ref_0","definition":{"num":"Number"},"_sis":{"owner":["g"]}}"""
        );
        await s.PostAsync(
            "schemas",
            """{"name":"ref_1","definition":{"ref_0":{"type":"ObjectId","ref":"ref_0"}},"_sis":{"owner":["g"]}}"""
        );
        await s.PostAsync(
            "schemas",
            """{"name":"ref_2","definition":{"ref_1":[{"type":"ObjectId","ref":"ref_1"}]},"_sis":{"owner":["g"]}}"""
        );
        var zeros = new List<string>();
        foreach (var n in new[] { 101, 102 })
        {
            zeros.Add(Id(await s.PostAsync("entities/ref_0", $$$"""{"num":{{{n}}}}""")));
        }
        var one = Id(await s.PostAsync("entities/ref_1", $$$"""{"ref_0":"{{{zeros[1]}}}"}"""));
        await s.PostAsync("entities/ref_1", $$$"""{"ref_0":"{{{zeros[0]}}}"}""");
        var two = Id(await s.PostAsync("entities/ref_2", $$$"""{"ref_1":["{{{one}}}"]}"""));
        var direct = await s.GetAsync("entities/ref_1?q[ref_0.num]=102");
        Assert.Equal("1", direct.Header("x-total-count"));
        Assert.Equal(one, Id(await s.GetAsync($"entities/ref_1/{one}")));
        var nested = await s.GetAsync(
            "entities/ref_2?q=" + Uri.EscapeDataString("""{"ref_1.ref_0.num":102}""")
        );
        Assert.Equal("1", nested.Header("x-total-count"));
        Assert.Equal(two, nested.Json![0]!["_id"]!.GetValue<string>());
        var none = await s.GetAsync(
            "entities/ref_2?q=" + Uri.EscapeDataString("""{"$or":[{"ref_1.ref_0.num":5}]}""")
        );
        Assert.Equal("0", none.Header("x-total-count"));
    }

    [Fact]
    public async Task Hooks_fire_after_entity_writes_and_on_trigger()
    {
        var port = FreePort();
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        await using var s = await SisSession.LoggedInAsync(o =>
            o with
            {
                TimeProvider = TimeProvider.System,
            }
        );
        await s.PostAsync(
            "schemas",
            """{"name":"thing","definition":{"n":"Number"},"_sis":{"owner":["g"]}}"""
        );
        var hook = await s.PostAsync(
            "hooks",
            $$$"""{"name":"th","entity_type":"thing","target":{"url":"http://127.0.0.1:{{{port}}}/hook","action":"POST"},"events":["insert","update"],"_sis":{"owner":["g"]}}"""
        );
        Assert.Equal(201, hook.Status);
        var entity = await s.PostAsync("entities/thing", """{"n":1}""");
        var first = await Receive(listener);
        Assert.Equal("th", first["hook"]!.GetValue<string>());
        Assert.Equal("thing", first["entity_type"]!.GetValue<string>());
        Assert.Equal("insert", first["event"]!.GetValue<string>());
        Assert.False(first["is_bulk"]!.GetValue<bool>());
        Assert.Equal(Id(entity), first["data"]!["_id"]!.GetValue<string>());
        var trigger = await s.PostAsync($"hooks/trigger/thing/{Id(entity)}", "{}");
        Assert.Equal(200, trigger.Status);
        Assert.Equal("Hooks triggered successfully", trigger.Json!["message"]!.GetValue<string>());
        var forced = await Receive(listener);
        Assert.Equal("update", forced["event"]!.GetValue<string>());
        Assert.Equal(1, forced["old_value"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Schema_rules_for_id_field_locked_fields_and_track_history()
    {
        await using var s = await SisSession.LoggedInAsync();
        Assert.Equal(
            """{"error":"Bad request: ID Field must be required and unique.","code":1001}""",
            (
                await s.PostAsync(
                    "schemas",
                    """{"name":"a","definition":{"k":"String"},"id_field":"k","_sis":{"owner":["g"]}}"""
                )
            ).Body
        );
        var created = await s.PostAsync(
            "schemas",
            """{"name":"a","definition":{"k":"String","l":"String"},"locked_fields":["l"],"track_history":false,"_sis":{"owner":["g"]}}"""
        );
        Assert.Equal(201, created.Status);
        Assert.Equal("_id", created.Json!["id_field"]!.GetValue<string>());
        Assert.Equal(
            """{"error":"Bad request: Cannot remove field l","code":1001}""",
            (
                await s.PutAsync(
                    "schemas/a",
                    """{"name":"a","definition":{"k":"String"},"locked_fields":["l"],"track_history":false,"_sis":{"owner":["g"]}}"""
                )
            ).Body
        );
        var entity = await s.PostAsync("entities/a", """{"k":"x"}""");
        Assert.Equal(201, entity.Status);
        var commits = await s.GetAsync($"entities/a/{Id(entity)}/commits");
        Assert.Equal("[]", commits.Body);
        Assert.Equal("0", commits.Header("x-total-count"));
        var schemaCommits = await s.GetAsync("schemas/a/commits");
        Assert.Equal("1", schemaCommits.Header("x-total-count"));
        Assert.Equal("sis_schemas", schemaCommits.Json![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_hook_trigger_works_in_read_only_mode_and_needs_an_entity()
    {
        await using var s = await SisSession.StartAsync(o => o with { ReadOnly = true });
        var missing = await s.SendAsync(
            "POST",
            "api/v1.1/hooks/trigger/nope/0123456789abcdef01234567",
            token: null
        );
        Assert.Equal("""{"error":"sis_schemas nope does not exist","code":1000}""", missing.Body);
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static async Task<JsonObject> Receive(System.Net.HttpListener listener)
    {
        var context = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        context.Response.Close();
        return JsonNode.Parse(body)!.AsObject();
    }
}
