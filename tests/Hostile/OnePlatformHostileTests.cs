using System.Text;
using System.Text.Json.Nodes;

namespace Functional.Tests.Hostile;

/// <summary>
/// Hostile requests to the One Platform RPC endpoint (spec §2.1–§2.4): each gets the documented answer — HTTP 200 with
/// a general error object (-1 not JSON, 400 with the wrong part of the envelope, 401) or per-call statuses — or a
/// plain HTTP 404/405 off the RPC route; never a 500, a stack trace or a changed state.
/// </summary>
public sealed class OnePlatformHostileTests(OnePlatformWorld world)
    : IClassFixture<OnePlatformWorld>
{
    private const string ParseError = """{"error":{"code":-1,"message":"Parse error"}}""";
    private const string TooLarge = """{"error":{"code":400,"message":"Request too large"}}""";
    private const string Unauthorized =
        """{"error":{"code":401,"message":"Authorization failed"}}""";

    private static string Malformed(string context) =>
        $$$"""{"error":{"code":400,"message":"Malformed request","context":"{{{context}}}"}}""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private string Envelope(string calls) =>
        $$"""{"auth":{"cik":"{{world.ChildCik}}"},"calls":{{calls}}}""";

    /// <summary>Sends, checks the answer, then checks the server still serves and nothing changed.</summary>
    private async Task<RawReply> UnchangedAsync(Func<Task<RawReply>> send)
    {
        var before = await world.DumpAsync();
        var reply = await send();
        Assert.False(RawHttp.HasStackTrace(reply.Text), reply.ToString());
        Assert.NotEqual(500, reply.Status);
        await world.AssertServingAsync();
        Assert.Equal(before, await world.DumpAsync());
        return reply;
    }

    private Task<RawReply> PostBytesAsync(
        byte[] body,
        string? contentType = "application/json; charset=utf-8"
    ) => RawHttp.SendAsync(world.Http, "POST", world.Rpc, body, contentType);

    // ---- bodies that are not JSON -------------------------------------------------------------------------

    public static TheoryData<string, byte[]> NotJson =>
        new()
        {
            { "empty", [] },
            { "open brace", Utf8("{") },
            { "trailing comma", Utf8("""{"auth":{"cik":"x"},"calls":[],}""") },
            { "single quotes", Utf8("{'auth':1}") },
            { "bare word", Utf8("nul") },
            { "two documents", Utf8("{} {}") },
            { "10,000 nested arrays", Utf8(new string('[', 10_000) + new string(']', 10_000)) },
            {
                "10,000 nested objects",
                Utf8(
                    string.Concat(Enumerable.Repeat("{\"a\":", 10_000))
                        + "1"
                        + new string('}', 10_000)
                )
            },
            {
                "300 nested arrays in the arguments",
                Utf8(
                    $$"""{"auth":{"cik":"x"},"calls":[{"id":1,"procedure":"read","arguments":{{new string('[', 300)}}{{new string(']', 300)}}}]}"""
                )
            },
            {
                "invalid UTF-8 in a value",
                [
                    .. Utf8("{\"auth\":{\"cik\":"),
                    0x22,
                    0xFF,
                    0xFE,
                    0x22,
                    .. Utf8("""},"calls":[]}"""),
                ]
            },
            {
                "invalid UTF-8 in a key",
                [.. Utf8("{\"auth\":{"), 0x22, 0xC3, 0x28, 0x22, .. Utf8(""":"x"},"calls":[]}""")]
            },
            {
                "overlong UTF-8 slash",
                [.. Utf8("{\"auth\":{\"cik\":\"a"), 0xC0, 0xAF, .. Utf8("\"},\"calls\":[]}")]
            },
            {
                "UTF-8 encoded surrogate",
                [.. Utf8("{\"auth\":{\"cik\":\"a"), 0xED, 0xA0, 0x80, .. Utf8("\"},\"calls\":[]}")]
            },
            {
                "invalid UTF-8 in a procedure",
                [
                    .. Utf8("{\"auth\":{\"cik\":\"c\"},\"calls\":[{\"id\":1,\"procedure\":"),
                    0x22,
                    0x80,
                    0x22,
                    .. Utf8(""","arguments":[]}]}"""),
                ]
            },
            { "raw NUL inside a string", Utf8("{\"auth\":{\"cik\":\"a\0b\"},\"calls\":[]}") },
            { "UTF-16 text", Encoding.Unicode.GetBytes("""{"auth":{"cik":"x"},"calls":[]}""") },
            {
                "escaped lone surrogate in a credential",
                Utf8("{\"auth\":{\"cik\":\"\\ud800\"},\"calls\":[]}")
            },
            {
                "escaped lone surrogate in an id",
                Utf8(
                    "{\"auth\":{\"cik\":\"c\"},\"calls\":[{\"id\":\"\\udc00\",\"procedure\":\"read\"}]}"
                )
            },
            {
                "escaped lone surrogate in an argument",
                Utf8(
                    "{\"auth\":{\"cik\":\"c\"},\"calls\":[{\"id\":1,\"procedure\":\"activate\",\"arguments\":[\"client\",\"\\ud83d\"]}]}"
                )
            },
            {
                "NaN number",
                Utf8("""{"auth":{"cik":"x"},"calls":[{"id":NaN,"procedure":"read"}]}""")
            },
        };

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task A_body_that_is_not_json_is_general_error_minus_one(string name, byte[] body)
    {
        var reply = await UnchangedAsync(() => PostBytesAsync(body));
        Assert.True(reply.Status == 200, name);
        Assert.Equal("application/json; charset=utf-8", reply.ContentType);
        Assert.Equal(ParseError, reply.Text);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_json_is_ignored()
    {
        byte[] body =
        [
            0xEF,
            0xBB,
            0xBF,
            .. Utf8(Envelope("""[{"id":1,"procedure":"lookup","arguments":["alias","temp"]}]""")),
        ];
        var reply = await UnchangedAsync(() => PostBytesAsync(body));
        Assert.Equal("ok", JsonNode.Parse(reply.Text)![0]!["status"]!.GetValue<string>());
    }

    // ---- wrong JSON types at every level of the envelope ---------------------------------------------------

    public static TheoryData<string, string> WrongEnvelopes()
    {
        const string cik = "0123456789abcdef0123456789abcdef01234567";
        var data = new TheoryData<string, string>();
        foreach (var root in new[] { "[]", "\"x\"", "1", "null", "true", "[{\"auth\":{}}]" })
        {
            data.Add(root, "auth");
        }
        foreach (
            var auth in new[]
            {
                "null",
                "[]",
                "\"cik\"",
                "1",
                "{}",
                "{\"cik\":1}",
                "{\"cik\":null}",
                "{\"cik\":[\"x\"]}",
                "{\"cik\":{}}",
                "{\"token\":{}}",
                "{\"token\":false}",
                $"{{\"cik\":\"{cik}\",\"token\":\"{cik}\"}}",
                $"{{\"cik\":\"{cik}\",\"client_id\":1}}",
                $"{{\"cik\":\"{cik}\",\"resource_id\":[]}}",
                $"{{\"cik\":\"{cik}\",\"client_id\":\"a\",\"resource_id\":\"b\"}}",
                $"{{\"token\":\"{cik}\",\"resource_id\":\"x\"}}",
            }
        )
        {
            data.Add($$"""{"auth":{{auth}},"calls":[]}""", "auth");
        }
        data.Add("""{"calls":[]}""", "auth");
        foreach (
            var calls in new[]
            {
                "null",
                "{}",
                "\"x\"",
                "1",
                "true",
                "[null]",
                "[1]",
                "[\"read\"]",
                "[[]]",
            }
        )
        {
            data.Add($$"""{"auth":{"cik":"{{cik}}"},"calls":{{calls}}}""", "calls");
        }
        data.Add($$$"""{"auth":{"cik":"{{{cik}}}"}}""", "calls");
        foreach (var procedure in new[] { "null", "1", "[]", "{}", "true" })
        {
            data.Add(
                $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1,"procedure":{{procedure}},"arguments":[]}]}""",
                "procedure"
            );
        }
        data.Add($$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1,"arguments":[]}]}""", "procedure");
        foreach (
            var id in new[] { "1.5", "1e3", "true", "{}", "[]", "\"" + new string('i', 41) + "\"" }
        )
        {
            data.Add(
                $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":{{id}},"procedure":"read","arguments":[]}]}""",
                "calls"
            );
        }
        // The structure is checked before anything runs: a good first call does not run when the second is bad.
        data.Add(
            $$"""{"auth":{"cik":"{{cik}}"},"calls":[{"id":1,"procedure":"drop","arguments":[{"alias":"temp"}]},{"id":[],"procedure":"read"}]}""",
            "calls"
        );
        return data;
    }

    [Theory]
    [MemberData(nameof(WrongEnvelopes))]
    public async Task A_wrong_type_in_the_envelope_is_general_400_naming_the_part(
        string body,
        string context
    )
    {
        var reply = await UnchangedAsync(() => PostBytesAsync(Utf8(body)));
        Assert.Equal(200, reply.Status);
        Assert.Equal(Malformed(context), reply.Text);
    }

    [Theory]
    [InlineData("{\"cik\":\"0123456789abcdef0123456789abcdef01234567\"}")]
    [InlineData("{\"cik\":\"\"}")]
    [InlineData("{\"cik\":\"\\u0000\"}")]
    [InlineData("{\"token\":\"x\\r\\nX-Injected: 1\"}")]
    [InlineData("{\"cik\":\"../../etc/passwd\"}")]
    public async Task An_unknown_credential_of_any_shape_is_the_general_401(string auth)
    {
        var reply = await UnchangedAsync(() =>
            PostBytesAsync(
                Utf8(
                    $$"""{"auth":{{auth}},"calls":[{"id":1,"procedure":"drop","arguments":[{"alias":"temp"}]}]}"""
                )
            )
        );
        Assert.Equal(Unauthorized, reply.Text);
    }

    // ---- wrong argument types, unknown procedures ----------------------------------------------------------

    private static readonly string[] Procedures =
    [
        "read",
        "write",
        "record",
        "recordbatch",
        "flush",
        "create",
        "update",
        "drop",
        "info",
        "listing",
        "lookup",
        "map",
        "unmap",
        "share",
        "activate",
        "deactivate",
        "revoke",
        "grant",
        "comment",
        "usage",
        "move",
        "clone",
        "writegroup",
        "wait",
    ];

    private static readonly string[] ArgumentShapes =
    [
        "null",
        "{}",
        "\"x\"",
        "1",
        "true",
        "[]",
        "[null]",
        "[{}]",
        "[[]]",
        "[1.5e308]",
        "[-1]",
        "[1e400]",
        "[\"" + new string('x', 5000) + "\"]",
        "[{\"alias\":1}]",
        "[{\"alias\":null}]",
        "[{\"alias\":\"nope\"},{\"limit\":\"x\"}]",
        "[\"0123456789abcdef0123456789abcdef01234567\"]",
        "[{\"alias\":\"nope\"},[],{},null,1]",
        "[\"dataport\",{\"format\":{}}]",
        "[\"client\",{\"limits\":{\"client\":-1}}]",
        "[\"alias\",1,[]]",
        "[{\"alias\":\"nope\"},{\"starttime\":-1,\"endtime\":1e30,\"sort\":\"sideways\"}]",
        new string('[', 200) + new string(']', 200),
    ];

    public static TheoryData<string> ProcedureNames => [.. Procedures];

    [Theory]
    [MemberData(nameof(ProcedureNames))]
    public async Task Wrong_arguments_get_a_documented_per_call_status(string procedure)
    {
        var calls = string.Join(
            ",",
            ArgumentShapes.Select(
                (a, i) => $$$"""{"id":{{{i}}},"procedure":"{{{procedure}}}","arguments":{{{a}}}}"""
            )
        );
        var noArguments = $$"""{"id":"none","procedure":"{{procedure}}"}""";
        var reply = await UnchangedAsync(() =>
            PostBytesAsync(Utf8(Envelope($"[{calls},{noArguments}]")))
        );
        var answers = Assert.IsType<JsonArray>(JsonNode.Parse(reply.Text));
        Assert.Equal(ArgumentShapes.Length + 1, answers.Count);
        foreach (var answer in answers)
        {
            var status = answer!["status"]!;
            var text =
                status is JsonValue v && v.TryGetValue(out string? s) ? s : status.ToJsonString();
            Assert.True(
                text is "ok" or "invalid" or "restricted" or "noauth" or "error" or "fail"
                    || text.StartsWith('['),
                $"{procedure}: {answer.ToJsonString()}"
            );
            if (text == "fail")
            {
                Assert.Equal(501, answer["error"]!["code"]!.GetValue<int>());
            }
        }
    }

    [Theory]
    [InlineData("teleport")]
    [InlineData("")]
    [InlineData("READ")]
    [InlineData("read ")]
    [InlineData("__proto__")]
    [InlineData("constructor")]
    [InlineData("ToString")]
    [InlineData("GetHashCode")]
    [InlineData("../read")]
    [InlineData("\\u0000")]
    public async Task An_unknown_procedure_fails_with_501_procedure(string procedure)
    {
        var reply = await UnchangedAsync(() =>
            PostBytesAsync(
                Utf8(
                    Envelope(
                        $$"""[{"id":7,"procedure":"{{procedure}}","arguments":[{"alias":"temp"}]}]"""
                    )
                )
            )
        );
        Assert.Equal(
            """[{"id":7,"status":"fail","error":{"code":501,"message":"Error","context":"procedure"}}]""",
            reply.Text
        );
    }

    [Fact]
    public async Task A_very_long_procedure_name_is_answered()
    {
        var reply = await UnchangedAsync(() =>
            PostBytesAsync(
                Utf8(
                    Envelope(
                        $$"""[{"id":"x","procedure":"{{new string('p', 20_000)}}","arguments":[]}]"""
                    )
                )
            )
        );
        var answer = Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(reply.Text)))!;
        Assert.Equal("fail", answer["status"]!.GetValue<string>());
        Assert.Equal(501, answer["error"]!["code"]!.GetValue<int>());
    }

    // ---- size, content types, methods, paths ---------------------------------------------------------------

    [Fact]
    public async Task A_body_beyond_the_limit_is_general_400_too_large_with_or_without_a_length()
    {
        var big = Utf8(
            Envelope(
                $$"""[{"id":1,"procedure":"write","arguments":[{"alias":"temp"},"{{new string('a', (int)OnePlatformWorld.MaxBody)}}"]}]"""
            )
        );
        Assert.Equal(TooLarge, (await UnchangedAsync(() => PostBytesAsync(big))).Text);

        // Chunked (no Content-Length): the limit holds while reading.
        var chunked = await UnchangedAsync(async () =>
        {
            using var content = new StreamContent(new MemoryStream(big));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, world.Rpc)
            {
                Content = content,
            };
            request.Headers.TransferEncodingChunked = true;
            using var response = await world.Http.SendAsync(request);
            return new RawReply(
                (int)response.StatusCode,
                new Dictionary<string, string>(),
                await response.Content.ReadAsByteArrayAsync()
            );
        });
        Assert.Equal(TooLarge, chunked.Text);

        // A declared length far beyond the limit is refused before the body arrives.
        var declared = await UnchangedAsync(() =>
            RawHttp.SendTextAsync(
                world.Emulator.BaseUri,
                "POST /onep:v1/rpc/process HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n{"
            )
        );
        Assert.Equal(200, declared.Status);
        Assert.Equal(TooLarge, declared.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("garbage")]
    public async Task The_content_type_is_not_needed_to_read_the_envelope(string? contentType)
    {
        var reply = await UnchangedAsync(() =>
            PostBytesAsync(
                Utf8(Envelope("""[{"id":1,"procedure":"lookup","arguments":["alias","temp"]}]""")),
                contentType
            )
        );
        Assert.Equal(200, reply.Status);
        Assert.Equal("ok", JsonNode.Parse(reply.Text)![0]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    [InlineData("FOO")]
    [InlineData("HEAD")]
    public async Task Other_methods_on_the_rpc_path_are_405_allowing_post(string method)
    {
        var reply = await UnchangedAsync(() =>
            RawHttp.SendBytesAsync(
                world.Emulator.BaseUri,
                RawHttp.Request(method, "/onep:v1/rpc/process", Utf8("{}"))
            )
        );
        Assert.Equal(405, reply.Status);
        Assert.Equal("POST", reply.Headers["allow"]);
    }

    public static TheoryData<string, int> PathTricks =>
        new()
        {
            { "/onep:v1/rpc/process/", 404 },
            { "/ONEP:V1/RPC/PROCESS", 404 },
            { "//onep:v1/rpc/process", 404 },
            { "/onep:v1%2Frpc%2Fprocess", 404 },
            { "/onep:v1/rpc/process%2F", 404 },
            { "/onep:v1/rpc/process/..", 404 },
            { "/onep:v1/rpc/%2e%2e/process", 404 },
            { "/onep:v1/rpc/process%252F", 404 },
            { "/onep:v1/rpc/process%00", 400 },
            { "/onep:v1/rpc/process;x", 404 },
            { "/" + new string('a', 6000), 404 },
            { "/onep:v1/rpc/x/../process", 200 },
            { "/onep:v1/rpc/./process", 200 },
            { "/onep:v1/rpc/process?calls=[]&auth=x", 200 },
            { "http://127.0.0.1/onep:v1/rpc/process", 200 },
            { "/" + new string('a', 20_000), 414 },
            { "/onep:v1/rpc/process\0", 400 },
            { "/onep:v1/rpc/pro cess", 400 },
            { "*", 405 },
        };

    [Theory]
    [MemberData(nameof(PathTricks))]
    public async Task Path_tricks_reach_the_rpc_endpoint_only_by_its_normalised_path(
        string target,
        int status
    )
    {
        var body = Utf8(
            Envelope("""[{"id":1,"procedure":"lookup","arguments":["alias","temp"]}]""")
        );
        var reply = await UnchangedAsync(() =>
            RawHttp.SendBytesAsync(world.Emulator.BaseUri, RawHttp.Request("POST", target, body))
        );
        Assert.True(status == reply.Status, $"{target}: {reply}");
        if (status == 200)
        {
            Assert.Equal("ok", JsonNode.Parse(reply.Text)![0]!["status"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("Content-Length: -1\r\n")]
    [InlineData("Content-Length: abc\r\n")]
    [InlineData("Content-Length: 2\r\nContent-Length: 3\r\n")]
    [InlineData("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n")]
    [InlineData("Transfer-Encoding: gzip\r\n")]
    [InlineData("X-Bad Header: 1\r\n")]
    [InlineData("X-Folded: a\r\n b\r\n")]
    public async Task Broken_framing_is_refused_by_the_server_with_400(string headers)
    {
        var reply = await UnchangedAsync(() =>
            RawHttp.SendTextAsync(
                world.Emulator.BaseUri,
                $"POST /onep:v1/rpc/process HTTP/1.1\r\nHost: x\r\n{headers}\r\n{{}}"
            )
        );
        Assert.Equal(400, reply.Status);
    }

    [Fact]
    public async Task A_body_shorter_than_its_length_gets_no_answer_and_changes_nothing()
    {
        var envelope = Envelope("""[{"id":1,"procedure":"drop","arguments":[{"alias":"temp"}]}]""");
        var reply = await UnchangedAsync(() =>
            RawHttp.SendTextAsync(
                world.Emulator.BaseUri,
                $"POST /onep:v1/rpc/process HTTP/1.1\r\nHost: x\r\nContent-Length: {envelope.Length + 10}\r\n\r\n{envelope}",
                TimeSpan.FromSeconds(1)
            )
        );
        Assert.True(reply.Status is 0 or 400, reply.ToString());
    }
}
