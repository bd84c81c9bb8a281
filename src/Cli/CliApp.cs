using System.CommandLine;
using Functional.Cli.Commands.Config;
using Functional.Cli.Commands.Emulator;
using Functional.Cli.Commands.OnePlatform;
using Functional.Cli.Commands.Provisioning;
using Functional.Cli.Commands.Sis;

namespace Functional.Cli;

/// <summary>
/// <c>fxo</c>: the command tree and its one entry point. <see cref="RunAsync"/> parses, reports usage errors with
/// exit code 2, and runs the chosen command; tests call it in-process with their own <see cref="CliHost"/>.
/// </summary>
internal static class CliApp
{
    /// <summary>The root command with every group, for <paramref name="host"/>.</summary>
    public static RootCommand Build(CliHost host)
    {
        var root = new RootCommand(
            "fxo: Exosite One Platform, Provisioning and SIS from the command line. With no --url, commands run against embedded emulators whose state lives in your fxo data folder."
        );
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }
        root.Subcommands.Add(OnePlatformCommands.Build(host));
        root.Subcommands.Add(ProvisioningCommands.Build(host));
        root.Subcommands.Add(SisCommands.Build(host));
        root.Subcommands.Add(EmulatorCommands.Build(host));
        root.Subcommands.Add(ConfigCommands.Build(host));
        return root;
    }

    /// <summary>Runs <paramref name="args"/> and returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct)
    {
        var parse = Build(host).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await host.Error.WriteLineAsync($"fxo: {error.Message}").ConfigureAwait(false);
            }
            var path = string.Join(
                ' ',
                parse.CommandResult.Command is RootCommand ? [] : CommandPath(parse.CommandResult)
            );
            await host
                .Error.WriteLineAsync(
                    $"Run 'fxo {(path.Length > 0 ? path + " " : "")}--help' for usage."
                )
                .ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(configuration, ct).ConfigureAwait(false);
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (
            System.CommandLine.Parsing.SymbolResult? r = result;
            r is System.CommandLine.Parsing.CommandResult c && c.Command is not RootCommand;
            r = r.Parent
        )
        {
            names.Push(((System.CommandLine.Parsing.CommandResult)r).Command.Name);
        }
        return names;
    }
}
