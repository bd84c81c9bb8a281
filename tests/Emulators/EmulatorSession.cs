using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;

namespace Functional.Tests.Emulators;

/// <summary>
/// An in-process emulator on a manual clock plus a raw <see cref="HttpClient"/>: tests talk to it only with literal
/// JSON envelopes, never through the library's own client.
/// </summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    /// <summary>2020-01-01T00:00:00Z.</summary>
    public const long Epoch = 1_577_836_800;

    private EmulatorSession(ManualClock clock, OnePlatformEmulator emulator)
    {
        Clock = clock;
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = emulator.BaseUri };
    }

    public ManualClock Clock { get; }

    public OnePlatformEmulator Emulator { get; }

    public HttpClient Http { get; }

    public string RootCik => Emulator.RootCik;

    public static async Task<EmulatorSession> StartAsync(
        Func<OnePlatformEmulatorOptions, OnePlatformEmulatorOptions>? configure = null
    )
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(Epoch));
        var options = new OnePlatformEmulatorOptions { TimeProvider = clock, Seed = 42 };
        var emulator = await OnePlatformEmulator.StartAsync(
            configure is null ? options : configure(options)
        );
        return new EmulatorSession(clock, emulator);
    }

    /// <summary>POSTs a raw body and returns the HTTP response (status, content type and text).</summary>
    public async Task<(int Status, string? ContentType, string Body)> PostRawAsync(
        string body,
        string path = "onep:v1/rpc/process"
    )
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        using var response = await Http.PostAsync(new Uri(Emulator.BaseUri + path), content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), text);
    }

    /// <summary>POSTs an envelope and returns the body text.</summary>
    public async Task<string> PostAsync(string body, CancellationToken ct = default)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(Emulator.RpcUri, content, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>Sends <c>{"auth":auth,"calls":[{"id":1,"procedure":…,"arguments":…}]}</c>; returns the single element.</summary>
    public async Task<JsonObject> CallAsync(string authJson, string procedure, string argumentsJson)
    {
        var body = await PostAsync(
            $$"""{"auth":{{authJson}},"calls":[{"id":1,"procedure":"{{procedure}}","arguments":{{argumentsJson}}}]}"""
        );
        var answer = JsonNode.Parse(body);
        if (answer is not JsonArray { Count: 1 } array || array[0] is not JsonObject element)
        {
            throw new Xunit.Sdk.XunitException($"expected one response element, got {body}");
        }
        return element;
    }

    public static string Cik(string cik) => $$"""{"cik":"{{cik}}"}""";

    /// <summary>Calls as the client with <paramref name="cik"/> and returns the element.</summary>
    public Task<JsonObject> As(string cik, string procedure, string argumentsJson) =>
        CallAsync(Cik(cik), procedure, argumentsJson);

    /// <summary>Calls and asserts status ok; returns the result (null when absent).</summary>
    public async Task<JsonNode?> Ok(string cik, string procedure, string argumentsJson)
    {
        var element = await As(cik, procedure, argumentsJson);
        Assert.True(
            element["status"]?.GetValue<string>() == "ok",
            $"{procedure} {argumentsJson} → {element.ToJsonString()}"
        );
        return element["result"];
    }

    /// <summary>Calls and returns the status as JSON text (a bare status string is returned unquoted).</summary>
    public async Task<string> Status(string cik, string procedure, string argumentsJson)
    {
        var status = (await As(cik, procedure, argumentsJson))["status"];
        return status is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : status?.ToJsonString() ?? "null";
    }

    /// <summary>Creates a client (all limits "inherit" unless given) under the caller and returns (rid, cik).</summary>
    public async Task<(string Rid, string Cik)> CreateClientAsync(
        string ownerCik,
        string description =
            """{"limits":{"client":"inherit","dataport":"inherit","datarule":"inherit","dispatch":"inherit","share":"inherit"}}"""
    )
    {
        var rid = (
            await Ok(ownerCik, "create", $$"""[{"alias":""},"client",{{description}}]""")
        )!.GetValue<string>();
        var key = (await Ok(ownerCik, "info", $$"""["{{rid}}",{"key":true}]"""))![
            "key"
        ]!.GetValue<string>();
        return (rid, key);
    }

    public async Task<string> CreateDataportAsync(
        string cik,
        string format,
        string? alias = null,
        string extra = ""
    )
    {
        var rid = (
            await Ok(cik, "create", $$"""["dataport",{"format":"{{format}}"{{extra}}}]""")
        )!.GetValue<string>();
        if (alias is not null)
        {
            await Ok(cik, "map", $$"""["alias","{{rid}}","{{alias}}"]""");
        }
        return rid;
    }

    /// <summary>Spins until the server has parked <paramref name="count"/> wait calls (their timers are armed).</summary>
    public async Task UntilParkedAsync(int count)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Emulator.PendingWaits < count)
        {
            await Task.Delay(5, guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
