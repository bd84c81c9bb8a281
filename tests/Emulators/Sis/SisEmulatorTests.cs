using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis;

namespace Functional.Tests.Emulators.Sis;

/// <summary>One raw SIS answer: status, content type, body text and headers.</summary>
internal sealed record SisReply(
    int Status,
    string? ContentType,
    string Body,
    HttpResponseMessage Message
)
{
    public JsonNode? Json => JsonNode.Parse(Body);

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : Message.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : null;
}

/// <summary>An in-process SIS emulator on a manual clock plus raw HTTP helpers (literal JSON only).</summary>
internal sealed class SisSession : IAsyncDisposable
{
    /// <summary>2020-01-01T00:00:00Z in epoch milliseconds.</summary>
    public const long Epoch = 1_577_836_800_000;

    public const string Password = "s3cret";

    private readonly HttpClient http;

    private SisSession(ManualClock clock, SisEmulator emulator)
    {
        Clock = clock;
        Emulator = emulator;
        http = new HttpClient { BaseAddress = emulator.BaseUri };
    }

    public ManualClock Clock { get; }

    public SisEmulator Emulator { get; }

    public string? Token { get; set; }

    public static async Task<SisSession> StartAsync(
        Func<SisEmulatorOptions, SisEmulatorOptions>? configure = null
    )
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(Epoch));
        var options = new SisEmulatorOptions
        {
            TimeProvider = clock,
            Seed = 7,
            SuperUserName = "admin",
            SuperUserPassword = Password,
        };
        var emulator = await SisEmulator.StartAsync(
            configure is null ? options : configure(options)
        );
        return new SisSession(clock, emulator);
    }

    /// <summary>Starts a session and logs the super user in (its token is sent on every write).</summary>
    public static async Task<SisSession> LoggedInAsync(
        Func<SisEmulatorOptions, SisEmulatorOptions>? configure = null
    )
    {
        var s = await StartAsync(configure);
        s.Token = await s.LoginAsync("admin", Password);
        return s;
    }

    public async Task<string> LoginAsync(string user, string password)
    {
        var reply = await SendAsync(
            "POST",
            "api/v1.1/users/auth_token",
            basic: (user, password),
            token: null
        );
        Assert.Equal(201, reply.Status);
        return reply.Json!["name"]!.GetValue<string>();
    }

    /// <summary>
    /// Sends a request to <paramref name="path"/> (relative to the server root). The session token is sent unless
    /// <paramref name="token"/> is given ("" sends none).
    /// </summary>
    public async Task<SisReply> SendAsync(
        string method,
        string path,
        string? body = null,
        string? contentType = "application/json",
        string? token = "session",
        (string User, string Password)? basic = null,
        string? origin = null
    )
    {
        using var request = new HttpRequestMessage(
            new HttpMethod(method),
            new Uri(Emulator.BaseUri + path)
        );
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }
        var sent = token == "session" ? Token : token;
        if (!string.IsNullOrEmpty(sent))
        {
            request.Headers.Add("x-auth-token", sent);
        }
        if (basic is { } b)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(b.User + ":" + b.Password))
            );
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new SisReply(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            text,
            response
        );
    }

    public Task<SisReply> GetAsync(string path) => SendAsync("GET", "api/v1.1/" + path);

    public Task<SisReply> PostAsync(string path, string body) =>
        SendAsync("POST", "api/v1.1/" + path, body);

    public Task<SisReply> PutAsync(string path, string body) =>
        SendAsync("PUT", "api/v1.1/" + path, body);

    public Task<SisReply> DeleteAsync(string path) => SendAsync("DELETE", "api/v1.1/" + path);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>The SIS emulator's host: routing, request reading, responses, modes, persistence (spec §2.1–2.3, §2.13).</summary>
public class SisEmulatorTests
{
    internal const string JsonUtf8 = "application/json; charset=utf-8";

    internal static void AssertJson(string expected, JsonNode? actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), actual?.ToJsonString() ?? "null");

    [Fact]
    public async Task Info_has_the_four_build_keys_and_cors_headers()
    {
        await using var s = await SisSession.StartAsync();
        var reply = await s.GetAsync("info");
        Assert.Equal(200, reply.Status);
        Assert.Equal(JsonUtf8, reply.ContentType);
        var info = reply.Json!.AsObject();
        Assert.Equal(["build_num", "git_hash", "build_id", "version"], info.Select(p => p.Key));
        Assert.Equal("*", reply.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET,PUT,POST,DELETE", reply.Header("Access-Control-Allow-Methods"));
        Assert.Equal(
            "Content-Type,X-Requested-With,x-auth-token,Authorization",
            reply.Header("Access-Control-Allow-Headers")
        );
        Assert.Equal("x-total-count", reply.Header("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Cors_echoes_the_origin_even_on_errors()
    {
        await using var s = await SisSession.StartAsync();
        var reply = await s.SendAsync("GET", "api/v1.1/nothing", origin: "http://example.org");
        Assert.Equal(404, reply.Status);
        Assert.Equal("http://example.org", reply.Header("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("GET", "api/v1.1/entities")]
    [InlineData("GET", "api/v1/hiera")]
    [InlineData("POST", "api/v1.1/schemas/x")]
    [InlineData("GET", "api/unsupported/info")]
    [InlineData("PATCH", "api/v1.1/hiera")]
    [InlineData("GET", "api/v1.1/hiera/a/b")]
    public async Task Unknown_routes_get_express_html_404(string method, string path)
    {
        await using var s = await SisSession.StartAsync();
        var reply = await s.SendAsync(method, path);
        Assert.Equal(404, reply.Status);
        Assert.Equal("text/html; charset=utf-8", reply.ContentType);
        Assert.Equal($"Cannot {method} /{path}\n", reply.Body);
    }

    [Fact]
    public async Task Html_404_escapes_the_url_and_keeps_the_query()
    {
        await using var s = await SisSession.StartAsync();
        var reply = await s.SendAsync("GET", "api/v1.1/x<y>?a=1");
        Assert.Equal("Cannot GET /api/v1.1/x%3Cy%3E?a=1\n", reply.Body);
    }

    [Fact]
    public async Task Routes_are_case_insensitive_and_ignore_a_trailing_slash()
    {
        await using var s = await SisSession.StartAsync();
        var reply = await s.SendAsync("GET", "API/V1.1/Hiera/");
        Assert.Equal(200, reply.Status);
        Assert.Equal("[]", reply.Body);
        Assert.Equal("0", reply.Header("x-total-count"));
    }

    [Fact]
    public async Task Head_and_options_on_root_are_200()
    {
        await using var s = await SisSession.StartAsync();
        Assert.Equal(200, (await s.SendAsync("HEAD", "")).Status);
        Assert.Equal(200, (await s.SendAsync("OPTIONS", "")).Status);
        var options = await s.SendAsync("OPTIONS", "api/v1.1/hiera");
        Assert.Equal(200, options.Status);
        Assert.Equal("GET,HEAD,POST,PUT,DELETE", options.Body);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("\"bad\"")]
    [InlineData("nope")]
    public async Task Malformed_json_is_400_invalid_json(string body)
    {
        await using var s = await SisSession.LoggedInAsync();
        var reply = await s.PostAsync("hiera", body);
        Assert.Equal(400, reply.Status);
        Assert.Equal(SisEmulatorTests.JsonUtf8, reply.ContentType);
        Assert.Equal("""{"error":"Bad request: Invalid JSON","code":1001}""", reply.Body);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task Bodies_without_a_json_content_type_are_empty_objects(string? contentType)
    {
        await using var s = await SisSession.LoggedInAsync();
        var reply = await s.SendAsync(
            "POST",
            "api/v1.1/hiera",
            """{"name":"x","hieradata":{}}""",
            contentType
        );
        Assert.Equal(400, reply.Status);
        Assert.Equal(
            """{"error":"Bad request: Hiera entry has an invalid or missing name","code":1001}""",
            reply.Body
        );
    }

    [Fact]
    public async Task A_suffixed_json_content_type_is_parsed()
    {
        await using var s = await SisSession.LoggedInAsync();
        var reply = await s.SendAsync(
            "POST",
            "api/v1.1/hiera",
            """{"name":"x","hieradata":{},"_sis":{"owner":"g"}}""",
            "application/vnd.sis+json"
        );
        Assert.Equal(201, reply.Status);
    }

    [Fact]
    public async Task Bodies_over_10_mb_are_500_payload_too_large()
    {
        await using var s = await SisSession.LoggedInAsync();
        var big = "{\"name\":\"" + new string('a', 10 * 1024 * 1024) + "\"}";
        var reply = await s.PostAsync("hiera", big);
        Assert.Equal(500, reply.Status);
        Assert.Equal(
            """{"error":"Internal error Unexpected error : PayloadTooLargeError: request entity too large","code":1002}""",
            reply.Body
        );
    }

    [Fact]
    public async Task Writes_need_a_known_token()
    {
        await using var s = await SisSession.StartAsync();
        var body = """{"name":"x","hieradata":{},"_sis":{"owner":"g"}}""";
        var missing = await s.SendAsync("POST", "api/v1.1/hiera", body, token: null);
        Assert.Equal(400, missing.Status);
        Assert.Equal("""{"error":"Bad request: Missing x-auth-token","code":1001}""", missing.Body);
        var unknown = await s.SendAsync(
            "POST",
            "api/v1.1/hiera",
            body,
            token: "0123456789abcdef0123456789abcdef"
        );
        Assert.Equal(404, unknown.Status);
        Assert.Equal(
            """{"error":"sis_tokens 0123456789abcdef0123456789abcdef does not exist","code":1000}""",
            unknown.Body
        );
    }

    [Fact]
    public async Task Basic_credentials_give_a_temporary_token_of_eight_hours()
    {
        await using var s = await SisSession.StartAsync();
        var reply = await s.SendAsync(
            "POST",
            "api/v1.1/users/auth_token",
            "auth",
            "null",
            token: null,
            basic: ("admin", SisSession.Password)
        );
        Assert.Equal(201, reply.Status);
        Assert.Equal("true", reply.Header("Access-Control-Allow-Credentials"));
        var token = reply.Json!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", token["name"]!.GetValue<string>());
        Assert.Equal("admin", token["username"]!.GetValue<string>());
        Assert.Equal(28_800_000, token["expires"]!.GetValue<long>());
        s.Clock.Advance(TimeSpan.FromHours(1));
        var name = token["name"]!.GetValue<string>();
        var used = await s.SendAsync(
            "POST",
            "api/v1.1/hiera",
            """{"name":"x","hieradata":1,"_sis":{"owner":"g"}}""",
            token: name
        );
        Assert.Equal(201, used.Status);
        Assert.Equal("admin", used.Json!["_sis"]!["_created_by"]!.GetValue<string>());
        s.Clock.Advance(TimeSpan.FromHours(7));
        var expired = await s.SendAsync("DELETE", "api/v1.1/hiera/x", token: name);
        Assert.Equal(401, expired.Status);
        Assert.Equal("""{"error":"Unauthorized. Token has expired.","code":1004}""", expired.Body);
        s.Clock.Advance(TimeSpan.FromSeconds(60));
        var purged = await s.SendAsync("DELETE", "api/v1.1/hiera/x", token: name);
        Assert.Equal(404, purged.Status);
        Assert.Equal(
            $$$"""{"error":"sis_tokens {{{name}}} does not exist","code":1000}""",
            purged.Body
        );
    }

    [Fact]
    public async Task Bad_credentials_are_401_and_unknown_users_404()
    {
        await using var s = await SisSession.StartAsync();
        var wrong = await s.SendAsync(
            "POST",
            "api/v1.1/users/auth_token",
            token: null,
            basic: ("admin", "nope")
        );
        Assert.Equal(401, wrong.Status);
        Assert.Equal("""{"error":"Unauthorized. Invalid password.","code":1004}""", wrong.Body);
        var unknown = await s.SendAsync(
            "POST",
            "api/v1.1/users/auth_token",
            token: null,
            basic: ("bob", "pw")
        );
        Assert.Equal(404, unknown.Status);
        Assert.Equal("""{"error":"sis_users bob does not exist","code":1000}""", unknown.Body);
        var none = await s.SendAsync("POST", "api/v1.1/users/auth_token", token: null);
        Assert.Equal(401, none.Status);
        Assert.Equal("""{"error":"Unauthorized. Invalid credentials","code":1004}""", none.Body);
    }

    [Fact]
    public async Task A_generated_super_user_password_is_exposed()
    {
        await using var s = await SisSession.StartAsync(o =>
            o with
            {
                SuperUserPassword = null,
                SuperUserName = "root",
            }
        );
        Assert.Equal("root", s.Emulator.SuperUserName);
        Assert.False(string.IsNullOrEmpty(s.Emulator.SuperUserPassword));
        await s.LoginAsync("root", s.Emulator.SuperUserPassword);
        var users = await s.GetAsync("users");
        Assert.Equal("1", users.Header("x-total-count"));
        Assert.DoesNotContain("\"pw\"", users.Body, StringComparison.Ordinal);
        Assert.True(users.Json![0]!["super_user"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Read_only_mode_has_only_get_routes_plus_login()
    {
        await using var s = await SisSession.StartAsync(o => o with { ReadOnly = true });
        s.Token ??= await s.LoginAsync("admin", SisSession.Password);
        var post = await s.PostAsync(
            "hiera",
            """{"name":"x","hieradata":1,"_sis":{"owner":"g"}}"""
        );
        Assert.Equal(404, post.Status);
        Assert.Equal("Cannot POST /api/v1.1/hiera\n", post.Body);
        Assert.Equal(404, (await s.PutAsync("hiera/x", "{}")).Status);
        Assert.Equal(404, (await s.DeleteAsync("hiera/x")).Status);
        Assert.Equal(200, (await s.GetAsync("hiera")).Status);
    }

    [Fact]
    public async Task Without_auth_everything_is_allowed_and_users_do_not_exist()
    {
        await using var s = await SisSession.StartAsync(o => o with { AuthEnabled = false });
        var created = await s.PostAsync("hiera", """{"name":"x","hieradata":{"a":1}}""");
        Assert.Equal(201, created.Status);
        var meta = created.Json!["_sis"]!.AsObject();
        Assert.False(meta.ContainsKey("_created_by"));
        AssertJson("[]", meta["owner"]);
        var users = await s.GetAsync("users");
        Assert.Equal(404, users.Status);
        Assert.Equal("Cannot GET /api/v1.1/users\n", users.Body);
        Assert.Equal(404, (await s.SendAsync("POST", "api/v1.1/users/auth_token")).Status);
    }

    [Fact]
    public async Task State_is_saved_atomically_and_loaded_again()
    {
        var dir = Directory.CreateTempSubdirectory("sis-state-");
        var path = Path.Combine(dir.FullName, "state.json");
        try
        {
            string token;
            await using (var s = await SisSession.LoggedInAsync(o => o with { StatePath = path }))
            {
                var created = await s.PostAsync(
                    "hiera",
                    """{"name":"kept","hieradata":{"a":1},"_sis":{"owner":"g"}}"""
                );
                Assert.Equal(201, created.Status);
                Assert.Equal(
                    200,
                    (
                        await s.PutAsync(
                            "hiera/kept",
                            """{"name":"kept","hieradata":{"b":2},"_sis":{"owner":"g"}}"""
                        )
                    ).Status
                );
                token = s.Token!;
            }
            Assert.True(File.Exists(path));
            Assert.False(File.Exists(path + ".tmp"));
            await using var again = await SisSession.StartAsync(o => o with { StatePath = path });
            AssertJson("""{"kept":{"a":1,"b":2}}""", (await again.GetAsync("hiera/kept")).Json);
            var commits = await again.GetAsync("hiera/kept/commits");
            Assert.Equal("2", commits.Header("x-total-count"));
            var deleted = await again.SendAsync("DELETE", "api/v1.1/hiera/kept", token: token);
            Assert.Equal(200, deleted.Status);
            // Same seed, same clock: the restored ObjectId counter still gives a fresh _id.
            var fresh = await again.SendAsync(
                "POST",
                "api/v1.1/hiera",
                """{"name":"kept","hieradata":{},"_sis":{"owner":"g"}}""",
                token: token
            );
            Assert.Equal(201, fresh.Status);
            Assert.NotEqual(
                deleted.Json!["_id"]!.GetValue<string>(),
                fresh.Json!["_id"]!.GetValue<string>()
            );
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_state_file_that_is_not_json_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{oops");
            await Assert.ThrowsAsync<InvalidDataException>(() =>
                SisEmulator.StartAsync(
                    new SisEmulatorOptions { StatePath = path, SuperUserPassword = "x" }
                )
            );
        }
        finally
        {
            File.Delete(path);
        }
    }
}
