using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;

namespace Functional.Tests.Emulators;

/// <summary>
/// The One Platform emulator, driven over real HTTP with literal JSON envelopes (spec §2, §4.3), on a manual clock.
/// </summary>
public class OnePlatformEmulatorTests
{
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), actual?.ToJsonString() ?? "null");

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    // ---- transport and envelope ---------------------------------------------------------------------------

    [Fact]
    public async Task Body_that_is_not_json_is_general_error_minus_one_with_http_200()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (status, contentType, body) = await s.PostRawAsync("{not json");
        Assert.Equal(200, status);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal("""{"error":{"code":-1,"message":"Parse error"}}""", body);
    }

    [Fact]
    public async Task Malformed_envelopes_name_the_wrong_part()
    {
        await using var s = await EmulatorSession.StartAsync();
        var cik = s.RootCik;
        Assert.Equal(
            """{"error":{"code":400,"message":"Malformed request","context":"auth"}}""",
            (await s.PostRawAsync("""{"calls":[]}""")).Body
        );
        Assert.Contains(
            "\"context\":\"auth\"",
            (await s.PostRawAsync("""{"auth":"x","calls":[]}""")).Body,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"context\":\"auth\"",
            (await s.PostRawAsync("""[1,2]""")).Body,
            StringComparison.Ordinal
        );
        Assert.Equal(
            """{"error":{"code":400,"message":"Malformed request","context":"calls"}}""",
            (await s.PostRawAsync($$$"""{"auth":{"cik":"{{{cik}}}"},"calls":{}}""")).Body
        );
        Assert.Equal(
            """{"error":{"code":400,"message":"Malformed request","context":"procedure"}}""",
            (
                await s.PostRawAsync(
                    $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1,"arguments":[]}]}"""
                )
            ).Body
        );
        Assert.Contains(
            "\"context\":\"calls\"",
            (
                await s.PostRawAsync(
                    $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1.5,"procedure":"info","arguments":[]}]}"""
                )
            ).Body,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"context\":\"calls\"",
            (
                await s.PostRawAsync(
                    $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":"{{new string('i', 41)}}","procedure":"info","arguments":[]}]}"""
                )
            ).Body,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"context\":\"auth\"",
            (
                await s.PostRawAsync(
                    $$"""{"auth":{"cik":"{{cik}}","token":"{{cik}}"},"calls":[]}"""
                )
            ).Body,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Unknown_cik_is_the_exact_general_401()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (status, _, body) = await s.PostRawAsync(
            """{"auth":{"cik":"0123456789012345678901234567890123456789"},"calls":[{"id":1,"procedure":"info","arguments":[{"alias":""},{}]}]}"""
        );
        Assert.Equal(200, status);
        Assert.Equal("""{"error":{"code":401,"message":"Authorization failed"}}""", body);
    }

    [Fact]
    public async Task Legacy_path_is_accepted_and_other_paths_and_methods_are_not()
    {
        await using var s = await EmulatorSession.StartAsync();
        var envelope =
            $$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{"id":"a","procedure":"lookup","arguments":["alias",""]}]}""";
        var legacy = await s.PostRawAsync(envelope, "api:v1/rpc/process");
        Assert.Equal(
            $$"""[{"id":"a","status":"ok","result":"{{s.Emulator.RootRid}}"}]""",
            legacy.Body
        );
        Assert.Equal(404, (await s.PostRawAsync(envelope, "onep:v1/rpc/other")).Status);
        using var get = await s.Http.GetAsync(s.Emulator.RpcUri);
        Assert.Equal(405, (int)get.StatusCode);
    }

    [Fact]
    public async Task Calls_run_in_order_echo_ids_and_calls_without_id_get_no_element()
    {
        await using var s = await EmulatorSession.StartAsync();
        var dp = await s.CreateDataportAsync(s.RootCik, "integer", "n");
        var body = await s.PostAsync(
            $$"""
            {"auth":{"cik":"{{s.RootCik}}"},"calls":[
              {"procedure":"write","arguments":[{"alias":"n"},7]},
              {"id":"read-it","procedure":"read","arguments":[{"alias":"n"},{}]},
              {"id":12345678901234567890,"procedure":"read","arguments":["{{dp}}"]}]}
            """
        );
        var now = s.Clock.UnixSeconds;
        Assert.Equal(
            $$"""[{"id":"read-it","status":"ok","result":[[{{now}},7]]},{"id":12345678901234567890,"status":"ok","result":[[{{now}},7]]}]""",
            body
        );
        var silent = await s.PostRawAsync(
            $$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{"procedure":"write","arguments":[{"alias":"n"},8]}]}"""
        );
        Assert.Equal(200, silent.Status);
        Assert.Equal("", silent.Body);
    }

    [Fact]
    public async Task Unknown_procedure_and_missing_arguments_fail_per_call()
    {
        await using var s = await EmulatorSession.StartAsync();
        var body = await s.PostAsync(
            $$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{"id":1,"procedure":"teleport","arguments":[]},{"id":2,"procedure":"read"},{"id":3,"procedure":"drop","arguments":[1,2,3]}]}"""
        );
        Assert.Equal(
            """[{"id":1,"status":"fail","error":{"code":501,"message":"Error","context":"procedure"}},{"id":2,"status":"fail","error":{"code":501,"message":"Error","context":"arguments"}},{"id":3,"status":"fail","error":{"code":501,"message":"Error","context":"arguments"}}]""",
            body
        );
    }

    [Fact]
    public async Task Oversized_body_and_deep_nesting_get_general_errors_and_the_server_keeps_serving()
    {
        await using var s = await EmulatorSession.StartAsync(o =>
            o with
            {
                MaxRequestBodyBytes = 1024,
            }
        );
        var big =
            $$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{"id":1,"procedure":"write","arguments":["x","{{new string('a', 2000)}}"]}]}""";
        Assert.Equal(
            """{"error":{"code":400,"message":"Request too large"}}""",
            (await s.PostRawAsync(big)).Body
        );
        var deep = new string('[', 500) + new string(']', 500);
        Assert.Equal(
            """{"error":{"code":-1,"message":"Parse error"}}""",
            (await s.PostRawAsync(deep)).Body
        );
        Assert.Equal(s.Emulator.RootRid, Text(await s.Ok(s.RootCik, "lookup", """["alias",""]""")));
    }

    // ---- read / write ------------------------------------------------------------------------------------

    [Fact]
    public async Task Read_window_sort_limit_and_givenwindow_reproduce_the_exoline_example()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "string", "s");
        await s.Ok(
            s.RootCik,
            "recordbatch",
            """[{"alias":"s"},[[1,"a"],[2,"a"],[3,"c"],[4,"d"],[5,"e"],[8,"f"]]]"""
        );
        async Task<JsonNode?> Read(string options) =>
            await s.Ok(s.RootCik, "read", $$"""[{"alias":"s"},{{options}}]""");

        AssertJson(
            """[[8,"f"],[1,"a"]]""",
            await Read(
                """{"starttime":1,"endtime":10,"limit":2,"selection":"givenwindow","sort":"desc"}"""
            )
        );
        AssertJson(
            """[[8,"f"],[5,"e"]]""",
            await Read("""{"starttime":1,"endtime":10,"limit":2,"selection":"all","sort":"desc"}""")
        );
        AssertJson(
            """[[1,"a"],[2,"a"]]""",
            await Read("""{"starttime":1,"endtime":10,"limit":2,"sort":"asc"}""")
        );
        AssertJson("""[[4,"d"]]""", await Read("""{"starttime":4,"endtime":4,"limit":10}"""));
        AssertJson("""[[8,"f"]]""", await Read("{}"));
        AssertJson(
            """[[1,"a"],[3,"c"],[5,"e"]]""",
            await Read(
                """{"starttime":1,"endtime":10,"limit":3,"selection":"autowindow","sort":"asc"}"""
            )
        );
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "read", """[{"alias":"s"},{"limit":-1}]""")
        );
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "read", """[{"alias":"s"},{"sort":"sideways"}]""")
        );
        Assert.Equal("invalid", await s.Status(s.RootCik, "read", """[{"alias":"nope"},{}]"""));
    }

    [Fact]
    public async Task Written_strings_are_coerced_to_the_dataport_format_and_floats_keep_a_fraction()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "i");
        await s.CreateDataportAsync(s.RootCik, "float", "f");
        await s.CreateDataportAsync(s.RootCik, "string", "t");
        var now = s.Clock.UnixSeconds;

        await s.Ok(s.RootCik, "write", """[{"alias":"i"},"42",{}]""");
        await s.Ok(
            s.RootCik,
            "record",
            $$"""[{"alias":"f"},[[{{now - 3}},"1"],[{{now - 2}},"0"],[{{now - 1}},"-0.1234567"]],{}]"""
        );
        await s.Ok(s.RootCik, "write", """[{"alias":"t"},42]""");
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "write", """[{"alias":"i"},"forty-two"]""")
        );
        Assert.Equal("invalid", await s.Status(s.RootCik, "write", """[{"alias":"f"},"NaN"]"""));
        Assert.Equal("invalid", await s.Status(s.RootCik, "write", """[{"alias":"t"},null]"""));
        Assert.Equal(
            "invalid",
            await s.Status(
                s.RootCik,
                "write",
                $$"""[{"alias":"t"},"{{new string('x', 65 * 1024)}}"]"""
            )
        );

        var body = await s.PostAsync(
            $$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{"id":1,"procedure":"read","arguments":[{"alias":"i"},{}]},{"id":2,"procedure":"read","arguments":[{"alias":"f"},{"limit":3,"sort":"asc"}]},{"id":3,"procedure":"read","arguments":[{"alias":"t"},{}]}]}"""
        );
        Assert.Equal(
            $$"""[{"id":1,"status":"ok","result":[[{{now}},42]]},{"id":2,"status":"ok","result":[[{{now - 3}},1.0],[{{now - 2}},0.0],[{{now - 1}},-0.1234567]]},{"id":3,"status":"ok","result":[[{{now}},"42"]]}]""",
            body
        );
    }

    [Fact]
    public async Task A_second_write_in_the_same_second_overwrites_and_writegroup_shares_one_timestamp()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "a");
        await s.CreateDataportAsync(s.RootCik, "integer", "b");
        await s.Ok(s.RootCik, "write", """[{"alias":"a"},1]""");
        await s.Ok(s.RootCik, "write", """[{"alias":"a"},2]""");
        var t0 = s.Clock.UnixSeconds;
        AssertJson(
            $"[[{t0},2]]",
            await s.Ok(s.RootCik, "read", """[{"alias":"a"},{"limit":10}]""")
        );

        s.Clock.Advance(TimeSpan.FromSeconds(5));
        await s.Ok(s.RootCik, "writegroup", """[[[{"alias":"a"},3],[{"alias":"b"},"4"]]]""");
        var t1 = s.Clock.UnixSeconds;
        AssertJson(
            $"[[{t1},3],[{t0},2]]",
            await s.Ok(s.RootCik, "read", """[{"alias":"a"},{"limit":10}]""")
        );
        AssertJson(
            $"[[{t1},4]]",
            await s.Ok(s.RootCik, "read", """[{"alias":"b"},{"limit":10}]""")
        );

        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "writegroup", """[[[{"alias":"a"},5],[{"alias":"b"},"x"]]]""")
        );
        AssertJson($"[[{t1},3]]", await s.Ok(s.RootCik, "read", """[{"alias":"a"},{}]"""));
    }

    [Fact]
    public async Task Recordbatch_stores_the_good_entries_and_lists_the_rejected_ones()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "n");
        var now = s.Clock.UnixSeconds;
        var element = await s.As(
            s.RootCik,
            "recordbatch",
            """[{"alias":"n"},[[100,"1"],[200,"x"],[-5,3],["soon",4],[300,2.5]]]"""
        );
        AssertJson("""[[200,"invalid"],["soon","invalid"],[300,"invalid"]]""", element["status"]);
        AssertJson(
            $"[[100,1],[{now - 5},3]]",
            await s.Ok(s.RootCik, "read", """[{"alias":"n"},{"limit":10,"sort":"asc"}]""")
        );
    }

    [Fact]
    public async Task Flush_bounds_are_strict_and_bad_bounds_are_invalid()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "n");
        await s.Ok(
            s.RootCik,
            "recordbatch",
            """[{"alias":"n"},[[1,1],[2,2],[3,3],[4,4],[5,5],[6,6]]]"""
        );
        await s.Ok(s.RootCik, "flush", """[{"alias":"n"},{"newerthan":1,"olderthan":5}]""");
        AssertJson(
            "[[1,1],[5,5],[6,6]]",
            await s.Ok(s.RootCik, "read", """[{"alias":"n"},{"limit":10,"sort":"asc"}]""")
        );
        await s.Ok(s.RootCik, "flush", """[{"alias":"n"},{"newerthan":5}]""");
        AssertJson(
            "[[1,1],[5,5]]",
            await s.Ok(s.RootCik, "read", """[{"alias":"n"},{"limit":10,"sort":"asc"}]""")
        );
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "flush", """[{"alias":"n"},{"olderthan":"yesterday"}]""")
        );
        await s.Ok(s.RootCik, "flush", """[{"alias":"n"}]""");
        AssertJson("[]", await s.Ok(s.RootCik, "read", """[{"alias":"n"},{"limit":10}]"""));
    }

    [Fact]
    public async Task Retention_count_keeps_only_the_newest_points()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(
            s.RootCik,
            "integer",
            "n",
            ""","retention":{"count":2,"duration":"infinity"}"""
        );
        await s.Ok(s.RootCik, "recordbatch", """[{"alias":"n"},[[1,1],[2,2],[3,3]]]""");
        AssertJson(
            "[[2,2],[3,3]]",
            await s.Ok(s.RootCik, "read", """[{"alias":"n"},{"limit":10,"sort":"asc"}]""")
        );
    }

    // ---- wait ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Wait_expires_after_its_timeout_on_the_emulator_clock()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "n");
        var waiting = s.As(s.RootCik, "wait", """[{"alias":"n"},{"timeout":10000}]""");
        await s.UntilParkedAsync(1);
        Assert.False(waiting.IsCompleted);
        s.Clock.Advance(TimeSpan.FromSeconds(10));
        var element = await waiting;
        Assert.Equal("expire", Text(element["status"]));
        Assert.Equal(0, s.Emulator.PendingWaits);
    }

    [Fact]
    public async Task Wait_wakes_up_when_a_point_is_written_and_does_not_block_other_requests()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "string", "msg");
        var waiting = s.As(s.RootCik, "wait", """[{"alias":"msg"},{"timeout":300000}]""");
        await s.UntilParkedAsync(1);
        await s.Ok(s.RootCik, "write", """[{"alias":"msg"},"hello"]""");
        var element = await waiting;
        AssertJson(
            $$"""{"id":1,"status":"ok","result":[{{s.Clock.UnixSeconds}},"hello"]}""",
            element
        );
    }

    [Fact]
    public async Task Wait_with_since_answers_at_once_and_rejects_bad_timeouts()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "n");
        await s.Ok(s.RootCik, "recordbatch", """[{"alias":"n"},[[10,1],[20,2],[30,3]]]""");
        AssertJson(
            "[20,2]",
            await s.Ok(s.RootCik, "wait", """[{"alias":"n"},{"since":10,"timeout":1000}]""")
        );
        // Spec §2.5: wait answers "error" for a bad request.
        Assert.Equal(
            "error",
            await s.Status(s.RootCik, "wait", """[{"alias":"n"},{"timeout":300001}]""")
        );
        Assert.Equal(
            "error",
            await s.Status(s.RootCik, "wait", """[{"alias":"n"},{"since":"soon"}]""")
        );
        Assert.Equal(
            "expire",
            await s.Status(s.RootCik, "wait", """[{"alias":"n"},{"timeout":0}]""")
        );
    }

    [Fact]
    public async Task Aborted_wait_is_forgotten()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "n");
        using var cts = new CancellationTokenSource();
        var waiting = s.PostAsync(
            $$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{"id":1,"procedure":"wait","arguments":[{"alias":"n"},{}]}]}""",
            cts.Token
        );
        await s.UntilParkedAsync(1);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (s.Emulator.PendingWaits > 0)
        {
            await Task.Delay(5, guard.Token);
        }
    }

    // ---- resources -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Create_fills_documented_defaults_and_keeps_unknown_keys()
    {
        await using var s = await EmulatorSession.StartAsync();
        var client = Text(
            await s.Ok(
                s.RootCik,
                "create",
                """[{"alias":""},"client",{"writeinterval":"inherit","visibility":"private","limits":{"io":"inherit","dataport":"inherit"}}]"""
            )
        );
        Assert.Matches("^[0-9a-f]{40}$", client);
        AssertJson(
            """{"limits":{"client":0,"dataport":"inherit","datarule":0,"disk":0,"dispatch":0,"email":0,"email_bucket":0,"http":0,"http_bucket":0,"share":0,"sms":0,"sms_bucket":0,"xmpp":0,"xmpp_bucket":0,"io":"inherit"},"locked":false,"meta":"","name":"","public":false,"writeinterval":"inherit","visibility":"private"}""",
            (await s.Ok(s.RootCik, "info", $$"""["{{client}}",{"description":true}]"""))![
                "description"
            ]
        );
        var dataport = Text(
            await s.Ok(
                s.RootCik,
                "create",
                """["dataport",{"format":"string","retention":{"count":4,"duration":"infinity"}}]"""
            )
        );
        AssertJson(
            """{"description":{"format":"string","meta":"","name":"","preprocess":[],"public":false,"retention":{"count":4,"duration":"infinity"},"subscribe":null}}""",
            await s.Ok(s.RootCik, "info", $$"""["{{dataport}}",{"description":true}]""")
        );
        Assert.Equal(
            "invalid",
            await s.Status(
                s.RootCik,
                "create",
                """[{"alias":""},"dataport",{"name":"no format"}]"""
            )
        );
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "create", """[{"alias":""},"gizmo",{}]""")
        );
    }

    [Fact]
    public async Task Client_limits_are_enforced_on_create_and_update()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (rid, cik) = await s.CreateClientAsync(s.RootCik, """{"limits":{"dataport":1}}""");
        await s.CreateDataportAsync(cik, "integer");
        Assert.Equal(
            "invalid",
            await s.Status(cik, "create", """["dataport",{"format":"integer"}]""")
        );
        Assert.Equal("invalid", await s.Status(cik, "create", """["client",{}]"""));
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "update", $$$"""["{{{rid}}}",{"limits":{"dataport":0}}]""")
        );
        await s.Ok(s.RootCik, "update", $$$"""["{{{rid}}}",{"limits":{"dataport":2}}]""");
        await s.CreateDataportAsync(cik, "integer");
    }

    [Fact]
    public async Task Update_merges_keys_but_cannot_change_format_or_the_caller_itself()
    {
        await using var s = await EmulatorSession.StartAsync();
        var dp = await s.CreateDataportAsync(s.RootCik, "float", extra: ""","meta":"m" """);
        await s.Ok(s.RootCik, "update", $$"""["{{dp}}",{"name":"temperature"}]""");
        var description = (await s.Ok(s.RootCik, "info", $$"""["{{dp}}",{"description":true}]"""))![
            "description"
        ]!;
        Assert.Equal("temperature", Text(description["name"]));
        Assert.Equal("m", Text(description["meta"]));
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "update", $$"""["{{dp}}",{"format":"string"}]""")
        );
        Assert.Equal(
            "restricted",
            await s.Status(s.RootCik, "update", """[{"alias":""},{"name":"me"}]""")
        );
    }

    [Fact]
    public async Task Drop_removes_the_whole_subtree_and_later_info_is_restricted()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, childCik) = await s.CreateClientAsync(s.RootCik);
        var (grandchild, grandchildCik) = await s.CreateClientAsync(childCik);
        var dp = await s.CreateDataportAsync(grandchildCik, "integer");
        await s.Ok(s.RootCik, "drop", $$"""["{{child}}"]""");
        Assert.Equal("restricted", await s.Status(s.RootCik, "info", $$"""["{{child}}",{}]"""));
        Assert.Equal(
            "restricted",
            await s.Status(s.RootCik, "info", $$"""["{{grandchild}}",{}]""")
        );
        Assert.Equal("restricted", await s.Status(s.RootCik, "read", $$"""["{{dp}}",{}]"""));
        Assert.Equal(
            """{"error":{"code":401,"message":"Authorization failed"}}""",
            (await s.PostRawAsync($$"""{"auth":{"cik":"{{grandchildCik}}"},"calls":[]}""")).Body
        );
        Assert.Equal("restricted", await s.Status(s.RootCik, "drop", """[{"alias":""}]"""));
    }

    [Fact]
    public async Task Move_puts_a_client_under_another_and_refuses_cycles()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (a, aCik) = await s.CreateClientAsync(s.RootCik);
        var (b, _) = await s.CreateClientAsync(aCik);
        await s.Ok(s.RootCik, "move", $$"""["{{b}}",{"alias":""},{"aliases":true}]""");
        var listing = await s.Ok(s.RootCik, "listing", """[{"alias":""},["client"],{}]""");
        AssertJson($$"""{"client":["{{a}}","{{b}}"]}""", listing);
        Assert.Equal("invalid", await s.Status(s.RootCik, "move", $$"""["{{a}}","{{a}}"]"""));
        Assert.Equal("restricted", await s.Status(aCik, "move", $$"""["{{b}}",{"alias":""}]"""));
    }

    [Fact]
    public async Task Clone_copies_a_client_subtree_with_new_ids()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (template, templateCik) = await s.CreateClientAsync(s.RootCik);
        await s.CreateDataportAsync(templateCik, "integer", "n");
        await s.Ok(templateCik, "write", """[{"alias":"n"},5]""");
        var copy = Text(
            await s.Ok(
                s.RootCik,
                "create",
                $$"""[{"alias":""},"clone",{"rid":"{{template}}","nohistorical":true}]"""
            )
        );
        Assert.NotEqual(template, copy);
        var copyCik = Text(
            (await s.Ok(s.RootCik, "info", $$"""["{{copy}}",{"key":true}]"""))!["key"]
        );
        Assert.NotEqual(templateCik, copyCik);
        AssertJson("[]", await s.Ok(copyCik, "read", """[{"alias":"n"},{}]"""));
        var copiedPort = Text(await s.Ok(copyCik, "lookup", """["alias","n"]"""));
        Assert.NotEqual(Text(await s.Ok(templateCik, "lookup", """["alias","n"]""")), copiedPort);
    }

    // ---- info, listing, aliases --------------------------------------------------------------------------

    [Fact]
    public async Task Info_visibility_follows_ownership_and_only_the_direct_owner_gets_the_key()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, childCik) = await s.CreateClientAsync(s.RootCik);
        var (grandchild, grandchildCik) = await s.CreateClientAsync(childCik);

        var full = (JsonObject)(await s.Ok(childCik, "info", $$"""["{{grandchild}}",{}]"""))!;
        Assert.Equal(
            [
                "aliases",
                "basic",
                "comments",
                "counts",
                "description",
                "key",
                "shares",
                "subscribers",
                "tagged",
                "tags",
                "usage",
            ],
            full.Select(p => p.Key).ToArray()
        );
        Assert.Equal(grandchildCik, Text(full["key"]));
        Assert.Equal("activated", Text(full["basic"]!["status"]));

        var fromAncestor = (JsonObject)
            (await s.Ok(s.RootCik, "info", $$"""["{{grandchild}}",{}]"""))!;
        Assert.Equal(
            ["basic", "comments", "counts", "description", "subscribers", "tags", "usage"],
            fromAncestor.Select(p => p.Key).ToArray()
        );
        Assert.Equal(
            "restricted",
            await s.Status(s.RootCik, "info", $$"""["{{grandchild}}",{"key":true}]""")
        );
        Assert.Equal(
            "restricted",
            await s.Status(s.RootCik, "info", $$"""["{{grandchild}}",{"aliases":true}]""")
        );
        Assert.Equal(
            "restricted",
            await s.Status(grandchildCik, "info", """[{"alias":""},{"key":true}]""")
        );
        AssertJson(
            """{"basic":{"modified":1577836800,"status":"activated","subscribers":0,"type":"client"}}""",
            await s.Ok(grandchildCik, "info", """[{"alias":""},{"basic":true}]""")
        );
        Assert.Equal(
            "restricted",
            await s.Status(childCik, "info", $$"""["{{s.Emulator.RootRid}}",{}]""")
        );
        _ = child;
    }

    [Fact]
    public async Task Listing_supports_documented_and_deprecated_forms()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (_, cik) = await s.CreateClientAsync(s.RootCik);
        var dp = await s.CreateDataportAsync(cik, "string");
        AssertJson(
            $$"""{"client":[],"dataport":["{{dp}}"]}""",
            await s.Ok(cik, "listing", """[{"alias":""},["client","dataport"],{}]""")
        );
        AssertJson(
            $$"""[["{{dp}}"],[]]""",
            await s.Ok(cik, "listing", """[["dataport","datarule"]]""")
        );
        AssertJson(
            $$"""{"dataport":["{{dp}}"]}""",
            await s.Ok(cik, "listing", """[["dataport"],{"owned":true}]""")
        );
        var bad = await s.As(cik, "listing", """[{"alias":""},["dataport","gizmo"],{}]""");
        Assert.Equal("error", Text(bad["status"]));
        Assert.Equal(
            "invalid",
            await s.Status(cik, "listing", """[{"alias":""},["dataport"],{"owned":"yes"}]""")
        );
    }

    [Fact]
    public async Task Aliases_map_unmap_and_lookup()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, childCik) = await s.CreateClientAsync(s.RootCik);
        var dp = await s.CreateDataportAsync(childCik, "integer", "temp");
        Assert.Equal(dp, Text(await s.Ok(childCik, "lookup", """["alias","temp"]""")));
        Assert.Equal(dp, Text(await s.Ok(childCik, "lookup", """[{"alias":""},"alias","temp"]""")));
        Assert.Equal(child, Text(await s.Ok(childCik, "lookup", """["alias",""]""")));
        Assert.Equal(child, Text(await s.Ok(childCik, "lookup", $$"""["owner","{{dp}}"]""")));
        Assert.Equal(
            s.Emulator.RootRid,
            Text(await s.Ok(s.RootCik, "lookup", $$"""["owner","{{child}}"]"""))
        );
        Assert.Equal(
            "restricted",
            await s.Status(childCik, "lookup", $$"""["owner","{{child}}"]""")
        );
        await s.Ok(childCik, "unmap", """["alias","temp"]""");
        await s.Ok(childCik, "unmap", """[{"alias":""},"alias","temp"]""");
        Assert.Equal("invalid", await s.Status(childCik, "info", """[{"alias":"temp"},{}]"""));
        Assert.Equal("invalid", await s.Status(childCik, "lookup", """["alias","temp"]"""));
    }

    // ---- shares, keys, tokens ------------------------------------------------------------------------------

    [Fact]
    public async Task A_share_code_has_one_read_only_activator_until_revoked()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (_, ownerCik) = await s.CreateClientAsync(s.RootCik);
        var (reader, readerCik) = await s.CreateClientAsync(s.RootCik);
        var (_, otherCik) = await s.CreateClientAsync(s.RootCik);
        var dp = await s.CreateDataportAsync(ownerCik, "integer", "n");
        await s.Ok(ownerCik, "write", """[{"alias":"n"},9]""");
        var code = Text(await s.Ok(ownerCik, "share", $$"""["{{dp}}",{"meta":"hello"}]"""));
        Assert.Matches("^[0-9a-f]{40}$", code);

        Assert.Equal("restricted", await s.Status(readerCik, "read", $$"""["{{dp}}",{}]"""));
        await s.Ok(readerCik, "activate", $$"""[{"alias":""},"share","{{code}}"]""");
        Assert.Equal("invalid", await s.Status(otherCik, "activate", $$"""["share","{{code}}"]"""));
        Assert.Equal(dp, Text(await s.Ok(readerCik, "lookup", $$"""["shared","{{code}}"]""")));
        AssertJson(
            $"[[{s.Clock.UnixSeconds},9]]",
            await s.Ok(readerCik, "read", $$"""["{{dp}}",{}]""")
        );
        Assert.Equal("restricted", await s.Status(readerCik, "write", $$"""["{{dp}}",1]"""));
        Assert.Equal("restricted", await s.Status(readerCik, "flush", $$"""["{{dp}}"]"""));
        AssertJson(
            """{"dataport":[]}""",
            await s.Ok(readerCik, "listing", """[{"alias":""},["dataport"],{}]""")
        );
        AssertJson(
            $$"""{"dataport":["{{dp}}"]}""",
            await s.Ok(readerCik, "listing", """[{"alias":""},["dataport"],{"activated":true}]""")
        );
        AssertJson(
            $$"""{"shares":[{"activator":"{{reader}}","code":"{{code}}","meta":"hello"}]}""",
            await s.Ok(ownerCik, "info", $$"""["{{dp}}",{"shares":true}]""")
        );

        Assert.Equal("noauth", await s.Status(otherCik, "revoke", $$"""["share","{{code}}"]"""));
        await s.Ok(ownerCik, "revoke", $$"""["share","{{code}}"]""");
        Assert.Equal("restricted", await s.Status(readerCik, "read", $$"""["{{dp}}",{}]"""));
        Assert.Equal("invalid", await s.Status(otherCik, "activate", $$"""["share","{{code}}"]"""));
    }

    [Fact]
    public async Task Revoking_a_client_key_invalidates_the_old_cik_until_the_new_one_is_activated()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, oldCik) = await s.CreateClientAsync(s.RootCik);
        Assert.Equal("noauth", await s.Status(oldCik, "revoke", $$"""["client","{{oldCik}}"]"""));
        await s.Ok(s.RootCik, "revoke", $$"""["client","{{oldCik}}"]""");
        var unauthorized = """{"error":{"code":401,"message":"Authorization failed"}}""";
        Assert.Equal(
            unauthorized,
            (await s.PostRawAsync($$"""{"auth":{"cik":"{{oldCik}}"},"calls":[]}""")).Body
        );
        var info = await s.Ok(s.RootCik, "info", $$"""["{{child}}",{"key":true,"basic":true}]""");
        var newCik = Text(info!["key"]);
        Assert.NotEqual(oldCik, newCik);
        Assert.Equal("notactivated", Text(info["basic"]!["status"]));
        Assert.Equal(
            unauthorized,
            (await s.PostRawAsync($$"""{"auth":{"cik":"{{newCik}}"},"calls":[]}""")).Body
        );
        await s.Ok(s.RootCik, "activate", $$"""[{"alias":""},"client","{{newCik}}"]""");
        Assert.Equal(child, Text(await s.Ok(newCik, "lookup", """["alias",""]""")));
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "activate", $$"""["client","{{newCik}}"]""")
        );
    }

    [Fact]
    public async Task A_granted_token_may_only_call_granted_procedures_until_it_expires()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, childCik) = await s.CreateClientAsync(s.RootCik);
        await s.CreateDataportAsync(childCik, "string", "message");
        var token = Text(
            await s.Ok(
                s.RootCik,
                "grant",
                $$"""["{{child}}",{"{{child}}":["read","write"]},{"ttl":1000}]"""
            )
        );
        Assert.Matches("^[0-9a-f]{40}$", token);
        var auth = $$"""{"token":"{{token}}"}""";

        Assert.Equal(
            "ok",
            Text((await s.CallAsync(auth, "write", """[{"alias":"message"},"你好"]"""))["status"])
        );
        AssertJson(
            $$"""{"id":1,"status":"ok","result":[[{{s.Clock.UnixSeconds}},"你好"]]}""",
            await s.CallAsync(auth, "read", """[{"alias":"message"},{"limit":1}]""")
        );
        Assert.Equal(
            "restricted",
            Text((await s.CallAsync(auth, "info", """[{"alias":"message"},{}]"""))["status"])
        );
        Assert.Equal(
            "restricted",
            Text(
                (await s.CallAsync(auth, "create", """["dataport",{"format":"string"}]"""))[
                    "status"
                ]
            )
        );

        s.Clock.Advance(TimeSpan.FromSeconds(1000));
        Assert.Equal(
            """{"error":{"code":401,"message":"Authorization failed"}}""",
            (await s.PostRawAsync($$"""{"auth":{{auth}},"calls":[]}""")).Body
        );
    }

    [Fact]
    public async Task Client_id_and_resource_id_auth_act_as_a_descendant_or_an_owner()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, childCik) = await s.CreateClientAsync(s.RootCik);
        var dp = await s.CreateDataportAsync(childCik, "integer");
        var asChild = await s.CallAsync(
            $$"""{"cik":"{{s.RootCik}}","client_id":"{{child}}"}""",
            "lookup",
            """["alias",""]"""
        );
        Assert.Equal(child, Text(asChild["result"]));
        var asOwner = await s.CallAsync(
            $$"""{"cik":"{{s.RootCik}}","resource_id":"{{dp}}"}""",
            "lookup",
            """["alias",""]"""
        );
        Assert.Equal(child, Text(asOwner["result"]));
        Assert.Equal(
            """{"error":{"code":401,"message":"Authorization failed"}}""",
            (
                await s.PostRawAsync(
                    $$"""{"auth":{"cik":"{{childCik}}","client_id":"{{s.Emulator.RootRid}}"},"calls":[]}"""
                )
            ).Body
        );
    }

    [Fact]
    public async Task A_locked_client_gets_locked_for_every_call()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, cik) = await s.CreateClientAsync(s.RootCik, """{"locked":true}""");
        var body = await s.PostAsync(
            $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1,"procedure":"lookup","arguments":["alias",""]},{"id":2,"procedure":"nonsense"}]}"""
        );
        Assert.Equal("""[{"id":1,"status":"locked"},{"id":2,"status":"locked"}]""", body);
        Assert.Equal(
            "locked",
            Text(
                (await s.Ok(s.RootCik, "info", $$"""["{{child}}",{"basic":true}]"""))!["basic"]![
                    "status"
                ]
            )
        );
    }

    [Fact]
    public async Task Comments_and_tags_are_reported_by_info_and_listing()
    {
        await using var s = await EmulatorSession.StartAsync();
        var dp = await s.CreateDataportAsync(s.RootCik, "integer");
        await s.Ok(s.RootCik, "comment", $$"""["{{dp}}","public","hi"]""");
        await s.Ok(s.RootCik, "tag", $$"""["{{dp}}","add","blue"]""");
        AssertJson(
            """{"comments":[["public","hi"]],"tags":["blue"]}""",
            await s.Ok(s.RootCik, "info", $$"""["{{dp}}",{"comments":true,"tags":true}]""")
        );
        AssertJson(
            $$"""{"dataport":["{{dp}}"]}""",
            await s.Ok(
                s.RootCik,
                "listing",
                """[{"alias":""},["dataport"],{"tagged":["blue","red"]}]"""
            )
        );
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "tag", $$"""["{{dp}}","paint","blue"]""")
        );
    }

    [Fact]
    public async Task Deactivating_a_share_frees_the_code_and_an_existing_code_updates_meta()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (_, ownerCik) = await s.CreateClientAsync(s.RootCik);
        var (_, readerCik) = await s.CreateClientAsync(s.RootCik);
        var (_, otherCik) = await s.CreateClientAsync(s.RootCik);
        var dp = await s.CreateDataportAsync(ownerCik, "integer");
        var code = Text(await s.Ok(ownerCik, "share", $$"""["{{dp}}"]"""));
        Assert.Equal(
            code,
            Text(await s.Ok(ownerCik, "share", $$"""["{{dp}}",{"meta":"v2","code":"{{code}}"}]"""))
        );
        await s.Ok(readerCik, "activate", $$"""["share","{{code}}"]""");
        Assert.Equal(
            "invalid",
            await s.Status(otherCik, "deactivate", $$"""[{"alias":""},"share","{{code}}"]""")
        );
        await s.Ok(readerCik, "deactivate", $$"""[{"alias":""},"share","{{dp}}"]""");
        Assert.Equal("restricted", await s.Status(readerCik, "read", $$"""["{{dp}}",{}]"""));
        await s.Ok(otherCik, "activate", $$"""[{"alias":""},"share","{{code}}"]""");
        AssertJson(
            $$"""{"shares":[{"activator":"{{(await s.Ok(otherCik, "lookup", """["alias",""]"""))!.GetValue<string>()}}","code":"{{code}}","meta":"v2"}]}""",
            await s.Ok(ownerCik, "info", $$"""["{{dp}}",{"shares":true}]""")
        );
    }

    [Fact]
    public async Task Clone_by_share_code_needs_a_code_nobody_activated()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (template, templateCik) = await s.CreateClientAsync(s.RootCik);
        await s.CreateDataportAsync(templateCik, "integer", "n");
        var code = Text(
            await s.Ok(
                s.RootCik,
                "share",
                $$"""["{{template}}",{"meta":"[\"vendor\", \"model\"]"}]"""
            )
        );
        var (_, portalCik) = await s.CreateClientAsync(s.RootCik);
        var copy = Text(
            await s.Ok(
                portalCik,
                "create",
                $$"""[{"alias":""},"clone",{"code":"{{code}}","noaliases":true}]"""
            )
        );
        AssertJson(
            $$"""{"client":["{{copy}}"]}""",
            await s.Ok(portalCik, "listing", """[{"alias":""},["client"],{}]""")
        );
        var copyCik = Text(
            (await s.Ok(portalCik, "info", $$"""["{{copy}}",{"key":true}]"""))!["key"]
        );
        Assert.Equal("invalid", await s.Status(copyCik, "lookup", """["alias","n"]"""));
        Assert.Single((await s.Ok(copyCik, "listing", """[["dataport"]]"""))![0]!.AsArray());
        await s.Ok(portalCik, "activate", $$"""["share","{{code}}"]""");
        Assert.Equal(
            "invalid",
            await s.Status(portalCik, "create", $$"""["clone",{"code":"{{code}}"}]""")
        );
        Assert.Equal(
            "invalid",
            await s.Status(
                portalCik,
                "create",
                $$"""["clone",{"code":"{{code}}","rid":"{{template}}"}]"""
            )
        );
    }

    [Fact]
    public async Task Usage_and_counts_report_resources_and_consumables()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, childCik) = await s.CreateClientAsync(s.RootCik);
        var start = s.Clock.UnixSeconds;
        var dp = await s.CreateDataportAsync(childCik, "integer", "n");
        await s.Ok(
            childCik,
            "create",
            $$"""["dispatch",{"method":"email","recipient":"a@example.com","message":"alarm","subscribe":"{{dp}}"}]"""
        );
        s.Clock.Advance(TimeSpan.FromSeconds(100));
        await s.Ok(childCik, "write", """[{"alias":"n"},1]""");
        Assert.Equal(
            100,
            (
                await s.Ok(
                    s.RootCik,
                    "usage",
                    $$"""["{{child}}","dataport",{{start}},{{start + 1000}}]"""
                )
            )!.GetValue<long>()
        );
        Assert.Equal(
            1,
            (
                await s.Ok(
                    s.RootCik,
                    "usage",
                    $$"""["{{child}}","email",{{start}},{{start + 1000}}]"""
                )
            )!.GetValue<long>()
        );
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "usage", $$"""["{{child}}","widgets",0,1]""")
        );
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "usage", $$"""["{{child}}","dataport",10,1]""")
        );
        var counts = (await s.Ok(s.RootCik, "info", $$"""["{{child}}",{"counts":true}]"""))![
            "counts"
        ]!;
        Assert.Equal(1, counts["dataport"]!.GetValue<int>());
        Assert.Equal(1, counts["dispatch"]!.GetValue<int>());
        Assert.Equal(1, counts["email"]!.GetValue<int>());
        Assert.Equal(8 + "alarm".Length, counts["disk"]!.GetValue<int>()); // one integer point + the dispatch's record
    }

    [Fact]
    public async Task A_token_with_client_id_acts_as_a_client_inside_the_granted_subtree()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (child, childCik) = await s.CreateClientAsync(s.RootCik);
        var (grandchild, _) = await s.CreateClientAsync(childCik);
        var token = Text(
            await s.Ok(childCik, "grant", $$"""[{"alias":""},{"{{child}}":["lookup"]}]""")
        );
        var element = await s.CallAsync(
            $$"""{"token":"{{token}}","client_id":"{{grandchild}}"}""",
            "lookup",
            """["alias",""]"""
        );
        Assert.Equal(grandchild, Text(element["result"]));
        Assert.Equal(
            """{"error":{"code":401,"message":"Authorization failed"}}""",
            (
                await s.PostRawAsync(
                    $$"""{"auth":{"token":"{{token}}","client_id":"{{s.Emulator.RootRid}}"},"calls":[]}"""
                )
            ).Body
        );
        Assert.Equal(
            "invalid",
            await s.Status(
                childCik,
                "grant",
                $$"""[{"alias":""},{"{{s.Emulator.RootRid}}":["read"]}]"""
            )
        );
    }

    // ---- datarules -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Simple_datarule_writes_one_or_zero_as_data_arrives()
    {
        await using var s = await EmulatorSession.StartAsync();
        var dp = await s.CreateDataportAsync(s.RootCik, "float", "temp");
        var rule = Text(
            await s.Ok(
                s.RootCik,
                "create",
                $$$$"""["datarule",{"format":"integer","subscribe":"{{{{dp}}}}","rule":{"simple":{"comparison":"gt","constant":30,"repeat":true}}}]"""
            )
        );
        await s.Ok(s.RootCik, "write", """[{"alias":"temp"},20]""");
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        await s.Ok(s.RootCik, "write", """[{"alias":"temp"},"35.5"]""");
        var now = s.Clock.UnixSeconds;
        AssertJson(
            $"[[{now - 1},0],[{now},1]]",
            await s.Ok(s.RootCik, "read", $$"""["{{rule}}",{"limit":5,"sort":"asc"}]""")
        );
        Assert.Equal(
            "invalid",
            await s.Status(
                s.RootCik,
                "create",
                """["datarule",{"format":"integer","rule":{"simple":{"comparison":"about","constant":1}}}]"""
            )
        );
    }

    [Fact]
    public async Task Timeout_datarule_fires_on_the_emulator_clock()
    {
        await using var s = await EmulatorSession.StartAsync();
        var dp = await s.CreateDataportAsync(s.RootCik, "integer", "beat");
        var rule = Text(
            await s.Ok(
                s.RootCik,
                "create",
                $$$$"""["datarule",{"format":"integer","subscribe":"{{{{dp}}}}","rule":{"timeout":{"timeout":10,"repeat":false}}}]"""
            )
        );
        await s.Ok(s.RootCik, "write", """[{"alias":"beat"},1]""");
        var t0 = s.Clock.UnixSeconds;
        s.Clock.Advance(TimeSpan.FromSeconds(25));
        AssertJson(
            $"[[{t0},0],[{t0 + 10},1]]",
            await s.Ok(s.RootCik, "read", $$"""["{{rule}}",{"limit":5,"sort":"asc"}]""")
        );
    }

    [Fact]
    public async Task Count_datarule_needs_enough_matching_points_inside_its_window()
    {
        await using var s = await EmulatorSession.StartAsync();
        var dp = await s.CreateDataportAsync(s.RootCik, "integer", "n");
        var rule = Text(
            await s.Ok(
                s.RootCik,
                "create",
                $$$$"""["datarule",{"format":"float","subscribe":"{{{{dp}}}}","rule":{"count":{"comparison":"geq","constant":10,"count":2,"timeout":60}}}]"""
            )
        );
        AssertJson(
            """{"count":{"comparison":"geq","constant":10,"count":2,"timeout":60,"repeat":false}}""",
            (await s.Ok(s.RootCik, "info", $$"""["{{rule}}",{"description":true}]"""))![
                "description"
            ]!["rule"]
        );
        var t0 = s.Clock.UnixSeconds;
        await s.Ok(s.RootCik, "write", """[{"alias":"n"},11]""");
        s.Clock.Advance(TimeSpan.FromSeconds(30));
        await s.Ok(s.RootCik, "write", """[{"alias":"n"},12]""");
        s.Clock.Advance(TimeSpan.FromSeconds(100));
        await s.Ok(s.RootCik, "write", """[{"alias":"n"},13]""");
        AssertJson(
            $"[[{t0},0.0],[{t0 + 30},1.0],[{t0 + 130},0.0]]",
            await s.Ok(s.RootCik, "read", $$"""["{{rule}}",{"limit":10,"sort":"asc"}]""")
        );
    }

    // ---- robustness and persistence ------------------------------------------------------------------------

    [Fact]
    public async Task Concurrent_writers_lose_nothing()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "n");
        var writers = Enumerable
            .Range(0, 16)
            .Select(w =>
            {
                var entries = string.Join(
                    ",",
                    Enumerable.Range(0, 25).Select(i => $"[{(w * 100) + i + 1},{w}]")
                );
                return s.Ok(s.RootCik, "recordbatch", $$"""[{"alias":"n"},[{{entries}}]]""");
            })
            .ToArray();
        await Task.WhenAll(writers);
        var storage = await s.Ok(s.RootCik, "info", """[{"alias":"n"},{"storage":true}]""");
        Assert.Equal(400, storage!["storage"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task No_argument_shape_makes_a_procedure_crash()
    {
        await using var s = await EmulatorSession.StartAsync();
        var dp = await s.CreateDataportAsync(s.RootCik, "integer", "n");
        var duplicate = await s.PostRawAsync(
            $$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{"id":1,"id":2,"procedure":"lookup","arguments":["alias",""],"arguments":["alias","n"]}]}"""
        );
        Assert.Equal($$"""[{"id":2,"status":"ok","result":"{{dp}}"}]""", duplicate.Body);
        string[] procedures =
        [
            "read",
            "write",
            "writegroup",
            "record",
            "recordbatch",
            "flush",
            "wait",
            "create",
            "move",
            "update",
            "info",
            "listing",
            "drop",
            "usage",
            "map",
            "unmap",
            "lookup",
            "share",
            "revoke",
            "activate",
            "deactivate",
            "grant",
            "tag",
            "comment",
        ];
        string[] pieces =
        [
            "null",
            "1",
            "-1",
            "1.5",
            "1e400",
            "\"\"",
            "\"x\"",
            "true",
            "[]",
            "{}",
            "[[]]",
            "[null]",
            "[[1]]",
            "[[1,2,3]]",
            "{\"alias\":\"\"}",
            "{\"alias\":1}",
            "{\"alias\":\"n\"}",
            $"\"{dp}\"",
            "\"0123456789abcdef0123456789abcdef01234567\"",
            "{\"format\":1,\"limits\":[],\"retention\":{\"count\":-1},\"rule\":{\"simple\":{}},\"subscribe\":{}}",
            "{\"timeout\":\"x\",\"since\":{},\"limit\":\"2\",\"a\":{\"a\":{\"a\":[]}}}",
            "\"client\"",
            "\"alias\"",
            "\"share\"",
        ];
        var shapes = new List<string> { "[]" };
        foreach (var a in pieces)
        {
            shapes.Add($"[{a}]");
            foreach (var b in pieces.Take(12))
            {
                shapes.Add($"[{a},{b}]");
                shapes.Add($"[{b},{a},{b}]");
            }
        }
        foreach (var procedure in procedures)
        {
            var calls = string.Join(
                ",",
                shapes.Select(
                    (shape, i) =>
                        $$$"""{"id":{{{i}}},"procedure":"{{{procedure}}}","arguments":{{{shape}}}}"""
                )
            );
            var posting = s.PostAsync($$"""{"auth":{"cik":"{{s.RootCik}}"},"calls":[{{calls}}]}""");
            while (!posting.IsCompleted)
            {
                // Valid wait shapes park until their timeout: keep the clock moving until the batch is answered.
                s.Clock.Advance(TimeSpan.FromMinutes(6));
                await Task.WhenAny(posting, Task.Delay(10));
            }
            var body = await posting;
            var answers = JsonNode.Parse(body) as JsonArray;
            Assert.True(
                answers is not null && answers.Count == shapes.Count,
                $"{procedure}: {body[..Math.Min(300, body.Length)]}"
            );
            Assert.DoesNotContain("\"code\":500", body, StringComparison.Ordinal);
        }
        Assert.Equal(s.Emulator.RootRid, Text(await s.Ok(s.RootCik, "lookup", """["alias",""]""")));
    }

    [Fact]
    public async Task A_failing_call_changes_nothing()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.CreateDataportAsync(s.RootCik, "integer", "n");
        Assert.Equal(
            "invalid",
            await s.Status(s.RootCik, "record", """[{"alias":"n"},[[1,1],[2,"two"]],{}]""")
        );
        AssertJson("[]", await s.Ok(s.RootCik, "read", """[{"alias":"n"},{"limit":10}]"""));
    }

    [Fact]
    public async Task State_file_round_trips_clients_aliases_and_data()
    {
        var path = Path.Combine(Path.GetTempPath(), $"onep-emulator-{Guid.NewGuid():N}.json");
        try
        {
            string rootCik;
            string childCik;
            long written;
            await using (
                var first = await EmulatorSession.StartAsync(o => o with { StatePath = path })
            )
            {
                rootCik = first.RootCik;
                (_, childCik) = await first.CreateClientAsync(rootCik);
                await first.CreateDataportAsync(childCik, "float", "f");
                await first.Ok(childCik, "write", """[{"alias":"f"},"2"]""");
                written = first.Clock.UnixSeconds;
            }
            Assert.True(File.Exists(path));
            Assert.False(File.Exists(path + ".tmp"));
            await using var second = await EmulatorSession.StartAsync(o =>
                o with
                {
                    StatePath = path,
                    Seed = 7,
                }
            );
            Assert.Equal(rootCik, second.RootCik);
            AssertJson(
                $"[[{written},2.0]]",
                await second.Ok(childCik, "read", """[{"alias":"f"},{}]""")
            );
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Root_cik_and_seed_options_are_honoured()
    {
        const string cik = "00112233445566778899aabbccddeeff00112233";
        await using var a = await EmulatorSession.StartAsync(o =>
            o with
            {
                RootCik = cik,
                Seed = 5,
            }
        );
        await using var b = await EmulatorSession.StartAsync(o => o with { Seed = 5 });
        Assert.Equal(cik, a.RootCik);
        Assert.Equal(a.Emulator.RootRid, b.Emulator.RootRid);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            OnePlatformEmulator.StartAsync(new OnePlatformEmulatorOptions { RootCik = "ABC" })
        );
    }

    [Fact]
    public async Task CreateClient_seeds_a_client_that_works_over_http()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (rid, cik) = s.Emulator.CreateClient(s.Emulator.RootRid, "seeded");
        Assert.Equal(rid, Text(await s.Ok(cik, "lookup", """["alias",""]""")));
        await s.CreateDataportAsync(cik, "string", "x");
    }
}
