using Functional.Emulators.Cli;

return await EmulatorCommands.RunAsync(args).ConfigureAwait(false);
