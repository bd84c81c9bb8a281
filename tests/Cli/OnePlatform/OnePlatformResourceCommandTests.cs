using Functional.Cli;

namespace Functional.Tests.Cli.OnePlatform;

public class OnePlatformResourceCommandTests(OnePlatformCliFixture fx)
    : IClassFixture<OnePlatformCliFixture>
{
    private async Task<(string Rid, string Cik)> ClientAsync(CliHarness fxo, string name)
    {
        var created = await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "client",
                "--name",
                name,
                "--inherit-limits",
                "--json",
                "--reveal"
            )
        );
        return (created.Json["rid"]!.GetValue<string>(), created.Json["cik"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_client_masks_its_cik_unless_reveal()
    {
        using var fxo = new CliHarness();
        var table = await fxo.OkAsync(fx.Args("onep", "create", "client", "--name", "masked"));
        Assert.Matches("^Field +Value$", table.Lines[0]);
        var cikLine = table.Lines.Single(l => l.StartsWith("cik", StringComparison.Ordinal));
        Assert.Matches("^cik +[0-9a-f]{6}…$", cikLine);

        var (rid, cik) = await ClientAsync(fxo, "revealed");
        Assert.Matches("^[0-9a-f]{40}$", cik);
        var info = await fxo.OkAsync(fx.Args("onep", "info", rid, "--include", "key", "--json"));
        Assert.Equal(cik[..6] + "…", info.Json["key"]!.GetValue<string>());
        Assert.DoesNotContain(cik, info.Out + info.Error, StringComparison.Ordinal);
        var revealed = await fxo.OkAsync(
            fx.Args("onep", "info", rid, "--include", "key", "--json", "--reveal")
        );
        Assert.Equal(cik, revealed.Json["key"]!.GetValue<string>());

        // The new client's CIK works as --cik for its own resources.
        var own = await fxo.OkAsync(
            "onep",
            "create",
            "dataport",
            "--format",
            "float",
            "--alias",
            "mine",
            "--url",
            fx.Emulator.BaseUri.ToString(),
            "--cik",
            cik,
            "--json"
        );
        Assert.Equal("mine", own.Json["alias"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_shows_types_rids_and_aliases_and_json_by_type()
    {
        using var fxo = new CliHarness();
        var (client, _) = await ClientAsync(fxo, "lister");
        var port = await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "dataport",
                client,
                "--format",
                "float",
                "--alias",
                "temp",
                "--name",
                "Temperature",
                "--json"
            )
        );
        var portRid = port.Json["rid"]!.GetValue<string>();
        await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "dispatch",
                client,
                "--method",
                "email",
                "--recipient",
                "a@example.com",
                "--alias",
                "mail"
            )
        );

        var json = await fxo.OkAsync(fx.Args("onep", "listing", client, "--json"));
        Assert.Equal(portRid, Assert.Single(json.Json["dataport"]!.AsArray())!.GetValue<string>());
        Assert.Single(json.Json["dispatch"]!.AsArray());
        Assert.Empty(json.Json["client"]!.AsArray());

        var only = await fxo.OkAsync(
            fx.Args("onep", "listing", client, "--type", "dataport", "--json")
        );
        Assert.Null(only.Json["dispatch"]);

        // As the client itself (its CIK), the aliases are visible in the table.
        var table = await fxo.OkAsync(fx.Args("onep", "listing", client, "--type", "dataport"));
        Assert.Matches("^Type +RID +Aliases$", table.Lines[0]);
        Assert.Matches($"^dataport +{portRid}", table.Lines[2]);
    }

    [Fact]
    public async Task Info_include_exclude_and_recursive()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("inf");
        await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "dataport",
                "--format",
                "string",
                "--alias",
                alias,
                "--name",
                "Label",
                "--retention-count",
                "4"
            )
        );
        var only = await fxo.OkAsync(
            fx.Args("onep", "info", alias, "--include", "description,basic", "--json")
        );
        Assert.Equal(["basic", "description"], only.Json.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Label", only.Json["description"]!["name"]!.GetValue<string>());
        Assert.Equal(4, only.Json["description"]!["retention"]!["count"]!.GetValue<long>());
        Assert.Equal("dataport", only.Json["basic"]!["type"]!.GetValue<string>());

        var without = await fxo.OkAsync(
            fx.Args("onep", "info", alias, "--exclude", "usage", "--exclude", "counts", "--json")
        );
        Assert.Null(without.Json["usage"]);
        Assert.NotNull(without.Json["storage"]);

        var table = await fxo.OkAsync(fx.Args("onep", "info", alias, "--include", "description"));
        Assert.Matches("^Part +Value$", table.Lines[0]);
        Assert.StartsWith("description", table.Lines[2], StringComparison.Ordinal);

        var (client, _) = await ClientAsync(fxo, "deep");
        await fxo.OkAsync(fx.Args("onep", "create", "dataport", client, "--format", "integer"));
        var recursive = await fxo.OkAsync(
            fx.Args("onep", "info", client, "--recursive", "--include", "basic", "--json")
        );
        var nodes = recursive.Json.AsArray();
        Assert.Equal(2, nodes.Count);
        Assert.Equal(client, nodes[0]!["rid"]!.GetValue<string>());
        Assert.Equal("dataport", nodes[1]!["info"]!["basic"]!["type"]!.GetValue<string>());

        var bad = await fxo.RunAsync(fx.Args("onep", "info", alias, "--include", "nonsense"));
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("--include", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_merges_the_given_keys()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("up");
        await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "dataport",
                "--format",
                "integer",
                "--alias",
                alias,
                "--name",
                "before"
            )
        );
        await fxo.OkAsync(fx.Args("onep", "update", alias, "--name", "after", "--public", "true"));
        fxo.WithStdin("""{"meta": "from stdin"}""");
        var done = await fxo.OkAsync(fx.Args("onep", "update", alias, "--file", "-", "--json"));
        Assert.True(done.Json["ok"]!.GetValue<bool>());
        var info = await fxo.OkAsync(
            fx.Args("onep", "info", alias, "--include", "description", "--json")
        );
        var d = info.Json["description"]!;
        Assert.Equal("after", d["name"]!.GetValue<string>());
        Assert.True(d["public"]!.GetValue<bool>());
        Assert.Equal("from stdin", d["meta"]!.GetValue<string>());
        Assert.Equal("integer", d["format"]!.GetValue<string>());

        var nothing = await fxo.RunAsync(fx.Args("onep", "update", alias));
        Assert.Equal(ExitCodes.Usage, nothing.ExitCode);
    }

    [Fact]
    public async Task Create_from_a_json_description_on_stdin_and_datarule_shorthand()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("js");
        fxo.WithStdin(
            """{"format": "float", "name": "From JSON", "retention": {"count": 10, "duration": "infinity"}, "preprocess": [["mul", 2]]}"""
        );
        var created = await fxo.OkAsync(
            fx.Args("onep", "create", "dataport", "--file", "-", "--alias", alias, "--json")
        );
        var rid = created.Json["rid"]!.GetValue<string>();
        var info = await fxo.OkAsync(
            fx.Args("onep", "info", rid, "--include", "description", "--json")
        );
        Assert.Equal("From JSON", info.Json["description"]!["name"]!.GetValue<string>());
        Assert.Equal("mul", info.Json["description"]!["preprocess"]![0]![0]!.GetValue<string>());

        var rule = await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "datarule",
                "--format",
                "integer",
                "--subscribe",
                rid,
                "--rule",
                """{"simple": {"comparison": "gt", "constant": 10}}""",
                "--json"
            )
        );
        Assert.Matches("^[0-9a-f]{40}$", rule.Json["rid"]!.GetValue<string>());

        fxo.WithStdin("{not json");
        var badJson = await fxo.RunAsync(fx.Args("onep", "create", "dataport", "--file", "-"));
        Assert.Equal(ExitCodes.Usage, badJson.ExitCode);
        fxo.WithStdin("""{"format": "decimal"}""");
        var badFormat = await fxo.RunAsync(fx.Args("onep", "create", "dataport", "--file", "-"));
        Assert.Equal(ExitCodes.Usage, badFormat.ExitCode);
        Assert.Contains("--file.format", badFormat.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tree_shows_the_hierarchy_with_names_formats_and_aliases()
    {
        using var fxo = new CliHarness();
        var (top, _) = await ClientAsync(fxo, "Top");
        await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "dataport",
                top,
                "--format",
                "float",
                "--name",
                "Temp",
                "--alias",
                "temp"
            )
        );
        var child = await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "client",
                top,
                "--name",
                "Child",
                "--inherit-limits",
                "--alias",
                "kid",
                "--json"
            )
        );
        var childRid = child.Json["rid"]!.GetValue<string>();
        await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "dataport",
                childRid,
                "--format",
                "string",
                "--name",
                "Deep",
                "--alias",
                "deep"
            )
        );

        var tree = await fxo.OkAsync(fx.Args("onep", "tree", top));
        Assert.Equal(4, tree.Lines.Count);
        Assert.StartsWith("Top  client  " + top, tree.Lines[0], StringComparison.Ordinal);
        Assert.Contains(
            tree.Lines,
            l =>
                l.StartsWith("└─ Temp  dataport/float", StringComparison.Ordinal)
                && l.EndsWith("alias: temp", StringComparison.Ordinal)
        );
        Assert.Contains(
            tree.Lines,
            l =>
                l.StartsWith("   └─ Deep  dataport/string", StringComparison.Ordinal)
                && l.EndsWith("alias: deep", StringComparison.Ordinal)
        );

        var json = await fxo.OkAsync(fx.Args("onep", "tree", top, "--json"));
        var kid = json.Json["children"]!
            .AsArray()
            .Single(c => c!["type"]!.GetValue<string>() == "client")!;
        Assert.Equal("kid", kid["aliases"]![0]!.GetValue<string>());
        Assert.Equal("Deep", kid["children"]![0]!["name"]!.GetValue<string>());

        var shallow = await fxo.OkAsync(fx.Args("onep", "tree", top, "--depth", "1"));
        Assert.Equal(3, shallow.Lines.Count);
    }

    [Fact]
    public async Task Copy_recreates_the_hierarchy_with_the_latest_values()
    {
        using var fxo = new CliHarness();
        var (source, _) = await ClientAsync(fxo, "Original");
        var port = await fxo.OkAsync(
            fx.Args(
                "onep",
                "create",
                "dataport",
                source,
                "--format",
                "integer",
                "--name",
                "Count",
                "--alias",
                "count",
                "--json"
            )
        );
        var portRid = port.Json["rid"]!.GetValue<string>();
        await fxo.OkAsync(fx.Args("onep", "record", portRid, "1000,1", "2000,2"));
        var copy = await fxo.OkAsync(
            fx.Args("onep", "copy", source, "--values", "latest", "--name", "Duplicate", "--json")
        );
        var newRoot = copy.Json["rid"]!.GetValue<string>();
        Assert.NotEqual(source, newRoot);
        var copiedPort = copy.Json["resources"]!
            .AsArray()
            .Single(r => r!["type"]!.GetValue<string>() == "dataport")!["copy"]!.GetValue<string>();

        var tree = await fxo.OkAsync(fx.Args("onep", "tree", newRoot, "--json"));
        Assert.Equal("Duplicate", tree.Json["name"]!.GetValue<string>());
        Assert.Equal("count", tree.Json["children"]![0]!["aliases"]![0]!.GetValue<string>());

        var values = await fxo.OkAsync(
            fx.Args("onep", "read", copiedPort, "--limit", "10", "--json", "--time", "unix")
        );
        var point = Assert.Single(values.Json.AsArray())!;
        Assert.Equal(2000, point["timestamp"]!.GetValue<long>());
        Assert.Equal(2, point["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task Map_lookup_and_unmap()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("m");
        var created = await fxo.OkAsync(
            fx.Args("onep", "create", "dataport", "--format", "integer", "--json")
        );
        var rid = created.Json["rid"]!.GetValue<string>();
        await fxo.OkAsync(fx.Args("onep", "map", rid, alias));
        var found = await fxo.OkAsync(fx.Args("onep", "lookup", alias, "--json"));
        Assert.Equal(rid, found.Json["rid"]!.GetValue<string>());
        var self = await fxo.OkAsync(fx.Args("onep", "lookup"));
        Assert.Matches($"^rid +{fx.Emulator.RootRid}$", self.Lines[2]);
        var owner = await fxo.OkAsync(fx.Args("onep", "lookup", "--owner-of", rid, "--json"));
        Assert.Equal(fx.Emulator.RootRid, owner.Json["rid"]!.GetValue<string>());
        await fxo.OkAsync(fx.Args("onep", "unmap", alias));
        var gone = await fxo.RunAsync(fx.Args("onep", "lookup", alias));
        Assert.Equal(ExitCodes.ApiError, gone.ExitCode);
    }

    [Fact]
    public async Task Share_codes_and_grant_tokens_are_masked_unless_reveal()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("sh");
        await fxo.OkAsync(
            fx.Args("onep", "create", "dataport", "--format", "integer", "--alias", alias)
        );
        var masked = await fxo.OkAsync(fx.Args("onep", "share", alias, "--json"));
        Assert.Matches("^[0-9a-f]{6}…$", masked.Json["code"]!.GetValue<string>());
        var shared = await fxo.OkAsync(
            fx.Args("onep", "share", alias, "--meta", "m", "--json", "--reveal")
        );
        var code = shared.Json["code"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{40}$", code);
        var lookup = await fxo.OkAsync(fx.Args("onep", "lookup", "--share", code, "--json"));
        Assert.Matches("^[0-9a-f]{40}$", lookup.Json["rid"]!.GetValue<string>());
        var shares = await fxo.OkAsync(fx.Args("onep", "info", alias, "--include", "shares"));
        Assert.DoesNotContain(code, shares.Out, StringComparison.Ordinal);
        await fxo.OkAsync(fx.Args("onep", "revoke", code));
        var revoked = await fxo.RunAsync(fx.Args("onep", "lookup", "--share", code));
        Assert.Equal(ExitCodes.ApiError, revoked.ExitCode);
        Assert.DoesNotContain(code, revoked.Error, StringComparison.Ordinal);

        var grant = await fxo.OkAsync(
            fx.Args("onep", "grant", "--permit", $"{alias}=read,write", "--ttl", "60")
        );
        Assert.Matches("^token +[0-9a-f]{6}…$", grant.Lines[2]);
        var token = (
            await fxo.OkAsync(
                fx.Args("onep", "grant", "--permit", $"{alias}=read", "--json", "--reveal")
            )
        ).Json["token"]!.GetValue<string>();
        var rid = (await fxo.OkAsync(fx.Args("onep", "lookup", alias, "--json"))).Json[
            "rid"
        ]!.GetValue<string>();
        await fxo.OkAsync(
            "onep",
            "read",
            rid,
            "--url",
            fx.Emulator.BaseUri.ToString(),
            "--cik",
            "token:" + token
        );
    }

    [Fact]
    public async Task Activate_and_deactivate_a_share_for_another_client()
    {
        using var fxo = new CliHarness();
        var alias = OnePlatformCliFixture.Unique("act");
        await fxo.OkAsync(
            fx.Args("onep", "create", "dataport", "--format", "integer", "--alias", alias)
        );
        var code = (await fxo.OkAsync(fx.Args("onep", "share", alias, "--json", "--reveal"))).Json[
            "code"
        ]!.GetValue<string>();
        var (client, cik) = await ClientAsync(fxo, "activator");
        string[] As(params string[] args) =>
            [.. args, "--url", fx.Emulator.BaseUri.ToString(), "--cik", cik];
        await fxo.OkAsync(As("onep", "activate", code));
        var listing = await fxo.OkAsync(
            As("onep", "listing", "--activated", "--type", "dataport", "--json")
        );
        Assert.Single(listing.Json["dataport"]!.AsArray());
        await fxo.OkAsync(As("onep", "deactivate", code, "--json"));
        var again = await fxo.OkAsync(
            As("onep", "listing", "--activated", "--type", "dataport", "--json")
        );
        Assert.Empty(again.Json["dataport"]!.AsArray());
        Assert.NotEmpty(client);
    }

    [Fact]
    public async Task Usage_tag_comment_move_clone_and_drop()
    {
        using var fxo = new CliHarness();
        var (client, _) = await ClientAsync(fxo, "misc");
        var usage = await fxo.OkAsync(
            fx.Args(
                "onep",
                "usage",
                client,
                "--metric",
                "dataport",
                "--metric",
                "share",
                "--start=-1d",
                "--json"
            )
        );
        Assert.Equal(["dataport", "share"], usage.Json.AsObject().Select(p => p.Key));
        var usageTable = await fxo.OkAsync(fx.Args("onep", "usage", client, "--metric", "client"));
        Assert.Matches("^Metric +Usage$", usageTable.Lines[0]);

        var port = (
            await fxo.OkAsync(
                fx.Args("onep", "create", "dataport", "--format", "integer", "--json")
            )
        ).Json["rid"]!.GetValue<string>();
        await fxo.OkAsync(
            fx.Args("onep", "tag", port, "--add", "red", "--add", "blue", "--remove", "blue")
        );
        await fxo.OkAsync(fx.Args("onep", "comment", port, "hello there"));
        var comments = await fxo.OkAsync(
            fx.Args("onep", "info", port, "--include", "comments", "--json")
        );
        Assert.Equal("hello there", comments.Json["comments"]![0]![1]!.GetValue<string>());

        await fxo.OkAsync(fx.Args("onep", "move", port, client));
        var owner = await fxo.OkAsync(fx.Args("onep", "lookup", "--owner-of", port, "--json"));
        Assert.Equal(client, owner.Json["rid"]!.GetValue<string>());

        var clone = await fxo.OkAsync(fx.Args("onep", "clone", client, "--json"));
        var cloneRid = clone.Json["rid"]!.GetValue<string>();
        var cloned = await fxo.OkAsync(fx.Args("onep", "listing", cloneRid, "--json"));
        Assert.Single(cloned.Json["dataport"]!.AsArray());

        var children = await fxo.OkAsync(
            fx.Args("onep", "drop", cloneRid, "--all-children", "--json")
        );
        Assert.Single(children.Json["dropped"]!.AsArray());
        var dropped = await fxo.OkAsync(fx.Args("onep", "drop", client, cloneRid));
        Assert.Contains("dropped 2", dropped.Out, StringComparison.Ordinal);
        var gone = await fxo.RunAsync(fx.Args("onep", "info", client));
        Assert.Equal(ExitCodes.ApiError, gone.ExitCode);
    }
}
