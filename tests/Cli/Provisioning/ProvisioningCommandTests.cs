using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Functional.Cli;

namespace Functional.Tests.Cli.Provisioning;

public partial class ProvisioningCommandTests(ProvisioningCliFixture server)
    : IClassFixture<ProvisioningCliFixture>
{
    [GeneratedRegex("[0-9a-f]{40}")]
    private static partial Regex Hex40();

    private Task<CliResult> Ok(CliHarness fxo, params string[] args) =>
        fxo.OkAsync(server.Args(args));

    private Task<CliResult> Run(CliHarness fxo, params string[] args) =>
        fxo.RunAsync(server.Args(args));

    private static void NoToken(CliResult result)
    {
        Assert.DoesNotContain(ProvisioningCliFixture.Token, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(ProvisioningCliFixture.Token, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_sn_enable_activate_flow_prints_tables_and_json_and_masks_the_cik()
    {
        using var fxo = new CliHarness();
        var created = await Ok(
            fxo,
            "provision",
            "model",
            "create",
            "flow",
            "--rid",
            server.TemplateRid,
            "--no-historical"
        );
        Assert.Contains("model 'flow' created", created.Out, StringComparison.Ordinal);

        var list = await Ok(fxo, "provision", "model", "list");
        Assert.Equal("Model", list.Lines[0]);
        Assert.Contains("flow", list.Lines.Skip(2));

        var show = (await Ok(fxo, "provision", "model", "show", "flow", "--json")).Json;
        Assert.Equal(server.TemplateRid, (string?)show["rid"]);
        Assert.True((bool)show["aliases"]!);
        Assert.False((bool)show["historical"]!);

        await Ok(fxo, "provision", "sn", "add", "flow", "sn-1", "--extra", "first one");
        fxo.WithStdin("sn-2,second\nsn-3,third\n");
        var bulk = await Ok(fxo, "provision", "sn", "add", "flow", "--file", "-", "--json");
        Assert.Equal(2, (int)bulk.Json["count"]!);

        var table = await Ok(fxo, "provision", "sn", "list", "flow");
        Assert.Matches(@"^SN\s+RID\s+Extra$", table.Lines[0]);
        Assert.Matches(@"^sn-1\s+first one$", table.Lines[2]);
        Assert.Equal(5, table.Lines.Count);

        var enabled = (
            await Ok(
                fxo,
                "provision",
                "sn",
                "enable",
                "flow",
                "sn-1",
                "--owner",
                server.Emulator.RootRid,
                "--json"
            )
        ).Json;
        var rid = (string)enabled["rid"]!;
        Assert.Matches("^[0-9a-f]{40}$", rid);

        var rows = (
            await Ok(fxo, "provision", "sn", "list", "flow", "--status", "--json")
        ).Json.AsArray();
        var first = rows.Single(r => (string?)r!["sn"] == "sn-1")!;
        Assert.Equal(rid, (string?)first["rid"]);
        Assert.Equal("notactivated", (string?)first["status"]);
        Assert.Null(rows.Single(r => (string?)r!["sn"] == "sn-2")!["rid"]);

        var activated = await Ok(
            fxo,
            "provision",
            "activate",
            ProvisioningCliFixture.Vendor,
            "flow",
            "sn-1"
        );
        Assert.Matches(
            @"^CIK\s+[0-9a-f]{6}…$",
            activated.Lines.Single(l => l.StartsWith("CIK", StringComparison.Ordinal))
        );
        Assert.DoesNotMatch(Hex40(), activated.Out + activated.Error);

        var info = await Ok(fxo, "provision", "sn", "info", "flow", "sn-1");
        Assert.Matches(@"^activated\s+" + rid + @"\s+first one$", info.Lines[2]);

        await Ok(fxo, "provision", "sn", "regenerate", "flow", "sn-1");
        var again = (
            await Ok(
                fxo,
                "provision",
                "activate",
                ProvisioningCliFixture.Vendor,
                "flow",
                "sn-1",
                "--json",
                "--reveal"
            )
        ).Json;
        Assert.Matches("^[0-9a-f]{40}$", (string)again["cik"]!);
        Assert.Equal("sn-1", (string?)again["sn"]);

        var twice = await Run(
            fxo,
            "provision",
            "activate",
            ProvisioningCliFixture.Vendor,
            "flow",
            "sn-1"
        );
        Assert.Equal(ExitCodes.ApiError, twice.ExitCode);
        Assert.Contains("sn 'sn-1'", twice.Error, StringComparison.Ordinal);
        Assert.Equal("", twice.Out);
        // Activation is the device's own call: it needs no vendor credentials at all (the server answers, here 409).
        var anonymous = await fxo.RunAsync(
            "provision",
            "activate",
            ProvisioningCliFixture.Vendor,
            "flow",
            "sn-1",
            "--url",
            server.Emulator.BaseUri.AbsoluteUri
        );
        Assert.Equal(ExitCodes.ApiError, anonymous.ExitCode);
        Assert.Contains("sn 'sn-1'", anonymous.Error, StringComparison.Ordinal);
        foreach (var r in new[] { created, list, table, activated, info, twice })
        {
            NoToken(r);
        }
    }

    [Fact]
    public async Task Content_uploads_from_stdin_and_files_and_downloads_text_and_binary_safely()
    {
        using var fxo = new CliHarness();
        await Ok(fxo, "provision", "model", "create", "files", "--rid", server.TemplateRid);
        fxo.WithStdin("hello firmware\n");
        await Ok(
            fxo,
            "provision",
            "content",
            "upload",
            "files",
            "readme",
            "--create",
            "--meta",
            "v1",
            "--type",
            "text/plain"
        );

        var ids = await Ok(fxo, "provision", "content", "list", "files");
        Assert.Equal(new[] { "ID", "------", "readme" }, ids.Lines);
        var info = (
            await Ok(fxo, "provision", "content", "info", "files", "readme", "--json")
        ).Json;
        Assert.Equal("text/plain", (string?)info["type"]);
        Assert.Equal(15L, (long)info["size"]!);
        Assert.Equal("v1", (string?)info["meta"]);
        Assert.False((bool)info["protected"]!);
        var infoTable = await Ok(fxo, "provision", "content", "info", "files", "readme");
        Assert.Matches(
            @"^Size\s+15$",
            infoTable.Lines.Single(l => l.StartsWith("Size", StringComparison.Ordinal))
        );

        var text = await Ok(fxo, "provision", "content", "download", "files", "readme");
        Assert.Equal("hello firmware\n", text.Out);

        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var input = Path.Combine(fxo.Directory, "fw.bin");
        await File.WriteAllBytesAsync(input, bytes);
        await Ok(fxo, "provision", "content", "create", "files", "fw", "--protected");
        await Ok(fxo, "provision", "content", "upload", "files", "fw", "--file", input);

        var refused = await Run(fxo, "provision", "content", "download", "files", "fw");
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("--output", refused.Error, StringComparison.Ordinal);
        Assert.Equal("", refused.Out);

        var output = Path.Combine(fxo.Directory, "fw.out");
        await Ok(fxo, "provision", "content", "download", "files", "fw", "--output", output);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(output));
        await Ok(
            fxo,
            "provision",
            "content",
            "download",
            "files",
            "fw",
            "-o",
            output,
            "--range",
            "250-"
        );
        Assert.Equal(bytes[250..], await File.ReadAllBytesAsync(output));

        var badRange = await Run(
            fxo,
            "provision",
            "content",
            "download",
            "files",
            "fw",
            "--range",
            "9-1"
        );
        Assert.Equal(ExitCodes.Usage, badRange.ExitCode);
        Assert.Contains("--range", badRange.Error, StringComparison.Ordinal);

        await Ok(fxo, "provision", "content", "delete", "files", "fw");
        var gone = await Run(fxo, "provision", "content", "info", "files", "fw");
        Assert.Equal(ExitCodes.ApiError, gone.ExitCode);
        Assert.Contains("content 'fw'", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sn_list_pages_with_offset_and_limit_or_reads_every_page()
    {
        using var fxo = new CliHarness();
        await Ok(fxo, "provision", "model", "create", "paged", "--rid", server.TemplateRid);
        fxo.WithStdin(string.Concat(Enumerable.Range(0, 12).Select(i => $"p{i:00}\n")));
        await Ok(fxo, "provision", "sn", "add", "paged", "-f", "-");

        var page = (
            await Ok(
                fxo,
                "provision",
                "sn",
                "list",
                "paged",
                "--offset",
                "5",
                "--limit",
                "5",
                "--json"
            )
        ).Json.AsArray();
        Assert.Equal(
            new[] { "p05", "p06", "p07", "p08", "p09" },
            page.Select(r => (string)r!["sn"]!)
        );
        var all = (await Ok(fxo, "provision", "sn", "list", "paged", "--json")).Json.AsArray();
        Assert.Equal(12, all.Count);
        var rest = (
            await Ok(fxo, "provision", "sn", "list", "paged", "--offset", "10", "--json")
        ).Json.AsArray();
        Assert.Equal(new[] { "p10", "p11" }, rest.Select(r => (string)r!["sn"]!));

        await Ok(fxo, "provision", "sn", "remove", "paged", "p00", "p01");
        fxo.WithStdin("p02\np03\n");
        var removed = await Ok(fxo, "provision", "sn", "remove", "paged", "--file", "-");
        Assert.Contains("2 serial numbers removed", removed.Out, StringComparison.Ordinal);
        Assert.Equal(
            8,
            (await Ok(fxo, "provision", "sn", "list", "paged", "--json")).Json.AsArray().Count
        );
    }

    [Fact]
    public async Task Errors_have_clear_messages_and_distinct_exit_codes()
    {
        using var fxo = new CliHarness();
        var unknown = await Run(fxo, "provision", "model", "show", "no-such-model");
        Assert.Equal(ExitCodes.ApiError, unknown.ExitCode);
        Assert.StartsWith("fxo: model 'no-such-model': ", unknown.Error, StringComparison.Ordinal);
        Assert.Equal("", unknown.Out);

        var snUnknown = await Run(fxo, "provision", "sn", "list", "no-such-model");
        Assert.Equal(ExitCodes.ApiError, snUnknown.ExitCode);
        Assert.Contains("model 'no-such-model'", snUnknown.Error, StringComparison.Ordinal);

        var limit = await Run(fxo, "provision", "sn", "list", "m", "--limit", "0");
        Assert.Equal(ExitCodes.Usage, limit.ExitCode);
        Assert.Contains("--limit", limit.Error, StringComparison.Ordinal);

        var noTemplate = await Run(fxo, "provision", "model", "create", "x");
        Assert.Equal(ExitCodes.Usage, noTemplate.ExitCode);
        Assert.Contains("--rid", noTemplate.Error, StringComparison.Ordinal);

        var format = await Run(
            fxo,
            "provision",
            "sn",
            "ranges",
            "add",
            "m",
            "--format",
            "base7",
            "--first",
            "1",
            "--last",
            "2"
        );
        Assert.Equal(ExitCodes.Usage, format.ExitCode);
        Assert.Contains("--format", format.Error, StringComparison.Ordinal);

        var unreachable = await fxo.RunAsync(
            "provision",
            "model",
            "list",
            "--url",
            "http://127.0.0.1:1",
            "--vendor-token",
            ProvisioningCliFixture.Token
        );
        Assert.Equal(ExitCodes.Transport, unreachable.ExitCode);
        Assert.StartsWith("fxo: ", unreachable.Error, StringComparison.Ordinal);

        var badToken = await fxo.RunAsync(
            "provision",
            "model",
            "list",
            "--url",
            server.Emulator.BaseUri.ToString(),
            "--vendor-token",
            new string('e', 40)
        );
        Assert.Equal(ExitCodes.ApiError, badToken.ExitCode);
        Assert.DoesNotContain(new string('e', 40), badToken.Error, StringComparison.Ordinal);

        var noCredentials = await fxo.RunAsync(
            "provision",
            "model",
            "list",
            "--url",
            server.Emulator.BaseUri.ToString()
        );
        Assert.Equal(ExitCodes.Usage, noCredentials.ExitCode);
        Assert.Contains("--vendor-token", noCredentials.Error, StringComparison.Ordinal);
        foreach (var r in new[] { unknown, limit, unreachable })
        {
            NoToken(r);
        }
    }

    [Fact]
    public async Task Vendor_tokens_are_masked_unless_revealed_and_shares_and_ranges_round_trip()
    {
        using var fxo = new CliHarness();
        var vendor = (await Ok(fxo, "provision", "vendor", "show", "--json")).Json;
        Assert.Equal(ProvisioningCliFixture.Vendor, (string?)vendor["vendor"]);

        var forbidden = await Run(fxo, "provision", "vendor", "token", "list");
        Assert.Equal(ExitCodes.ApiError, forbidden.ExitCode);
        Assert.Contains("--cik", forbidden.Error, StringComparison.Ordinal);

        // Vendor tokens are managed with the vendor's CIK (spec 3.6); the vendor's client is the root.
        string[] Cik(params string[] args) =>
            [
                .. args,
                "--url",
                server.Emulator.BaseUri.ToString(),
                "--cik",
                server.Emulator.RootCik,
            ];
        var created = await fxo.OkAsync(Cik("provision", "vendor", "token", "create", "ci"));
        Assert.Matches(
            @"^Token\s+[0-9a-f]{6}…$",
            created.Lines.Single(l => l.StartsWith("Token", StringComparison.Ordinal))
        );
        Assert.DoesNotMatch(Hex40(), created.Out);
        var shown = (
            await fxo.OkAsync(
                Cik("provision", "vendor", "token", "show", "ci", "--reveal", "--json")
            )
        ).Json;
        var token = (string)shown["token"]!;
        Assert.Matches("^[0-9a-f]{40}$", token);
        Assert.StartsWith(
            token[..6],
            created.Lines.Single(l => l.StartsWith("Token", StringComparison.Ordinal))[5..].Trim(),
            StringComparison.Ordinal
        );
        var tokens = (
            await fxo.OkAsync(Cik("provision", "vendor", "token", "list", "--json"))
        ).Json.AsArray();
        Assert.Contains("ci", tokens.Select(t => (string?)t!["id"]));
        await fxo.OkAsync(Cik("provision", "vendor", "token", "delete", "ci"));
        Assert.DoesNotContain(
            server.Emulator.RootCik,
            created.Out + created.Error,
            StringComparison.Ordinal
        );

        await Ok(fxo, "provision", "model", "create", "shared", "--rid", server.TemplateRid);
        var friend = server.Emulator.CreateClient(server.Emulator.RootRid, "friend").Cik;
        var registered = await fxo.OkAsync(
            "provision",
            "vendor",
            "register",
            "friend",
            "--url",
            server.Emulator.BaseUri.ToString(),
            "--cik",
            friend
        );
        Assert.Contains("vendor 'friend' registered", registered.Out, StringComparison.Ordinal);
        await Ok(fxo, "provision", "model", "share", "shared", "friend");
        Assert.Equal(
            new[] { "Vendor", "------", "friend" },
            (await Ok(fxo, "provision", "model", "shares", "shared")).Lines
        );
        await Ok(fxo, "provision", "model", "unshare", "shared", "friend");

        await Ok(
            fxo,
            "provision",
            "sn",
            "ranges",
            "add",
            "shared",
            "--format",
            "base16",
            "--first",
            "00f0",
            "--last",
            "00ff",
            "--length",
            "4",
            "--casing",
            "upper"
        );
        var ranges = (
            await Ok(fxo, "provision", "sn", "ranges", "list", "shared", "--json")
        ).Json.AsArray();
        var range = Assert.Single(ranges)!;
        Assert.Equal("base16", (string?)range["format"]);
        Assert.Equal("00F0", (string?)range["first"]);
        Assert.Equal("00FF", (string?)range["last"]);
    }

    [Fact]
    public async Task Groups_and_members_are_managed_by_arguments_and_csv()
    {
        using var fxo = new CliHarness();
        await Ok(fxo, "provision", "model", "create", "grouped", "--rid", server.TemplateRid);
        await Ok(fxo, "provision", "sn", "add", "grouped", "g1", "g2", "g3");
        await Ok(fxo, "provision", "group", "create", "grouped", "beta", "--meta", "testers");
        var groups = await Ok(fxo, "provision", "group", "list", "grouped");
        Assert.Matches(@"^beta\s+testers$", groups.Lines[2]);

        await Ok(
            fxo,
            "provision",
            "group",
            "members",
            "add",
            "grouped",
            "beta",
            "g1",
            "g2",
            "--type",
            "sn"
        );
        fxo.WithStdin("sn,g3,,late\n");
        await Ok(fxo, "provision", "group", "members", "add", "grouped", "beta", "--file", "-");
        var members = (
            await Ok(fxo, "provision", "group", "members", "list", "grouped", "beta", "--json")
        ).Json.AsArray();
        Assert.Equal(new[] { "g1", "g2", "g3" }, members.Select(m => (string)m!["id"]!).Order());
        Assert.All(members, m => Assert.Equal("sn", (string?)m!["type"]));

        var info = (await Ok(fxo, "provision", "group", "info", "grouped", "beta", "--json")).Json;
        Assert.Equal(3L, (long)info["count"]!);
        Assert.Equal(
            new[] { "beta" },
            (await Ok(fxo, "provision", "sn", "groups", "grouped", "g1", "--json"))
                .Json.AsArray()
                .Select(g => (string)g!["group"]!)
        );

        fxo.WithStdin("sn,g1\nsn,g3\n");
        await Ok(fxo, "provision", "group", "members", "remove", "grouped", "beta", "-f", "-");
        var left = (
            await Ok(fxo, "provision", "group", "members", "list", "grouped", "beta", "--json")
        ).Json.AsArray();
        Assert.Equal(new[] { "g2" }, left.Select(m => (string)m!["id"]!));

        var noType = await Run(
            fxo,
            "provision",
            "group",
            "members",
            "add",
            "grouped",
            "beta",
            "g1"
        );
        Assert.Equal(ExitCodes.Usage, noType.ExitCode);
        Assert.Contains("--type", noType.Error, StringComparison.Ordinal);

        await Ok(fxo, "provision", "group", "delete", "grouped", "beta");
        Assert.Equal(2, (await Ok(fxo, "provision", "group", "list", "grouped")).Lines.Count);
    }
}
