using Functional.Cli;

namespace Functional.Tests.Cli;

/// <summary>
/// Runs <c>fxo</c> in-process: its own data and config folder (deleted on dispose), captured standard output and
/// error, given standard input and environment. Invocations on one harness share the embedded emulators' state.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);
    private string stdin = "";

    public CliHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fxo-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The data and config folder of this harness.</summary>
    public string Directory { get; }

    /// <summary>Whether standard error pretends to be a terminal (draws progress bars).</summary>
    public bool ErrorIsTerminal { get; set; }

    /// <summary>Standard input for the next runs.</summary>
    public CliHarness WithStdin(string text)
    {
        stdin = text;
        return this;
    }

    /// <summary>An environment variable for the next runs.</summary>
    public CliHarness WithEnv(string name, string value)
    {
        environment[name] = value;
        return this;
    }

    /// <summary>Runs <c>fxo</c> with <paramref name="args"/>.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs <c>fxo</c> with <paramref name="args"/> until done or <paramref name="ct"/> is cancelled (Ctrl+C).</summary>
    public async Task<CliResult> RunAsync(CancellationToken ct, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(
            new StringReader(stdin),
            output,
            error,
            ErrorIsTerminal,
            new Dictionary<string, string>(environment),
            Directory,
            Directory,
            TimeZoneInfo.Utc
        );
        var code = await CliApp.RunAsync(args, host, ct);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts exit code 0, showing standard error when it is not.</summary>
    public async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(
            result.ExitCode == 0,
            $"fxo {string.Join(' ', args)} exited {result.ExitCode}\nstderr: {result.Error}\nstdout: {result.Out}"
        );
        return result;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException) { }
    }
}

/// <summary>What one <c>fxo</c> run did.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output parsed as JSON (for <c>--json</c> runs).</summary>
    public System.Text.Json.Nodes.JsonNode Json =>
        System.Text.Json.Nodes.JsonNode.Parse(Out)
        ?? throw new InvalidOperationException("stdout was JSON null");

    /// <summary>Standard output's lines.</summary>
    public IReadOnlyList<string> Lines =>
        Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r'))
            .ToList();
}
