using System.Text;
using Functional.Core.Interpreter;
using Functional.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using CoreRequest = Functional.Core.Http.HttpRequest;
using CoreResponse = Functional.Core.Http.HttpResponse;
using QueryString = Functional.Core.Http.QueryString;

namespace Functional.Tests.Interpreter;

/// <summary>The interpreter against a real Kestrel server on 127.0.0.1 (no mocks of HttpClient).</summary>
public sealed class HttpInterpreterTests
{
    private static HttpEffect<CoreResponse> Raw(CoreRequest request) =>
        HttpEffect.Send(request, r => Right<ApiError, CoreResponse>(r));

    private static async Task<Either<ApiError, A>> Run<A>(
        HttpEffect<A> effect,
        CannedServer server,
        HttpInterpreterOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        using var http = new HttpClient();
        return await HttpInterpreter.RunAsync(
            effect,
            http,
            (options ?? HttpInterpreterOptions.Default).WithBaseAddress(server.BaseUri),
            cancellationToken
        );
    }

    private static Task<CannedServer> Ok(string body = "done") =>
        CannedServer.StartAsync((context, _) => context.Response.WriteAsync(body));

    [Fact]
    public async Task Sends_the_method_and_keeps_escaped_path_segments()
    {
        await using var server = await Ok();
        var path = PathSegments.Join("/things/", "a/b", "c d", "é?#%");
        Rpc.Right(await Run(Raw(CoreRequest.Create("DELETE", path)), server));
        var received = Assert.Single(server.Requests);
        Assert.Equal("DELETE", received.Method);
        Assert.Equal("/things/a%2Fb/c%20d/%C3%A9%3F%23%25", received.RawTarget);
    }

    [Fact]
    public async Task Encodes_the_query_in_order()
    {
        await using var server = await Ok();
        var request = CoreRequest
            .Create("GET", "/q")
            .WithQuery("a", "1")
            .WithQuery("b c", "x&y=z+1")
            .WithQuery("u", "你好")
            .WithQuery("a", "");
        Rpc.Right(await Run(Raw(request), server));
        var received = Assert.Single(server.Requests);
        Assert.Equal("/q", received.Path);
        Assert.Equal("a=1&b%20c=x%26y%3Dz%2B1&u=%E4%BD%A0%E5%A5%BD&a=", received.Query);
        Assert.Equal(request.Query.ToArray(), QueryString.Decode(received.Query).ToArray());
    }

    [Fact]
    public async Task Sends_extra_headers_including_the_user_agent()
    {
        await using var server = await Ok();
        var request = CoreRequest
            .Create("GET", "/h")
            .WithHeader(new HttpHeader("User-Agent", "functional-tests/1.0 (me@example.com)"))
            .WithHeader(HttpHeader.Secret("X-Exosite-CIK", Rpc.Cik));
        Rpc.Right(await Run(Raw(request), server));
        var received = Assert.Single(server.Requests);
        Assert.Equal("functional-tests/1.0 (me@example.com)", received.Header("User-Agent"));
        Assert.Equal(Rpc.Cik, received.Header("X-Exosite-CIK"));
    }

    [Fact]
    public async Task Sends_a_json_body_as_utf8_json()
    {
        await using var server = await Ok();
        var json = Encoding.UTF8.GetBytes("""{"a":"你好"}""");
        Rpc.Right(
            await Run(
                Raw(CoreRequest.Create("POST", "/j").WithBody(HttpBody.FromJson(json))),
                server
            )
        );
        var received = Assert.Single(server.Requests);
        Assert.Equal("application/json; charset=utf-8", received.Header("Content-Type"));
        Assert.Equal(json, received.Body);
        Assert.Equal(json.Length.ToString(), received.Header("Content-Length"));
    }

    [Fact]
    public async Task Sends_a_form_body_url_encoded()
    {
        await using var server = await Ok();
        var form = HttpBody.FromForm(
            Seq(new QueryParam("sn", "a b&c"), new QueryParam("vendor", "v=1"))
        );
        Rpc.Right(await Run(Raw(CoreRequest.Create("POST", "/f").WithBody(form)), server));
        var received = Assert.Single(server.Requests);
        Assert.Equal("application/x-www-form-urlencoded", received.Header("Content-Type"));
        Assert.Equal("sn=a%20b%26c&vendor=v%3D1", received.BodyText);
    }

    [Fact]
    public async Task Sends_raw_bytes_with_their_content_type()
    {
        await using var server = await Ok();
        byte[] bytes = [0, 1, 2, 255, 10, 13];
        Rpc.Right(
            await Run(
                Raw(
                    CoreRequest
                        .Create("PUT", "/r")
                        .WithBody(HttpBody.FromBytes(bytes, "application/octet-stream"))
                ),
                server
            )
        );
        var received = Assert.Single(server.Requests);
        Assert.Equal("application/octet-stream", received.Header("Content-Type"));
        Assert.Equal(bytes, received.Body);
    }

    [Fact]
    public async Task Sends_no_body_when_there_is_none()
    {
        await using var server = await Ok();
        Rpc.Right(await Run(Raw(CoreRequest.Create("GET", "/n")), server));
        var received = Assert.Single(server.Requests);
        Assert.Empty(received.Body);
        Assert.Null(received.Header("Content-Type"));
    }

    [Fact]
    public async Task Returns_status_reason_headers_and_body_whatever_the_status()
    {
        await using var server = await CannedServer.StartAsync(
            async (context, _) =>
            {
                context.Response.StatusCode = 418;
                context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase =
                    "Very Teapot";
                context.Response.Headers["X-Answer"] = "42";
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("short and stout ☕");
            }
        );
        var response = Rpc.Right(await Run(Raw(CoreRequest.Create("GET", "/t")), server));
        Assert.Equal(418, response.Status);
        Assert.Equal("Very Teapot", response.Reason);
        Assert.Equal(Some("42"), response.Header("x-answer"));
        Assert.Equal(Some("text/plain; charset=utf-8"), response.Header("Content-Type"));
        Assert.Equal("short and stout ☕", response.BodyText);
        Assert.False(response.IsSuccess);
    }

    [Fact]
    public async Task Runs_a_multi_step_linq_program_feeding_one_answer_into_the_next_request()
    {
        await using var server = await CannedServer.StartAsync(
            (context, request) =>
                context.Response.WriteAsync(
                    request.Path switch
                    {
                        "/login" => "token-1",
                        "/items" => "apple,pear",
                        _ => "?",
                    }
                )
        );
        var program =
            from token in HttpEffect.Send(
                CoreRequest.Create("POST", "/login"),
                r => Right<ApiError, string>(r.BodyText)
            )
            from items in HttpEffect.Send(
                CoreRequest.Create("GET", "/items").WithHeader(new HttpHeader("X-Token", token)),
                r => Right<ApiError, string[]>(r.BodyText.Split(','))
            )
            from count in Right<ApiError, int>(items.Length)
            select $"{token}: {count} ({string.Join("+", items)})";
        Assert.Equal("token-1: 2 (apple+pear)", Rpc.Right(await Run(program, server)));
        Assert.Equal(["/login", "/items"], server.Requests.Select(r => r.Path).ToArray());
        Assert.Equal("token-1", server.Requests[1].Header("X-Token"));
    }

    [Fact]
    public async Task A_failed_step_stops_the_program_before_the_next_request()
    {
        await using var server = await Ok();
        var program =
            from a in HttpEffect.Send(
                CoreRequest.Create("GET", "/1"),
                _ => Left<ApiError, string>(new ApiError.MalformedResponse("x", "y"))
            )
            from b in Raw(CoreRequest.Create("GET", "/2"))
            select b;
        Assert.IsType<ApiError.MalformedResponse>(Rpc.Left(await Run(program, server)));
        Assert.Single(server.Requests);
    }

    // ---- failures ------------------------------------------------------------------------------

    private static Task<CannedServer> Slow(TaskCompletionSource? arrived = null) =>
        CannedServer.StartAsync(
            async (context, _) =>
            {
                arrived?.TrySetResult();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                await context.Response.WriteAsync("too late");
            }
        );

    [Fact]
    public async Task A_server_slower_than_the_timeout_gives_Timeout()
    {
        await using var server = await Slow();
        var error = Rpc.Left(
            await Run(
                Raw(CoreRequest.Create("GET", "/slow")),
                server,
                HttpInterpreterOptions.Default.WithTimeout(TimeSpan.FromMilliseconds(300))
            )
        );
        Assert.Equal(new ApiError.Timeout(TimeSpan.FromMilliseconds(300)), error);
    }

    [Fact]
    public async Task A_requests_own_timeout_wins_over_the_default()
    {
        await using var server = await Slow();
        var error = Rpc.Left(
            await Run(
                Raw(CoreRequest.Create("GET", "/slow").WithTimeout(TimeSpan.FromMilliseconds(200))),
                server,
                HttpInterpreterOptions.Default.WithTimeout(TimeSpan.FromMinutes(5))
            )
        );
        Assert.Equal(new ApiError.Timeout(TimeSpan.FromMilliseconds(200)), error);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_the_answer_gives_Cancelled()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await Slow(arrived);
        using var cts = new CancellationTokenSource();
        var running = Run(
            Raw(CoreRequest.Create("GET", "/slow")),
            server,
            HttpInterpreterOptions.Default.WithTimeout(TimeSpan.FromMinutes(5)),
            cts.Token
        );
        await arrived.Task;
        await cts.CancelAsync();
        Assert.IsType<ApiError.Cancelled>(Rpc.Left(await running));
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await using var server = await Ok();
        var error = Rpc.Left(
            await Run(
                Raw(CoreRequest.Create("GET", "/x")),
                server,
                cancellationToken: new CancellationToken(true)
            )
        );
        Assert.IsType<ApiError.Cancelled>(error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transport_error_before_anything_was_processed()
    {
        var http = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{RpcServer.ClosedPort()}/"),
        };
        var error = Rpc.Left(
            await HttpInterpreter.RunAsync(Raw(CoreRequest.Create("POST", "/x")), http)
        );
        var transport = Assert.IsType<ApiError.Transport>(error);
        Assert.False(transport.RequestMayHaveBeenProcessed);
        Assert.IsType<HttpRequestException>(transport.Exception.Case);
    }

    [Fact]
    public async Task A_connection_aborted_after_the_request_was_read_may_have_been_processed()
    {
        await using var server = await CannedServer.StartAsync(
            (context, _) =>
            {
                context.Abort();
                return Task.CompletedTask;
            }
        );
        var error = Rpc.Left(
            await Run(
                Raw(CoreRequest.Create("POST", "/x").WithBody(HttpBody.FromJson("{}"u8.ToArray()))),
                server
            )
        );
        var transport = Assert.IsType<ApiError.Transport>(error);
        Assert.True(transport.RequestMayHaveBeenProcessed);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_connection_aborted_in_the_middle_of_the_answer_may_have_been_processed()
    {
        await using var server = await CannedServer.StartAsync(
            async (context, _) =>
            {
                context.Response.ContentLength = 1000;
                await context.Response.WriteAsync("only part of it");
                await context.Response.Body.FlushAsync();
                context.Abort();
            }
        );
        var transport = Assert.IsType<ApiError.Transport>(
            Rpc.Left(await Run(Raw(CoreRequest.Create("GET", "/x")), server))
        );
        Assert.True(transport.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task No_base_address_anywhere_is_an_error_not_an_exception()
    {
        using var http = new HttpClient();
        var error = Rpc.Left(
            await HttpInterpreter.RunAsync(Raw(CoreRequest.Create("GET", "/x")), http)
        );
        Assert.False(Assert.IsType<ApiError.Transport>(error).RequestMayHaveBeenProcessed);
    }

    [Theory]
    [InlineData("GE T", "/x", "text/plain")]
    [InlineData("GET", "/x", "not a media type;;")]
    public async Task A_request_http_cannot_carry_is_an_error_not_an_exception(
        string method,
        string path,
        string type
    )
    {
        await using var server = await Ok();
        var request = CoreRequest
            .Create(method, path)
            .WithBody(HttpBody.FromBytes(new byte[] { 1 }, type));
        var error = Rpc.Left(await Run(Raw(request), server));
        Assert.Equal("request", Assert.IsType<ApiError.InvalidArgument>(error).Field);
        Assert.Empty(server.Requests);
    }

    // ---- the synchronous interpreter and the effect laws ----------------------------------------

    private static readonly CoreRequest Ping = CoreRequest.Create("GET", "/ping");

    /// <summary>Runs with a server that answers with the request's path and records what was sent.</summary>
    private static (Either<ApiError, A> Result, string Sent) RunSync<A>(HttpEffect<A> effect)
    {
        var sent = new List<string>();
        var result = HttpInterpreter.Run(
            effect,
            r =>
            {
                sent.Add(r.PathAndQuery);
                return CoreResponse.Text(200, r.PathAndQuery);
            }
        );
        return (result, string.Join(" ", sent));
    }

    private static HttpEffect<string> Get(string path) =>
        HttpEffect.Send(CoreRequest.Create("GET", path), r => Right<ApiError, string>(r.BodyText));

    private static readonly Func<string, HttpEffect<string>> F = s => Get("/f" + s.Length);
    private static readonly Func<string, HttpEffect<string>> G = s =>
        s.Length > 3
            ? HttpEffect.Fail<string>(new ApiError.MalformedResponse("short", s))
            : Get("/g");

    public static TheoryData<string> Programs => new() { "pure", "fail", "send", "send-send" };

    private static HttpEffect<string> Program(string name) =>
        name switch
        {
            "pure" => HttpEffect.Pure("ab"),
            "fail" => HttpEffect.Fail<string>(new ApiError.Cancelled()),
            "send" => Get("/a"),
            _ => Get("/a").Bind(a => Get(a + "/b")),
        };

    [Theory]
    [MemberData(nameof(Programs))]
    public void Bind_laws_hold(string name)
    {
        var m = Program(name);
        Assert.Equal(RunSync(F("xyz")), RunSync(HttpEffect.Pure("xyz").Bind(F)));
        Assert.Equal(RunSync(m), RunSync(m.Bind(HttpEffect.Pure)));
        Assert.Equal(RunSync(m.Bind(F).Bind(G)), RunSync(m.Bind(x => F(x).Bind(G))));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Select_laws_hold(string name)
    {
        var m = Program(name);
        Func<string, int> f = s => s.Length;
        Func<int, string> g = n => new string('*', n);
        Assert.Equal(RunSync(m), RunSync(m.Select(x => x)));
        Assert.Equal(RunSync(m.Select(f).Select(g)), RunSync(m.Select(x => g(f(x)))));
        Assert.Equal(RunSync(m.Select(f)), RunSync(m.Bind(x => HttpEffect.Pure(f(x)))));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Catch_laws_hold(string name)
    {
        var m = Program(name);
        Func<ApiError, HttpEffect<string>> h = e => Get("/fallback-" + e.GetType().Name);
        var error = new ApiError.Cancelled();
        Assert.Equal(RunSync(h(error)), RunSync(HttpEffect.Fail<string>(error).Catch(h)));
        Assert.Equal(RunSync(HttpEffect.Pure("v")), RunSync(HttpEffect.Pure("v").Catch(h)));
        Assert.Equal(RunSync(m), RunSync(m.Catch(HttpEffect.Fail<string>)));
        // A failure after a request is caught too, and the request is not repeated.
        var (result, sent) = RunSync(m.Bind(_ => HttpEffect.Fail<string>(error)).Catch(h));
        Assert.Equal("/fallback-Cancelled", Rpc.Right(result));
        Assert.EndsWith("/fallback-Cancelled", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void Catch_sees_the_parse_failure_of_a_send()
    {
        var effect = HttpEffect
            .Send(
                Ping,
                _ => Left<ApiError, int>(new ApiError.MalformedResponse("a number", "text"))
            )
            .Catch(e => HttpEffect.Pure(e is ApiError.MalformedResponse ? -1 : -2));
        Assert.Equal((Right<ApiError, int>(-1), "/ping"), RunSync(effect));
    }

    [Fact]
    public void Nothing_is_sent_until_the_effect_is_run()
    {
        var sent = 0;
        var effect = HttpEffect.Send(Ping, _ => Right<ApiError, int>(++sent)).Select(x => x * 10);
        Assert.Equal(0, sent);
        Assert.Equal(10, Rpc.Right(HttpInterpreter.Run(effect, _ => CoreResponse.Text(200, ""))));
        Assert.Equal(20, Rpc.Right(HttpInterpreter.Run(effect, _ => CoreResponse.Text(200, ""))));
    }

    [Fact]
    public void FromValidation_combines_every_input_problem()
    {
        var v = Fail<ApiError, HttpEffect<int>>(
            Seq<ApiError>(
                new ApiError.InvalidArgument("a", "bad"),
                new ApiError.InvalidArgument("b", "worse")
            )
        );
        var error = Assert.IsType<ApiError.InvalidArguments>(
            Assert.IsType<HttpEffect<int>.Failed>(HttpEffect.FromValidation(v)).Error
        );
        Assert.Equal("a: bad; b: worse", error.Message);
    }

    // ---- path and query encoding ---------------------------------------------------------------

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a b", "a%20b")]
    [InlineData("?#%&=+", "%3F%23%25%26%3D%2B")]
    [InlineData("你好", "%E4%BD%A0%E5%A5%BD")]
    [InlineData("-._~", "-._~")]
    public void PathSegments_escape_everything_that_could_change_the_path(
        string segment,
        string escaped
    )
    {
        Assert.Equal(escaped, PathSegments.Escape(segment));
        Assert.Equal("/api/v1/" + escaped, PathSegments.Join("/api/v1/", segment));
        Assert.Equal(segment, Uri.UnescapeDataString(PathSegments.Escape(segment)));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "must not be empty")]
    [InlineData(".", "must not be '.' or '..'")]
    [InlineData("..", "must not be '.' or '..'")]
    public void PathSegments_reject_values_that_would_change_the_path(
        string? segment,
        string problem
    )
    {
        Assert.Equal(
            new ApiError.InvalidArgument("model", problem),
            Assert.Single(Rpc.Errors(PathSegments.Validate("model", segment)))
        );
    }

    [Fact]
    public void PathSegments_reject_an_unpaired_surrogate()
    {
        // (Not an InlineData: attribute strings are stored as UTF-8, which would replace the surrogate.)
        Assert.Equal(
            new ApiError.InvalidArgument(
                "sn",
                "must be valid Unicode text (it has an unpaired surrogate)"
            ),
            Assert.Single(Rpc.Errors(PathSegments.Validate("sn", "a\ud800")))
        );
        Assert.True(PathSegments.Validate("sn", "a\ud83d\ude00").IsSuccess);
    }

    [Theory]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("a.b")]
    [InlineData("你好")]
    public void PathSegments_accept_ordinary_values(string segment)
    {
        Assert.Equal(
            segment,
            Rpc.Right(PathSegments.Validate("model", segment).ToEither().MapLeft(e => e.Head))
        );
    }

    [Theory]
    [InlineData("/a/..")]
    [InlineData("/a/../b")]
    [InlineData("/a/%2E%2e/b")]
    [InlineData("/./b")]
    public async Task A_path_with_a_dot_segment_is_refused_not_silently_changed(string path)
    {
        await using var server = await Ok();
        var error = Rpc.Left(await Run(Raw(CoreRequest.Create("DELETE", path)), server));
        Assert.Equal("request.path", Assert.IsType<ApiError.InvalidArgument>(error).Field);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void PathSegments_join_several_segments_onto_a_prefix()
    {
        Assert.Equal(
            "/provision/manage/model/m%2F1/sn%201",
            PathSegments.Join("/provision/manage/model", "m/1", "sn 1")
        );
        Assert.Equal("/x", PathSegments.Join("/x"));
    }

    [Fact]
    public void QueryString_encodes_pairs_in_order_and_decodes_them_back()
    {
        var pairs = Seq(
            new QueryParam("a", "1"),
            new QueryParam("a", "2"),
            new QueryParam("k y", "v&w=x+y"),
            new QueryParam("e", ""),
            new QueryParam("ü", "☃ 😀")
        );
        var encoded = QueryString.Encode(pairs);
        Assert.Equal("a=1&a=2&k%20y=v%26w%3Dx%2By&e=&%C3%BC=%E2%98%83%20%F0%9F%98%80", encoded);
        Assert.Equal(pairs.ToArray(), QueryString.Decode(encoded).ToArray());
        Assert.Equal(pairs.ToArray(), QueryString.Decode("?" + encoded).ToArray());
    }

    [Fact]
    public void QueryString_decodes_plus_as_space_and_tolerates_odd_input()
    {
        Assert.Equal(
            [new QueryParam("a b", "c d"), new QueryParam("flag", ""), new QueryParam("x", "1=2")],
            QueryString.Decode("a+b=c%20d&&flag&x=1=2").ToArray()
        );
        Assert.Empty(QueryString.Decode(""));
        Assert.Empty(QueryString.Decode("?"));
        Assert.Equal([new QueryParam("p", "%")], QueryString.Decode("p=%").ToArray());
        Assert.Equal("", QueryString.Encode(Seq<QueryParam>()));
    }

    [Fact]
    public void A_request_shows_its_query_but_never_a_secret_header_or_its_body()
    {
        var request = CoreRequest
            .Create("POST", "/p")
            .WithQuery("q", "1 2")
            .WithHeader(HttpHeader.Secret("X-Exosite-CIK", Rpc.Cik))
            .WithBody(HttpBody.FromJson(Encoding.UTF8.GetBytes($$"""{"cik":"{{Rpc.Cik}}"}""")));
        Assert.Equal("/p?q=1%202", request.PathAndQuery);
        var text = request.ToString();
        Assert.DoesNotContain(Rpc.Cik, text, StringComparison.Ordinal);
        Assert.Contains("X-Exosite-CIK: ***", text, StringComparison.Ordinal);
    }
}
