using Functional.Core.Provisioning;
using Functional.Core.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;

namespace Functional.Tests.Security;

/// <summary>
/// Every value Core puts in a header (User-Agent, vendor token, CIK, shared vendor, content type, SIS token) must be
/// printable ASCII: CR/LF and other control characters would split or smuggle headers, and anything above <c>~</c>
/// is not header text. Each builder family rejects them as an InvalidArgument naming the field, without echoing
/// the value.
/// </summary>
public sealed class HeaderValueTests
{
    /// <summary>Values that must never reach a header: controls (C0, DEL, C1), line breaks, and non-ASCII.</summary>
    public static TheoryData<string> BadValues() =>
        [
            "abc\r\nX-Injected: 1",
            "abc\ndef",
            "abc\rdef",
            "tab\there",
            "nul\u0000",
            "del\u007f",
            "c1\u0085",
            "caf\u00e9",
            "nbsp\u00a0x",
            "\u65e5\u672c",
            "emoji\U0001F600",
            "lone\uD800",
            "line\u2028sep",
        ];

    private static void AssertRejected<T>(
        Validation<ApiError, T> result,
        string field,
        string value
    )
    {
        Assert.True(result.IsFail, $"{field} accepted {Show(value)}");
        var errors = ApiError.Combine(result.FailToSeq()) switch
        {
            ApiError.InvalidArguments many => many.Errors.ToArray(),
            var one => [one],
        };
        var problem = Assert.IsType<ApiError.InvalidArgument>(
            Assert.Single(errors, e => e is ApiError.InvalidArgument a && a.Field == field)
        );
        Assert.DoesNotContain(value, problem.Message, StringComparison.Ordinal);
    }

    private static string Show(string value) =>
        string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));

    // ---- One Platform: the User-Agent header (the only header its requests carry) -------------------------------

    [Theory]
    [MemberData(nameof(BadValues))]
    public void One_platform_user_agent_must_be_printable_ascii(string value)
    {
        AssertRejected(
            RpcEndpoint.Default.WithUserAgent(value).Validate(),
            "endpoint.userAgent",
            value
        );
        // The facade constructor agrees (it validates the same endpoint).
        var ex = Assert.Throws<OnePlatformValidationException>(() =>
            new OnePlatformClient(
                new HttpClient(),
                new OnePlatformClientOptions
                {
                    Endpoint = new Uri("http://127.0.0.1:1/"),
                    UserAgent = value,
                }
            )
        );
        Assert.Contains(ex.Problems, p => p.Field == "endpoint.userAgent");
    }

    [Fact]
    public void One_platform_accepts_a_printable_ascii_user_agent()
    {
        Assert.True(
            RpcEndpoint
                .Default.WithUserAgent("fxo/1.0 (+https://example.com; me@x)")
                .Validate()
                .IsSuccess
        );
        Assert.True(RpcEndpoint.Default.WithUserAgent(" !~").Validate().IsSuccess);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void One_platform_cik_and_token_with_bad_characters_are_input_errors(string value)
    {
        AssertRejected(Auth.Cik(value).Validate(), "auth.cik", value);
        AssertRejected(Auth.Token(value).Validate(), "auth.token", value);
    }

    // ---- Provisioning: X-Exosite-Token / X-Exosite-CIK, X-Exosite-Vendor, Content-Type ---------------------------

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Provisioning_vendor_token_must_be_printable_ascii(string value) =>
        AssertRejected(ProvisioningAuth.Token(value).Validate("auth"), "auth.key", value);

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Provisioning_cik_must_be_printable_ascii(string value) =>
        AssertRejected(ProvisioningAuth.Cik(value).Validate("auth"), "auth.key", value);

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Provisioning_shared_vendor_must_be_printable_ascii(string value) =>
        AssertRejected(
            ProvisioningAuth.Token("ok-token").WithSharedVendor(value).Validate("auth"),
            "auth.sharedVendor",
            value
        );

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Provisioning_content_type_must_be_printable_ascii(string value) =>
        AssertRejected(
            Content.Upload(
                ProvisioningAuth.Token("ok-token"),
                "m",
                "id",
                new byte[] { 1 },
                "text/" + value
            ),
            "contentType",
            "text/" + value
        );

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Provisioning_client_reports_a_bad_header_value_before_sending(string value)
    {
        var client = new ProvisioningClient(
            new HttpClient(),
            new ProvisioningClientOptions
            {
                Endpoint = new Uri("http://127.0.0.1:1/"),
            }.WithSharedVendor(value)
        );
        var ex = await Assert.ThrowsAsync<ProvisioningValidationException>(() =>
            client.ListModelsAsync(client.Auth("0123456789abcdef0123456789abcdef01234567"))
        );
        Assert.Contains(ex.Problems, p => p.Field == "auth.sharedVendor");
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Provisioning_header_check_names_the_field_for_every_bad_value(string value)
    {
        AssertRejected(ProvisioningChecks.HeaderValue("f", value, secret: true), "f", value);
        AssertRejected(ProvisioningChecks.HeaderValue("f", value, secret: false), "f", value);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Provisioning_client_constructor_rejects_a_user_agent_that_is_not_printable_ascii(
        string value
    )
    {
        // The facade adds User-Agent itself, so its constructor is the only check.
        var ex = Assert.ThrowsAny<ArgumentException>(() =>
            new ProvisioningClient(
                new HttpClient(),
                new ProvisioningClientOptions
                {
                    Endpoint = new Uri("http://127.0.0.1:1/"),
                }.WithUserAgent(value)
            )
        );
        Assert.Contains("UserAgent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provisioning_accepts_printable_ascii_header_values()
    {
        Assert.True(
            ProvisioningAuth
                .Token("tok-123_~!")
                .WithSharedVendor("acme co")
                .Validate("auth")
                .IsSuccess
        );
        Assert.True(
            Content
                .Upload(
                    ProvisioningAuth.Token("t"),
                    "m",
                    "id",
                    new byte[] { 1 },
                    "text/plain; charset=utf-8"
                )
                .IsSuccess
        );
    }

    // ---- SIS: x-auth-token ------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Sis_auth_token_must_be_printable_ascii(string value)
    {
        AssertRejected(
            Functional.Core.Sis.Sis.Info(SisSettings.Default.WithAuthToken(value)),
            "settings.authToken",
            value
        );
        AssertRejected(
            SisChecks.HeaderValue("settings.authToken", value),
            "settings.authToken",
            value
        );
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Sis_client_never_sends_a_bad_token(string value)
    {
        // The constructor rejects control characters; a non-ASCII token is rejected by every call before sending.
        SisClient client;
        try
        {
            client = new SisClient(
                new HttpClient(),
                new SisClientOptions(new Uri("http://127.0.0.1:1/")).WithAuthToken(value)
            );
        }
        catch (ArgumentException ex)
        {
            Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
            return;
        }
        var call = await Assert.ThrowsAsync<SisValidationException>(() => client.InfoAsync());
        Assert.Contains(call.Problems, p => p.Field == "settings.authToken");
    }
}
