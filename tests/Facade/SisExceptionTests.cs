using System.Text.Json;
using Functional.Core.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;

namespace Functional.Tests.Facade;

/// <summary>The one table from <see cref="ApiError"/> to what the SIS client throws.</summary>
public sealed class SisExceptionTests
{
    private const string Token = SisClientTests.Token;

    private static readonly SisError NotFound = new(
        "sis_hiera x does not exist",
        Some(1000),
        404,
        """{"error":"sis_hiera x does not exist","code":1000}"""
    );

    /// <summary>One example of every case of <see cref="ApiError"/> and the exact exception type it must give.</summary>
    private static IEnumerable<(ApiError Error, Type Expected)> Table()
    {
        var invalid = new ApiError.InvalidArgument("id", "must not be empty");
        yield return (invalid, typeof(SisValidationException));
        yield return (
            new ApiError.InvalidArguments(
                Seq<ApiError>(invalid, new ApiError.InvalidArgument("items", "must not be empty"))
            ),
            typeof(SisValidationException)
        );
        yield return (new ApiError.Sis(NotFound), typeof(SisException));
        yield return (
            new ApiError.HttpStatus(
                502,
                "Bad Gateway",
                Some("7"),
                Some("upstream"),
                "upstream down"
            ),
            typeof(SisException)
        );
        yield return (
            new ApiError.MalformedResponse("a JSON array", "found a JSON object"),
            typeof(SisException)
        );
        yield return (
            new ApiError.RpcGeneral(401, "Authorization failed", None),
            typeof(SisException)
        );
        using var status = JsonDocument.Parse("\"invalid\"");
        yield return (
            new ApiError.RpcCall(RpcCallId.Of(1), "read", status.RootElement.Clone(), None),
            typeof(SisException)
        );
        yield return (new ApiError.RpcNoAnswer(RpcCallId.Of(1), "read"), typeof(SisException));
        yield return (
            new ApiError.RpcNotSent(RpcCallId.Of(1), "read", new ApiError.Cancelled()),
            typeof(SisException)
        );
        yield return (
            new ApiError.Transport("could not connect", None, false),
            typeof(HttpRequestException)
        );
        yield return (new ApiError.Timeout(TimeSpan.FromSeconds(3)), typeof(TimeoutException));
        yield return (new ApiError.Cancelled(), typeof(OperationCanceledException));
    }

    [Fact]
    public void Every_ApiError_case_gives_exactly_one_exception_type()
    {
        var table = Table().ToArray();
        var cases = typeof(ApiError)
            .GetNestedTypes()
            .Where(t => t.IsSubclassOf(typeof(ApiError)))
            .ToHashSet();
        Assert.Equal(
            cases.OrderBy(t => t.Name),
            table.Select(r => r.Error.GetType()).Distinct().OrderBy(t => t.Name)
        );
        foreach (var (error, expected) in table)
        {
            var ex = SisErrorMapping.ToException(error);
            Assert.True(
                ex.GetType() == expected,
                $"{error.GetType().Name} gave {ex.GetType().Name}, not {expected.Name}"
            );
            if (ex is SisException sis)
                Assert.Same(error, sis.ApiError);
            else
                Assert.Same(error, ex.Data[OnePlatformErrors.ApiErrorKey]);
        }
    }

    [Fact]
    public void A_SIS_error_carries_its_error_code_status_and_body()
    {
        var ex = Assert.IsType<SisException>(
            SisErrorMapping.ToException(new ApiError.Sis(NotFound))
        );

        Assert.Equal(NotFound, ex.Detail);
        Assert.Equal("sis_hiera x does not exist", ex.Error);
        Assert.Equal(1000, ex.Code);
        Assert.Equal(404, ex.HttpStatusCode);
        Assert.Equal(NotFound.Body, ex.ResponseBody);
        Assert.Equal("SIS 404: sis_hiera x does not exist (code 1000)", ex.Message);
        Assert.Equal(
            "SisException: SIS 404: sis_hiera x does not exist (code 1000)",
            ex.ToString()
        );
        Assert.True(ex.IsNotFound);
        Assert.False(ex.IsUnauthorized);
        Assert.False(ex.IsBadRequest);
    }

    [Theory]
    [InlineData(400, true, false, false)]
    [InlineData(401, false, true, false)]
    [InlineData(404, false, false, true)]
    [InlineData(500, false, false, false)]
    public void The_status_questions_follow_the_status(
        int status,
        bool badRequest,
        bool unauthorized,
        bool notFound
    )
    {
        var ex = new SisException(new ApiError.Sis(new SisError("e", None, status, "{}")));

        Assert.Equal(
            (badRequest, unauthorized, notFound),
            (ex.IsBadRequest, ex.IsUnauthorized, ex.IsNotFound)
        );
        Assert.Null(ex.Code);
    }

    [Fact]
    public void A_plain_failure_status_keeps_its_status_message_code_and_body()
    {
        var ex = new SisException(
            new ApiError.HttpStatus(
                502,
                "Bad Gateway",
                Some("7"),
                Some("upstream"),
                "upstream down"
            )
        );

        Assert.Equal(502, ex.HttpStatusCode);
        Assert.Equal("upstream", ex.Error);
        Assert.Equal(7, ex.Code);
        Assert.Equal("upstream down", ex.ResponseBody);
        Assert.Null(ex.Detail);
    }

    [Fact]
    public void A_malformed_answer_has_no_status_or_body()
    {
        var ex = new SisException(
            new ApiError.MalformedResponse("a JSON array", "found a JSON object")
        );

        Assert.Equal(0, ex.HttpStatusCode);
        Assert.Equal("", ex.ResponseBody);
        Assert.Null(ex.Code);
        Assert.Contains("expected a JSON array", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_lists_every_problem_and_is_a_SisException_without_a_status()
    {
        var error = new ApiError.InvalidArguments(
            Seq<ApiError>(
                new ApiError.InvalidArgument("id", "must not be empty"),
                new ApiError.InvalidArgument("query", "is required")
            )
        );

        var ex = Assert.IsType<SisValidationException>(SisErrorMapping.ToException(error));

        Assert.Equal(["id", "query"], ex.Problems.Select(p => p.Field));
        Assert.IsAssignableFrom<SisException>(ex);
        Assert.Equal(0, ex.HttpStatusCode);
        Assert.Null(ex.Code);
        Assert.Same(error, ex.ApiError);
    }

    [Fact]
    public void Transport_errors_keep_their_NET_types_and_the_callers_token()
    {
        var inner = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var transport = SisErrorMapping.ToException(
            new ApiError.Transport("could not connect", Some<Exception>(inner), false)
        );
        var cancelled = Assert.IsType<OperationCanceledException>(
            SisErrorMapping.ToException(new ApiError.Cancelled(), cts.Token)
        );

        var http = Assert.IsType<HttpRequestException>(transport);
        Assert.Same(inner, http.InnerException);
        Assert.Equal(HttpRequestError.ConnectionError, http.HttpRequestError);
        Assert.Equal(cts.Token, cancelled.CancellationToken);
    }

    [Fact]
    public void A_secret_given_to_the_mapping_never_shows_in_the_message_or_text()
    {
        var echoed = new ApiError.Sis(
            new SisError(
                $"sis_tokens {Token} does not exist",
                Some(1000),
                404,
                $$"""{"error":"sis_tokens {{Token}} does not exist","code":1000}"""
            )
        );

        var ex = SisErrorMapping.ToException(echoed, [Token]);

        Assert.DoesNotContain(Token, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(
            Token.ToUpperInvariant(),
            ex.ToString(),
            StringComparison.OrdinalIgnoreCase
        );
        Assert.Equal("SIS 404: sis_tokens *** does not exist (code 1000)", ex.Message);
    }

    [Fact]
    public void The_secret_check_would_notice_a_leak()
    {
        // Without the secret the server's echo stays in the message: the test above can fail.
        var echoed = new ApiError.Sis(
            new SisError($"sis_tokens {Token} does not exist", Some(1000), 404, "{}")
        );

        Assert.Contains(
            Token,
            SisErrorMapping.ToException(echoed).Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Short_values_are_not_masked()
    {
        // A secret shorter than 8 characters cannot be a SIS token; masking it would garble the text.
        var ex = SisErrorMapping.ToException(
            new ApiError.Sis(new SisError("sis_hiera a does not exist", None, 404, "{}")),
            ["a"]
        );

        Assert.Equal("SIS 404: sis_hiera a does not exist", ex.Message);
    }
}
