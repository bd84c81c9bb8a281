using System.Text.Json;
using Functional.Facade.OnePlatform;
using Functional.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Functional.Tests.Facade;

/// <summary>The One Platform facade against a real Kestrel server with canned answers.</summary>
public sealed class OnePlatformClientTests : IDisposable
{
    /// <summary>A CIK that must never show up in an exception's message or text.</summary>
    private const string Secret = "5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2";

    private static readonly Auth Auth = Auth.Cik(Secret);
    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    private OnePlatformClient Client(
        CannedServer server,
        OnePlatformClientOptions? options = null
    ) => new(http, (options ?? new OnePlatformClientOptions()).WithEndpoint(server.BaseUri));

    private static Task<CannedServer> Answering(Func<SentCall, string> answer) =>
        CannedServer.JsonAsync(r => RpcServer.AnswerEach(r.BodyText, answer));

    private static string Ok(SentCall call, string result = "") =>
        result.Length == 0
            ? $$"""{"id":{{call.Id}},"status":"ok"}"""
            : $$"""{"id":{{call.Id}},"status":"ok","result":{{result}}}""";

    // ---- round trips -------------------------------------------------------------------------

    [Fact]
    public async Task ReadAsync_sends_the_read_and_returns_typed_points()
    {
        await using var server = await Answering(c =>
            Ok(c, """[[1700000002,"b"],[1700000001,2.5]]""")
        );
        var points = await Client(server)
            .ReadAsync(Auth, ResourceId.Alias("temp"), ReadOptions.Latest.WithLimit(2));
        Assert.Equal(
            [new Point(1700000002, PointValue.Of("b")), new Point(1700000001, PointValue.Of(2.5))],
            points
        );
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/onep:v1/rpc/process", request.RawTarget);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Secret}}"},"calls":[{"id":0,"procedure":"read","arguments":[{"alias":"temp"},{"limit":2}]}]}""",
            request.BodyText
        );
    }

    [Fact]
    public async Task WriteAsync_sends_the_value_and_completes()
    {
        await using var server = await Answering(c => Ok(c));
        var client = Client(
            server,
            new OnePlatformClientOptions
            {
                UserAgent = "facade-tests/1.0",
                RpcPath = "/api:v1/rpc/process",
            }
        );
        await client.WriteAsync(Auth, ResourceId.Rid(Rpc.Rid), 42L);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api:v1/rpc/process", request.RawTarget);
        Assert.Equal("facade-tests/1.0", request.Header("User-Agent"));
        Assert.Equal(
            [new SentCall(0, "write", $$"""["{{Rpc.Rid}}",42]""")],
            RpcServer.Calls(request.BodyText)
        );
    }

    [Fact]
    public async Task A_batch_returns_every_calls_outcome_in_order_and_one_failure_spares_the_others()
    {
        await using var server = await Answering(c =>
            c.Id switch
            {
                0 => Ok(c, "[[5,5]]"),
                1 =>
                    """{"id":1,"status":"invalid","error":{"code":400,"message":"no such alias"}}""",
                _ => Ok(c),
            }
        );
        var results = await Client(server)
            .Batch(Auth)
            .Read(ResourceId.Alias("a"))
            .Read(ResourceId.Alias("missing"))
            .Write(ResourceId.Alias("b"), "x")
            .SendAsync();
        Assert.Equal(["read", "read", "write"], results.Select(r => r.Procedure).ToArray());
        Assert.Equal(
            [RpcCallId.Of(0), RpcCallId.Of(1), RpcCallId.Of(2)],
            results.Select(r => r.CallId).ToArray()
        );
        Assert.Equal([true, false, true], results.Select(r => r.IsOk).ToArray());

        var points = results[0].GetValue<IReadOnlyList<Point>>();
        Assert.Equal(new Point(5, PointValue.Of(5L)), Assert.Single(points));
        Assert.Null(results[0].Error);

        Assert.Null(results[1].Value);
        Assert.Equal(Some("invalid"), Assert.IsType<ApiError.RpcCall>(results[1].Error).StatusText);
        var thrown = Assert.Throws<OnePlatformCallException>(() =>
            results[1].GetValue<IReadOnlyList<Point>>()
        );
        Assert.Equal("invalid", thrown.StatusText);

        Assert.Equal(unit, results[2].GetValue<Unit>());
        Assert.Throws<InvalidCastException>(() => results[2].GetValue<string>());

        var request = Assert.Single(server.Requests);
        Assert.Equal(3, RpcServer.Calls(request.BodyText).Count);
    }

    [Fact]
    public async Task A_batch_is_immutable_each_call_returns_a_new_batch()
    {
        await using var server = await Answering(c => Ok(c, "[]"));
        var empty = Client(server).Batch(Auth);
        var one = empty.Read(ResourceId.Self);
        var two = one.Read(ResourceId.Self);
        Assert.Equal((0, 1, 2), (empty.Count, one.Count, two.Count));
        Assert.Empty(await empty.SendAsync());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Ids_count_up_across_calls_and_batches_from_the_start_id()
    {
        await using var server = await Answering(c => c.Procedure == "read" ? Ok(c, "[]") : Ok(c));
        var client = Client(server, new OnePlatformClientOptions { StartId = 100 });
        await client.ReadAsync(Auth, ResourceId.Self);
        await client.WriteAsync(Auth, ResourceId.Self, 1L);
        await client.Batch(Auth).Read(ResourceId.Self).Write(ResourceId.Self, 2L).SendAsync();
        // Rejected calls and batches send nothing and use up no id.
        await Assert.ThrowsAsync<OnePlatformValidationException>(() =>
            client.WriteAsync(Auth, ResourceId.Self, double.NaN)
        );
        await Assert.ThrowsAsync<OnePlatformValidationException>(() =>
            client.Batch(Auth).Write(ResourceId.Self, double.PositiveInfinity).SendAsync()
        );
        await client.ReadAsync(Auth, ResourceId.Self);
        Assert.Equal(
            [100L, 101L, 102L, 103L, 104L],
            server.Requests.SelectMany(r => RpcServer.Calls(r.BodyText)).Select(c => c.Id).ToArray()
        );
    }

    [Fact]
    public async Task A_big_batch_is_chunked_in_order()
    {
        await using var server = await Answering(c => Ok(c, $"[[{c.Id},{c.Id}]]"));
        var batch = Client(server, new OnePlatformClientOptions { ChunkSize = 4 }).Batch(Auth);
        for (var i = 0; i < 10; i++)
            batch = batch.Read(ResourceId.Alias($"a{i}"));
        var results = await batch.SendAsync();
        Assert.Equal(
            [4, 4, 2],
            server.Requests.Select(r => RpcServer.Calls(r.BodyText).Count).ToArray()
        );
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => (long)i).ToArray(),
            results.Select(r => r.GetValue<IReadOnlyList<Point>>().Single().Timestamp).ToArray()
        );
    }

    // ---- errors -----------------------------------------------------------------------------

    [Fact]
    public async Task A_general_error_throws_OnePlatformGeneralException_with_code_message_and_context()
    {
        await using var server = await CannedServer.JsonAsync(_ =>
            """{"error":{"code":401,"message":"Invalid","context":"auth"}}"""
        );
        var ex = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            Client(server).ReadAsync(Auth, ResourceId.Self)
        );
        Assert.Equal(401, ex.Code);
        Assert.Equal("Invalid", ex.ServerMessage);
        Assert.Equal("auth", ex.Context);
        Assert.Equal(new ApiError.RpcGeneral(401, "Invalid", Some("auth")), ex.Error);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task A_general_error_without_context_fails_a_whole_batch()
    {
        await using var server = await CannedServer.JsonAsync(_ =>
            """{"error":{"code":401,"message":"Authorization failed"}}"""
        );
        var ex = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            Client(server).Batch(Auth).Read(ResourceId.Self).Write(ResourceId.Self, 1L).SendAsync()
        );
        Assert.Equal(401, ex.Code);
        Assert.Equal("Authorization failed", ex.ServerMessage);
        Assert.Null(ex.Context);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task A_call_status_throws_OnePlatformCallException_with_every_detail()
    {
        await using var server = await Answering(c =>
            $$$"""{"id":{{{c.Id}}},"status":"fail","error":{"code":501,"message":"Error","context":"arguments"}}"""
        );
        var client = Client(server, new OnePlatformClientOptions { StartId = 9 });
        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            client.WriteAsync(Auth, ResourceId.Alias("t"), 1.5)
        );
        Assert.Equal(RpcCallId.Of(9), ex.CallId);
        Assert.Equal("write", ex.Procedure);
        Assert.Equal("fail", ex.StatusText);
        Assert.Equal(JsonValueKind.String, ex.Status.ValueKind);
        Assert.Equal(new RpcErrorDetail(501, "Error", Some("arguments")), ex.Detail);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task A_list_status_is_kept_on_the_call_exception()
    {
        await using var server = await Answering(c =>
            $$"""{"id":{{c.Id}},"status":[[1,"invalid"]]}"""
        );
        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            Client(server).WriteAsync(Auth, ResourceId.Self, 1L)
        );
        Assert.Null(ex.StatusText);
        Assert.Null(ex.Detail);
        Assert.Equal("""[[1,"invalid"]]""", ex.Status.GetRawText());
    }

    [Fact]
    public async Task Bad_arguments_throw_OnePlatformValidationException_listing_every_problem_and_send_nothing()
    {
        await using var server = await Answering(c => Ok(c));
        const string badCik = "not-a-cik-but-still-a-secret-0123456789ab";
        var ex = await Assert.ThrowsAsync<OnePlatformValidationException>(() =>
            Client(server)
                .ReadAsync(
                    Auth.Cik(badCik),
                    ResourceId.Rid("nope"),
                    ReadOptions.Latest.WithLimit(-1).WithStartTime(-2)
                )
        );
        Assert.Equal(
            ["auth.cik", "resource", "options.starttime", "options.limit"],
            ex.Problems.Select(p => p.Field).ToArray()
        );
        Assert.DoesNotContain(badCik, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(badCik, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_batch_with_bad_calls_throws_before_sending_naming_each_call()
    {
        await using var server = await Answering(c => Ok(c));
        var ex = await Assert.ThrowsAsync<OnePlatformValidationException>(() =>
            Client(server)
                .Batch(Auth.Token("short"))
                .Read(ResourceId.Self)
                .Write(ResourceId.Rid("x"), double.NaN)
                .SendAsync()
        );
        Assert.Equal(
            ["auth.token", "calls[1].resource", "calls[1].value"],
            ex.Problems.Select(p => p.Field).ToArray()
        );
        Assert.Empty(server.Requests);
    }

    public static TheoryData<string> UnusableAnswers =>
        new() { "not-json", "no-answer", "duplicate", "5xx", "scalar" };

    [Theory]
    [MemberData(nameof(UnusableAnswers))]
    public async Task An_unusable_answer_throws_OnePlatformResponseException(string kind)
    {
        await using var server = await CannedServer.StartAsync(
            (context, request) =>
                kind switch
                {
                    "not-json" => context.Response.WriteAsync("<html>hello</html>"),
                    "no-answer" => CannedServer.WriteJsonAsync(context, "[]"),
                    "duplicate" => CannedServer.WriteJsonAsync(
                        context,
                        """[{"id":0,"status":"ok","result":[]},{"id":0,"status":"ok","result":[]}]"""
                    ),
                    "5xx" => WriteStatus(context, 503, "maintenance"),
                    _ => CannedServer.WriteJsonAsync(context, "42"),
                }
        );
        var ex = await Assert.ThrowsAsync<OnePlatformResponseException>(() =>
            Client(server).ReadAsync(Auth, ResourceId.Self)
        );
        Assert.IsType(
            kind switch
            {
                "no-answer" => typeof(ApiError.RpcNoAnswer),
                "5xx" => typeof(ApiError.HttpStatus),
                _ => typeof(ApiError.MalformedResponse),
            },
            ex.Error
        );
        AssertNoSecret(ex);
    }

    private static Task WriteStatus(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(body);
    }

    [Fact]
    public async Task A_refused_connection_throws_HttpRequestException_carrying_the_error()
    {
        var client = new OnePlatformClient(
            http,
            new OnePlatformClientOptions
            {
                Endpoint = new Uri($"http://127.0.0.1:{RpcServer.ClosedPort()}"),
            }
        );
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.ReadAsync(Auth, ResourceId.Self)
        );
        var error = Assert.IsType<ApiError.Transport>(ex.Data[OnePlatformErrors.ApiErrorKey]);
        Assert.False(error.RequestMayHaveBeenProcessed);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task An_answer_slower_than_the_timeout_throws_TimeoutException()
    {
        await using var server = await CannedServer.StartAsync(
            async (context, _) =>
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException) { }
            }
        );
        var client = Client(
            server,
            new OnePlatformClientOptions { Timeout = TimeSpan.FromMilliseconds(300) }
        );
        var ex = await Assert.ThrowsAsync<TimeoutException>(() =>
            client.ReadAsync(Auth, ResourceId.Self)
        );
        Assert.IsType<ApiError.Timeout>(ex.Data[OnePlatformErrors.ApiErrorKey]);
        AssertNoSecret(ex);
    }

    [Fact]
    public async Task Cancelling_throws_OperationCanceledException()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await CannedServer.StartAsync(
            async (context, _) =>
            {
                arrived.TrySetResult();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException) { }
            }
        );
        using var cts = new CancellationTokenSource();
        var client = Client(server);
        var reading = client.ReadAsync(Auth, ResourceId.Self, cancellationToken: cts.Token);
        await arrived.Task;
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(cts.Token, ex.CancellationToken);

        var batch = client.Batch(Auth).Read(ResourceId.Self).SendAsync(new CancellationToken(true));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch);
    }

    // ---- the error table ----------------------------------------------------------------------

    private static readonly JsonElement Status = Rpc.Element("\"invalid\"");

    public static TheoryData<string> ErrorCases =>
        new(
            typeof(ApiError)
                .GetNestedTypes()
                .Where(t => t.IsSubclassOf(typeof(ApiError)))
                .Select(t => t.Name)
        );

    private static ApiError Example(string name) =>
        name switch
        {
            nameof(ApiError.InvalidArgument) => new ApiError.InvalidArgument(
                "auth.cik",
                "must be 40 hex"
            ),
            nameof(ApiError.InvalidArguments) => new ApiError.InvalidArguments(
                Seq<ApiError>(
                    new ApiError.InvalidArgument("a", "x"),
                    new ApiError.InvalidArgument("b", "y")
                )
            ),
            nameof(ApiError.HttpStatus) => new ApiError.HttpStatus(
                503,
                "Service Unavailable",
                None,
                None,
                ""
            ),
            nameof(ApiError.RpcGeneral) => new ApiError.RpcGeneral(
                401,
                "Authorization failed",
                None
            ),
            nameof(ApiError.RpcCall) => new ApiError.RpcCall(RpcCallId.Of(3), "drop", Status, None),
            nameof(ApiError.RpcNoAnswer) => new ApiError.RpcNoAnswer(RpcCallId.Of(3), "drop"),
            nameof(ApiError.RpcNotSent) => new ApiError.RpcNotSent(
                RpcCallId.Of(3),
                "drop",
                new ApiError.RpcGeneral(500, "x", None)
            ),
            nameof(ApiError.MalformedResponse) => new ApiError.MalformedResponse(
                "a list",
                "got a number"
            ),
            nameof(ApiError.Transport) => new ApiError.Transport("reset", None, true),
            nameof(ApiError.Timeout) => new ApiError.Timeout(TimeSpan.FromSeconds(3)),
            nameof(ApiError.Cancelled) => new ApiError.Cancelled(),
            nameof(ApiError.Sis) => new ApiError.Sis(
                new Functional.Core.Sis.SisError("Bad request: x", Some(1001), 400, "{}")
            ),
            _ => throw new Xunit.Sdk.XunitException(
                $"no example for the new case {name}: add it to the table"
            ),
        };

    private static Type Expected(ApiError error) =>
        error switch
        {
            ApiError.InvalidArgument or ApiError.InvalidArguments =>
                typeof(OnePlatformValidationException),
            ApiError.RpcGeneral => typeof(OnePlatformGeneralException),
            ApiError.RpcCall => typeof(OnePlatformCallException),
            ApiError.RpcNoAnswer
            or ApiError.RpcNotSent
            or ApiError.MalformedResponse
            or ApiError.HttpStatus
            or ApiError.Sis => typeof(OnePlatformResponseException),
            ApiError.Transport => typeof(HttpRequestException),
            ApiError.Timeout => typeof(TimeoutException),
            _ => typeof(OperationCanceledException),
        };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Every_error_case_maps_to_its_exception_and_keeps_the_error(string name)
    {
        var error = Example(name);
        var ex = OnePlatformErrors.ToException(error);
        Assert.IsType(Expected(error), ex);
        var kept = ex is OnePlatformException op
            ? op.Error
            : ex.Data[OnePlatformErrors.ApiErrorKey];
        Assert.Same(error, kept);
        Assert.StartsWith(error.Message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(error.OutcomeIsUnknown, OnePlatformErrors.IsOutcomeUnknown(ex));
    }

    [Fact]
    public void The_error_table_covers_at_least_the_known_cases()
    {
        Assert.True(ErrorCases.Count >= 11);
    }

    [Fact]
    public void A_transport_error_with_another_exception_still_throws_HttpRequestException()
    {
        var io = new IOException("broken pipe");
        var ex = Assert.IsType<HttpRequestException>(
            OnePlatformErrors.ToException(
                new ApiError.Transport("I/O error", Some<Exception>(io), true)
            )
        );
        Assert.Same(io, ex.InnerException);
        Assert.Equal(
            "transport failure: I/O error; the request may have been processed: its outcome is unknown",
            ex.Message
        );
        Assert.True(OnePlatformErrors.IsOutcomeUnknown(ex));
        var original = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var refused = Assert.IsType<HttpRequestException>(
            OnePlatformErrors.ToException(
                new ApiError.Transport("could not connect", Some<Exception>(original), false)
            )
        );
        Assert.Same(original, refused.InnerException);
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);
        Assert.Equal(
            "transport failure: could not connect; the request was not processed",
            refused.Message
        );
        Assert.False(OnePlatformErrors.IsOutcomeUnknown(refused));
    }

    [Fact]
    public void Validation_problems_are_listed_one_by_one()
    {
        var ex = new OnePlatformValidationException(Example(nameof(ApiError.InvalidArguments)));
        Assert.Equal(["a", "b"], ex.Problems.Select(p => p.Field).ToArray());
        Assert.Equal("a: x; b: y", ex.Message);
    }

    private static void AssertNoSecret(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Secret, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Secret, e.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        if (ex is OnePlatformException op)
            Assert.DoesNotContain(Secret, op.Error.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
