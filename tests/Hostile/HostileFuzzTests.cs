using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Functional.Tests.Hostile;

/// <summary>
/// Seeded random requests (2,100 in all) to the three APIs: mutated envelopes, random paths, queries and bodies. None
/// may be answered with an undocumented status, a stack trace or a state change; the server keeps serving after each.
/// The seed is fixed so runs repeat; set <c>HOSTILE_SEED</c> to explore others. A failure names the seed and the step.
/// </summary>
public sealed class HostileFuzzTests
{
    private const int Steps = 700;

    /// <summary>The state is compared every this many steps (and at the end); serving is checked after every step.</summary>
    private const int DumpEvery = 50;

    private static int Seed =>
        int.TryParse(
            Environment.GetEnvironmentVariable("HOSTILE_SEED"),
            CultureInfo.InvariantCulture,
            out var s
        )
            ? s
            : 20_240_611;

    private static readonly string[] HostileValues =
    [
        "null",
        "true",
        "0",
        "-1",
        "1e400",
        "-0",
        "1.5",
        "\"\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "[]",
        "{}",
        "[[[[[]]]]]",
        "{\"alias\":\"temp\"}",
        "{\"alias\":1}",
        "\"" + new string('x', 300) + "\"",
        "{\"$where\":\"1\"}",
        "{\"__proto__\":{}}",
        "[null,null]",
        "\"../../\"",
        "\"%2F\"",
        "99999999999999999999999",
    ];

    private static readonly string[] ReadOnlyProcedures =
    [
        "read",
        "info",
        "listing",
        "lookup",
        "usage",
        "nope",
    ];

    private static readonly byte[][] HostileBytes =
    [
        [0x00],
        [0xFF],
        [0xC0, 0xAF],
        [0xED, 0xA0, 0x80],
        [0xEF, 0xBB, 0xBF],
        [(byte)'{'],
        [(byte)'['],
        [(byte)'"'],
        [(byte)'\\'],
        [(byte)','],
        [(byte)'}'],
        [(byte)']'],
        [0x0D, 0x0A],
        [(byte)':'],
    ];

    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        var count = random.Next(1, 4);
        for (var i = 0; i < count && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, HostileBytes[random.Next(HostileBytes.Length)]);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 20), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    bytes.InsertRange(
                        at,
                        Encoding.UTF8.GetBytes(HostileValues[random.Next(HostileValues.Length)])
                    );
                    break;
            }
        }
        return [.. bytes];
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];

    private static async Task RunAsync(
        string api,
        Func<Random, Task<(string Request, RawReply Reply)>> step,
        Action<string, RawReply> check,
        Func<Task> serving,
        Func<Task<string>> dump
    )
    {
        var seed = Seed;
        var random = new Random(seed);
        var recent = new List<string>();
        var before = await dump();
        for (var i = 1; i <= Steps; i++)
        {
            string request = "";
            try
            {
                (request, var reply) = await step(random);
                recent.Add($"#{i} {request} → {reply}");
                check(request, reply);
                await serving();
                if (i % DumpEvery == 0 || i == Steps)
                {
                    Assert.Equal(before, await dump());
                    recent.Clear();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{api} fuzz failed at step {i} with HOSTILE_SEED={seed}: {ex.Message}\nrecent requests:\n"
                        + string.Join("\n", recent.TakeLast(DumpEvery))
                );
            }
        }
    }

    [Fact]
    public async Task Random_rpc_envelopes_get_documented_answers_and_change_nothing()
    {
        await using var world = new OnePlatformWorldOwner();
        var w = await world.StartAsync();
        await RunAsync(
            "rpc",
            async random =>
            {
                var calls = string.Join(
                    ",",
                    Enumerable
                        .Range(0, random.Next(1, 4))
                        .Select(i =>
                            $$$"""{"id":{{{i}}},"procedure":"{{{Pick(random, ReadOnlyProcedures)}}}","arguments":[{{{Pick(random, HostileValues)}}},{{{Pick(random, HostileValues)}}}]}"""
                        )
                );
                var auth =
                    random.Next(4) == 0
                        ? Pick(random, HostileValues)
                        : $$"""{"cik":"{{w.ChildCik}}"}""";
                var envelope = Encoding.UTF8.GetBytes(
                    $$"""{"auth":{{auth}},"calls":[{{calls}}]}"""
                );
                var body = random.Next(5) == 0 ? envelope : Mutate(random, envelope);
                var reply = await RawHttp.SendAsync(w.Http, "POST", w.Rpc, body);
                return (Encoding.UTF8.GetString(body), reply);
            },
            (request, reply) =>
            {
                Assert.Equal(200, reply.Status);
                Assert.False(RawHttp.HasStackTrace(reply.Text), reply.Text);
                if (reply.Body.Length == 0)
                {
                    return; // no call had an id
                }
                switch (JsonNode.Parse(reply.Text))
                {
                    case JsonObject general:
                        Assert.Contains(
                            general["error"]!["code"]!.GetValue<int>(),
                            new[] { -1, 400, 401 }
                        );
                        break;
                    case JsonArray answers:
                        foreach (var answer in answers)
                        {
                            Assert.DoesNotContain(
                                "Internal error",
                                answer!.ToJsonString(),
                                StringComparison.Ordinal
                            );
                        }
                        break;
                    default:
                        Assert.Fail("neither a general error nor an answer list: " + reply.Text);
                        break;
                }
            },
            w.AssertServingAsync,
            w.DumpAsync
        );
    }

    private static readonly string[] ProvisioningSegments =
    [
        "manage",
        "model",
        "content",
        "group",
        "share",
        "m",
        "sn1",
        "sn2",
        "firmware",
        "activate",
        "download",
        "register",
        "admin",
        "auth",
        "..",
        ".",
        "%2e%2e",
        "%2F",
        "%252F",
        "%00",
        "%FF",
        "%",
        "x%y",
        "",
        "~",
        "%E2%80%AE",
    ];

    private static readonly string[] ProvisioningQueries =
    [
        "",
        "?show=shared",
        "?show=ranges",
        "?show=groups",
        "?show=log",
        "?offset=-1&limit=x",
        "?limit=99999999999",
        "?download=true",
        "?sn=sn1",
        "?shared=other",
        "?status=true",
        "?%ZZ=%ZZ",
        "?a[b][c]=1",
        "?id=firmware&info=true",
    ];

    [Fact]
    public async Task Random_provisioning_requests_get_4xx_or_an_answer_and_change_nothing()
    {
        await using var world = new OnePlatformWorldOwner();
        var w = await world.StartAsync();
        await RunAsync(
            "provisioning",
            async random =>
            {
                var path =
                    "/provision/"
                    + string.Join(
                        "/",
                        Enumerable
                            .Range(0, random.Next(0, 6))
                            .Select(_ => Pick(random, ProvisioningSegments))
                    )
                    + (random.Next(3) == 0 ? "/" : "")
                    + Pick(random, ProvisioningQueries);
                var read = random.Next(3) != 0;
                var method = read ? "GET" : Pick(random, ["POST", "PUT", "DELETE", "PATCH"]);
                // Writes carry a wrong credential (or none), so even a well-formed one must be refused.
                var token = read
                    ? OnePlatformWorld.VendorToken
                    : Pick(random, ["", "x", new string('0', 40)]);
                byte[]? body = read
                    ? null
                    : Mutate(
                        random,
                        Encoding.UTF8.GetBytes("model=m&sn=sn1&rid=x&enable=true&delete=true")
                    );
                var contentType = Pick(
                    random,
                    [
                        "application/x-www-form-urlencoded",
                        "text/csv",
                        "application/javascript",
                        "application/octet-stream",
                    ]
                );
                var headers = new List<string> { $"X-Exosite-Token: {token}" };
                if (random.Next(4) == 0)
                {
                    headers.Add(
                        $"X-Exosite-Vendor: {Pick(random, ["other", "vendor", "", "%00"])}"
                    );
                }
                if (random.Next(4) == 0)
                {
                    headers.Add($"Range: bytes={random.Next(-5, 20)}-{random.Next(-5, 20)}");
                }
                var reply = await RawHttp.SendBytesAsync(
                    w.Emulator.BaseUri,
                    RawHttp.Request(method, path, body, contentType, [.. headers])
                );
                return ($"{method} {path} token={token.Length}", reply);
            },
            (request, reply) =>
            {
                Assert.True(reply.Status is >= 200 and < 500, reply.ToString());
                Assert.False(RawHttp.HasStackTrace(reply.Text), reply.Text);
                if (!request.StartsWith("GET", StringComparison.Ordinal))
                {
                    Assert.True(
                        reply.Status >= 400,
                        "a write without the vendor's credential succeeded: " + reply
                    );
                }
            },
            w.AssertServingAsync,
            w.DumpAsync
        );
    }

    private static readonly string[] SisPaths =
    [
        "schemas",
        "schemas/things",
        "entities/things",
        "entities/things/000000000000000000000000",
        "hooks",
        "hiera",
        "hiera/h1",
        "users",
        "users/admin",
        "users/admin/tokens",
        "info",
        "entities",
        "schemas/things/commits",
        "entities/things/%2e%2e",
        "schemas/..%2Fusers",
        "hiera/%00",
        "schemas/things/revision/1e999",
        "entities/%E2%80%AE",
        "entities/things/x/commits/y",
        "users/auth_token",
    ];

    private static readonly string[] SisQueries =
    [
        "",
        "q=%7B%22%24where%22%3A%221%22%7D",
        "q=%7B%22%24foo%22%3A1%7D",
        "q[num][$gte]=x",
        "q[a][b][c][d][e][f]=1",
        "q=notjson",
        "q=%7B%22num%22%3A%7B%22%24in%22%3A1%7D%7D",
        "limit=-1&offset=x",
        "sort=-,+,",
        "fields=-_id,,",
        "populate=false",
        "with_counts=true",
        "removeEmpty=1",
        "q[%24or][0][num]=1",
        "q=%ZZ",
        "cas[0]=1",
        "upsert=true",
    ];

    [Fact]
    public async Task Random_sis_requests_get_documented_answers_and_change_nothing()
    {
        var world = new SisWorld();
        await world.InitializeAsync();
        try
        {
            await RunAsync(
                "sis",
                async random =>
                {
                    var path = "/api/v1.1/" + Pick(random, SisPaths);
                    var query = string.Join(
                        "&",
                        Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, SisQueries))
                    );
                    var target = path + (query.Length > 0 ? "?" + query : "");
                    var read = random.Next(2) == 0;
                    var method = read
                        ? Pick(random, ["GET", "HEAD", "OPTIONS"])
                        : Pick(random, ["POST", "PUT", "DELETE", "PATCH"]);
                    // Writes carry a wrong token, so even a well-formed one must be refused.
                    var token = read ? world.Token : Pick(random, ["", "x", new string('0', 32)]);
                    byte[]? body = read
                        ? null
                        : Mutate(
                            random,
                            Encoding.UTF8.GetBytes(
                                """{"name":"keep","num":2,"tags":["b"],"definition":{"a":"String"}}"""
                            )
                        );
                    var reply = await RawHttp.SendBytesAsync(
                        world.Emulator.BaseUri,
                        RawHttp.Request(
                            method,
                            target,
                            body,
                            "application/json",
                            $"x-auth-token: {token}"
                        )
                    );
                    return ($"{method} {target} token={token.Length}", reply);
                },
                (request, reply) =>
                {
                    if (request.StartsWith("HEAD", StringComparison.Ordinal))
                    {
                        Assert.True(
                            reply.Status is 200 or 400 or 401 or 404 or 500,
                            reply.ToString()
                        );
                        Assert.Empty(reply.Body); // HEAD answers carry no body
                        return;
                    }
                    SisHostileTests.AssertDocumented(reply);
                    if (
                        !request.StartsWith("GET", StringComparison.Ordinal)
                        && !request.StartsWith("HEAD", StringComparison.Ordinal)
                        && !request.StartsWith("OPTIONS", StringComparison.Ordinal)
                    )
                    {
                        Assert.True(
                            reply.Status >= 400,
                            "a write without a valid token succeeded: " + reply
                        );
                    }
                },
                world.AssertServingAsync,
                world.DumpAsync
            );
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    /// <summary>Owns a <see cref="OnePlatformWorld"/> for one test.</summary>
    private sealed class OnePlatformWorldOwner : IAsyncDisposable
    {
        private readonly OnePlatformWorld world = new();

        public async Task<OnePlatformWorld> StartAsync()
        {
            await world.InitializeAsync();
            return world;
        }

        public async ValueTask DisposeAsync() => await world.DisposeAsync();
    }
}
