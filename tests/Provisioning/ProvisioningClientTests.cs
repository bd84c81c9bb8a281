using System.Text;
using Functional.Core.Provisioning;
using Functional.Facade.Provisioning;
using Functional.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Functional.Tests.Provisioning;

/// <summary>The Provisioning facade against a real Kestrel server with canned answers.</summary>
public sealed class ProvisioningClientTests
{
    private const string Token = "vendor-token-1";
    private const string Cik = "0123456789abcdef0123456789abcdef01234567";
    private const string DeviceCik = "fedcba9876543210fedcba9876543210fedcba98";
    private const string Rid = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static Task<CannedServer> TextServer(
        string body,
        int status = 200,
        string contentType = "text/plain; charset=utf-8",
        IReadOnlyDictionary<string, string>? headers = null
    ) =>
        CannedServer.StartAsync(
            async (context, _) =>
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                    context.Response.Headers[name] = value;
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        );

    private static ProvisioningClient Client(
        HttpClient http,
        CannedServer server,
        ProvisioningClientOptions? options = null
    ) => new(http, (options ?? new ProvisioningClientOptions()).WithEndpoint(server.BaseUri));

    [Fact]
    public void Options_default_to_https_and_pyonep_manage_by_cik()
    {
        var options = new ProvisioningClientOptions();
        Assert.Equal(new Uri("https://m2.exosite.com"), options.Endpoint);
        Assert.True(options.ManageByCik);
        Assert.Null(options.SharedVendor);
    }

    [Fact]
    public void Auth_follows_ManageByCik_and_SharedVendor()
    {
        using var http = new HttpClient();
        var byCik = new ProvisioningClient(http).Auth(Cik);
        var byToken = new ProvisioningClient(
            http,
            new ProvisioningClientOptions().WithManageByCik(false).WithSharedVendor("acme")
        ).Auth(Token);
        Assert.Equal(ProvisioningKeyKind.Cik, byCik.Kind);
        Assert.Equal(None, byCik.SharedVendor);
        Assert.Equal(ProvisioningKeyKind.VendorToken, byToken.Kind);
        Assert.Equal(Some("acme"), byToken.SharedVendor);
    }

    [Fact]
    public async Task ListModels_sends_the_key_header_and_user_agent_and_reads_the_lines()
    {
        await using var server = await TextServer("m1\nm2\n");
        using var http = new HttpClient();
        var client = Client(
            http,
            server,
            new ProvisioningClientOptions().WithManageByCik(false).WithUserAgent("tests/1.0")
        );

        var models = await client.ListModelsAsync(client.Auth(Token));

        Assert.Equal(["m1", "m2"], models);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/provision/manage/model/", request.RawTarget);
        Assert.Equal(Token, request.Header("X-Exosite-Token"));
        Assert.Null(request.Header("X-Exosite-CIK"));
        Assert.Equal("tests/1.0", request.Header("User-Agent"));
    }

    [Fact]
    public async Task The_shared_vendor_option_addresses_serial_numbers_of_a_shared_model()
    {
        await using var server = await TextServer("", status: 204);
        using var http = new HttpClient();
        var client = Client(
            http,
            server,
            new ProvisioningClientOptions().WithManageByCik(false).WithSharedVendor("acme")
        );

        var rows = await client.ListSerialNumbersAsync(client.Auth(Token), "m");

        Assert.Empty(rows);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.StartsWith(
            "/provision/manage/model/m/",
            request.RawTarget,
            StringComparison.Ordinal
        );
        Assert.Equal(Token, request.Header("X-Exosite-Token"));
        Assert.Equal("acme", request.Header("X-Exosite-Vendor"));
    }

    [Fact]
    public async Task TrySendAsync_gives_a_failure_status_as_data()
    {
        await using var server = await TextServer("exists", status: 409);
        using var http = new HttpClient();
        var client = Client(http, server);

        var result = await client.TrySendAsync(Vendors.Share(client.Auth(Cik), "m", "other"));

        var error = result.Match(_ => null, e => e);
        Assert.True(ProvisioningErrors.IsConflict(error!));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CreateModel_posts_the_form_with_the_cik_header()
    {
        await using var server = await TextServer("", status: 205);
        using var http = new HttpClient();
        var client = Client(http, server);

        await client.CreateModelAsync(
            client.Auth(Cik),
            "my model",
            ModelTemplate.FromRid(Rid),
            ModelOptions.Default.WithAliases(false)
        );

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/provision/manage/model/", request.Path);
        Assert.Equal(Cik, request.Header("X-Exosite-CIK"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal($"model=my%20model&rid={Rid}&options%5B%5D=noaliases", request.BodyText);
    }

    [Fact]
    public async Task UploadContent_sends_the_bytes_with_their_media_type()
    {
        await using var server = await TextServer("", status: 205);
        using var http = new HttpClient();
        var client = Client(http, server);

        await client.UploadContentAsync(
            ProvisioningAuth.Token(Token),
            "m",
            "a.bin",
            new byte[] { 1, 2, 3, 250 },
            "application/octet-stream"
        );

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/provision/manage/content/m/a.bin", request.RawTarget);
        Assert.Equal("application/octet-stream", request.Header("Content-Type"));
        Assert.Equal(new byte[] { 1, 2, 3, 250 }, request.Body);
    }

    [Fact]
    public async Task DownloadContent_with_a_range_returns_the_partial_blob()
    {
        await using var server = await TextServer(
            "cdef",
            status: 206,
            contentType: "text/plain",
            headers: new Dictionary<string, string> { ["Content-Range"] = "bytes 2-5/10" }
        );
        using var http = new HttpClient();
        var client = Client(http, server);

        var blob = await client.DownloadContentAsync(
            ProvisioningAuth.Token(Token),
            "m",
            "a.txt",
            ByteRange.Between(2, 5)
        );

        Assert.True(blob.IsPartial);
        Assert.Equal(Some("bytes 2-5/10"), blob.ContentRange);
        Assert.Equal("cdef", Encoding.UTF8.GetString(blob.Bytes.Span));
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/provision/manage/content/m/a.txt?download=true", request.RawTarget);
        Assert.Equal("bytes=2-5", request.Header("Range"));
    }

    [Fact]
    public async Task Activate_posts_without_a_key_and_returns_the_cik()
    {
        await using var server = await TextServer(DeviceCik);
        using var http = new HttpClient();
        var client = Client(http, server);

        var cik = await client.ActivateAsync("acme", "m", "sn 1");

        Assert.Equal(DeviceCik, cik);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/provision/activate", request.RawTarget);
        Assert.Equal("vendor=acme&model=m&sn=sn%201", request.BodyText);
        Assert.Null(request.Header("X-Exosite-CIK"));
        Assert.Null(request.Header("X-Exosite-Token"));
    }

    [Theory]
    [InlineData(403, "Forbidden", false, false, true)]
    [InlineData(404, "Not Found", false, true, false)]
    [InlineData(409, "Conflict", true, false, false)]
    [InlineData(500, "Internal Server Error", false, false, false)]
    public async Task Failure_statuses_throw_ProvisioningException_with_the_response(
        int status,
        string reason,
        bool conflict,
        bool notFound,
        bool forbidden
    )
    {
        await using var server = await TextServer("it went wrong\nmore detail", status);
        using var http = new HttpClient();
        var client = Client(http, server);

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() =>
            client.DeleteSerialNumberAsync(client.Auth(Cik), "m", "sn1")
        );

        Assert.Equal(status, ex.Status);
        Assert.Equal(reason, ex.Reason);
        Assert.Equal("it went wrong\nmore detail", ex.Body);
        Assert.Equal("it went wrong", ex.ServerMessage);
        Assert.Equal($"{status} {reason}: it went wrong", ex.Message);
        Assert.Equal(conflict, ex.IsConflict);
        Assert.Equal(notFound, ex.IsNotFound);
        Assert.Equal(forbidden, ex.IsForbidden);
        Assert.IsType<ApiError.HttpStatus>(ex.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Bad_arguments_throw_every_problem_before_sending()
    {
        await using var server = await TextServer("");
        using var http = new HttpClient();
        var client = Client(http, server);

        var ex = await Assert.ThrowsAsync<ProvisioningValidationException>(() =>
            client.AddSerialNumberAsync(ProvisioningAuth.Cik("not a cik"), "", "")
        );

        Assert.Equal(
            ["auth.key", "model", "serialNumber"],
            ex.Problems.Select(p => p.Field).Order(StringComparer.Ordinal)
        );
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Raw_mode_returns_a_409_response_instead_of_throwing()
    {
        await using var server = await TextServer("model exists", status: 409);
        using var http = new HttpClient();
        var client = Client(http, server);

        var response = await client.SendRawAsync(
            Models.Create(
                ProvisioningAuth.Token(Token),
                "m",
                ModelTemplate.FromRid(Rid),
                ModelOptions.Default
            )
        );
        var again = await client.RawAsync(Models.Delete(ProvisioningAuth.Token(Token), "m"));

        Assert.Equal(409, response.Status);
        Assert.Equal("Conflict", response.Reason);
        Assert.Equal("model exists", response.BodyText);
        Assert.Equal(Some("text/plain; charset=utf-8"), response.Header("Content-Type"));
        Assert.Equal(409, again.Status);
        Assert.Equal(["POST", "DELETE"], server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Raw_mode_still_rejects_bad_arguments_before_sending()
    {
        await using var server = await TextServer("");
        using var http = new HttpClient();
        var client = Client(http, server);

        await Assert.ThrowsAsync<ProvisioningValidationException>(() =>
            client.SendRawAsync(Models.Delete(ProvisioningAuth.Token(Token), ""))
        );
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Secrets_never_appear_in_messages()
    {
        await using var server = await TextServer("denied", status: 403);
        using var http = new HttpClient();
        var client = Client(http, server);

        var statusError = await Assert.ThrowsAsync<ProvisioningException>(() =>
            client.ListModelsAsync(client.Auth(Cik))
        );
        var badToken = await Assert.ThrowsAsync<ProvisioningValidationException>(() =>
            client.ListModelsAsync(ProvisioningAuth.Token("secret\r\nvalue"))
        );
        var badCik = await Assert.ThrowsAsync<ProvisioningValidationException>(() =>
            client.ListModelsAsync(ProvisioningAuth.Cik("SECRETSECRET"))
        );

        Assert.True(statusError.IsForbidden);
        foreach (var text in new[] { statusError.Message, statusError.ToString() })
            Assert.DoesNotContain(Cik, text, StringComparison.Ordinal);
        foreach (var text in new[] { badToken.Message, badToken.ToString() })
            Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        foreach (var text in new[] { badCik.Message, badCik.ToString() })
            Assert.DoesNotContain("SECRETSECRET", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unusable_answer_throws_ProvisioningException_with_a_clear_message()
    {
        await using var server = await TextServer("hello");
        using var http = new HttpClient();
        var client = Client(http, server);

        var ex = await Assert.ThrowsAsync<ProvisioningException>(() =>
            client.ActivateAsync("acme", "m", "sn1")
        );

        Assert.IsType<ApiError.MalformedResponse>(ex.Error);
        Assert.Equal(0, ex.Status);
        Assert.StartsWith(
            "the Provisioning server's answer could not be used: expected the device's CIK",
            ex.Message,
            StringComparison.Ordinal
        );
        Assert.False(ex.IsConflict);
    }

    [Fact]
    public async Task A_refused_connection_keeps_its_dotnet_type()
    {
        Uri address;
        await using (var server = await TextServer(""))
            address = server.BaseUri;
        using var http = new HttpClient();
        var client = new ProvisioningClient(
            http,
            new ProvisioningClientOptions().WithEndpoint(address)
        );

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.ActivateAsync("acme", "m", "sn1")
        );
    }

    [Fact]
    public void The_error_table_maps_each_kind()
    {
        Assert.IsType<ProvisioningValidationException>(
            ProvisioningExceptionMapping.ToException(
                new ApiError.InvalidArgument("model", "is required")
            )
        );
        Assert.IsType<ProvisioningException>(
            ProvisioningExceptionMapping.ToException(
                new ApiError.HttpStatus(409, "Conflict", None, None, "")
            )
        );
        Assert.IsType<TimeoutException>(
            ProvisioningExceptionMapping.ToException(new ApiError.Timeout(TimeSpan.FromSeconds(1)))
        );
        Assert.IsType<OperationCanceledException>(
            ProvisioningExceptionMapping.ToException(new ApiError.Cancelled())
        );
    }
}
