using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Functional.Cli;

namespace Functional.Tests.Cli.Sis;

public partial class SisLoginCommandTests(SisCliFixture server) : IClassFixture<SisCliFixture>
{
    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex Hex32();

    [Fact]
    public async Task Login_stores_the_token_and_the_next_invocation_uses_it_until_logout()
    {
        using var fxo = new CliHarness();
        var schema = server.Unique("login");
        var definition =
            $$$"""{"name":"{{{schema}}}","definition":{"n":"Number"},"_sis":{"owner":["ops"]}}""";

        var anonymous = await fxo.RunAsync(
            server.Args("sis", "schemas", "create", "--data", definition)
        );
        Assert.Equal(ExitCodes.ApiError, anonymous.ExitCode);
        Assert.Contains("Missing x-auth-token", anonymous.Error, StringComparison.Ordinal);

        fxo.WithStdin(SisCliFixture.SuperPassword + "\n");
        var login = await fxo.OkAsync(
            server.Args("sis", "login", SisCliFixture.SuperName, "--password-stdin")
        );
        Assert.Matches(@"^Field\s+Value$", login.Lines[0]);
        Assert.Matches(
            @"^user\s+root$",
            login.Lines.Single(l => l.StartsWith("user", StringComparison.Ordinal))
        );
        Assert.Matches(
            @"^token\s+[0-9a-f]{6}…$",
            login.Lines.Single(l => l.StartsWith("token", StringComparison.Ordinal))
        );
        // The harness prints local time as UTC: an 8-hour token expires later today or tomorrow.
        Assert.Matches(
            @"^expires\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+00:00$",
            login.Lines.Single(l => l.StartsWith("expires", StringComparison.Ordinal))
        );
        Assert.DoesNotMatch(Hex32(), login.Out + login.Error);
        server.NoSecrets(login);

        var stored = JsonNode
            .Parse(File.ReadAllText(Path.Combine(fxo.Directory, "sis-logins.json")))!
            .AsObject();
        var token = (string)stored[server.Emulator.BaseUri.AbsoluteUri]!;
        Assert.Matches("^[0-9a-f]{32}$", token);

        fxo.WithStdin("");
        var created = await fxo.OkAsync(
            server.Args("sis", "schemas", "create", "--data", definition, "--json")
        );
        Assert.Equal(schema, (string?)created.Json["name"]);
        Assert.Equal("root", (string?)created.Json["_sis"]!["_created_by"]);
        Assert.DoesNotContain(token, created.Out + created.Error, StringComparison.Ordinal);

        var logout = await fxo.OkAsync(server.Args("sis", "logout"));
        Assert.Equal($"logged out of {server.Emulator.BaseUri.AbsoluteUri}", logout.Lines.Single());
        var again = await fxo.RunAsync(server.Args("sis", "schemas", "delete", schema));
        Assert.Equal(ExitCodes.ApiError, again.ExitCode);
        Assert.Contains("Missing x-auth-token", again.Error, StringComparison.Ordinal);
        Assert.Equal(
            "not logged in to " + server.Emulator.BaseUri.AbsoluteUri,
            (await fxo.OkAsync(server.Args("sis", "logout"))).Lines.Single()
        );
    }

    [Fact]
    public async Task Login_takes_the_password_from_the_environment_and_prints_json_masked_unless_reveal()
    {
        using var fxo = new CliHarness();
        fxo.WithEnv("FXO_SIS_PASSWORD", SisCliFixture.SuperPassword)
            .WithEnv("FXO_SIS_USER", SisCliFixture.SuperName);
        var masked = await fxo.OkAsync(server.Args("sis", "login", "--json"));
        Assert.Equal("root", (string?)masked.Json["user"]);
        Assert.Matches(@"^[0-9a-f]{6}…$", (string)masked.Json["token"]!);
        Assert.True((bool)masked.Json["stored"]!);
        var expires = DateTimeOffset.Parse(
            (string)masked.Json["expires"]!,
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.InRange(
            expires - DateTimeOffset.UtcNow,
            TimeSpan.FromHours(7),
            TimeSpan.FromHours(9)
        );
        server.NoSecrets(masked);

        var revealed = await fxo.OkAsync(server.Args("sis", "login", "--json", "--reveal"));
        Assert.Matches("^[0-9a-f]{32}$", (string)revealed.Json["token"]!);
        Assert.DoesNotContain(
            SisCliFixture.SuperPassword,
            revealed.Out + revealed.Error,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Login_errors_never_show_the_password()
    {
        using var fxo = new CliHarness();
        const string wrong = "wrong-pa55word-123";
        fxo.WithStdin(wrong + "\n");
        var refused = await fxo.RunAsync(server.Args("sis", "login", "root", "--password-stdin"));
        Assert.Equal(ExitCodes.ApiError, refused.ExitCode);
        Assert.Contains("SIS 401", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, refused.Out + refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fxo.Directory, "sis-logins.json")));

        fxo.WithStdin("");
        var none = await fxo.RunAsync(server.Args("sis", "login", "root"));
        Assert.Equal(ExitCodes.Usage, none.ExitCode);
        Assert.Contains("--password-stdin", none.Error, StringComparison.Ordinal);
        Assert.Contains("FXO_SIS_PASSWORD", none.Error, StringComparison.Ordinal);

        var empty = await fxo.RunAsync(server.Args("sis", "login", "root", "--password-stdin"));
        Assert.Equal(ExitCodes.Usage, empty.ExitCode);
        Assert.Contains("--password-stdin", empty.Error, StringComparison.Ordinal);

        var noUser = await fxo.RunAsync(server.Args("sis", "login"));
        Assert.Equal(ExitCodes.Usage, noUser.ExitCode);
        Assert.Contains("FXO_SIS_USER", noUser.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_prints_the_server_build_and_unreachable_servers_exit_3()
    {
        using var fxo = new CliHarness();
        var info = await fxo.OkAsync(server.Args("sis", "info"));
        Assert.Matches(@"^server\s+" + Regex.Escape(server.Url), info.Lines[2]);
        var json = await fxo.OkAsync(server.Args("sis", "info", "--json"));
        Assert.Equal("object", JsonValueKind(json.Json));

        var down = await fxo.RunAsync("sis", "schemas", "list", "--url", "http://127.0.0.1:1");
        Assert.Equal(ExitCodes.Transport, down.ExitCode);
        Assert.StartsWith("fxo: cannot reach the server", down.Error, StringComparison.Ordinal);
        Assert.Equal("", down.Out);

        fxo.WithStdin(SisCliFixture.SuperPassword + "\n");
        var loginDown = await fxo.RunAsync(
            "sis",
            "login",
            "root",
            "--password-stdin",
            "--url",
            "http://127.0.0.1:1"
        );
        Assert.Equal(ExitCodes.Transport, loginDown.ExitCode);
        Assert.DoesNotContain(
            SisCliFixture.SuperPassword,
            loginDown.Out + loginDown.Error,
            StringComparison.Ordinal
        );
    }

    private static string JsonValueKind(JsonNode node) =>
        node.GetValueKind().ToString().ToLowerInvariant();
}
