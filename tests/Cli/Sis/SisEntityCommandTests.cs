using System.Text.Json.Nodes;
using Functional.Cli;

namespace Functional.Tests.Cli.Sis;

public class SisEntityCommandTests(SisCliFixture server) : IClassFixture<SisCliFixture>
{
    private const string HostDefinition =
        """{"name":{"type":"String","required":true,"unique":true},"cpu":"Number","status":"String"}""";

    private Task<CliResult> Ok(CliHarness fxo, params string[] args) =>
        fxo.OkAsync(server.Authed(args));

    private Task<CliResult> Run(CliHarness fxo, params string[] args) =>
        fxo.RunAsync(server.Authed(args));

    private static string[] Names(CliResult result) =>
        [.. result.Json.AsArray().Select(i => (string)i!["name"]!)];

    [Fact]
    public async Task Schema_and_entities_are_created_then_listed_with_q_sort_and_limit_as_tables_and_json()
    {
        using var fxo = new CliHarness();
        var schema = server.Unique("host");
        await server.CreateSchemaAsync(fxo, schema, HostDefinition);

        var schemas = await Ok(
            fxo,
            "sis",
            "schemas",
            "list",
            "--q",
            $$$"""{"name":"{{{schema}}}"}"""
        );
        Assert.Matches(@"^Name\s+Owner\s+Fields\s+Id Field\s+Updated$", schemas.Lines[0]);
        Assert.Matches(
            $@"^{schema}\s+ops\s+3\s+name\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d \+00:00$",
            schemas.Lines[2]
        );
        Assert.Equal(3, schemas.Lines.Count);
        var shown = await Ok(fxo, "sis", "schemas", "get", schema);
        Assert.Matches(
            $@"^name\s+{schema}$",
            shown.Lines.Single(l => l.StartsWith("name ", StringComparison.Ordinal))
        );
        Assert.Contains(
            shown.Lines,
            l =>
                l.StartsWith("_sis.owner", StringComparison.Ordinal)
                && l.EndsWith("ops", StringComparison.Ordinal)
        );

        var first = await Ok(
            fxo,
            "sis",
            "entities",
            "create",
            schema,
            "--data",
            """{"name":"h1","cpu":4,"status":"up"}"""
        );
        Assert.Matches(@"^Field\s+Value$", first.Lines[0]);
        Assert.Matches(
            @"^name\s+h1$",
            first.Lines.Single(l => l.StartsWith("name", StringComparison.Ordinal))
        );
        Assert.Matches(
            @"^_id\s+[0-9a-f]{24}$",
            first.Lines.Single(l => l.StartsWith("_id", StringComparison.Ordinal))
        );
        fxo.WithStdin("""{"name":"h2","cpu":8,"status":"up"}""");
        var second = await Ok(fxo, "sis", "entities", "create", schema, "--json");
        Assert.Equal(8, (int)second.Json["cpu"]!);
        fxo.WithStdin("");
        var file = Path.Combine(fxo.Directory, "h3.json");
        await File.WriteAllTextAsync(file, """{"name":"h3","cpu":2,"status":"down"}""");
        await Ok(fxo, "sis", "entities", "create", schema, "--file", file);
        await Ok(
            fxo,
            "sis",
            "entities",
            "create",
            schema,
            "-d",
            """{"name":"h4","cpu":6,"status":"up"}"""
        );

        var page = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--q",
            """{"status":"up"}""",
            "--sort",
            "-cpu",
            "--limit",
            "2",
            "--json"
        );
        Assert.Equal(["h2", "h4"], Names(page));
        Assert.Contains("showing 2 of 3", page.Error, StringComparison.Ordinal);

        var table = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--q",
            """{"status":"up"}""",
            "--sort",
            "-cpu"
        );
        var header = table.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("_id", header[0]);
        Assert.Equal(["cpu", "name", "status"], header.Skip(1).Order(StringComparer.Ordinal));
        Assert.Equal(5, table.Lines.Count);
        Assert.Matches("^[0-9a-f]{24} ", table.Lines[2]);
        Assert.Contains(" h2 ", table.Lines[2] + " ", StringComparison.Ordinal);
        Assert.Contains(" h4 ", table.Lines[3] + " ", StringComparison.Ordinal);
        Assert.Contains(" h1 ", table.Lines[4] + " ", StringComparison.Ordinal);
        Assert.Equal("", table.Error);

        var columns = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--sort",
            "name",
            "--columns",
            "name,cpu",
            "--offset",
            "1"
        );
        Assert.Equal(["name  cpu", "----  ---", "h2    8", "h3    2", "h4    6"], columns.Lines);

        var fields = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--fields",
            "name",
            "--sort",
            "name",
            "--json"
        );
        Assert.Equal(["h1", "h2", "h3", "h4"], Names(fields));
        Assert.All(fields.Json.AsArray(), i => Assert.Null(i!["cpu"]));

        var byName = await Ok(fxo, "sis", "entities", "get", schema, "h3", "--json");
        Assert.Equal("down", (string?)byName.Json["status"]);
        foreach (var r in new[] { schemas, shown, first, second, page, table, columns })
        {
            server.NoSecrets(r);
        }
    }

    [Fact]
    public async Task All_pages_through_a_few_hundred_entities_with_a_progress_bar_only_on_a_terminal()
    {
        using var fxo = new CliHarness();
        var schema = server.Unique("many");
        await server.CreateSchemaAsync(
            fxo,
            schema,
            """{"n":{"type":"Number","required":true},"tag":"String"}""",
            trackHistory: false
        );
        var items = new JsonArray([
            .. Enumerable
                .Range(0, 300)
                .Select(i => (JsonNode)new JsonObject { ["n"] = i, ["tag"] = $"t{i % 3}" }),
        ]);
        var file = Path.Combine(fxo.Directory, "items.json");
        await File.WriteAllTextAsync(file, items.ToJsonString());
        var loaded = await Ok(
            fxo,
            "sis",
            "entities",
            "bulk",
            "create",
            schema,
            "--file",
            file,
            "--chunk-size",
            "120",
            "--json"
        );
        Assert.Equal(300, (int)loaded.Json["succeeded"]!);
        Assert.Equal(0, (int)loaded.Json["failed"]!);
        Assert.Equal("", loaded.Error);

        var all = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--all",
            "--page-size",
            "40",
            "--sort",
            "n",
            "--json"
        );
        var array = all.Json.AsArray();
        Assert.Equal(Enumerable.Range(0, 300), array.Select(i => (int)i!["n"]!));
        Assert.Equal(300, array.Select(i => (string)i!["_id"]!).Distinct().Count());
        Assert.Equal("", all.Error);

        var window = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--all",
            "--page-size",
            "100",
            "--offset",
            "20",
            "--limit",
            "250",
            "--sort",
            "n",
            "--json"
        );
        Assert.Equal(Enumerable.Range(20, 250), window.Json.AsArray().Select(i => (int)i!["n"]!));

        var one = await Ok(fxo, "sis", "entities", "list", schema, "--limit", "10");
        Assert.Equal(12, one.Lines.Count);
        Assert.Contains(
            "showing 10 of 300 entities from offset 0",
            one.Error,
            StringComparison.Ordinal
        );

        fxo.ErrorIsTerminal = true;
        var drawn = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--all",
            "--page-size",
            "30",
            "--q",
            """{"tag":"t0"}""",
            "--columns",
            "n,tag"
        );
        Assert.Equal(102, drawn.Lines.Count);
        Assert.Contains("100/100", drawn.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("100/100", drawn.Out, StringComparison.Ordinal);
        var quiet = await Ok(
            fxo,
            "sis",
            "entities",
            "list",
            schema,
            "--all",
            "--no-progress",
            "--q",
            """{"tag":"t1"}"""
        );
        Assert.Equal("", quiet.Error);
    }

    [Fact]
    public async Task Bulk_create_reports_each_refused_item_and_exits_1_while_bad_input_exits_2()
    {
        using var fxo = new CliHarness();
        var schema = server.Unique("bulk");
        await server.CreateSchemaAsync(fxo, schema, HostDefinition);
        var file = Path.Combine(fxo.Directory, "bulk.json");
        await File.WriteAllTextAsync(
            file,
            """[{"name":"b1","cpu":1},{"cpu":2},{"name":"b3","cpu":"abc"},{"name":"b4"},{"name":"b1","cpu":9}]"""
        );
        var report = await Run(
            fxo,
            "sis",
            "entities",
            "bulk",
            "create",
            schema,
            "--file",
            file,
            "--chunk-size",
            "2"
        );
        Assert.Equal(ExitCodes.ApiError, report.ExitCode);
        Assert.Matches(@"^Result\s+Id\s+Status\s+Error$", report.Lines[0]);
        var rows = report.Lines.Skip(2).ToList();
        Assert.Equal(2, rows.Count(r => r.StartsWith("ok ", StringComparison.Ordinal)));
        var errors = rows.Where(r => r.StartsWith("error ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Matches(@"^error\s+\S.*\s400\s+Bad request: ", e));
        Assert.Contains(errors, e => e.Contains("required", StringComparison.Ordinal));
        Assert.Equal(
            "fxo: 2 entities created, 3 failed\n",
            report.Error.Replace("\r", "", StringComparison.Ordinal)
        );
        var stored = await Ok(fxo, "sis", "entities", "list", schema, "--sort", "name", "--json");
        Assert.Equal(["b1", "b4"], Names(stored));
        Assert.Equal(1, (int)stored.Json[0]!["cpu"]!);

        fxo.WithStdin("""[{"name":"b5"},{"status":"no name"}]""");
        var json = await Run(fxo, "sis", "entities", "bulk", "create", schema, "--json");
        Assert.Equal(ExitCodes.ApiError, json.ExitCode);
        Assert.Equal(1, (int)json.Json["succeeded"]!);
        Assert.Equal(1, (int)json.Json["failed"]!);
        Assert.Equal("b5", (string?)json.Json["success"]![0]!["name"]);
        var error = json.Json["errors"]![0]!;
        Assert.Equal(400, (int)error["status"]!);
        Assert.Equal(1001, (int)error["code"]!);
        Assert.Equal("no name", (string?)error["value"]!["status"]);

        fxo.WithStdin("""[{"name":"x1"}, 5, "s"]""");
        var notObjects = await Run(fxo, "sis", "entities", "bulk", "create", schema);
        Assert.Equal(ExitCodes.Usage, notObjects.ExitCode);
        Assert.Contains(
            "items [1, 2] are not JSON objects",
            notObjects.Error,
            StringComparison.Ordinal
        );
        fxo.WithStdin("");
        await File.WriteAllTextAsync(file, "[{\"name\":");
        var badJson = await Run(fxo, "sis", "entities", "bulk", "create", schema, "--file", file);
        Assert.Equal(ExitCodes.Usage, badJson.ExitCode);
        Assert.Contains("--file", badJson.Error, StringComparison.Ordinal);
        var notArray = await Run(
            fxo,
            "sis",
            "entities",
            "bulk",
            "create",
            schema,
            "--data",
            """{"name":"x2"}"""
        );
        Assert.Equal(ExitCodes.Usage, notArray.ExitCode);
        Assert.Contains("JSON array", notArray.Error, StringComparison.Ordinal);
        Assert.Equal(
            ["b1", "b4", "b5"],
            Names(await Ok(fxo, "sis", "entities", "list", schema, "--sort", "name", "--json"))
        );
    }

    [Fact]
    public async Task Update_history_commit_revision_delete_and_bulk_update_and_delete()
    {
        using var fxo = new CliHarness();
        var schema = server.Unique("hist");
        await server.CreateSchemaAsync(fxo, schema, HostDefinition);
        var created = await Ok(
            fxo,
            "sis",
            "entities",
            "create",
            schema,
            "--data",
            """{"name":"u1","cpu":1,"status":"up"}""",
            "--json"
        );
        var id = (string)created.Json["_id"]!;

        var updated = await Ok(
            fxo,
            "sis",
            "entities",
            "update",
            schema,
            id,
            "--data",
            """{"cpu":2}"""
        );
        Assert.Matches(
            @"^cpu\s+2$",
            updated.Lines.Single(l => l.StartsWith("cpu", StringComparison.Ordinal))
        );
        Assert.Matches(
            @"^status\s+up$",
            updated.Lines.Single(l => l.StartsWith("status", StringComparison.Ordinal))
        );

        var history = await Ok(fxo, "sis", "entities", "history", schema, id);
        Assert.Matches(@"^Commit\s+Action\s+Time\s+Epoch ms\s+By$", history.Lines[0]);
        Assert.Matches(
            @"^[0-9a-f]{24}\s+update\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+00:00\s+\d{13}\s+root$",
            history.Lines[2]
        );
        Assert.Matches(@"^[0-9a-f]{24}\s+insert\s", history.Lines[3]);
        Assert.Equal(4, history.Lines.Count);
        var commits = (
            await Ok(fxo, "sis", "entities", "history", schema, id, "--json")
        ).Json.AsArray();
        var updateCommit = (string)commits[0]!["_id"]!;
        var insertMs = (long)commits[1]!["date_modified"]!;
        var updateMs = (long)commits[0]!["date_modified"]!;
        var latest = await Ok(
            fxo,
            "sis",
            "entities",
            "history",
            schema,
            id,
            "--limit",
            "1",
            "--json"
        );
        Assert.Single(latest.Json.AsArray());

        var commit = await Ok(fxo, "sis", "entities", "commit", schema, id, updateCommit, "--json");
        Assert.Equal("update", (string?)commit.Json["action"]);
        Assert.Equal(2, (int)commit.Json["value_at"]!["cpu"]!);
        var commitTable = await Ok(fxo, "sis", "entities", "commit", schema, id, updateCommit);
        Assert.Matches(
            @"^action\s+update$",
            commitTable.Lines.Single(l => l.StartsWith("action", StringComparison.Ordinal))
        );

        var now = await Ok(fxo, "sis", "entities", "revision", schema, id, "now", "--json");
        Assert.Equal(2, (int)now.Json["cpu"]!);
        if (updateMs > insertMs)
        {
            var before = await Ok(
                fxo,
                "sis",
                "entities",
                "revision",
                schema,
                id,
                insertMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--json"
            );
            Assert.Equal(1, (int)before.Json["cpu"]!);
            var iso = DateTimeOffset
                .FromUnixTimeMilliseconds(insertMs)
                .ToString(
                    "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
                    System.Globalization.CultureInfo.InvariantCulture
                );
            Assert.Equal(
                1,
                (int)
                    (await Ok(fxo, "sis", "entities", "revision", schema, id, iso, "--json")).Json[
                        "cpu"
                    ]!
            );
        }
        var early = await Run(
            fxo,
            "sis",
            "entities",
            "revision",
            schema,
            id,
            "2001-01-01T00:00:00Z"
        );
        Assert.Equal(ExitCodes.ApiError, early.ExitCode);
        Assert.Contains("does not exist", early.Error, StringComparison.Ordinal);
        var badTime = await Run(fxo, "sis", "entities", "revision", schema, id, "yesterday");
        Assert.Equal(ExitCodes.Usage, badTime.ExitCode);
        Assert.Contains("time: 'yesterday'", badTime.Error, StringComparison.Ordinal);

        var deleted = await Ok(fxo, "sis", "entities", "delete", schema, id);
        Assert.Equal($"deleted entity '{id}' of schema '{schema}'", deleted.Lines.Single());
        var gone = await Run(fxo, "sis", "entities", "get", schema, id);
        Assert.Equal(ExitCodes.ApiError, gone.ExitCode);
        Assert.Contains("does not exist", gone.Error, StringComparison.Ordinal);
        Assert.Equal("", gone.Out);
        var afterDelete = await Ok(fxo, "sis", "entities", "history", schema, id, "--json");
        Assert.Equal("delete", (string?)afterDelete.Json[0]!["action"]);

        var loaded = await Ok(
            fxo,
            "sis",
            "entities",
            "bulk",
            "create",
            schema,
            "--data",
            """[{"name":"d1","cpu":1},{"name":"d2","cpu":2},{"name":"d3","cpu":3}]""",
            "--json"
        );
        var ids = loaded.Json["success"]!
            .AsArray()
            .ToDictionary(d => (string)d!["name"]!, d => (string)d!["_id"]!);
        var bulkUpdate = await Ok(
            fxo,
            "sis",
            "entities",
            "bulk",
            "update",
            schema,
            "--data",
            $$$"""[{"_id":"{{{ids["d1"]}}}","cpu":10},{"_id":"{{{ids["d2"]}}}","status":"patched"}]"""
        );
        Assert.Equal(2, bulkUpdate.Lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        var byQuery = await Ok(
            fxo,
            "sis",
            "entities",
            "bulk",
            "update",
            schema,
            "--q",
            """{"cpu":{"$gte":3}}""",
            "--data",
            """{"status":"big"}""",
            "--json"
        );
        Assert.Equal(2, (int)byQuery.Json["succeeded"]!);
        var noId = await Run(
            fxo,
            "sis",
            "entities",
            "bulk",
            "update",
            schema,
            "--data",
            """[{"cpu":1}]"""
        );
        Assert.Equal(ExitCodes.Usage, noId.ExitCode);
        Assert.Contains("have no _id", noId.Error, StringComparison.Ordinal);

        const string missing = "0123456789abcdef01234567";
        var removal = await Run(
            fxo,
            "sis",
            "entities",
            "bulk",
            "delete",
            schema,
            "--data",
            $$$"""["{{{ids["d1"]}}}",{"_id":"{{{ids["d2"]}}}"},"{{{missing}}}"]"""
        );
        Assert.Equal(ExitCodes.ApiError, removal.ExitCode);
        Assert.Equal(2, removal.Lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Matches(
            $@"^error\s+{missing}\s+404\s+entity {missing} does not exist",
            removal.Lines.Single(l => l.StartsWith("error", StringComparison.Ordinal))
        );
        Assert.Contains("2 entities deleted, 1 failed", removal.Error, StringComparison.Ordinal);
        var rest = await Ok(fxo, "sis", "entities", "list", schema, "--json");
        var d3 = Assert.Single(rest.Json.AsArray());
        Assert.Equal("big", (string?)d3!["status"]);
        var byFilter = await Ok(
            fxo,
            "sis",
            "entities",
            "bulk",
            "delete",
            schema,
            "--q",
            """{"name":"d3"}""",
            "--json"
        );
        Assert.Equal(1, (int)byFilter.Json["succeeded"]!);
    }

    [Fact]
    public async Task Errors_exit_1_with_the_server_message_or_2_naming_the_option()
    {
        using var fxo = new CliHarness();
        var unknown = await Run(fxo, "sis", "entities", "list", "no_such_schema");
        Assert.Equal(ExitCodes.ApiError, unknown.ExitCode);
        Assert.Equal(
            "fxo: SIS 404: sis_schemas no_such_schema does not exist (code 1000)",
            unknown.Error.TrimEnd()
        );
        Assert.Equal("", unknown.Out);
        var unknownJson = await Run(fxo, "sis", "schemas", "get", "no_such_schema", "--json");
        Assert.Equal(ExitCodes.ApiError, unknownJson.ExitCode);
        Assert.Equal("", unknownJson.Out);

        foreach (
            var (args, option) in new (string[], string)[]
            {
                (["sis", "entities", "list", "x", "--q", "{bad"], "--q"),
                (["sis", "entities", "list", "x", "--q", "[1]"], "--q"),
                (["sis", "schemas", "list", "--limit", "0"], "--limit"),
                (["sis", "schemas", "list", "--limit", "10001"], "--limit"),
                (["sis", "schemas", "list", "--offset", "-1"], "--offset"),
                (["sis", "schemas", "list", "--sort", "a,,b"], "--sort"),
                (["sis", "schemas", "list", "--all", "--page-size", "0"], "--page-size"),
                (["sis", "entities", "list", "x", "--populate", "a,"], "--populate"),
                (["sis", "schemas", "create", "--data", "{\"name\":"], "--data"),
                (["sis", "schemas", "create", "--file", "/no/such/file.json"], "--file"),
                (["sis", "entities", "bulk", "delete", "x", "--q", "{}"], "--q"),
                (["sis", "entities", "create", "x", "--data", "[{\"a\":1}]"], "bulk create"),
                (["sis", "schemas", "create", "--data", "{}", "--file", "x.json"], "--data"),
            }
        )
        {
            var result = await Run(fxo, args);
            Assert.True(
                result.ExitCode == ExitCodes.Usage,
                $"{string.Join(' ', args)} exited {result.ExitCode}: {result.Error}"
            );
            Assert.Contains(option, result.Error, StringComparison.Ordinal);
            Assert.Equal("", result.Out);
            server.NoSecrets(result);
        }

        var noInput = await Run(fxo, "sis", "hiera", "create");
        Assert.Equal(ExitCodes.Usage, noInput.ExitCode);
        Assert.Contains("no JSON given", noInput.Error, StringComparison.Ordinal);

        var refused = await Run(
            fxo,
            "sis",
            "schemas",
            "create",
            "--data",
            """{"name":"no_owner","definition":{"a":"String"}}"""
        );
        Assert.Equal(ExitCodes.ApiError, refused.ExitCode);
        Assert.StartsWith("fxo: SIS 400: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("owner", refused.Error, StringComparison.Ordinal);

        var badToken = await fxo.RunAsync(
            server.Args(
                "sis",
                "schemas",
                "delete",
                "whatever",
                "--token",
                "0123456789abcdef0123456789abcdef"
            )
        );
        Assert.Equal(ExitCodes.ApiError, badToken.ExitCode);
        Assert.DoesNotContain(
            "0123456789abcdef0123456789abcdef",
            badToken.Error,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Hooks_hiera_and_schema_history_use_their_own_columns()
    {
        using var fxo = new CliHarness();
        var schema = server.Unique("hooked");
        await server.CreateSchemaAsync(fxo, schema, HostDefinition);
        var hook = server.Unique("hook");
        await Ok(
            fxo,
            "sis",
            "hooks",
            "create",
            "--data",
            $$$"""{"name":"{{{hook}}}","entity_type":"{{{schema}}}","target":{"action":"POST","url":"http://127.0.0.1:1/hook"},"events":["insert","delete"],"_sis":{"owner":["ops"]}}"""
        );
        var hooks = await Ok(fxo, "sis", "hooks", "list", "--q", $$$"""{"name":"{{{hook}}}"}""");
        Assert.Matches(@"^Name\s+Entity Type\s+Events\s+Action\s+URL\s+Owner$", hooks.Lines[0]);
        Assert.Matches(
            $@"^{hook}\s+{schema}\s+insert,delete\s+POST\s+http://127.0.0.1:1/hook\s+ops$",
            hooks.Lines[2]
        );
        await Ok(fxo, "sis", "hooks", "delete", hook);

        var entry = server.Unique("app.db");
        await Ok(
            fxo,
            "sis",
            "hiera",
            "create",
            "--data",
            $$$"""{"name":"{{{entry}}}","hieradata":{"port":5432},"_sis":{"owner":["ops"]}}"""
        );
        var hiera = await Ok(fxo, "sis", "hiera", "get", entry);
        Assert.Matches(
            $@"^{System.Text.RegularExpressions.Regex.Escape(entry)}\s+{{""port"":5432}}$",
            hiera.Lines[2]
        );
        var list = await Ok(fxo, "sis", "hiera", "list", "--q", $$$"""{"name":"{{{entry}}}"}""");
        Assert.Matches(@"^Name\s+Hieradata\s+Owner$", list.Lines[0]);

        var changed =
            $$$"""{"name":"{{{schema}}}","definition":{"name":{"type":"String","required":true,"unique":true},"cpu":"Number"},"_sis":{"owner":["ops"]}}""";
        await Ok(fxo, "sis", "schemas", "update", schema, "--data", changed);
        var history = await Ok(fxo, "sis", "schemas", "history", schema, "--json");
        Assert.Equal(
            ["update", "insert"],
            history.Json.AsArray().Select(c => (string)c!["action"]!)
        );
        Assert.Equal(
            2,
            (int)
                (await Ok(fxo, "sis", "schemas", "get", schema, "--json")).Json["definition"]!
                    .AsObject()
                    .Count
        );
        var deleted = await Ok(fxo, "sis", "schemas", "delete", schema, "--json");
        Assert.Equal(schema, (string?)deleted.Json["name"]);
    }
}
