using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;

namespace Functional.Cli;

/// <summary>
/// Runs a command's body and turns every failure into a clear one-line message on standard error and an exit
/// code (<see cref="ExitCodes"/>). Messages come from the typed exceptions, which never hold secrets.
/// </summary>
internal static class CliRun
{
    /// <summary>The action to give <c>Command.SetAction</c>.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(
        CliHost host,
        Func<CliContext, CancellationToken, Task<int>> body
    ) => (parse, ct) => RunAsync(host, parse, body, ct);

    /// <summary>Runs <paramref name="body"/> with a fresh <see cref="CliContext"/>.</summary>
    public static async Task<int> RunAsync(
        CliHost host,
        ParseResult parse,
        Func<CliContext, CancellationToken, Task<int>> body,
        CancellationToken ct
    )
    {
        try
        {
            var context = CliContext.Create(host, parse);
            return await body(context, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Classify(e, ct) is var (code, message) && code != 0)
        {
            await host.Error.WriteLineAsync($"fxo: {message}").ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>The exit code and message for an exception; (0, "") for ones that are bugs and must surface.</summary>
    internal static (int Code, string Message) Classify(Exception e, CancellationToken ct) =>
        e switch
        {
            OperationCanceledException when ct.IsCancellationRequested => (
                ExitCodes.Cancelled,
                "cancelled"
            ),
            CliUsageException u => (ExitCodes.Usage, u.Message),
            OnePlatformValidationException v => (ExitCodes.Usage, v.Message),
            ProvisioningValidationException v => (ExitCodes.Usage, v.Message),
            SisValidationException v => (ExitCodes.Usage, v.Message),
            OnePlatformResponseException r => (
                ExitCodes.Transport,
                $"the server's answer was not understood: {r.Message}"
            ),
            OnePlatformException o => (ExitCodes.ApiError, o.Message),
            ProvisioningException p => (ExitCodes.ApiError, p.Message),
            SisException s => (ExitCodes.ApiError, s.Message),
            HttpRequestException h => (ExitCodes.Transport, Transport(h)),
            TimeoutException t => (ExitCodes.Transport, $"timed out: {t.Message}"),
            OperationCanceledException => (ExitCodes.Transport, "the request timed out"),
            JsonException j => (ExitCodes.Usage, $"input is not valid JSON: {j.Message}"),
            IOException io => (ExitCodes.Usage, io.Message),
            UnauthorizedAccessException a => (ExitCodes.Usage, a.Message),
            _ => (0, ""),
        };

    private static string Transport(HttpRequestException h) =>
        SocketErrorOf(h) is { } s && h.HttpRequestError == HttpRequestError.ConnectionError
            ? $"cannot reach the server ({s.SocketErrorCode}): {h.Message}"
            : $"transport error: {h.Message}";

    private static SocketException? SocketErrorOf(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is SocketException s)
                return s;
        }
        return null;
    }
}
