using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Functional.Tests.Durability;

/// <summary>
/// <c>fxo emulator onep|sis …</c> as a separate process (<c>dotnet Functional.Cli.dll</c> from the test output
/// folder): started, its URL read from the start-up table, killed hard (whole process tree).
/// </summary>
internal sealed partial class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private readonly Process process;

    private EmulatorProcess(Process process, Uri baseUri)
    {
        this.process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Starts <c>fxo emulator</c> with <paramref name="args"/> and waits until it prints its URL.</summary>
    /// <param name="home">An empty folder used as <c>FXO_HOME</c>.</param>
    /// <param name="args">Everything after <c>fxo</c>, e.g. <c>emulator onep --state f --port 0</c>.</param>
    public static async Task<EmulatorProcess> StartAsync(string home, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Functional.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing from the test output");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["FXO_HOME"] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        void OnLine(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            output.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m)
            {
                url.TrySetResult(new Uri(m.Value));
            }
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => url.TrySetException(new InvalidOperationException("exited"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = await Task.WhenAny(url.Task, Task.Delay(StartLimit));
        if (ready != url.Task || url.Task.IsFaulted)
        {
            Kill(process);
            process.Dispose();
            Assert.Fail(
                $"fxo {string.Join(' ', args)} did not start within {StartLimit.TotalSeconds} s:\n"
                    + string.Join('\n', output)
            );
        }
        return new EmulatorProcess(process, await url.Task);
    }

    /// <summary>Kills the process and its children at once (no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        Kill(process);
        using var limit = new CancellationTokenSource(StartLimit);
        await process.WaitForExitAsync(limit.Token);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }
        process.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Listening();
}
