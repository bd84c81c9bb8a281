using System.CommandLine;
using System.Text.Json.Nodes;
using Functional.Cli.Targets;

namespace Functional.Cli.Commands.Config;

/// <summary>
/// <c>fxo config</c>: where things live (<c>path</c>), what is configured (<c>show</c>, secrets masked), <c>set</c>/<c>unset</c>
/// of <c>section.key</c> entries, and CIK shortcuts (<c>key add|list|remove</c>, like exoline's keys).
/// </summary>
internal static class ConfigCommands
{
    private static readonly string[] Settable =
    [
        "onep.url",
        "onep.cik",
        "provision.url",
        "provision.vendor",
        "provision.token",
        "sis.url",
        "sis.token",
        "sis.user",
    ];

    private static readonly System.Collections.Generic.HashSet<string> SecretKeys =
    [
        "onep.cik",
        "provision.token",
        "sis.token",
    ];

    /// <summary>The <c>config</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command("config", "Show and change the config file and CIK shortcuts.");
        group.Subcommands.Add(PathCommand(host));
        group.Subcommands.Add(Show(host));
        group.Subcommands.Add(Set(host));
        group.Subcommands.Add(Unset(host));
        group.Subcommands.Add(Key(host));
        return group;
    }

    private static Command PathCommand(CliHost host)
    {
        var command = new Command(
            "path",
            "Where the config file, the embedded emulators' state and stored logins live."
        );
        command.SetAction(
            CliRun.Action(
                host,
                (context, ct) =>
                {
                    context.Output.Table(
                        ["What", "Path"],
                        [
                            ["config", context.Config.Path],
                            ["data", context.DataDirectory],
                            ["onep state", Embedded.OnePlatformState(context.DataDirectory)],
                            ["sis state", Embedded.SisState(context.DataDirectory)],
                            ["sis logins", SisTarget.LoginsFile(context)],
                        ]
                    );
                    return Task.FromResult(ExitCodes.Ok);
                }
            )
        );
        return command;
    }

    private static Command Show(CliHost host)
    {
        var command = new Command(
            "show",
            "Print the config file's settings (secrets masked unless --reveal)."
        );
        command.SetAction(
            CliRun.Action(
                host,
                (context, ct) =>
                {
                    var rows = new List<IReadOnlyList<string>>();
                    foreach (var (section, node) in context.Config.Root)
                    {
                        if (node is not JsonObject entries)
                        {
                            continue;
                        }
                        foreach (var (key, value) in entries)
                        {
                            var text =
                                value is JsonValue v && v.TryGetValue<string>(out var s)
                                    ? s
                                    : value?.ToJsonString() ?? "null";
                            var name = $"{section}.{key}";
                            var secret = section == "keys" || SecretKeys.Contains(name);
                            rows.Add([name, secret ? context.Output.Secret(text) : text]);
                        }
                    }
                    context.Output.Table(["Setting", "Value"], rows);
                    return Task.FromResult(ExitCodes.Ok);
                }
            )
        );
        return command;
    }

    private static Argument<string> SettingArgument() =>
        new("setting")
        {
            Description = "One of: " + string.Join(", ", Settable),
            Validators =
            {
                r =>
                {
                    var value = r.GetValueOrDefault<string>();
                    if (!Settable.Contains(value))
                    {
                        r.AddError(
                            $"setting: '{value}' is not one of {string.Join(", ", Settable)}"
                        );
                    }
                },
            },
        };

    private static Command Set(CliHost host)
    {
        var setting = SettingArgument();
        var value = new Argument<string>("value") { Description = "The new value." };
        var command = new Command("set", "Set a setting in the config file.") { setting, value };
        command.SetAction(
            CliRun.Action(
                host,
                (context, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(setting);
                    var text = context.Parse.GetRequiredValue(value);
                    if (name.EndsWith(".url", StringComparison.Ordinal))
                    {
                        ServerUrl.Require(text, name);
                    }
                    var (section, key) = Split(name);
                    context.Config.With(section, key, text).Save();
                    context.Output.Line($"{name} set in {context.Config.Path}");
                    return Task.FromResult(ExitCodes.Ok);
                }
            )
        );
        return command;
    }

    private static Command Unset(CliHost host)
    {
        var setting = SettingArgument();
        var command = new Command("unset", "Remove a setting from the config file.") { setting };
        command.SetAction(
            CliRun.Action(
                host,
                (context, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(setting);
                    var (section, key) = Split(name);
                    context.Config.With(section, key, null).Save();
                    context.Output.Line($"{name} removed from {context.Config.Path}");
                    return Task.FromResult(ExitCodes.Ok);
                }
            )
        );
        return command;
    }

    private static Command Key(CliHost host)
    {
        var group = new Command("key", "CIK shortcuts: use the name wherever a CIK is expected.");

        var name = new Argument<string>("name") { Description = "The shortcut's name." };
        var cik = new Argument<string>("cik") { Description = "The CIK (40 hex characters)." };
        var add = new Command("add", "Save a CIK under a name.") { name, cik };
        add.SetAction(
            CliRun.Action(
                host,
                (context, ct) =>
                {
                    var key = context.Parse.GetRequiredValue(name);
                    var value = Credentials.Hex(context.Parse.GetRequiredValue(cik), "the CIK");
                    if (
                        key.Length == 0
                        || key.Any(char.IsControl)
                        || key.Contains(':', StringComparison.Ordinal)
                    )
                    {
                        throw new CliUsageException(
                            "name: must be non-empty, without ':' or control characters"
                        );
                    }
                    context.Config.With("keys", key, value).Save();
                    context.Output.Line($"key '{key}' saved ({context.Output.Secret(value)})");
                    return Task.FromResult(ExitCodes.Ok);
                }
            )
        );

        var list = new Command("list", "List the saved shortcuts (CIKs masked unless --reveal).");
        list.SetAction(
            CliRun.Action(
                host,
                (context, ct) =>
                {
                    context.Output.Table(
                        ["Name", "CIK"],
                        context
                            .Config.Keys()
                            .Select(k =>
                                (IReadOnlyList<string>)[k.Name, context.Output.Secret(k.Value)]
                            )
                    );
                    return Task.FromResult(ExitCodes.Ok);
                }
            )
        );

        var removeName = new Argument<string>("name") { Description = "The shortcut to remove." };
        var remove = new Command("remove", "Forget a shortcut.") { removeName };
        remove.SetAction(
            CliRun.Action(
                host,
                (context, ct) =>
                {
                    var key = context.Parse.GetRequiredValue(removeName);
                    if (context.Config.Key(key) is null)
                    {
                        throw new CliUsageException(
                            $"key '{key}' is not saved (see 'fxo config key list')"
                        );
                    }
                    context.Config.With("keys", key, null).Save();
                    context.Output.Line($"key '{key}' removed");
                    return Task.FromResult(ExitCodes.Ok);
                }
            )
        );

        group.Subcommands.Add(add);
        group.Subcommands.Add(list);
        group.Subcommands.Add(remove);
        return group;
    }

    private static (string Section, string Key) Split(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return (name[..dot], name[(dot + 1)..]);
    }
}
