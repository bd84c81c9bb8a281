using System.Text;

namespace Functional.Tests.Hostile;

/// <summary>
/// Hostile requests to the Provisioning API (spec §3): unknown routes are 404, missing or wrong credentials 403, bad
/// bodies 400, oversized bodies 413 — never a 500 or a stack trace, and an answered error changes nothing.
/// </summary>
public sealed class ProvisioningHostileTests(OnePlatformWorld world)
    : IClassFixture<OnePlatformWorld>
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<RawReply> UnchangedAsync(Func<Task<RawReply>> send)
    {
        var before = await world.DumpAsync();
        var reply = await send();
        Assert.False(RawHttp.HasStackTrace(reply.Text), reply.ToString());
        Assert.True(reply.Status is > 0 and < 500, reply.ToString());
        await world.AssertServingAsync();
        Assert.Equal(before, await world.DumpAsync());
        return reply;
    }

    private Task<RawReply> SendAsync(
        string method,
        string target,
        byte[]? body = null,
        string contentType = "application/x-www-form-urlencoded",
        string token = OnePlatformWorld.VendorToken
    ) =>
        RawHttp.SendBytesAsync(
            world.Emulator.BaseUri,
            RawHttp.Request(method, target, body, contentType, $"X-Exosite-Token: {token}")
        );

    public static TheoryData<string, string, int> Routes =>
        new()
        {
            { "GET", "/provision", 404 },
            { "GET", "/provision/", 404 },
            { "GET", "/provision/manage", 404 },
            { "GET", "/provision/manage/modelx/", 404 },
            { "GET", "/provision/MANAGE/model/", 404 },
            { "GET", "/provision/manage/model/..", 404 },
            { "GET", "/provision/manage/model/m/../../../activate", 405 },
            { "GET", "/provision/manage/model/%2e%2e/%2e%2e", 404 },
            { "GET", "/provision/manage/model/m%2Fsn1", 404 },
            { "GET", "/provision/manage/model/m%252Fsn1", 404 },
            { "GET", "/provision/manage/model/%6D", 200 },
            { "GET", "/provision/manage/model/m%00", 400 },
            { "GET", "/provision/manage/model/m/sn1/extra/more", 404 },
            { "GET", "/provision/manage/content/nope/", 400 },
            { "GET", "/provision/manage/group/nope/", 404 },
            { "GET", "/provision/manage/model/" + new string('m', 6000), 404 },
            { "GET", "/provision/manage/model/" + new string('m', 20_000), 414 },
            { "GET", "/provision/manage/model/m\0", 400 },
            { "PATCH", "/provision/manage/model/m", 405 },
            { "FOO", "/provision/manage/model/", 405 },
            { "GET", "/provision/activate", 405 },
            { "DELETE", "/provision/download", 405 },
        };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Unknown_routes_methods_and_path_tricks_get_4xx(
        string method,
        string target,
        int status
    )
    {
        var reply = await UnchangedAsync(() => SendAsync(method, target));
        Assert.True(status == reply.Status, $"{method} {target}: {reply}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("0123456789abcdef0123456789abcdef0123456")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567")]
    [InlineData("../0123456789abcdef0123456789abcdef01234567")]
    public async Task A_wrong_or_empty_vendor_token_is_403(string token)
    {
        var reply = await UnchangedAsync(() =>
            SendAsync("DELETE", "/provision/manage/model/m", token: token)
        );
        Assert.Equal(403, reply.Status);
    }

    public static TheoryData<string, string, string, string> BadBodies =>
        new()
        {
            {
                "POST",
                "/provision/manage/model/",
                "application/x-www-form-urlencoded",
                "model=&rid="
            },
            {
                "POST",
                "/provision/manage/model/",
                "application/x-www-form-urlencoded",
                "model=m&rid=" + new string('0', 40)
            },
            {
                "POST",
                "/provision/manage/model/",
                "application/x-www-form-urlencoded",
                "model=m2&rid=%ZZ%00"
            },
            { "POST", "/provision/manage/model/", "application/json", "{\"model\":\"x\"}" },
            {
                "POST",
                "/provision/manage/model/m/",
                "application/javascript",
                new string('[', 10_000) + new string(']', 10_000)
            },
            {
                "POST",
                "/provision/manage/model/m/",
                "application/javascript",
                "{\"ranges\":\"x\"}"
            },
            {
                "POST",
                "/provision/manage/model/m/",
                "application/javascript",
                "{\"ranges\":[{\"format\":\"base10\",\"length\":-1,\"first\":1e308,\"last\":-5}]}"
            },
            {
                "POST",
                "/provision/manage/model/m/",
                "application/javascript",
                "{\"ranges\":[{\"format\":\"mac:48\",\"first\":\"x\"}]}"
            },
            { "POST", "/provision/manage/model/m/", "application/javascript", "{\"ranges\":" },
            { "POST", "/provision/manage/model/m/", "application/x-www-form-urlencoded", "sn=sn1" },
            {
                "POST",
                "/provision/manage/model/m/sn1",
                "application/x-www-form-urlencoded",
                "enable=true&owner=" + new string('f', 40)
            },
            {
                "POST",
                "/provision/manage/model/m/sn1",
                "application/x-www-form-urlencoded",
                "enable=maybe&owner[]="
            },
            {
                "POST",
                "/provision/manage/content/m/",
                "application/x-www-form-urlencoded",
                "id=firmware&meta=again"
            },
            {
                "GET",
                "/provision/manage/model/m/?offset=-1&limit=abc&status=%FF",
                "application/x-www-form-urlencoded",
                ""
            },
            {
                "GET",
                "/provision/manage/model/m/?limit=99999999999999999999999&offset=99999999999999999999",
                "application/x-www-form-urlencoded",
                ""
            },
            {
                "GET",
                "/provision/manage/model/m/sn1?show=groups&offset=-5&limit=-5",
                "application/x-www-form-urlencoded",
                ""
            },
        };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_forms_json_and_queries_get_4xx_or_an_answer_and_change_nothing(
        string method,
        string target,
        string contentType,
        string body
    ) => await UnchangedAsync(() => SendAsync(method, target, Utf8(body), contentType));

    [Theory]
    [InlineData("bytes=99999999999999999999-")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=5-1")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("items=0-1")]
    [InlineData("bytes=-99999999999999")]
    [InlineData("bytes=")]
    public async Task Hostile_range_headers_on_a_download_get_a_range_answer(string range)
    {
        var reply = await UnchangedAsync(() =>
            RawHttp.SendBytesAsync(
                world.Emulator.BaseUri,
                RawHttp.Request(
                    "GET",
                    "/provision/manage/content/m/firmware?download=true",
                    null,
                    "",
                    $"X-Exosite-Token: {OnePlatformWorld.VendorToken}",
                    $"Range: {range}"
                )
            )
        );
        Assert.True(reply.Status is 200 or 206 or 400 or 416, $"{range}: {reply}");
    }

    [Fact]
    public async Task Invalid_utf8_in_a_form_is_read_with_replacement_characters()
    {
        byte[] body = [.. Utf8("id=firmware&meta="), 0xFF, 0xC0, 0xAF];
        var reply = await UnchangedAsync(() =>
            SendAsync("POST", "/provision/manage/content/m/", body)
        );
        Assert.Equal(409, reply.Status); // the id exists: the body was read
    }

    [Fact]
    public async Task A_body_beyond_the_limit_is_413_and_the_server_keeps_serving()
    {
        // Beyond both the world's MaxRequestBodyBytes and the endpoint's default limit.
        const int beyond = 16 * 1024 * 1024 + 1;
        var big = Utf8("sn=" + new string('s', beyond));
        var reply = await UnchangedAsync(() =>
            SendAsync("POST", "/provision/manage/model/m/", big)
        );
        Assert.Equal(413, reply.Status);
        var declared = await UnchangedAsync(() =>
            RawHttp.SendTextAsync(
                world.Emulator.BaseUri,
                $"POST /provision/manage/model/m/ HTTP/1.1\r\nHost: x\r\nX-Exosite-Token: {OnePlatformWorld.VendorToken}\r\nContent-Length: 999999999999\r\n\r\nsn="
            )
        );
        Assert.Equal(413, declared.Status);
        var chunked = await UnchangedAsync(() =>
            RawHttp.SendTextAsync(
                world.Emulator.BaseUri,
                $"POST /provision/manage/model/m/ HTTP/1.1\r\nHost: x\r\nX-Exosite-Token: {OnePlatformWorld.VendorToken}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + string.Concat(
                        Enumerable.Repeat(
                            "4000\r\n" + new string('s', 0x4000) + "\r\n",
                            (beyond / 0x4000) + 1
                        )
                    )
                    + "0\r\n\r\n"
            )
        );
        Assert.Equal(413, chunked.Status);
    }

    [Fact]
    public async Task Names_with_percent_signs_and_slashes_are_decoded_exactly_once()
    {
        // A model named "a%41" is sent escaped as a%2541; decoding twice would look up "aA".
        foreach (
            var (name, escaped) in new[]
            {
                ("a%41", "a%2541"),
                ("x/y", "x%2Fy"),
                ("p%2Fq", "p%252Fq"),
            }
        )
        {
            var form = "model=" + Uri.EscapeDataString(name) + "&rid=" + world.ChildRid;
            Assert.Equal(
                205,
                (await SendAsync("POST", "/provision/manage/model/", Utf8(form))).Status
            );
            var one = await SendAsync("GET", "/provision/manage/model/" + escaped);
            Assert.True(one.Status == 200, $"{name}: {one}");
            Assert.Equal(
                205,
                (await SendAsync("DELETE", "/provision/manage/model/" + escaped)).Status
            );
        }
    }
}
