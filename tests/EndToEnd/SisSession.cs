using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Emulators.Sis;
using Functional.Facade.Sis;
using Functional.Tests.Emulators;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// A SIS emulator on 127.0.0.1 plus the real <see cref="SisClient"/> logged in as its super user (over sockets).
/// <see cref="Clock"/> is set when the session runs on a manual clock (history tests), else the system clock is used
/// (hook retries wait real seconds).
/// </summary>
internal sealed class SisSession : IAsyncDisposable
{
    /// <summary>The super user's name.</summary>
    public const string SuperName = "root";

    /// <summary>The super user's password.</summary>
    public const string SuperPassword = "r00t-pa55word";

    /// <summary>The password every user made by <see cref="NewUserAsync"/> gets.</summary>
    public const string UserPassword = "user-pa55word";

    /// <summary>2020-01-01T00:00:00Z in epoch milliseconds (manual clock start).</summary>
    public const long Epoch = 1_577_836_800_000;

    private SisSession(SisEmulator emulator, ManualClock? clock)
    {
        Emulator = emulator;
        Clock = clock;
        Http = new HttpClient();
        Super = Anonymous();
    }

    public SisEmulator Emulator { get; }

    public ManualClock? Clock { get; }

    public HttpClient Http { get; }

    /// <summary>The client logged in as the super user.</summary>
    public SisClient Super { get; }

    /// <summary>Starts an emulator (system clock unless <paramref name="manualClock"/>) and logs the super user in.</summary>
    public static async Task<SisSession> StartAsync(
        bool manualClock = false,
        Func<SisEmulatorOptions, SisEmulatorOptions>? configure = null,
        bool login = true
    )
    {
        var clock = manualClock
            ? new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(Epoch))
            : null;
        var options = new SisEmulatorOptions
        {
            SuperUserName = SuperName,
            SuperUserPassword = SuperPassword,
            Seed = 42,
            TimeProvider = clock ?? TimeProvider.System,
        };
        var emulator = await SisEmulator.StartAsync(
            configure is null ? options : configure(options)
        );
        var session = new SisSession(emulator, clock);
        if (!login)
            return session;
        try
        {
            var token = await session.Super.AuthenticateAsync(SuperName, SuperPassword);
            Assert.Equal(SuperName, token.UserName);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        return session;
    }

    /// <summary>A client without a token (or with <paramref name="token"/>).</summary>
    public SisClient Anonymous(string? token = null)
    {
        var options = new SisClientOptions(Emulator.BaseUri);
        if (Clock is not null)
            options = options.WithTime(Clock);
        return new SisClient(Http, token is null ? options : options.WithAuthToken(token));
    }

    /// <summary>A new client logged in as <paramref name="user"/>.</summary>
    public async Task<SisClient> LoginAsync(string user, string password = UserPassword)
    {
        var client = Anonymous();
        await client.AuthenticateAsync(user, password);
        return client;
    }

    /// <summary>The super user creates <paramref name="name"/> with <paramref name="rolesJson"/>; the new user logs in.</summary>
    public async Task<SisClient> NewUserAsync(string name, string rolesJson)
    {
        var created = await Super.Users.CreateAsync(
            Json(
                $$"""{"name":"{{name}}","email":"{{name}}@example.com","pw":"{{UserPassword}}","roles":{{rolesJson}}}"""
            )
        );
        Assert.Equal(201, created.Status);
        Assert.False(created.Json.TryGetProperty("pw", out _));
        return await LoginAsync(name);
    }

    /// <summary>Moves the manual clock on by <paramref name="ms"/> milliseconds.</summary>
    public void Advance(long ms = 1000) =>
        (Clock ?? throw new InvalidOperationException("not a manual clock")).Advance(
            TimeSpan.FromMilliseconds(ms)
        );

    /// <summary>Waits (at most a generous minute) until every hook delivery has finished.</summary>
    public async Task DrainHooksAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Emulator.DrainHooksAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Http.Dispose();
    }

    // ---- JSON and assertion helpers ---------------------------------------------------------

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement Json(JsonNode node) => Json(node.ToJsonString());

    /// <summary>Asserts that two JSON values are equal (object key order ignored, numbers compared by value text).</summary>
    public static void AssertJson(JsonElement expected, JsonElement actual)
    {
        if (!JsonElement.DeepEquals(expected, actual))
            Assert.Fail(
                $"JSON differs.\nExpected: {expected.GetRawText()}\nActual:   {actual.GetRawText()}"
            );
    }

    public static void AssertJson(string expected, JsonElement actual) =>
        AssertJson(Json(expected), actual);

    /// <summary>Runs <paramref name="call"/>, which must throw a <see cref="SisException"/> from the server.</summary>
    public static async Task<SisException> FailsAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<SisException>(call);
        Assert.IsNotType<SisValidationException>(e);
        return e;
    }

    /// <summary>Asserts the status, the code and the exact error text.</summary>
    public static void AssertError(SisException e, int status, int code, string error)
    {
        Assert.True(
            e.HttpStatusCode == status && e.Code == code && e.Error == error,
            $"expected {status} {{error: \"{error}\", code: {code}}}, got {e.HttpStatusCode} {{error: \"{e.Error}\", code: {e.Code?.ToString() ?? "null"}}} body {e.ResponseBody}"
        );
    }

    /// <summary>Asserts the status, the code and that the error ends with <paramref name="suffix"/> (prefix unspecified).</summary>
    /// <summary>Creating <paramref name="json"/> in <paramref name="endpoint"/> is a 400 (code 1001) ending with <paramref name="suffix"/>.</summary>
    public static async Task RefusedAsync(SisEndpointClient endpoint, string json, string suffix)
    {
        var e = await FailsAsync(() => endpoint.CreateAsync(JsonNode.Parse(json)!));
        AssertErrorEndsWith(e, 400, 1001, suffix);
    }

    public static void AssertErrorEndsWith(SisException e, int status, int code, string suffix)
    {
        Assert.True(
            e.HttpStatusCode == status
                && e.Code == code
                && e.Error.EndsWith(suffix, StringComparison.Ordinal),
            $"expected {status} {{error: \"…{suffix}\", code: {code}}}, got {e.HttpStatusCode} {{error: \"{e.Error}\", code: {e.Code?.ToString() ?? "null"}}} body {e.ResponseBody}"
        );
    }

    /// <summary>Asserts status and code only (the spec does not fix the text).</summary>
    public static void AssertStatus(SisException e, int status, int code)
    {
        Assert.True(
            e.HttpStatusCode == status && e.Code == code,
            $"expected {status} code {code}, got {e.HttpStatusCode} {{error: \"{e.Error}\", code: {e.Code?.ToString() ?? "null"}}} body {e.ResponseBody}"
        );
    }

    public static string Str(JsonElement e, string property) =>
        e.GetProperty(property).GetString()!;

    public static string Id(SisResponse r) => Str(r.Json, "_id");

    /// <summary>The values of <paramref name="property"/> of every item, in order.</summary>
    public static string[] Names(IEnumerable<JsonElement> items, string property = "name") =>
        items.Select(i => i.GetProperty(property).ToString()).ToArray();

    public static string[] Names(SisResponse r, string property = "name") =>
        Names(r.Items, property);

    public static long UpdatedAt(JsonElement doc) =>
        doc.GetProperty("_sis").GetProperty("_updated_at").GetInt64();
}
