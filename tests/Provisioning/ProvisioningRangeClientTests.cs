using Functional.Core.Provisioning;
using Functional.Facade.Provisioning;
using Functional.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Functional.Tests.Provisioning;

/// <summary>
/// The facade's range, group-CSV and pyonep-spelling calls against a real Kestrel server with canned answers.
/// </summary>
public sealed class ProvisioningRangeClientTests
{
    private const string Token = "vendor-token-1";
    private const string Cik = "0123456789abcdef0123456789abcdef01234567";

    private static Task<CannedServer> Server(
        string body,
        int status = 200,
        string contentType = "text/plain; charset=utf-8"
    ) =>
        CannedServer.StartAsync(
            async (context, _) =>
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        );

    private static ProvisioningClient Client(
        HttpClient http,
        CannedServer server,
        ProvisioningClientOptions? options = null
    ) => new(http, (options ?? new ProvisioningClientOptions()).WithEndpoint(server.BaseUri));

    private static ProvisioningClientOptions Pyonep =>
        new ProvisioningClientOptions().WithArgumentForm(ArgumentForm.Pyonep);

    [Fact]
    public void The_argument_form_defaults_to_documented()
    {
        Assert.Equal(ArgumentForm.Documented, new ProvisioningClientOptions().ArgumentForm);
        Assert.Equal(ArgumentForm.Pyonep, Pyonep.ArgumentForm);
    }

    [Fact]
    public async Task ListSerialNumberRanges_reads_the_javascript_json_answer()
    {
        await using var server = await Server(
            """{"ranges":[{"format":"mac:48","length":null,"casing":"upper","first":1108152157440,"last":1108152157695}]}""",
            200,
            "application/javascript"
        );
        using var http = new HttpClient();
        var client = Client(http, server);

        var ranges = await client.ListSerialNumberRangesAsync(client.Auth(Cik), "m");

        var range = Assert.Single(ranges);
        Assert.Equal(SerialNumberFormat.MacColon, range.Format);
        Assert.Equal("01:02:03:04:05:00", range.SerialNumberOf(range.First).IfLeft(""));
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/provision/manage/model/m/?show=ranges", request.RawTarget);
        Assert.Equal(Cik, request.Header("X-Exosite-CIK"));
    }

    [Fact]
    public async Task A_malformed_ranges_answer_throws_ProvisioningException()
    {
        await using var server = await Server("{\"ranges\":5}", 200, "application/javascript");
        using var http = new HttpClient();
        var client = Client(http, server);

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() =>
            client.ListSerialNumberRangesAsync(client.Auth(Cik), "m")
        );

        Assert.IsType<ApiError.MalformedResponse>(ex.Error);
    }

    [Fact]
    public async Task Add_and_remove_ranges_send_the_json_body()
    {
        await using var server = await Server("");
        using var http = new HttpClient();
        var client = Client(http, server);
        var range = SerialNumberRange.Base10(1, 20, Some(3));

        await client.AddSerialNumberRangesAsync(client.Auth(Cik), "m", [range]);
        await client.RemoveSerialNumberRangesAsync(client.Auth(Cik), "m", [range]);

        Assert.Equal(["POST", "DELETE"], server.Requests.Select(r => r.Method));
        foreach (var request in server.Requests)
        {
            Assert.Equal("/provision/manage/model/m/", request.RawTarget);
            Assert.Equal("application/javascript; charset=utf-8", request.Header("Content-Type"));
            Assert.Equal(
                """{"ranges":[{"format":"base10","length":3,"casing":null,"first":1,"last":20}]}""",
                request.BodyText
            );
        }
    }

    [Fact]
    public async Task Bad_ranges_throw_every_problem_before_sending()
    {
        await using var server = await Server("");
        using var http = new HttpClient();
        var client = Client(http, server);

        var ex = await Assert.ThrowsAsync<ProvisioningValidationException>(() =>
            client.AddSerialNumberRangesAsync(
                client.Auth(Cik),
                "m",
                [SerialNumberRange.Base10(9, 1, Some(0))]
            )
        );

        Assert.Equal(
            ["ranges[0].last", "ranges[0].length"],
            ex.Problems.Select(p => p.Field).Order(StringComparer.Ordinal)
        );
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Group_member_csv_calls_post_and_delete_text_csv()
    {
        await using var server = await Server("");
        using var http = new HttpClient();
        var client = Client(http, server);

        await client.AddGroupMembersCsvAsync(
            client.Auth(Cik),
            "m",
            "g1",
            [new GroupMember("sn", "a,b", "", "meta")]
        );
        await client.RemoveGroupMembersCsvAsync(
            client.Auth(Cik),
            "m",
            "g1",
            [new GroupMemberRef("sn", "a,b")]
        );

        var requests = server.Requests;
        Assert.Equal(["POST", "DELETE"], requests.Select(r => r.Method));
        Assert.All(requests, r => Assert.Equal("/provision/manage/group/m/g1/", r.RawTarget));
        Assert.All(
            requests,
            r => Assert.Equal("text/csv; charset=utf-8", r.Header("Content-Type"))
        );
        Assert.Equal("sn,\"a,b\",,meta\r\n", requests[0].BodyText);
        Assert.Equal("sn,\"a,b\"\r\n", requests[1].BodyText);
    }

    [Fact]
    public async Task The_pyonep_option_changes_the_wire_of_the_facade_calls()
    {
        await using var server = await Server("");
        using var http = new HttpClient();
        var client = Client(http, server, Pyonep);
        var auth = client.Auth(Cik);

        await client.AddSerialNumberAsync(auth, "m", "sn1", "x");
        await client.AddSerialNumbersAsync(auth, "m", ["a", "b"]);
        await client.RemoveSerialNumbersAsync(auth, "m", ["a"]);
        await client.UnregisterVendorAsync(auth, "acme");
        await client.DeleteModelAsync(auth, "m");

        var r = server.Requests;
        Assert.Equal(5, r.Count);
        Assert.Equal("add=true&sn=sn1&extra=x", r[0].BodyText);
        Assert.Equal("add=true&sn%5B%5D=a&sn%5B%5D=b", r[1].BodyText);
        Assert.Equal("remove=true&sn%5B%5D=a", r[2].BodyText);
        Assert.Equal(Cik, r[3].Header("X-Exosite-Token"));
        Assert.Null(r[3].Header("X-Exosite-CIK"));
        Assert.Equal("DELETE", r[4].Method);
        Assert.Equal("/provision/manage/model/m", r[4].RawTarget);
        Assert.Equal("delete=true&model=m&confirm=true", r[4].BodyText);
    }

    [Fact]
    public async Task The_documented_default_keeps_the_documented_wire()
    {
        await using var server = await Server("");
        using var http = new HttpClient();
        var client = Client(http, server);
        var auth = client.Auth(Cik);

        await client.AddSerialNumberAsync(auth, "m", "sn1", "x");
        await client.RemoveSerialNumbersAsync(auth, "m", ["a"]);
        await client.UnregisterVendorAsync(auth, "acme");
        await client.DeleteModelAsync(auth, "m");

        var r = server.Requests;
        Assert.Equal("sn=sn1&extra=x", r[0].BodyText);
        Assert.Equal("delete=true&sn%5B%5D=a", r[1].BodyText);
        Assert.Equal(Cik, r[2].Header("X-Exosite-CIK"));
        Assert.Null(r[2].Header("X-Exosite-Token"));
        Assert.Empty(r[3].Body);
    }

    [Fact]
    public async Task ShowVendor_in_the_pyonep_spelling_sends_the_token_header()
    {
        await using var server = await Server("acme\n", 200);
        using var http = new HttpClient();
        var client = Client(http, server, Pyonep);

        var vendor = await client.ShowVendorAsync(client.Auth(Cik));

        Assert.Equal("acme", vendor);
        var request = Assert.Single(server.Requests);
        Assert.Equal(Cik, request.Header("X-Exosite-Token"));
        Assert.Null(request.Header("X-Exosite-CIK"));
    }
}
