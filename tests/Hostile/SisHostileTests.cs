using System.Text;
using System.Text.Json.Nodes;

namespace Functional.Tests.Hostile;

/// <summary>
/// Hostile requests to the SIS emulator (spec sis.md §2.1–§2.5) on top of tests/Emulators/Sis/SisHostileInputTests:
/// each gets a SIS error body (<c>{"error","code"}</c>), a raw Mongo-style 500 object for unknown operators, or
/// Express's HTML 404 — never a stack trace — and an error changes nothing.
/// </summary>
public sealed class SisHostileTests(SisWorld world) : IClassFixture<SisWorld>
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<RawReply> UnchangedAsync(Func<Task<RawReply>> send)
    {
        var before = await world.DumpAsync();
        var reply = await send();
        AssertDocumented(reply);
        await world.AssertServingAsync();
        Assert.Equal(before, await world.DumpAsync());
        return reply;
    }

    /// <summary>The answer is one the spec allows for an error (or a success).</summary>
    internal static void AssertDocumented(RawReply reply)
    {
        Assert.False(RawHttp.HasStackTrace(reply.Text), reply.ToString());
        Assert.True(
            reply.Status is 200 or 201 or 400 or 401 or 404 or 414 or 500,
            reply.ToString()
        );
        if (reply.Status < 400 || reply.Status == 414)
        {
            return;
        }
        if (reply.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
        {
            Assert.Equal(404, reply.Status);
            Assert.StartsWith("Cannot ", reply.Text, StringComparison.Ordinal);
            return;
        }
        if (reply.Status == 400 && reply.Text.Length == 0)
        {
            return; // Kestrel refused the request line or headers before routing
        }
        var json = Assert.IsType<JsonObject>(JsonNode.Parse(reply.Text));
        if (json["error"] is not null)
        {
            Assert.InRange(json["code"]!.GetValue<int>(), 1000, 1004);
        }
        else
        {
            // A raw driver error (unknown operator, cast error): 500 with the error object itself.
            Assert.Equal(500, reply.Status);
            Assert.NotNull(json["name"]);
            Assert.NotNull(json["message"]);
        }
    }

    private Task<RawReply> RawAsync(
        string method,
        string target,
        byte[]? body = null,
        string contentType = "application/json"
    ) =>
        RawHttp.SendBytesAsync(
            world.Emulator.BaseUri,
            RawHttp.Request(method, target, body, contentType, $"x-auth-token: {world.Token}")
        );

    public static TheoryData<string> BadQueries =>
        [
            "q=%7B%22num%22%3A%7B%22%24where%22%3A%22sleep(1000)%22%7D%7D",
            "q=%7B%22%24where%22%3A%22this.num%3E0%22%7D",
            "q=%7B%22%24foo%22%3A1%7D",
            "q=%7B%22num%22%3A%7B%22%24foo%22%3A1%7D%7D",
            "q=%7B%22num%22%3A%7B%22%24expr%22%3A1%7D%7D",
            "q=%7B%22%24or%22%3A1%7D",
            "q=%7B%22%24or%22%3A%5B%5D%7D",
            "q=%7B%22%24and%22%3A%5B1%2C%22x%22%5D%7D",
            "q=%7B%22num%22%3A%7B%22%24in%22%3A5%7D%7D",
            "q=%7B%22num%22%3A%7B%22%24mod%22%3A%5B0%2C0%5D%7D%7D",
            "q=%7B%22num%22%3A%7B%22%24mod%22%3A%22x%22%7D%7D",
            "q=%7B%22name%22%3A%7B%22%24regex%22%3A%22%5B%22%7D%7D",
            "q=%7B%22num%22%3A%7B%22%24size%22%3A-1%7D%7D",
            "q=%7B%22num%22%3A%7B%22%24elemMatch%22%3A%7B%22%24foo%22%3A1%7D%7D%7D",
            "q=%7B%22any.x.%22%3A1%7D",
            "q=%7B%22..%22%3A1%7D",
            "q=%7B%22%22%3A1%7D",
            "q=" + Uri.EscapeDataString(new string('[', 10_000)),
            "q="
                + Uri.EscapeDataString(
                    string.Concat(Enumerable.Repeat("{\"$and\":[", 400))
                        + "{}"
                        + string.Concat(Enumerable.Repeat("]}", 400))
                ),
            "q[$where]=1",
            "q[num][$foo]=1",
            "q[a][b][c][d][e][f][g][h]=1",
            "q[]=1",
            "q=%ZZ",
            "q[__proto__][num]=1",
            "q[constructor][prototype][x]=1",
            "q[num][999999999]=1",
            string.Join("&", Enumerable.Range(0, 2000).Select(i => $"q[f{i}]=1")),
            "q=null&q=%7B%7D",
            "sort=" + new string(',', 5000),
            "fields=" + string.Join(",", Enumerable.Range(0, 3000).Select(i => $"a{i}")),
            "limit=1e999&offset=-1e999",
            "populate=..%2F..%2Fusers",
            "removeEmpty=%00",
        ];

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Unknown_operators_and_bad_queries_get_a_documented_error(string query)
    {
        var reply = await UnchangedAsync(() => world.SendAsync("GET", "entities/things?" + query));
        Assert.NotEqual(201, reply.Status);
    }

    [Theory]
    [InlineData("q=%7B%22%24where%22%3A%22this.num%3E0%22%7D")]
    [InlineData("q=%7B%22%24foo%22%3A1%7D")]
    [InlineData("q[num][$foo]=1")]
    public async Task Unknown_operators_in_a_bulk_delete_delete_nothing(string query)
    {
        var reply = await UnchangedAsync(() =>
            world.SendAsync("DELETE", "entities/things?" + query)
        );
        Assert.Equal(500, reply.Status);
        Assert.Equal("MongoError", JsonNode.Parse(reply.Text)!["name"]!.GetValue<string>());
    }

    public static TheoryData<string, byte[]> BadBodies =>
        new()
        {
            { "10,000 nested arrays", Utf8(new string('[', 10_000) + new string(']', 10_000)) },
            {
                "10,000 nested objects",
                Utf8(
                    string.Concat(Enumerable.Repeat("{\"a\":", 10_000))
                        + "1"
                        + new string('}', 10_000)
                )
            },
            { "truncated", Utf8("{\"name\":\"x\"") },
            { "a bare string", Utf8("\"keep\"") },
            { "a number", Utf8("42") },
            {
                "invalid UTF-8 in a key of an invalid document",
                [.. Utf8("{\""), 0xFF, 0xFE, .. Utf8("\":1,}")]
            },
            { "raw NUL", Utf8("{\"name\":\"a\0\"}") },
            { "UTF-16", Encoding.Unicode.GetBytes("{\"name\":\"u16\"}") },
            { "duplicate unique name", Utf8("{\"name\":\"keep\"}") },
            { "wrong type for a number", Utf8("{\"name\":\"n2\",\"num\":\"abc\"}") },
            { "an object for a string", Utf8("{\"name\":{\"$gt\":\"\"}}") },
            { "empty array", Utf8("[]") },
        };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_a_documented_error(string name, byte[] body)
    {
        var reply = await UnchangedAsync(() => world.SendAsync("POST", "entities/things", body));
        Assert.True(reply.Status >= 400, $"{name}: {reply}");
    }

    [Fact]
    public async Task A_byte_order_mark_is_skipped_like_body_parser_does()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Utf8("{\"name\":\"bom\"}")];
        var created = await world.SendAsync("POST", "entities/things", body);
        Assert.Equal(201, created.Status);
        var id = JsonNode.Parse(created.Text)!["_id"]!.GetValue<string>();
        Assert.Equal(200, (await world.SendAsync("DELETE", "entities/things/" + id)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("null")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("garbage/")]
    public async Task A_non_json_content_type_makes_the_body_empty(string? contentType)
    {
        // body-parser ignores it: the body is {}, and an entity without its required name is a 400.
        var reply = await UnchangedAsync(() =>
            world.SendAsync("POST", "entities/things", Utf8("{\"name\":\"ignored\"}"), contentType)
        );
        Assert.Equal(400, reply.Status);
    }

    [Fact]
    public async Task A_body_beyond_10_mb_is_the_documented_500_and_the_server_keeps_serving()
    {
        var big = Utf8("{\"name\":\"" + new string('b', 10 * 1024 * 1024) + "\"}");
        var reply = await UnchangedAsync(() => world.SendAsync("POST", "entities/things", big));
        Assert.Equal(500, reply.Status);
        Assert.Equal(1002, JsonNode.Parse(reply.Text)!["code"]!.GetValue<int>());
    }

    public static TheoryData<string, string> Paths =>
        new()
        {
            { "GET", "/api/v1.1/entities/things/.." },
            { "GET", "/api/v1.1/entities/things/%2e%2e" },
            { "GET", "/api/v1.1/entities/..%2Fschemas" },
            { "GET", "/api/v1.1/entities/things%2F..%2F..%2Fusers" },
            { "GET", "/api/v1.1/schemas/things%252F..%252Fusers" },
            { "GET", "/api/v1.1/schemas/%00" },
            { "GET", "/api/v1.1/schemas/things%00" },
            { "GET", "/api/v1.1/entities/things/" + new string('f', 6000) },
            { "GET", "/api/v1.1/" + new string('a', 20_000) },
            { "GET", "/api/v1.1//schemas" },
            { "GET", "/api/v1.1/schemas/things\0" },
            { "GET", "/api/v1.1/schemas/%E0%A4%A" },
            { "GET", "/api/v1.1/schemas/%C0%AF" },
            { "GET", "/api/../api/v1.1/schemas/things" },
            { "PATCH", "/api/v1.1/schemas/things" },
            { "FOO", "/api/v1.1/schemas" },
            { "TRACE", "/api/v1.1/schemas" },
            { "DELETE", "/api/v1.1/schemas/%2e%2e" },
            { "DELETE", "/api/v1.1/entities/things/..%2F..%2Fschemas%2Fthings" },
            { "PUT", "/api/v1.1/schemas/..%2Fusers%2Fadmin" },
            { "DELETE", "/api/v1.1/users/admin%2F..%2Fadmin/tokens/x" },
        };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Path_tricks_and_unknown_methods_never_reach_another_resource(
        string method,
        string target
    )
    {
        var body = method is "PUT" ? Utf8("{\"pw\":\"x\"}") : null;
        await UnchangedAsync(() => RawAsync(method, target, body));
    }
}
