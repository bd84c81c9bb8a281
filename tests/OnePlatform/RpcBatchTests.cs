using System.Text;
using System.Text.Json;
using Functional.Core.Interpreter;
using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

/// <summary>The batch machinery: envelope, id correlation, whole-request errors, chunking (spec §1.2, §2.1-§2.4).</summary>
public class RpcBatchTests
{
    private const string Token = "1111111111222222222233333333334444444444";
    private static readonly Auth Cik = Auth.Cik(Rpc.Cik);

    private static HttpEffect<Seq<RpcResult<T>>> Effect<T>(
        Seq<RpcCall<T>> calls,
        long startId = 0,
        RpcEndpoint? endpoint = null,
        Auth? auth = null
    ) =>
        RpcBatch
            .Send(endpoint ?? RpcEndpoint.Default, auth ?? Cik, startId, calls)
            .Match(e => e, errors => throw new Xunit.Sdk.XunitException(string.Join("; ", errors)));

    private static Seq<RpcResult<T>> Parse<T>(
        string body,
        Seq<RpcCall<T>> calls,
        int status = 200
    ) => Rpc.Right(RpcBatch.Parse(Rpc.Json(body, status), Numbered(calls)));

    private static ApiError ParseFails<T>(string body, Seq<RpcCall<T>> calls, int status = 200) =>
        Rpc.Left(RpcBatch.Parse(Rpc.Json(body, status), Numbered(calls)));

    private static Seq<(long Id, RpcCall<T> Call)> Numbered<T>(Seq<RpcCall<T>> calls) =>
        toSeq(calls.Select((c, i) => ((long)i, c)).ToArray());

    private static Seq<RpcCall<string>> Raw(params string[] procedures) =>
        toSeq(procedures.Select(p => RpcServer.RawCall(p)).ToArray());

    private static string ValueOf(RpcResult<string> r) => Rpc.Right(r.Outcome);

    // ---- envelope ------------------------------------------------------------------------------

    [Fact]
    public void Envelope_puts_auth_before_calls_and_keys_calls_id_procedure_arguments()
    {
        var request = RpcBatch.Request(
            RpcEndpoint.Default,
            Cik,
            Seq(
                (5L, Rpc.Valid(TimeSeries.Read(ResourceId.Alias("t"), ReadOptions.Latest)).Boxed()),
                (6L, Rpc.Valid(TimeSeries.Write(ResourceId.Rid(Rpc.Rid), 1.5)).Boxed())
            )
        );
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Rpc.Cik}}"},"calls":[{"id":5,"procedure":"read","arguments":[{"alias":"t"},{}]},{"id":6,"procedure":"write","arguments":["{{Rpc.Rid}}",1.5]}]}""",
            Rpc.BodyOf(request)
        );
    }

    [Theory]
    [InlineData("cik", $$"""{"cik":"{{Rpc.Cik}}"}""")]
    [InlineData("cik+client_id", $$"""{"cik":"{{Rpc.Cik}}","client_id":"{{Rpc.Rid}}"}""")]
    [InlineData("cik+resource_id", $$"""{"cik":"{{Rpc.Cik}}","resource_id":"{{Rpc.Rid}}"}""")]
    [InlineData("token", $$"""{"token":"{{Token}}"}""")]
    [InlineData("token+client_id", $$"""{"token":"{{Token}}","client_id":"{{Rpc.Rid2}}"}""")]
    public void Envelope_writes_every_auth_form(string form, string expected)
    {
        var auth = form switch
        {
            "cik" => Auth.Cik(Rpc.Cik),
            "cik+client_id" => Auth.CikAsClient(Rpc.Cik, Rpc.Rid),
            "cik+resource_id" => Auth.CikAsOwnerOf(Rpc.Cik, Rpc.Rid),
            "token" => Auth.Token(Token),
            _ => Auth.TokenAsClient(Token, Rpc.Rid2),
        };
        var body = Rpc.BodyOf(
            RpcBatch.Request(RpcEndpoint.Default, auth, Seq1((0L, RpcServer.RawCall("x"))))
        );
        Assert.Equal(
            "{\"auth\":"
                + expected
                + ",\"calls\":[{\"id\":0,\"procedure\":\"x\",\"arguments\":[]}]}",
            body
        );
    }

    [Fact]
    public void Send_numbers_calls_consecutively_from_the_start_id()
    {
        var sent = new List<HttpRequest>();
        var results = Rpc.Right(
            HttpInterpreter.Run(
                Effect(
                    Seq(RpcServer.ReadCall("a"), RpcServer.ReadCall("b"), RpcServer.ReadCall("c")),
                    startId: 41
                ),
                RpcServer.Echo(sent)
            )
        );
        var calls = RpcServer.Calls(Assert.Single(sent));
        Assert.Equal([41L, 42L, 43L], calls.Select(c => c.Id));
        Assert.Equal(
            ["""[{"alias":"a"},{}]""", """[{"alias":"b"},{}]""", """[{"alias":"c"},{}]"""],
            calls.Select(c => c.Arguments)
        );
        Assert.Equal(
            [RpcCallId.Of(41), RpcCallId.Of(42), RpcCallId.Of(43)],
            results.Map(r => r.CallId).ToArray()
        );
    }

    [Fact]
    public void Request_is_a_json_post_to_the_rpc_path_with_the_user_agent()
    {
        var request = RpcBatch.Request(
            RpcEndpoint
                .Default.WithPath("/api:v1/rpc/process")
                .WithUserAgent("tests/1.0 (me@example.com)"),
            Cik,
            Seq1((0L, RpcServer.RawCall("x")))
        );
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api:v1/rpc/process", request.PathAndQuery);
        Assert.IsType<HttpBody.Json>(request.Body);
        Assert.Equal(
            [new HttpHeader("User-Agent", "tests/1.0 (me@example.com)")],
            request.Headers.ToArray()
        );
        Assert.Empty(
            RpcBatch.Request(RpcEndpoint.Default, Cik, Seq1((0L, RpcServer.RawCall("x")))).Headers
        );
    }

    [Fact]
    public void Request_is_safe_to_retry_only_when_every_call_only_reads()
    {
        var read = RpcServer.RawCall("read", readOnly: true);
        var write = RpcServer.RawCall("write");
        Assert.Equal(
            RetrySafety.Safe,
            RpcBatch.Request(RpcEndpoint.Default, Cik, Seq((0L, read), (1L, read))).Retry
        );
        Assert.Equal(
            RetrySafety.Unsafe,
            RpcBatch.Request(RpcEndpoint.Default, Cik, Seq((0L, read), (1L, write))).Retry
        );
    }

    [Fact]
    public void Request_with_a_wait_call_allows_for_the_long_poll()
    {
        var request = RpcBatch.Request(
            RpcEndpoint.Default,
            Cik,
            Seq((0L, RpcServer.RawCall("read")), (1L, RpcServer.RawCall("wait")))
        );
        Assert.True(request.Timeout.Exists(t => t >= TimeSpan.FromSeconds(300)));
        Assert.True(
            RpcBatch
                .Request(RpcEndpoint.Default, Cik, Seq1((0L, RpcServer.RawCall("read"))))
                .Timeout.IsNone
        );
    }

    [Fact]
    public void Request_body_never_shows_in_its_text()
    {
        var request = RpcBatch.Request(
            RpcEndpoint.Default,
            Cik,
            Seq1((0L, RpcServer.RawCall("x")))
        );
        Assert.Contains(Rpc.Cik, Rpc.BodyOf(request), StringComparison.Ordinal);
        Assert.DoesNotContain(Rpc.Cik, request.ToString(), StringComparison.Ordinal);
    }

    // ---- correlation ---------------------------------------------------------------------------

    [Fact]
    public void Answers_out_of_order_go_to_their_own_calls_and_results_stay_in_call_order()
    {
        var results = Parse(
            """[{"id":2,"status":"ok","result":"c"},{"id":0,"status":"ok","result":"a"},{"id":1,"status":"ok","result":"b"}]""",
            Raw("p0", "p1", "p2")
        );
        Assert.Equal(["\"a\"", "\"b\"", "\"c\""], results.Map(ValueOf).ToArray());
        Assert.Equal(["p0", "p1", "p2"], results.Map(r => r.Procedure).ToArray());
        Assert.Equal(
            [RpcCallId.Of(0), RpcCallId.Of(1), RpcCallId.Of(2)],
            results.Map(r => r.CallId).ToArray()
        );
    }

    [Fact]
    public void A_call_without_an_answer_is_RpcNoAnswer_and_the_others_keep_theirs()
    {
        var results = Parse(
            """[{"id":0,"status":"ok","result":1},{"id":2,"status":"ok","result":3}]""",
            Raw("p0", "p1", "p2")
        );
        Assert.Equal("1", ValueOf(results[0]));
        Assert.Equal(new ApiError.RpcNoAnswer(RpcCallId.Of(1), "p1"), Rpc.Left(results[1].Outcome));
        Assert.Equal("3", ValueOf(results[2]));
    }

    [Fact]
    public void Two_answers_with_the_same_id_make_that_call_malformed_only()
    {
        var results = Parse(
            """[{"id":0,"status":"ok","result":1},{"id":1,"status":"ok","result":2},{"id":0,"status":"ok","result":9}]""",
            Raw("p0", "p1")
        );
        var error = Assert.IsType<ApiError.MalformedResponse>(Rpc.Left(results[0].Outcome));
        Assert.Contains("call 0", error.Expected, StringComparison.Ordinal);
        Assert.Contains("2", error.Detail, StringComparison.Ordinal);
        Assert.Equal("2", ValueOf(results[1]));
    }

    [Fact]
    public void A_string_id_matches_the_call_whose_number_it_spells()
    {
        var results = Parse(
            """[{"id":"3","status":"ok","result":"three"},{"id":"2","status":"ok","result":"two"}]""",
            Raw("p0", "p1", "p2", "p3")
        );
        Assert.Equal("\"three\"", ValueOf(results[3]));
        Assert.Equal("\"two\"", ValueOf(results[2]));
        Assert.IsType<ApiError.RpcNoAnswer>(Rpc.Left(results[0].Outcome));
    }

    [Fact]
    public void Answers_for_unknown_ids_and_odd_elements_are_ignored()
    {
        var results = Parse(
            """[{"id":99,"status":"ok","result":"x"},{"id":"abc","status":"ok"},{"status":"ok"},42,"s",null,[0],{"id":0,"status":"ok","result":"mine"},{"id":1.5,"status":"ok"}]""",
            Raw("p0")
        );
        Assert.Equal("\"mine\"", ValueOf(Assert.Single(results)));
    }

    [Fact]
    public void An_element_with_only_an_error_and_no_status_fails_that_call_with_the_detail()
    {
        var results = Parse(
            """[{"id":0,"error":{"code":501,"message":"Error","context":"arguments"}},{"id":1,"status":"ok"}]""",
            Raw("p0", "p1")
        );
        var error = Assert.IsType<ApiError.RpcCall>(Rpc.Left(results[0].Outcome));
        Assert.Equal(JsonValueKind.Null, error.Status.ValueKind);
        Assert.Equal(Some(new RpcErrorDetail(501, "Error", Some("arguments"))), error.Detail);
        Assert.Equal("p0", error.Procedure);
        Assert.Equal("(none)", ValueOf(results[1]));
    }

    [Fact]
    public void A_status_that_is_a_list_is_kept_as_sent()
    {
        var results = Parse(
            """[{"id":0,"status":[[1,"invalid"],[2,"invalid"]]}]""",
            Raw("recordbatch")
        );
        var error = Assert.IsType<ApiError.RpcCall>(Rpc.Left(results[0].Outcome));
        Assert.Equal(JsonValueKind.Array, error.Status.ValueKind);
        Assert.Equal("""[[1,"invalid"],[2,"invalid"]]""", error.Status.GetRawText());
        Assert.True(error.StatusText.IsNone);
        Assert.Contains("[[1,\"invalid\"]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid")]
    [InlineData("restricted")]
    [InlineData("noauth")]
    [InlineData("expire")]
    [InlineData("locked")]
    [InlineData("error")]
    [InlineData("fail")]
    public void Every_failure_status_is_a_call_error_with_that_status(string status)
    {
        var results = Parse($$"""[{"id":0,"status":"{{status}}"}]""", Raw("p"));
        var error = Assert.IsType<ApiError.RpcCall>(Rpc.Left(results[0].Outcome));
        Assert.Equal(Some(status), error.StatusText);
        Assert.Equal(RpcCallId.Of(0), error.CallId);
        Assert.True(error.Detail.IsNone);
    }

    // ---- whole-request errors ------------------------------------------------------------------

    [Fact]
    public void A_general_error_with_context_fails_the_whole_batch()
    {
        var error = ParseFails(
            """{"error":{"code":401,"message":"Invalid","context":"auth"}}""",
            Raw("p0", "p1")
        );
        Assert.Equal(new ApiError.RpcGeneral(401, "Invalid", Some("auth")), error);
    }

    [Fact]
    public void A_general_error_without_context_fails_the_whole_batch()
    {
        var sent = new List<HttpRequest>();
        var error = Rpc.Left(
            HttpInterpreter.Run(
                Effect(Raw("p0", "p1")),
                r =>
                {
                    sent.Add(r);
                    return Rpc.Json("""{"error":{"code":401,"message":"Authorization failed"}}""");
                }
            )
        );
        Assert.Equal(new ApiError.RpcGeneral(401, "Authorization failed", None), error);
        Assert.Single(sent);
    }

    [Fact]
    public void A_general_error_that_is_not_an_object_keeps_its_text()
    {
        Assert.Equal(
            new ApiError.RpcGeneral(0, "boom", None),
            ParseFails("""{"error":"boom"}""", Raw("p"))
        );
        Assert.Equal(
            new ApiError.RpcGeneral(0, "a number", None),
            ParseFails("""{"error":7}""", Raw("p"))
        );
    }

    [Fact]
    public void A_general_error_reads_odd_members_leniently()
    {
        Assert.Equal(
            new ApiError.RpcGeneral(500, """{"x":1}""", Some("[1]")),
            ParseFails("""{"error":{"code":"500","message":{"x":1},"context":[1]}}""", Raw("p"))
        );
        Assert.Equal(
            new ApiError.RpcGeneral(0, "", None),
            ParseFails("""{"error":{"context":null}}""", Raw("p"))
        );
    }

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    [InlineData(404)]
    public void The_body_decides_whatever_the_http_status(int status)
    {
        var results = Parse("""[{"id":0,"status":"ok","result":true}]""", Raw("p"), status);
        Assert.Equal("true", ValueOf(Assert.Single(results)));
        Assert.Equal(
            new ApiError.RpcGeneral(401, "Authorization failed", None),
            ParseFails(
                """{"error":{"code":401,"message":"Authorization failed"}}""",
                Raw("p"),
                status
            )
        );
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    [InlineData(499)]
    public void A_body_that_is_not_json_is_malformed(int status)
    {
        var error = Assert.IsType<ApiError.MalformedResponse>(
            ParseFails("<html>oops</html>", Raw("p"), status)
        );
        Assert.Equal("a JSON body", error.Expected);
        Assert.Contains($"HTTP {status}", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("oops", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void A_5xx_body_that_is_not_json_is_an_http_status_error(int status)
    {
        var response = new HttpResponse(
            status,
            "Bad Gateway",
            Empty,
            Encoding.UTF8.GetBytes("<html>down</html>")
        );
        var error = Assert.IsType<ApiError.HttpStatus>(
            Rpc.Left(RpcBatch.Parse(response, Numbered(Raw("p"))))
        );
        Assert.Equal(status, error.Status);
        Assert.Equal("Bad Gateway", error.Reason);
        Assert.Equal("<html>down</html>", error.Body);
    }

    [Fact]
    public void An_empty_body_is_malformed_and_says_so()
    {
        var error = Assert.IsType<ApiError.MalformedResponse>(ParseFails("", Raw("p")));
        Assert.Contains("empty", error.Detail, StringComparison.Ordinal);
        Assert.IsType<ApiError.HttpStatus>(ParseFails("", Raw("p"), 503));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"ok\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("""{"result":[]}""")]
    public void A_json_body_that_is_neither_a_list_nor_an_error_is_malformed(string body)
    {
        var error = Assert.IsType<ApiError.MalformedResponse>(ParseFails(body, Raw("p")));
        Assert.Equal("a JSON array of answers or a general error object", error.Expected);
        Assert.IsType<ApiError.HttpStatus>(ParseFails(body, Raw("p"), 500));
    }

    [Fact]
    public void An_empty_list_leaves_every_call_without_an_answer()
    {
        var results = Parse("[]", Raw("p0", "p1"));
        Assert.All(results, r => Assert.IsType<ApiError.RpcNoAnswer>(Rpc.Left(r.Outcome)));
    }

    [Fact]
    public void Text_that_cannot_be_decoded_never_makes_the_parser_throw()
    {
        // An escaped unpaired surrogate in an id, a status, an error message and a general error.
        var results = Parse(
            """[{"id":"\ud800","status":"ok"},{"id":0,"status":"\udc00","error":{"code":"\ud800","message":"\ud800","context":"\ud800"}}]""",
            Raw("p")
        );
        var error = Assert.IsType<ApiError.RpcCall>(Rpc.Left(results[0].Outcome));
        Assert.True(error.StatusText.IsNone);
        Assert.NotEmpty(error.Message);
        Assert.NotEmpty(error.ToString());
        Assert.IsType<ApiError.RpcGeneral>(ParseFails("""{"error":"\ud800"}""", Raw("p")));
        Assert.IsType<ApiError.RpcGeneral>(
            ParseFails("""{"error":{"message":"\ud800"}}""", Raw("p"))
        );

        // Raw bytes that are not UTF-8 inside strings.
        byte[] bad =
        [
            .. "[{\"id\":0,\"status\":\""u8,
            0xff,
            0xfe,
            .. "\",\"error\":{\"message\":{\"m\":\""u8,
            0xc3,
            .. "\"}}}]"u8,
        ];
        var fromBytes = RpcBatch.Parse(new HttpResponse(200, "", Empty, bad), Numbered(Raw("p")));
        var callError = Assert.IsType<ApiError.RpcCall>(Rpc.Left(Rpc.Right(fromBytes)[0].Outcome));
        Assert.NotEmpty(callError.Message);
        byte[] badGeneral = [.. "{\"error\":\""u8, 0xff, .. "\"}"u8];
        Assert.IsType<ApiError.RpcGeneral>(
            Rpc.Left(
                RpcBatch.Parse(new HttpResponse(200, "", Empty, badGeneral), Numbered(Raw("p")))
            )
        );
    }

    [Fact]
    public void A_body_nested_too_deep_is_malformed_not_a_crash()
    {
        var body = new string('[', 5000) + new string(']', 5000);
        Assert.IsType<ApiError.MalformedResponse>(ParseFails(body, Raw("p")));
    }

    [Fact]
    public void A_read_result_of_the_wrong_shape_is_malformed_for_that_call_only()
    {
        var calls = Seq(RpcServer.ReadCall(), RpcServer.ReadCall());
        var results = Parse(
            """[{"id":0,"status":"ok","result":{"not":"points"}},{"id":1,"status":"ok","result":[[1,"\ud800"]]}]""",
            calls
        );
        Assert.IsType<ApiError.MalformedResponse>(Rpc.Left(results[0].Outcome));
        Assert.IsType<ApiError.MalformedResponse>(Rpc.Left(results[1].Outcome));
    }

    // ---- validation ----------------------------------------------------------------------------

    [Theory]
    [InlineData("NOT-A-VALID-CIK-but-a-secret-anyway")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567")]
    public void A_bad_cik_is_rejected_without_echoing_it(string cik)
    {
        foreach (
            var auth in new[] { Auth.Cik(cik), Auth.CikAsClient(cik, Rpc.Rid), Auth.Token(cik) }
        )
        {
            var errors = Rpc.Errors(RpcBatch.Send(RpcEndpoint.Default, auth, 0, Raw("p")));
            var problem = Assert.IsType<ApiError.InvalidArgument>(Assert.Single(errors));
            Assert.StartsWith("auth.", problem.Field, StringComparison.Ordinal);
            Assert.DoesNotContain(cik, problem.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(cik, problem.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(cik, auth.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_problem_of_endpoint_auth_start_id_and_calls_is_reported_at_once()
    {
        var fields = Rpc.Fields(
            RpcBatch.Send(
                RpcEndpoint.Default.WithPath("no-slash").WithChunkSize(0),
                Auth.CikAsOwnerOf("short", "also short"),
                -1,
                Seq(
                    TimeSeries.Read(ResourceId.Rid("x"), ReadOptions.Latest),
                    TimeSeries.Read(ResourceId.Self, ReadOptions.Latest),
                    TimeSeries.Read(ResourceId.Self, ReadOptions.Latest.WithLimit(-1))
                )
            )
        );
        Assert.Equal(
            [
                "endpoint.path",
                "endpoint.chunkSize",
                "auth.cik",
                "auth.resource_id",
                "startId",
                "calls[0].resource",
                "calls[2].options.limit",
            ],
            fields.ToArray()
        );
    }

    [Fact]
    public void SendOne_reports_the_auth_and_the_call_problems_together()
    {
        var fields = Rpc.Fields(
            RpcBatch.SendOne(
                RpcEndpoint.Default,
                Auth.Cik("bad"),
                0,
                TimeSeries.Write(ResourceId.Self, double.NaN)
            )
        );
        Assert.Equal(["auth.cik", "value"], fields.ToArray());
    }

    [Fact]
    public void A_start_id_that_would_overflow_is_rejected()
    {
        Assert.Equal(
            ["startId"],
            Rpc.Fields(RpcBatch.Send(RpcEndpoint.Default, Cik, long.MaxValue - 1, Raw("a", "b")))
                .ToArray()
        );
        Assert.True(
            RpcBatch.Send(RpcEndpoint.Default, Cik, long.MaxValue - 2, Raw("a", "b")).IsSuccess
        );
    }

    [Fact]
    public void Null_arguments_are_reported_not_thrown()
    {
        Assert.Equal(
            ["endpoint", "auth"],
            Rpc.Fields(RpcBatch.Send(null!, null!, 0, Raw("p"))).ToArray()
        );
        Assert.Equal(
            ["call"],
            Rpc.Fields(RpcBatch.SendOne(RpcEndpoint.Default, Cik, 0, (RpcCall<string>)null!))
                .ToArray()
        );
    }

    [Fact]
    public void Unpaired_surrogates_are_rejected_instead_of_being_sent_as_replacement_characters()
    {
        // Utf8JsonWriter would silently write U+FFFD: the call would name another alias or store another value.
        Assert.Equal(
            ["resource", "value"],
            Rpc.Fields(TimeSeries.Write(ResourceId.Alias("temp\ud800"), "x\udc00y")).ToArray()
        );
        Assert.Equal(
            """[{"alias":"\uD83D\uDE00"},"\uD83D\uDE00"]""",
            Rpc.Valid(
                TimeSeries.Write(ResourceId.Alias("\ud83d\ude00"), "\ud83d\ude00")
            ).ArgumentsJson
        );
    }

    [Fact]
    public void A_null_alias_or_value_is_reported_not_thrown()
    {
        Assert.Equal(
            ["resource", "value"],
            Rpc.Fields(TimeSeries.Write(ResourceId.Alias(null!), PointValue.Of((string)null!)))
                .ToArray()
        );
    }

    // ---- sending one -------------------------------------------------------------------------

    [Fact]
    public void SendOne_turns_the_calls_status_into_the_effects_failure()
    {
        var effect = RpcBatch
            .SendOne(RpcEndpoint.Default, Cik, 7, RpcServer.RawCall("drop"))
            .Match(e => e, _ => throw new Xunit.Sdk.XunitException("invalid"));
        var error = Rpc.Left(
            HttpInterpreter.Run(effect, _ => Rpc.Json("""[{"id":7,"status":"restricted"}]"""))
        );
        Assert.Equal(Some("restricted"), Assert.IsType<ApiError.RpcCall>(error).StatusText);
        Assert.Equal(
            "\"yes\"",
            Rpc.Right(
                HttpInterpreter.Run(
                    effect,
                    _ => Rpc.Json("""[{"id":7,"status":"ok","result":"yes"}]""")
                )
            )
        );
    }

    // ---- chunking ------------------------------------------------------------------------------

    private static Seq<RpcCall<Seq<Point>>> Reads(int n) =>
        toSeq(Enumerable.Range(0, n).Select(i => RpcServer.ReadCall($"a{i}")).ToArray());

    [Fact]
    public void Sixty_calls_in_chunks_of_25_go_out_as_three_requests_in_order()
    {
        var sent = new List<HttpRequest>();
        var results = Rpc.Right(
            HttpInterpreter.Run(
                Effect(Reads(60), endpoint: RpcEndpoint.Default.WithChunkSize(25)),
                RpcServer.Echo(sent)
            )
        );
        Assert.Equal(3, sent.Count);
        Assert.Equal(
            Enumerable.Range(0, 25).Select(i => (long)i),
            RpcServer.Calls(sent[0]).Select(c => c.Id)
        );
        Assert.Equal(
            Enumerable.Range(25, 25).Select(i => (long)i),
            RpcServer.Calls(sent[1]).Select(c => c.Id)
        );
        Assert.Equal(
            Enumerable.Range(50, 10).Select(i => (long)i),
            RpcServer.Calls(sent[2]).Select(c => c.Id)
        );
        Assert.Equal(
            Enumerable.Range(0, 60).Select(i => $$"""[{"alias":"a{{i}}"},{}]"""),
            sent.SelectMany(r => RpcServer.Calls(r).Select(c => c.Arguments))
        );
        Assert.Equal(60, results.Count);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(RpcCallId.Of(i), results[i].CallId);
            Assert.Equal(Some((long)i), Rpc.Right(results[i].Outcome).Single().Value.AsInteger());
        }
    }

    [Fact]
    public void A_general_error_on_the_second_chunk_keeps_the_first_and_marks_the_rest_not_sent()
    {
        var sent = new List<HttpRequest>();
        var general = """{"error":{"code":500,"message":"Internal","context":"calls"}}""";
        var results = Rpc.Right(
            HttpInterpreter.Run(
                Effect(Reads(60), endpoint: RpcEndpoint.Default.WithChunkSize(25)),
                r =>
                {
                    sent.Add(r);
                    return sent.Count == 2
                        ? Rpc.Json(general)
                        : Rpc.Json(RpcServer.AnswerEach(Rpc.BodyOf(r), RpcServer.PointNamedById));
                }
            )
        );
        Assert.Equal(2, sent.Count);
        Assert.Equal(60, results.Count);
        var cause = new ApiError.RpcGeneral(500, "Internal", Some("calls"));
        for (var i = 0; i < 25; i++)
            Assert.Equal(Some((long)i), Rpc.Right(results[i].Outcome).Single().Value.AsInteger());
        for (var i = 25; i < 50; i++)
            Assert.Equal(cause, Rpc.Left(results[i].Outcome));
        for (var i = 50; i < 60; i++)
        {
            Assert.Equal(
                new ApiError.RpcNotSent(RpcCallId.Of(i), "read", cause),
                Rpc.Left(results[i].Outcome)
            );
            Assert.Equal(RpcCallId.Of(i), results[i].CallId);
        }
    }

    [Fact]
    public void A_transport_failure_on_a_later_chunk_marks_that_chunk_with_it()
    {
        var effect = Effect(Reads(5), endpoint: RpcEndpoint.Default.WithChunkSize(2));
        var first = Assert.IsType<HttpEffect<Seq<RpcResult<Seq<Point>>>>.Send>(effect);
        var second = Assert.IsType<HttpEffect<Seq<RpcResult<Seq<Point>>>>.Send>(
            first.Continue(
                Rpc.Json(RpcServer.AnswerEach(Rpc.BodyOf(first.Request), RpcServer.PointNamedById))
            )
        );
        var lost = new ApiError.Transport("reset", None, RequestMayHaveBeenProcessed: true);
        var done = Assert.IsType<HttpEffect<Seq<RpcResult<Seq<Point>>>>.Done>(
            second.Continue(lost)
        );
        var outcomes = done.Value.Map(r => r.Outcome).ToArray();
        Assert.True(outcomes[0].IsRight && outcomes[1].IsRight);
        Assert.Equal(lost, Rpc.Left(outcomes[2]));
        Assert.Equal(lost, Rpc.Left(outcomes[3]));
        Assert.Equal(new ApiError.RpcNotSent(RpcCallId.Of(4), "read", lost), Rpc.Left(outcomes[4]));
    }

    [Fact]
    public void A_general_error_on_the_first_chunk_fails_the_whole_effect_and_sends_nothing_more()
    {
        var sent = new List<HttpRequest>();
        var outcome = HttpInterpreter.Run(
            Effect(Reads(60), endpoint: RpcEndpoint.Default.WithChunkSize(25)),
            r =>
            {
                sent.Add(r);
                return Rpc.Json("""{"error":{"code":401,"message":"Authorization failed"}}""");
            }
        );
        Assert.IsType<ApiError.RpcGeneral>(Rpc.Left(outcome));
        Assert.Single(sent);
    }

    [Fact]
    public void A_malformed_answer_to_the_first_chunk_marks_its_calls_and_sends_nothing_more()
    {
        var sent = new List<HttpRequest>();
        var outcome = HttpInterpreter.Run(
            Effect(Reads(60), endpoint: RpcEndpoint.Default.WithChunkSize(25)),
            r =>
            {
                sent.Add(r);
                return Rpc.Json("not json");
            }
        );
        var results = Rpc.Right(outcome).ToArray();
        Assert.Single(sent);
        Assert.Equal(60, results.Length);
        Assert.All(
            results.Take(25),
            r => Assert.IsType<ApiError.MalformedResponse>(Rpc.Left(r.Outcome))
        );
        Assert.All(results.Skip(25), r => Assert.IsType<ApiError.RpcNotSent>(Rpc.Left(r.Outcome)));
    }

    [Fact]
    public void A_transport_failure_before_sending_the_first_chunk_fails_the_whole_effect()
    {
        var first = Assert.IsType<HttpEffect<Seq<RpcResult<Seq<Point>>>>.Send>(
            Effect(Reads(3), endpoint: RpcEndpoint.Default.WithChunkSize(2))
        );
        var refused = new ApiError.Transport("refused", None, RequestMayHaveBeenProcessed: false);
        Assert.Equal(
            refused,
            Assert
                .IsType<HttpEffect<Seq<RpcResult<Seq<Point>>>>.Failed>(first.Continue(refused))
                .Error
        );
    }

    [Fact]
    public void An_empty_batch_sends_nothing()
    {
        var results = Rpc.Right(
            HttpInterpreter.Run(
                Effect(Seq<RpcCall<string>>()),
                _ => throw new Xunit.Sdk.XunitException("sent")
            )
        );
        Assert.True(results.IsEmpty);
    }
}
