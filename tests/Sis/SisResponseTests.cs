using System.Text;
using System.Text.Json;
using Functional.Core.Sis;

namespace Functional.Tests.Sis;

/// <summary>
/// SIS response parsers (spec §1.4, §1.5, §2.2, §2.3, §2.6, §2.8.6): every success shape, every error shape, and
/// bodies that are not JSON or not what was expected — none of which may throw.
/// </summary>
public sealed class SisResponseTests
{
    private const string Prefix = "Failed to decode JSON from the response: ";

    private const string SchemaJson = """
        {"name":"network_element","definition":{"ne_type":"String","cid":"String"},"_id":"5d4c1e1fa0c4c1a1b2c3d4e5","_v":0,
         "_sis":{"_created_at":1565269535000,"_updated_at":1565269535000,"owner":["admins"],"tags":[],"locked":false}}
        """;

    private static HttpResponse Response(
        int status,
        string body,
        string reason = "",
        params HttpHeader[] headers
    ) => new(status, reason, toSeq(headers), Encoding.UTF8.GetBytes(body));

    private static HttpResponse Bytes(int status, params byte[] body) =>
        new(status, "", Empty, body);

    private static T Ok<T>(Either<ApiError, T> result) =>
        result.Match(v => v, e => throw new InvalidOperationException(e.Message));

    private static ApiError Fails<T>(Either<ApiError, T> result) =>
        result.Match(_ => throw new InvalidOperationException("expected a failure"), e => e);

    private static SisError SisFailure<T>(Either<ApiError, T> result) =>
        Assert.IsType<ApiError.Sis>(Fails(result)).Detail;

    // ---------------------------------------------------------------- successes

    [Theory]
    [InlineData("""{"success":["\ud800"],"errors":[]}""")]
    [InlineData("""{"items":[{"name":"ok"},{"\udc00":1}]}""")]
    [InlineData("""{"a":{"b":["x","\ud83d"]}}""")]
    public void An_escaped_unpaired_surrogate_is_a_decode_failure_not_a_later_throw(string body)
    {
        var failure = SisFailure(SisResponses.Object(Response(200, body)));
        Assert.Equal(200, failure.HttpStatus);
        // A well-formed escaped pair is fine.
        Assert.Equal(
            "\U0001F600",
            Ok(SisResponses.Object(Response(200, """{"s":"\ud83d\ude00"}""")))
                .Json.GetProperty("s")
                .GetString()
        );
    }

    [Fact]
    public void Object_keeps_status_body_and_headers_and_the_body_outlives_the_response()
    {
        var headers = new[] { new HttpHeader("Content-Type", "application/json; charset=utf-8") };
        var bytes = Encoding.UTF8.GetBytes(SchemaJson);
        var r = Ok(SisResponses.Object(new HttpResponse(201, "Created", toSeq(headers), bytes)));
        System.Array.Fill(bytes, (byte)' '); // the parsed body must not depend on the response bytes
        Assert.Equal(201, r.Status);
        Assert.False(r.IsArray);
        Assert.True(r.Items.IsEmpty);
        Assert.Equal(toSeq(headers), r.Headers);
        Assert.Equal(None, r.TotalCount);
        Assert.Equal("network_element", r.Json.GetProperty("name").GetString());
        Assert.Equal(
            1565269535000,
            r.Json.GetProperty("_sis").GetProperty("_created_at").GetInt64()
        );
    }

    [Fact]
    public void Array_reads_the_items_and_the_lower_case_total_count()
    {
        var r = Ok(
            SisResponses.Array(
                Response(
                    200,
                    """[{"_id":"a","num":1},{"_id":"b","num":2}]""",
                    "OK",
                    new HttpHeader("x-total-count", "57")
                )
            )
        );
        Assert.True(r.IsArray);
        Assert.Equal(Seq("a", "b"), r.Items.Map(i => i.GetProperty("_id").GetString()!));
        Assert.Equal(Some(57L), r.TotalCount);
    }

    [Theory]
    [InlineData("X-Total-Count", "3", 3L)]
    [InlineData("X-TOTAL-COUNT", " 12 ", 12L)]
    [InlineData("x-total-count", "0", 0L)]
    [InlineData("x-total-count", "9007199254740993", 9007199254740993L)]
    public void Total_count_is_read_case_insensitively(string name, string value, long expected)
    {
        var r = Ok(SisResponses.Array(Response(200, "[]", "", new HttpHeader(name, value))));
        Assert.Equal(Some(expected), r.TotalCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999999")]
    public void An_invalid_total_count_is_absent(string value)
    {
        var r = Ok(
            SisResponses.Array(Response(200, "[1]", "", new HttpHeader("x-total-count", value)))
        );
        Assert.Equal(None, r.TotalCount);
        Assert.Equal(1, r.Items.Count);
    }

    [Fact]
    public void Json_accepts_objects_and_arrays_from_any_2xx()
    {
        Assert.True(Ok(SisResponses.Json(Response(200, "[]"))).IsArray);
        Assert.False(Ok(SisResponses.Json(Response(201, "{}"))).IsArray);
        Assert.Equal(204, Ok(SisResponses.Json(Response(204, "{\"a\":1}"))).Status);
    }

    [Fact]
    public void Info_with_its_four_keys_and_the_no_info_object_are_both_objects()
    {
        var info = Ok(
            SisResponses.Object(
                Response(
                    200,
                    """{"build_num":"12","git_hash":"abc123","build_id":"2015-06-01","version":"1.1.0"}"""
                )
            )
        );
        Assert.Equal("1.1.0", info.Json.GetProperty("version").GetString());
        var none = Ok(SisResponses.Object(Response(200, """{"err":"no info present"}""")));
        Assert.Equal("no info present", none.Json.GetProperty("err").GetString());
    }

    [Fact]
    public void Hiera_get_returns_the_name_keyed_object()
    {
        var r = Ok(SisResponses.Object(Response(200, """{"foo.bar":{"port":8080}}""")));
        Assert.Equal(8080, r.Json.GetProperty("foo.bar").GetProperty("port").GetInt32());
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }
            .Concat(Encoding.UTF8.GetBytes("[1,2]"))
            .ToArray();
        Assert.Equal(2, Ok(SisResponses.Array(Bytes(200, bytes))).Items.Count);
    }

    // ---------------------------------------------------------------- SIS errors (§2.3)

    [Theory]
    [InlineData(
        400,
        """{"error":"Bad request: Invalid JSON","code":1001}""",
        "Bad request: Invalid JSON",
        1001
    )]
    [InlineData(
        400,
        """{"error":"Bad request: Query parameter is invalid.  Must be JSON","code":1001}""",
        "Bad request: Query parameter is invalid.  Must be JSON",
        1001
    )]
    [InlineData(
        400,
        """{"error":"Bad request: ValidationError: Path `r` is required.","code":1001}""",
        "Bad request: ValidationError: Path `r` is required.",
        1001
    )]
    [InlineData(
        400,
        """{"error":"Bad request: Missing x-auth-token","code":1001}""",
        "Bad request: Missing x-auth-token",
        1001
    )]
    [InlineData(
        404,
        """{"error":"sis_schemas network_element does not exist","code":1000}""",
        "sis_schemas network_element does not exist",
        1000
    )]
    [InlineData(
        404,
        """{"error":"sis_tokens 0123456789abcdef0123456789abcdef does not exist","code":1000}""",
        "sis_tokens 0123456789abcdef0123456789abcdef does not exist",
        1000
    )]
    [InlineData(
        500,
        """{"error":"Internal error MongoError: E11000 duplicate key error index: sis.sis_hiera.$name_1 dup key: { : \"x\" }","code":1002}""",
        "Internal error MongoError: E11000 duplicate key error index: sis.sis_hiera.$name_1 dup key: { : \"x\" }",
        1002
    )]
    [InlineData(
        400,
        """{"error":"Invalid data ValidationError: bad","code":1003}""",
        "Invalid data ValidationError: bad",
        1003
    )]
    [InlineData(
        401,
        """{"error":"Unauthorized. Invalid password.","code":1004}""",
        "Unauthorized. Invalid password.",
        1004
    )]
    [InlineData(
        401,
        """{"error":"Unauthorized. Token has expired.","code":1004}""",
        "Unauthorized. Token has expired.",
        1004
    )]
    public void Sis_errors_keep_text_code_status_and_body(
        int status,
        string body,
        string error,
        int code
    )
    {
        foreach (
            var result in new[]
            {
                SisResponses.Json(Response(status, body)),
                SisResponses.Object(Response(status, body)),
                SisResponses.Array(Response(status, body)),
                SisResponses.Bulk(Response(status, body)).Map(_ => (SisResponse)null!),
                SisResponses.Token(Response(status, body)).Map(_ => (SisResponse)null!),
            }
        )
        {
            var e = SisFailure(result);
            Assert.Equal(new SisError(error, Some(code), status, body), e);
        }
        Assert.Equal(
            new ApiError.Sis(new SisError(error, Some(code), status, body)),
            SisResponses.Failure(Response(status, body))
        );
    }

    [Fact]
    public void Error_helpers_recognise_the_statuses()
    {
        var notFound = SisResponses.Failure(
            Response(404, """{"error":"sis_hooks h does not exist","code":1000}""")
        );
        var unauthorized = SisResponses.Failure(
            Response(401, """{"error":"Unauthorized. Invalid credentials","code":1004}""")
        );
        var bad = SisResponses.Failure(
            Response(400, """{"error":"Bad request: CAS update failed.","code":1001}""")
        );
        Assert.True(SisErrors.IsNotFound(notFound));
        Assert.False(SisErrors.IsNotFound(bad));
        Assert.True(SisErrors.IsUnauthorized(unauthorized));
        Assert.True(SisErrors.IsBadRequest(bad));
        Assert.Equal("SIS 404: sis_hooks h does not exist (code 1000)", notFound.Message);
    }

    [Fact]
    public void A_raw_500_error_object_without_error_or_code_keeps_the_body()
    {
        const string body = """
            {"message":"Cast to number failed for value \"abc\" at path \"num\"","name":"CastError","kind":"number","value":"abc","path":"num"}
            """;
        var e = SisFailure(SisResponses.Array(Response(500, body, "Internal Server Error")));
        Assert.Equal("Internal Server Error", e.Error);
        Assert.Equal(None, e.Code);
        Assert.Equal(500, e.HttpStatus);
        Assert.Equal(body, e.Body);

        var noReason = SisFailure(SisResponses.Array(Response(500, "{}")));
        Assert.Equal("HTTP 500", noReason.Error);
        Assert.Equal("{}", noReason.Body);

        var array = SisFailure(SisResponses.Array(Response(500, "[1,2]")));
        Assert.Equal("HTTP 500", array.Error);
    }

    [Theory]
    [InlineData("""{"error":"x","code":"1001"}""", "x", null)]
    [InlineData("""{"error":"x","code":1e400}""", "x", null)]
    [InlineData("""{"error":"x","code":99999999999999999999999}""", "x", null)]
    [InlineData("""{"error":"x","code":1001.5}""", "x", null)]
    [InlineData("""{"error":"x","code":null}""", "x", null)]
    [InlineData("""{"error":"x","code":[1001]}""", "x", null)]
    [InlineData("""{"error":42}""", "42", null)]
    [InlineData("""{"error":{"msg":"m"}}""", """{"msg":"m"}""", null)]
    [InlineData("""{"error":null,"code":1001}""", "Bad Request", 1001)]
    [InlineData("""{"error":"x","code":1000.0}""", "x", 1000)]
    [InlineData("""{"error":"x","code":-3}""", "x", -3)]
    public void Wrong_types_in_an_error_body_never_throw(string body, string error, int? code)
    {
        var e = SisFailure(SisResponses.Object(Response(400, body, "Bad Request")));
        Assert.Equal(new SisError(error, Optional(code), 400, body), e);
    }

    // ---------------------------------------------------------------- not JSON (§1.5)

    [Theory]
    [InlineData("Cannot GET /api/v1/schemas\n")]
    [InlineData(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /api/v1/schemas</pre>\n</body>\n</html>\n"
    )]
    public void Expresss_html_404_gives_the_decode_message(string html)
    {
        var e = SisFailure(SisResponses.Array(Response(404, html, "Not Found")));
        Assert.Equal(new SisError(Prefix + html, None, 404, html), e);
        Assert.True(SisErrors.IsNotFound(new ApiError.Sis(e)));
        Assert.Equal(new ApiError.Sis(e), SisResponses.Failure(Response(404, html, "Not Found")));
    }

    [Theory]
    [InlineData(200, "<html><body>maintenance</body></html>")]
    [InlineData(201, "")]
    [InlineData(200, "   ")]
    [InlineData(200, "{\"success\":[")]
    [InlineData(200, "[1,2")]
    [InlineData(200, "{'a':1}")]
    [InlineData(200, "[1,]")]
    [InlineData(200, "{} {}")]
    [InlineData(200, "/* c */ {}")]
    [InlineData(502, "<html>Bad Gateway</html>")]
    public void A_body_that_is_not_json_is_a_sis_error_on_success_too(int status, string body)
    {
        foreach (
            var result in new[]
            {
                SisResponses.Json(Response(status, body)),
                SisResponses.Object(Response(status, body)),
                SisResponses.Array(Response(status, body)),
                SisResponses.Bulk(Response(status, body)).Map(_ => (SisResponse)null!),
                SisResponses.Token(Response(status, body)).Map(_ => (SisResponse)null!),
            }
        )
            Assert.Equal(new SisError(Prefix + body, None, status, body), SisFailure(result));
    }

    [Fact]
    public void The_decode_message_quotes_the_first_256_characters_without_cutting_a_surrogate_pair()
    {
        var body = new string('x', 255) + "😀" + new string('y', 100);
        var e = SisFailure(SisResponses.Object(Response(200, body)));
        Assert.Equal(Prefix + new string('x', 255) + "😀", e.Error);
        Assert.Equal(body, e.Body);

        var plain = new string('a', 300);
        Assert.Equal(
            Prefix + new string('a', 256),
            SisFailure(SisResponses.Object(Response(500, plain))).Error
        );
    }

    [Fact]
    public void Invalid_utf8_never_throws()
    {
        var outside = SisFailure(SisResponses.Object(Bytes(200, 0xFF, 0xFE, 0x7B, 0x7D)));
        Assert.StartsWith(Prefix, outside.Error, StringComparison.Ordinal);
        Assert.Equal(200, outside.HttpStatus);

        // {"error":"<invalid>","code":1001}: invalid sequences inside strings become U+FFFD, as sispy decodes them
        var inside = Encoding
            .UTF8.GetBytes("{\"error\":\"")
            .Concat(new byte[] { 0xC3, 0x28, 0xFF })
            .Concat(Encoding.UTF8.GetBytes("\",\"code\":1001}"))
            .ToArray();
        var e = SisFailure(SisResponses.Object(Bytes(400, inside)));
        Assert.Equal("\uFFFD(\uFFFD", e.Error);
        Assert.Equal(Some(1001), e.Code);
        var success = Ok(SisResponses.Object(Bytes(200, inside)));
        Assert.Equal("\uFFFD(\uFFFD", success.Json.GetProperty("error").GetString());
        Assert.Equal("\uFFFD(\uFFFD", success.ToNode()["error"]!.GetValue<string>());
        var token = Ok(
            SisResponses.Token(
                Bytes(
                    201,
                    Encoding
                        .UTF8.GetBytes("{\"name\":\"")
                        .Concat(new byte[] { 0xFF })
                        .Concat(Encoding.UTF8.GetBytes("\",\"username\":\"u\"}"))
                        .ToArray()
                )
            )
        );
        Assert.Equal("\uFFFD", token.Name);
    }

    [Fact]
    public void Deep_nesting_is_a_decode_error_and_moderate_nesting_parses()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var e = SisFailure(SisResponses.Array(Response(200, deep)));
        Assert.StartsWith(Prefix + "[[[[", e.Error, StringComparison.Ordinal);
        Assert.Equal(Prefix.Length + 256, e.Error.Length);

        var moderate = new string('[', 200) + new string(']', 200);
        Assert.Equal(1, Ok(SisResponses.Array(Response(200, moderate))).Items.Count);

        var deepError = SisFailure(SisResponses.Object(Response(500, deep)));
        Assert.Equal(500, deepError.HttpStatus);
    }

    [Theory]
    [InlineData("\"just a string\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("1e400", "a number")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    public void A_json_scalar_is_malformed(string body, string found)
    {
        var e = Assert.IsType<ApiError.MalformedResponse>(
            Fails(SisResponses.Json(Response(200, body)))
        );
        Assert.Equal("a JSON object or array", e.Expected);
        Assert.Equal($"found {found}", e.Detail);
    }

    [Fact]
    public void Object_and_array_insist_on_their_shape()
    {
        var notObject = Assert.IsType<ApiError.MalformedResponse>(
            Fails(SisResponses.Object(Response(200, "[{}]")))
        );
        Assert.Equal("a JSON object", notObject.Expected);
        var notArray = Assert.IsType<ApiError.MalformedResponse>(
            Fails(SisResponses.Array(Response(200, "{\"a\":1}")))
        );
        Assert.Equal("a JSON array", notArray.Expected);
    }

    [Fact]
    public void Statuses_other_than_2xx_are_failures_even_with_a_good_body()
    {
        var e = SisFailure(SisResponses.Array(Response(304, "[]", "Not Modified")));
        Assert.Equal(304, e.HttpStatus);
        Assert.Equal("Not Modified", e.Error);
    }

    // ---------------------------------------------------------------- bulk (§2.6.6–§2.6.8)

    [Fact]
    public void Bulk_result_from_the_spec_shape()
    {
        const string body = """
            {"success":[{"name":"a","_id":"5d4c1e1fa0c4c1a1b2c3d4e5","_v":0,"_sis":{"_trans_id":{"id":"abc1565269535000","idx":0}}}],
             "errors":[
               {"err":[400,{"error":"Bad request: Insert failed","code":1001}],"value":{"name":"b"}},
               {"err":[401,{"error":"Unauthorized. Cannot delete a locked object.","code":1004},{"detail":"locked"}],"value":{"_id":"5d4c1e1fa0c4c1a1b2c3d4e6"}},
               {"err":[400,{"error":"Missing ID field in bulk update","code":1001}],"value":{"num":3}}
             ]}
            """;
        var result = Ok(SisResponses.Bulk(Response(200, body)));
        Assert.False(result.AllSucceeded);
        Assert.Single(result.Success);
        Assert.Equal("a", result.Success[0].GetProperty("name").GetString());
        Assert.Equal(3, result.Errors.Count);

        var first = result.Errors[0];
        Assert.Equal(400, first.Status);
        Assert.Equal("Bad request: Insert failed", first.Error);
        Assert.Equal(Some(1001), first.Code);
        Assert.Equal("b", first.Value.GetProperty("name").GetString());
        Assert.True(first.Detail.IsNone);

        var second = result.Errors[1];
        Assert.Equal(401, second.Status);
        Assert.Equal(Some(1004), second.Code);
        Assert.Equal(
            "locked",
            second.Detail.Map(d => d.GetProperty("detail").GetString()).IfNone("")
        );
        Assert.Equal("5d4c1e1fa0c4c1a1b2c3d4e6", second.Value.GetProperty("_id").GetString());
        Assert.Equal("Missing ID field in bulk update", result.Errors[2].Error);
    }

    [Fact]
    public void Bulk_all_succeeded_and_all_or_none_failures()
    {
        var ok = Ok(
            SisResponses.Bulk(Response(200, """{"success":[{"a":1},{"a":2}],"errors":[]}"""))
        );
        Assert.True(ok.AllSucceeded);
        Assert.Equal(2, ok.Success.Count);

        var none = Ok(
            SisResponses.Bulk(
                Response(
                    200,
                    """{"success":[],"errors":[{"err":[400,{"error":"Bad request: Insert failed","code":1001}],"value":{"u":1}}]}"""
                )
            )
        );
        Assert.True(none.Success.IsEmpty);
        Assert.Single(none.Errors);
    }

    [Fact]
    public void Bulk_tolerates_odd_error_entries()
    {
        const string body = """
            {"success":[],"errors":[
              {"err":[500]},
              {"err":[400,"plain text"],"value":1},
              {"err":{"name":"MongoError","message":"boom","code":11000}},
              {"err":[400,{"message":"from message"}],"value":null},
              {"err":[400,{"code":1001}],"value":{}}
            ]}
            """;
        var errors = Ok(SisResponses.Bulk(Response(200, body))).Errors;
        Assert.Equal(5, errors.Count);
        Assert.Equal((500, "", None), (errors[0].Status, errors[0].Error, errors[0].Code));
        Assert.Equal(JsonValueKind.Null, errors[0].Value.ValueKind);
        Assert.Equal("plain text", errors[1].Error);
        Assert.Equal(500, errors[2].Status);
        Assert.Equal("boom", errors[2].Error);
        Assert.Equal(Some(11000), errors[2].Code);
        Assert.True(errors[2].Detail.IsSome);
        Assert.Equal("from message", errors[3].Error);
        Assert.Equal("""{"code":1001}""", errors[4].Error);
    }

    [Theory]
    [InlineData("""{"errors":[]}""")]
    [InlineData("""{"success":[]}""")]
    [InlineData("""{"success":{},"errors":[]}""")]
    [InlineData("""{"success":[],"errors":{}}""")]
    [InlineData("""{"success":[],"errors":[1]}""")]
    [InlineData("""{"success":[],"errors":[{"value":1}]}""")]
    [InlineData("""{"success":[],"errors":[{"err":[]}]}""")]
    [InlineData("""{"success":[],"errors":[{"err":["400",{}]}]}""")]
    [InlineData("""{"success":[],"errors":[{"err":[1e400,{}]}]}""")]
    [InlineData("""{"success":[],"errors":[{"err":"text"}]}""")]
    [InlineData("""[{"success":[]}]""")]
    public void Bulk_shapes_that_are_wrong_are_malformed(string body) =>
        Assert.IsType<ApiError.MalformedResponse>(Fails(SisResponses.Bulk(Response(200, body))));

    [Fact]
    public void Bulk_failures_are_sis_errors()
    {
        var e = SisFailure(
            SisResponses.Bulk(
                Response(400, """{"error":"Bulk delete requires a non empty query.","code":1001}""")
            )
        );
        Assert.Equal("Bulk delete requires a non empty query.", e.Error);
        Assert.Equal(
            "Array must not be empty.",
            SisFailure(
                SisResponses.Bulk(
                    Response(400, """{"error":"Array must not be empty.","code":1001}""")
                )
            ).Error
        );
    }

    // ---------------------------------------------------------------- tokens (§2.8.6)

    private const string TokenName = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Temporary_token_expires_is_milliseconds_remaining()
    {
        var token = Ok(
            SisResponses.Token(
                Response(
                    201,
                    $$"""{"name":"{{TokenName}}","username":"alice","expires":28800000,"_id":"5d4c1e1fa0c4c1a1b2c3d4e5","_v":0,"_sis":{"tags":[]} }"""
                )
            )
        );
        Assert.Equal(TokenName, token.Name);
        Assert.Equal("alice", token.UserName);
        Assert.Equal(Some(TimeSpan.FromHours(8)), token.ExpiresIn);
        Assert.Equal("5d4c1e1fa0c4c1a1b2c3d4e5", token.Json.GetProperty("_id").GetString());
        Assert.DoesNotContain(TokenName, token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""","desc":"ci" """, null)]
    [InlineData(""","expires":null""", null)]
    [InlineData(""","expires":0""", 0.0)]
    [InlineData(""","expires":-5""", 0.0)]
    [InlineData(""","expires":1234.5""", 1234.5)]
    [InlineData(""","expires":1e300""", double.MaxValue)]
    public void Token_expiry_variants(string extra, double? ms)
    {
        var token = Ok(
            SisResponses.Token(
                Response(200, $$"""{"name":"{{TokenName}}","username":"bob"{{extra}}}""")
            )
        );
        Assert.Equal(
            ms switch
            {
                null => Option<TimeSpan>.None,
                double.MaxValue => Some(TimeSpan.MaxValue),
                var v => Some(TimeSpan.FromMilliseconds(v.Value)),
            },
            token.ExpiresIn
        );
    }

    [Theory]
    [InlineData("""{"username":"u"}""")]
    [InlineData("""{"name":null,"username":"u"}""")]
    [InlineData("""{"name":5,"username":"u"}""")]
    [InlineData("""{"name":"t"}""")]
    [InlineData("""{"name":"t","username":["u"]}""")]
    [InlineData("""{"name":"t","username":"u","expires":"2015-06-01T00:00:00.000Z"}""")]
    [InlineData("""{"name":"t","username":"u","expires":1e400}""")]
    [InlineData("""{"name":"t","username":"u","expires":{}}""")]
    [InlineData("""[{"name":"t","username":"u"}]""")]
    public void Token_shapes_that_are_wrong_are_malformed(string body) =>
        Assert.IsType<ApiError.MalformedResponse>(Fails(SisResponses.Token(Response(201, body))));

    [Theory]
    [InlineData(401, """{"error":"Unauthorized. Invalid credentials","code":1004}""")]
    [InlineData(401, """{"error":"Unauthorized. Invalid password.","code":1004}""")]
    [InlineData(404, """{"error":"sis_users nobody does not exist","code":1000}""")]
    [InlineData(400, """{"error":"Super users cannot have persistent tokens.","code":1001}""")]
    public void Token_failures_are_sis_errors(int status, string body)
    {
        var e = SisFailure(SisResponses.Token(Response(status, body)));
        Assert.Equal(status, e.HttpStatus);
        Assert.True(e.Code.IsSome);
    }
}
