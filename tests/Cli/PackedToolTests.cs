using System.Diagnostics;

namespace Functional.Tests.Cli;

/// <summary>The packed .NET tool, installed into a temporary tool path and run as a real process.</summary>
public class PackedToolTests
{
    private static string RepoRoot(
        [System.Runtime.CompilerServices.CallerFilePath] string source = ""
    )
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Functional.sln not found");
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(
        string file,
        IReadOnlyDictionary<string, string> environment,
        params string[] args
    )
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task The_packed_fxo_tool_installs_and_keeps_embedded_state_across_processes()
    {
        var work = Path.Combine(Path.GetTempPath(), "fxo-pack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var env = new Dictionary<string, string>
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["FXO_HOME"] = Path.Combine(work, "home"),
            };
            var packages = Path.Combine(work, "packages");
            var pack = await RunAsync(
                "dotnet",
                env,
                "pack",
                Path.Combine(RepoRoot(), "src", "Cli", "Functional.Cli.csproj"),
                "-o",
                packages,
                "-p:PackageVersion=0.0.0-test"
            );
            Assert.True(pack.Code == 0, pack.Out + pack.Error);
            Assert.True(File.Exists(Path.Combine(packages, "Functional.Cli.0.0.0-test.nupkg")));

            var tools = Path.Combine(work, "tools");
            var install = await RunAsync(
                "dotnet",
                env,
                "tool",
                "install",
                "Functional.Cli",
                "--tool-path",
                tools,
                "--add-source",
                packages,
                "--version",
                "0.0.0-test"
            );
            Assert.True(install.Code == 0, install.Out + install.Error);
            var fxo = Path.Combine(tools, OperatingSystem.IsWindows() ? "fxo.exe" : "fxo");

            var create = await RunAsync(
                fxo,
                env,
                "onep",
                "create",
                "dataport",
                "--alias",
                "t",
                "--format",
                "integer"
            );
            Assert.True(create.Code == 0, create.Out + create.Error);
            Assert.Contains("onep-state.json", create.Error, StringComparison.Ordinal);
            var write = await RunAsync(fxo, env, "onep", "write", "t", "41");
            Assert.True(write.Code == 0, write.Out + write.Error);
            var read = await RunAsync(fxo, env, "onep", "read", "t", "--json");
            Assert.True(read.Code == 0, read.Out + read.Error);
            Assert.Contains("41", read.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("onep-state.json", read.Error, StringComparison.Ordinal); // the notice is shown once

            var usage = await RunAsync(fxo, env, "onep", "read", "t", "--limit", "-3");
            Assert.Equal(2, usage.Code);
            var unreachable = await RunAsync(
                fxo,
                env,
                "onep",
                "read",
                "t",
                "--url",
                "http://127.0.0.1:1",
                "--cik",
                new string('a', 40)
            );
            Assert.Equal(3, unreachable.Code);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException) { }
        }
    }
}
