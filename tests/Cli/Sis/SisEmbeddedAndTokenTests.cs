using System.Text.RegularExpressions;
using Functional.Cli;

namespace Functional.Tests.Cli.Sis;

public partial class SisEmbeddedAndTokenTests(SisCliFixture server) : IClassFixture<SisCliFixture>
{
    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex Hex32();

    private Task<CliResult> Ok(CliHarness fxo, params string[] args) =>
        fxo.OkAsync(server.Authed(args));

    [Fact]
    public async Task Embedded_default_keeps_schemas_and_entities_across_invocations()
    {
        using var fxo = new CliHarness();
        var created = await fxo.OkAsync(
            "sis",
            "schemas",
            "create",
            "--data",
            """{"name":"rack","definition":{"slot":"Number"},"_sis":{"owner":["dc"]}}"""
        );
        Assert.Matches(
            @"^name\s+rack$",
            created.Lines.Single(l => l.StartsWith("name", StringComparison.Ordinal))
        );
        Assert.Contains("embedded SIS emulator", created.Error, StringComparison.Ordinal);
        await fxo.OkAsync("sis", "entities", "create", "rack", "--data", """{"slot":7}""");

        var schemas = await fxo.OkAsync("sis", "schemas", "list", "--json");
        Assert.Equal(["rack"], schemas.Json.AsArray().Select(s => (string)s!["name"]!));
        Assert.Equal("", schemas.Error);
        var entities = await fxo.OkAsync(
            "sis",
            "entities",
            "list",
            "rack",
            "--columns",
            "slot,_sis._created_by"
        );
        Assert.Equal(
            ["slot  _sis._created_by", "----  ----------------", "7     admin"],
            entities.Lines
        );
    }

    [Fact]
    public async Task Users_and_tokens_are_managed_and_tokens_are_masked_unless_reveal()
    {
        using var fxo = new CliHarness();
        var user = server.Unique("alice");
        const string password = "alice-secret-pw-42";
        var created = await Ok(
            fxo,
            "sis",
            "users",
            "create",
            "--data",
            $$$"""{"name":"{{{user}}}","email":"{{{user}}}@example.com","pw":"{{{password}}}","roles":{"ops":"user"}}"""
        );
        Assert.DoesNotContain(password, created.Out, StringComparison.Ordinal);
        var users = await Ok(fxo, "sis", "users", "list", "--q", $$$"""{"name":"{{{user}}}"}""");
        Assert.Matches(@"^Name\s+Email\s+Super\s+Roles$", users.Lines[0]);
        Assert.Matches($@"^{user}\s+{user}@example.com\s+false\s+ops:user$", users.Lines[2]);

        var token = await Ok(fxo, "sis", "tokens", "create", user, "--data", """{"desc":"ci"}""");
        Assert.Matches(
            @"^name\s+[0-9a-f]{6}…$",
            token.Lines.Single(l => l.StartsWith("name", StringComparison.Ordinal))
        );
        Assert.DoesNotMatch(Hex32(), token.Out + token.Error);
        var bare = await Ok(fxo, "sis", "tokens", "create", user);
        Assert.DoesNotMatch(Hex32(), bare.Out);

        var list = await Ok(fxo, "sis", "tokens", "list", user, "--sort", "desc");
        Assert.Matches(@"^Token\s+User\s+Description\s+Expires$", list.Lines[0]);
        Assert.Matches(
            $@"^[0-9a-f]{{6}}…\s+{user}\s+ci\s+never$",
            list.Lines.Single(l => l.Contains(" ci ", StringComparison.Ordinal))
        );
        Assert.DoesNotMatch(Hex32(), list.Out);
        var masked = await Ok(fxo, "sis", "tokens", "list", user, "--json");
        Assert.All(
            masked.Json.AsArray(),
            t => Assert.Matches(@"^[0-9a-f]{6}…$", (string)t!["name"]!)
        );
        Assert.DoesNotMatch(Hex32(), masked.Out);

        var revealed = await Ok(
            fxo,
            "sis",
            "tokens",
            "list",
            user,
            "--json",
            "--reveal",
            "--q",
            """{"desc":"ci"}"""
        );
        var secret = (string)Assert.Single(revealed.Json.AsArray())!["name"]!;
        Assert.Matches("^[0-9a-f]{32}$", secret);
        var one = await Ok(fxo, "sis", "tokens", "get", user, secret, "--json");
        Assert.Equal("ci", (string?)one.Json["desc"]);
        Assert.DoesNotContain(secret, one.Out, StringComparison.Ordinal);

        var deleted = await Ok(fxo, "sis", "tokens", "delete", user, secret);
        Assert.Matches(
            $@"^deleted token '[0-9a-f]{{6}}…' of user '{user}'$",
            deleted.Lines.Single()
        );
        var missing = await fxo.RunAsync(server.Authed("sis", "tokens", "get", user, secret));
        Assert.Equal(ExitCodes.ApiError, missing.ExitCode);
        Assert.DoesNotContain(secret, missing.Error, StringComparison.Ordinal);
        Assert.Single((await Ok(fxo, "sis", "tokens", "list", user, "--json")).Json.AsArray());

        const string leaky = "leaky-pa55word-1234";
        foreach (var json in new[] { false, true })
        {
            string[] args =
            [
                "sis",
                "users",
                "bulk",
                "create",
                "--data",
                $$$"""[{"email":"x@example.com","pw":"{{{leaky}}}","roles":{}}]""",
            ];
            var refused = await fxo.RunAsync(server.Authed(json ? [.. args, "--json"] : args));
            Assert.Equal(ExitCodes.ApiError, refused.ExitCode);
            Assert.Contains("***", refused.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(leaky, refused.Out + refused.Error, StringComparison.Ordinal);
        }

        // The new user's own persistent token works as --token.
        fxo.WithStdin(password + "\n");
        var login = await fxo.OkAsync(
            server.Args("sis", "login", user, "--password-stdin", "--json")
        );
        Assert.Equal(user, (string?)login.Json["user"]);
        Assert.DoesNotContain(password, login.Out + login.Error, StringComparison.Ordinal);
        foreach (
            var r in new[]
            {
                created,
                users,
                token,
                bare,
                list,
                masked,
                one,
                deleted,
                missing,
                login,
            }
        )
        {
            server.NoSecrets(r);
        }
    }
}
