using System.Text;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis;
using Functional.Tests.Emulators;

namespace Functional.Tests.Hostile;

/// <summary>
/// A SIS emulator seeded with a schema, an entity, a hook target-less hiera entry and the logged-in super user, and a
/// dump of everything (the state file plus every list) to compare before and after hostile requests.
/// </summary>
public sealed class SisWorld : IAsyncLifetime
{
    public const string Password = "pa55-hostile";

    private readonly string folder = Path.Combine(
        Path.GetTempPath(),
        "fxo-hostile-sis-" + Guid.NewGuid().ToString("N")
    );

    public SisEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public string Token { get; private set; } = "";

    public string StatePath => Path.Combine(folder, "sis.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        Emulator = await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                Seed = 5,
                TimeProvider = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_577_836_800)),
                SuperUserName = "admin",
                SuperUserPassword = Password,
                StatePath = StatePath,
            }
        );
        var login = await RawHttp.SendAsync(
            Http,
            "POST",
            new Uri(Emulator.ApiUri, "users/auth_token"),
            null,
            null,
            [
                (
                    "Authorization",
                    "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + Password))
                ),
            ]
        );
        Assert.Equal(201, login.Status);
        Token = JsonNode.Parse(login.Text)!["name"]!.GetValue<string>();
        await CreatedAsync(
            "schemas",
            """{"name":"things","_sis":{"owner":["ops"]},"definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number","tags":["String"],"any":"Mixed"}}"""
        );
        await CreatedAsync(
            "entities/things",
            """{"name":"keep","num":1,"tags":["a"],"any":{"x":[1,2]}}"""
        );
        await CreatedAsync(
            "hiera",
            """{"name":"h1","_sis":{"owner":["ops"]},"hieradata":{"k":"v"}}"""
        );
    }

    private async Task CreatedAsync(string path, string body) =>
        Assert.Equal(201, (await SendAsync("POST", path, Encoding.UTF8.GetBytes(body))).Status);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
    }

    /// <summary>Sends to a path under <c>/api/v1.1/</c> with the session token.</summary>
    public Task<RawReply> SendAsync(
        string method,
        string path,
        byte[]? body = null,
        string? contentType = "application/json"
    ) =>
        RawHttp.SendAsync(
            Http,
            method,
            new Uri(Emulator.ApiUri + path),
            body,
            contentType,
            [("x-auth-token", Token)]
        );

    /// <summary>Everything a client can list, plus the state file.</summary>
    public async Task<string> DumpAsync()
    {
        var text = new StringBuilder();
        text.AppendLine(await File.ReadAllTextAsync(StatePath));
        foreach (
            var path in new[]
            {
                "schemas",
                "entities/things",
                "hooks",
                "hiera",
                "users",
                "users/admin/tokens",
                "schemas/things/commits",
            }
        )
        {
            var reply = await SendAsync("GET", path);
            text.AppendLine(path + " " + reply.Status + " " + reply.Text);
        }
        return text.ToString();
    }

    /// <summary>A normal request still works.</summary>
    public async Task AssertServingAsync()
    {
        var reply = await SendAsync("GET", "entities/things?q=%7B%22name%22%3A%22keep%22%7D");
        Assert.Equal(200, reply.Status);
        Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(reply.Text)));
    }
}
