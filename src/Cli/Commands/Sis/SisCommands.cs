using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Cli.Targets;

namespace Functional.Cli.Commands.Sis;

/// <summary>
/// <c>fxo sis</c>: <c>login</c> (a temporary token stored per server for the next commands), <c>logout</c>,
/// <c>info</c>, and the collections <c>schemas</c>, <c>entities &lt;schema&gt;</c>, <c>hooks</c>, <c>hiera</c>,
/// <c>users</c>, <c>tokens &lt;user&gt;</c> (<see cref="SisCollectionCommands"/>, <see cref="SisBulkCommands"/>).
/// Exit codes: 0 ok, 1 the server refused (its message is printed), 2 bad usage or input (nothing sent),
/// 3 the server cannot be reached or its answer is not understood.
/// </summary>
internal static class SisCommands
{
    /// <summary>The <c>sis</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "sis",
            "SIS (Service Information System): log in, then manage schemas, entities, hooks, hiera, users and tokens; query with --q/--sort/--limit, bulk loads from JSON files, history and revisions."
        );
        group.Options.Add(SisCli.Token);
        group.Subcommands.Add(Login(host));
        group.Subcommands.Add(Logout(host));
        group.Subcommands.Add(Info(host));
        foreach (var collection in SisCollection.All)
        {
            group.Subcommands.Add(SisCollectionCommands.Build(host, collection));
        }
        return group;
    }

    private static Command Login(CliHost host)
    {
        var user = new Argument<string?>("user")
        {
            Description =
                "The user name. Default: $FXO_SIS_USER, else sis.user in the config file.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description =
                "Read the password from the first line of standard input (else from $FXO_SIS_PASSWORD; never as an argument).",
        };
        var command = new Command(
            "login",
            "Log in with a user name and password and store the temporary token (8 hours on a default server) for this server; later commands use it without --token."
        )
        {
            user,
            passwordStdin,
        };
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var name =
                        parse.GetValue(user)
                        ?? context.Host.Variable("FXO_SIS_USER")
                        ?? context.Config.Get("sis", "user")
                        ?? throw new CliUsageException(
                            "user: give the user name (or set FXO_SIS_USER or sis.user in the config file)"
                        );
                    string password;
                    if (parse.GetValue(passwordStdin))
                    {
                        password =
                            (await context.Host.In.ReadLineAsync(ct).ConfigureAwait(false)) ?? "";
                        if (password.Length == 0)
                        {
                            throw new CliUsageException(
                                "--password-stdin: standard input has no password on its first line"
                            );
                        }
                    }
                    else
                    {
                        password =
                            context.Host.Variable("FXO_SIS_PASSWORD")
                            ?? throw new CliUsageException(
                                "no password: pass it on standard input with --password-stdin, or in FXO_SIS_PASSWORD"
                            );
                    }
                    await using var target = await context
                        .OpenSisAsync(null, ct)
                        .ConfigureAwait(false);
                    var token = await target
                        .Client.AuthenticateAsync(name, password, ct)
                        .ConfigureAwait(false);
                    var expires = target.Client.TokenExpiresAt;
                    if (target.Embedded is null)
                    {
                        SisTarget.StoreToken(context, target.Url, token.Name);
                    }
                    else
                    {
                        await context
                            .Host.Error.WriteLineAsync(
                                "fxo: the credentials are good; the embedded emulator needs no login (commands log in as its super user), so no token is stored."
                            )
                            .ConfigureAwait(false);
                    }
                    var output = context.Output;
                    CommandHelpers.FieldsOrJson(
                        context,
                        new JsonObject
                        {
                            ["url"] = target.Url.AbsoluteUri,
                            ["user"] = token.UserName,
                            ["token"] = output.Secret(token.Name),
                            ["expires"] = expires is { } e
                                ? output.TimestampJson(e.ToUnixTimeSeconds())
                                : null,
                            ["stored"] = target.Embedded is null,
                        },
                        [
                            ("server", target.Url.AbsoluteUri),
                            ("user", token.UserName),
                            ("token", output.Secret(token.Name)),
                            (
                                "expires",
                                expires is { } at
                                    ? output.Timestamp(at.ToUnixTimeSeconds())
                                    : "never"
                            ),
                        ]
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Logout(CliHost host)
    {
        var command = new Command(
            "logout",
            "Forget the token 'fxo sis login' stored for this server (the server lets it expire)."
        );
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var had = SisTarget.StoredToken(context, target.Url) is not null;
                    if (had)
                    {
                        SisTarget.StoreToken(context, target.Url, null);
                    }
                    context.Output.Line(
                        had
                            ? $"logged out of {target.Url.AbsoluteUri}"
                            : $"not logged in to {target.Url.AbsoluteUri}"
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Info(CliHost host)
    {
        var command = new Command(
            "info",
            "Show the server's build information (GET /info: version, build, git hash)."
        );
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    await using var target = await SisCli
                        .OpenAsync(context, ct)
                        .ConfigureAwait(false);
                    var info = await target.Client.InfoAsync(ct).ConfigureAwait(false);
                    if (context.Output.Json)
                    {
                        context.Output.WriteJson(info);
                        return ExitCodes.Ok;
                    }
                    var rows = new List<(string, string)> { ("server", target.Url.AbsoluteUri) };
                    if (info.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var p in info.EnumerateObject())
                        {
                            rows.Add((p.Name, SisCli.Cell(context.Output, p.Value, p.Name)));
                        }
                    }
                    CommandHelpers.FieldTable(context.Output, rows);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
