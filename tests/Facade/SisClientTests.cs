using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Functional.Core.Sis;
using Functional.Facade.Sis;
using Functional.Tests.Emulators;
using Functional.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Functional.Tests.Facade;

/// <summary>A document type for the typed calls (read through a source-generated context).</summary>
public sealed record SisThing(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("num")] int Num
);

/// <summary>The source-generated type info the typed tests pass.</summary>
[JsonSerializable(typeof(SisThing))]
internal sealed partial class SisTestJson : JsonSerializerContext;

/// <summary>The SIS facade against a real Kestrel server with canned answers.</summary>
public sealed class SisClientTests : IDisposable
{
    /// <summary>A token that must never show up in an exception's message or text.</summary>
    internal const string Token = "0badc0de0badc0de0badc0de0badc0de";

    internal const string NewToken = "feedfacefeedfacefeedfacefeedface";

    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    /// <summary>One canned answer: status, body and extra headers.</summary>
    internal sealed record Answer(
        int Status,
        string Body,
        string ContentType = "application/json",
        IReadOnlyDictionary<string, string>? Headers = null
    );

    internal static Task<CannedServer> Serve(Func<ReceivedRequest, Answer> answer) =>
        CannedServer.StartAsync(
            async (context, request) =>
            {
                var a = answer(request);
                context.Response.StatusCode = a.Status;
                context.Response.ContentType = a.ContentType;
                foreach (var (name, value) in a.Headers ?? new Dictionary<string, string>())
                    context.Response.Headers[name] = value;
                await context.Response.WriteAsync(a.Body, context.RequestAborted);
            }
        );

    internal static Task<CannedServer> Serve(int status, string body) =>
        Serve(_ => new Answer(status, body));

    private SisClient Client(
        CannedServer server,
        Func<SisClientOptions, SisClientOptions>? f = null
    ) => new(http, (f ?? (o => o))(new SisClientOptions(server.BaseUri)));

    private static Dictionary<string, string> QueryOf(ReceivedRequest request) =>
        QueryHelpers
            .ParseQuery(request.Query)
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static Answer Page(int offset, int count, long total) =>
        new(
            200,
            "["
                + string.Join(
                    ",",
                    Enumerable
                        .Range(offset, count)
                        .Select(i => $$"""{"name":"n{{i}}","num":{{i}}}""")
                )
                + "]",
            Headers: new Dictionary<string, string> { ["x-total-count"] = $"{total}" }
        );

    private static int OffsetOf(ReceivedRequest r) =>
        QueryOf(r).TryGetValue("offset", out var o)
            ? int.Parse(o, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    // ---- options and construction ------------------------------------------------------------

    [Fact]
    public void Options_default_to_sispy_settings_and_hide_the_token()
    {
        var options = new SisClientOptions(new Uri("https://sis.example.com")).WithAuthToken(Token);
        Assert.Equal("1.1", options.ApiVersion);
        Assert.True(options.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(100), options.Timeout);
        Assert.Same(TimeProvider.System, options.Time);
        Assert.Equal(Token, options.AuthToken);
        Assert.DoesNotContain(Token, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("(none)", options.WithoutAuthToken().ToString(), StringComparison.Ordinal);
        var client = new SisClient(http, options);
        Assert.DoesNotContain(Token, client.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, client.Settings.ToString(), StringComparison.Ordinal);
        Assert.Equal(Token, client.AuthToken);
        Assert.Null(client.TokenExpiresAt);
    }

    [Fact]
    public void Options_text_hides_user_info_in_the_url()
    {
        var options = new SisClientOptions(new Uri("https://me:pa55word@sis.example.com/"));
        Assert.DoesNotContain("pa55word", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_constructor_rejects_unusable_options()
    {
        var ok = new SisClientOptions(new Uri("https://sis.example.com"));
        Assert.Throws<ArgumentNullException>(() => new SisClient(null!, ok));
        Assert.Throws<ArgumentNullException>(() => new SisClient(http, null!));
        Assert.Throws<ArgumentException>(() =>
            new SisClient(http, ok.WithUrl(new Uri("/x", UriKind.Relative)))
        );
        Assert.Throws<ArgumentException>(() =>
            new SisClient(http, ok.WithUrl(new Uri("ftp://h/")))
        );
        Assert.Throws<ArgumentException>(() => new SisClient(http, ok.WithApiVersion("")));
        Assert.Throws<ArgumentException>(() => new SisClient(http, ok.WithAuthToken("a\r\nX: y")));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SisClient(http, ok.WithTimeout(TimeSpan.Zero))
        );
        Assert.Throws<ArgumentNullException>(() => new SisClientOptions(null!));
    }

    // ---- what is sent --------------------------------------------------------------------------

    [Fact]
    public async Task FetchPage_sends_a_GET_with_the_query_accept_and_token_and_reads_the_total()
    {
        await using var server = await Serve(_ => Page(0, 2, 7));
        var client = Client(server, o => o.WithAuthToken(Token));

        var page = await client.Schemas.FetchPageAsync(
            SisQuery
                .Where(SisFilter.Eq("name", "n0"))
                .WithLimit(2)
                .WithOffset(4)
                .WithSort(SisSort.Desc("num"))
        );

        Assert.Equal(2, page.Items.Count);
        Assert.Equal(Some(7L), page.TotalCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/v1.1/schemas", request.Path);
        var query = QueryOf(request);
        Assert.Equal("""{"name":"n0"}""", query["q"]);
        Assert.Equal("2", query["limit"]);
        Assert.Equal("4", query["offset"]);
        Assert.Equal("-num", query["sort"]);
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal(Token, request.Header("x-auth-token"));
        Assert.Null(request.Header("Authorization"));
        Assert.NotEqual("close", request.Header("Connection"));
    }

    [Fact]
    public async Task Without_a_token_no_token_header_is_sent_and_the_version_goes_into_the_path()
    {
        await using var server = await Serve(200, "[]");
        var client = Client(server, o => o.WithApiVersion("1"));

        await client.Hooks.FetchPageAsync();

        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v1/hooks", request.RawTarget);
        Assert.Null(request.Header("x-auth-token"));
    }

    [Fact]
    public async Task KeepAlive_off_sends_Connection_close_on_every_request()
    {
        await using var server = await Serve(200, """{"name":"h"}""");
        var client = Client(server, o => o.WithKeepAlive(false).WithAuthToken(Token));

        await client.Hiera.GetAsync("h");
        await client.Hiera.DeleteAsync("h");

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("close", r.Header("Connection")));
    }

    [Fact]
    public async Task Ids_and_names_are_escaped_as_one_path_segment()
    {
        await using var server = await Serve(200, """{"_id":"x"}""");
        var client = Client(server);

        await client.Hiera.GetAsync("a/b ?#c");
        await client
            .Entities("my schema")
            .GetAsync("x", SisGetOptions.Default.WithPopulate(SisPopulate.None));

        Assert.Equal("/api/v1.1/hiera/a%2Fb%20%3F%23c", server.Requests[0].RawTarget);
        Assert.Equal("/api/v1.1/entities/my%20schema/x", server.Requests[1].Path);
        Assert.Equal("false", QueryOf(server.Requests[1])["populate"]);
    }

    [Fact]
    public async Task Create_posts_the_object_as_json_and_returns_the_stored_document()
    {
        await using var server = await Serve(201, """{"_id":"1","name":"a","num":1}""");
        var client = Client(server, o => o.WithAuthToken(Token));

        var created = await client
            .Entities("things")
            .CreateAsync(new JsonObject { ["name"] = "a", ["num"] = 1 });
        var typed = await client
            .Entities("things")
            .CreateAsync(new SisThing("b", 2), SisTestJson.Default.SisThing);

        Assert.Equal(201, created.Status);
        Assert.Equal("1", created.Json.GetProperty("_id").GetString());
        Assert.Equal(201, typed.Status);
        var first = server.Requests[0];
        Assert.Equal("POST", first.Method);
        Assert.Equal("/api/v1.1/entities/things", first.RawTarget);
        Assert.StartsWith(
            "application/json",
            first.Header("Content-Type"),
            StringComparison.Ordinal
        );
        Assert.Equal("""{"name":"a","num":1}""", first.BodyText);
        Assert.Equal(Token, first.Header("x-auth-token"));
        Assert.Equal("""{"name":"b","num":2}""", server.Requests[1].BodyText);
    }

    [Fact]
    public async Task Update_sends_a_PUT_with_upsert_in_lower_case()
    {
        await using var server = await Serve(201, """{"name":"h","v":1}""");
        var client = Client(server);

        await client.Hiera.UpdateAsync(
            "h",
            Json("""{"name":"h","v":1}"""),
            SisUpdateOptions.Default.WithUpsert(true)
        );

        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/api/v1.1/hiera/h", request.Path);
        Assert.Equal("true", QueryOf(request)["upsert"]);
        Assert.Equal("""{"name":"h","v":1}""", request.BodyText);
    }

    [Fact]
    public async Task Bulk_calls_send_arrays_and_queries_and_read_the_bulk_answer()
    {
        const string bulk =
            """{"success":[{"_id":"1"}],"errors":[{"err":[400,{"error":"Bad request: x","code":1001}],"value":{"a":1}}]}""";
        await using var server = await Serve(200, bulk);
        var entities = Client(server).Entities("things");

        var created = await entities.CreateManyAsync(
            [Json("""{"a":1}"""), Json("""{"a":2}""")],
            allOrNone: true
        );
        await entities.UpdateBulkAsync(Json("""{"b":2}"""), SisFilter.Eq("a", 1L));
        await entities.DeleteBulkAsync(SisFilter.Eq("a", 1L));

        Assert.Single(created.Success);
        var error = Assert.Single(created.Errors);
        Assert.Equal(400, error.Status);
        Assert.Equal(Some(1001), error.Code);
        var (post, put, delete) = (server.Requests[0], server.Requests[1], server.Requests[2]);
        Assert.Equal(("POST", "/api/v1.1/entities/things"), (post.Method, post.Path));
        Assert.Equal("true", QueryOf(post)["all_or_none"]);
        Assert.Equal("""[{"a":1},{"a":2}]""", post.BodyText);
        Assert.Equal(("PUT", "/api/v1.1/entities/things"), (put.Method, put.Path));
        Assert.Equal("""{"a":1}""", QueryOf(put)["q"]);
        Assert.Equal("""{"b":2}""", put.BodyText);
        Assert.Equal(("DELETE", "/api/v1.1/entities/things"), (delete.Method, delete.Path));
        Assert.Equal("""{"a":1}""", QueryOf(delete)["q"]);
    }

    [Fact]
    public async Task Commits_revision_info_and_hook_triggers_go_to_their_paths()
    {
        await using var server = await Serve(r =>
            r.Path.EndsWith("/commits", StringComparison.Ordinal)
                ? new Answer(200, "[]")
                : new Answer(200, """{"ok":true}""")
        );
        var client = Client(server);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_500_000_000_123);

        await client.Schemas.CommitsAsync("s");
        await client.Schemas.CommitAsync("s", "c1");
        await client.Schemas.RevisionAsync("s", at);
        var info = await client.InfoAsync();
        await client.TriggerHooksAsync("things", "id1");

        Assert.True(info.GetProperty("ok").GetBoolean());
        Assert.Equal(
            [
                "GET /api/v1.1/schemas/s/commits",
                "GET /api/v1.1/schemas/s/commits/c1",
                "GET /api/v1.1/schemas/s/revision/1500000000123",
                "GET /api/v1.1/info",
                "POST /api/v1.1/hooks/trigger/things/id1",
            ],
            server.Requests.Select(r => $"{r.Method} {r.Path}")
        );
    }

    [Fact]
    public async Task Typed_get_reads_the_document_with_the_callers_type_info()
    {
        await using var server = await Serve(200, """{"_id":"1","name":"a","num":3}""");
        var client = Client(server);

        var thing = await client.Entities("things").GetAsync("1", SisTestJson.Default.SisThing);

        Assert.Equal(new SisThing("a", 3), thing);
    }

    [Fact]
    public async Task A_document_that_does_not_fit_the_type_is_a_SisException_without_a_status()
    {
        await using var server = await Serve(200, """{"name":"a","num":"not a number"}""");
        var client = Client(server);

        var ex = await Assert.ThrowsAsync<SisException>(() =>
            client.Entities("things").GetAsync("1", SisTestJson.Default.SisThing)
        );

        Assert.IsType<ApiError.MalformedResponse>(ex.ApiError);
        Assert.Equal(0, ex.HttpStatusCode);
        Assert.Null(ex.Detail);
    }

    // ---- authentication ------------------------------------------------------------------------

    [Fact]
    public async Task Authenticate_sends_basic_credentials_only_and_later_writes_carry_the_new_token()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var server = await Serve(r =>
            r.Path.EndsWith("/auth_token", StringComparison.Ordinal)
                ? new Answer(
                    201,
                    $$"""{"name":"{{NewToken}}","username":"bob","expires":28800000}"""
                )
                : new Answer(201, """{"name":"h"}""")
        );
        var client = Client(server, o => o.WithAuthToken(Token).WithTime(clock));

        var token = await client.AuthenticateAsync("bob", "s3cret pass");
        await client.Hiera.CreateAsync(Json("""{"name":"h","hieradata":{}}"""));

        Assert.Equal(NewToken, token.Name);
        Assert.Equal(NewToken, client.AuthToken);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromHours(8), client.TokenExpiresAt);
        Assert.DoesNotContain(NewToken, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(NewToken, client.Settings.ToString(), StringComparison.Ordinal);
        var auth = server.Requests[0];
        Assert.Equal(("POST", "/api/v1.1/users/auth_token"), (auth.Method, auth.RawTarget));
        Assert.Equal(
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:s3cret pass")),
            auth.Header("Authorization")
        );
        Assert.Null(auth.Header("x-auth-token"));
        Assert.Empty(auth.Body);
        Assert.Equal(NewToken, server.Requests[1].Header("x-auth-token"));
    }

    [Fact]
    public async Task A_persistent_token_has_no_expiry()
    {
        await using var server = await Serve(201, $$"""{"name":"{{NewToken}}","username":"bob"}""");
        var client = Client(server);

        await client.AuthenticateAsync("bob", "pw");

        Assert.Equal(NewToken, client.AuthToken);
        Assert.Null(client.TokenExpiresAt);
    }

    [Fact]
    public async Task A_failed_authentication_keeps_the_old_token()
    {
        await using var server = await Serve(
            401,
            """{"error":"Unauthorized. Invalid password.","code":1004}"""
        );
        var client = Client(server, o => o.WithAuthToken(Token));

        var ex = await Assert.ThrowsAsync<SisException>(() =>
            client.AuthenticateAsync("bob", "wrong password")
        );

        Assert.True(ex.IsUnauthorized);
        Assert.Equal(1004, ex.Code);
        Assert.Equal(Token, client.AuthToken);
    }

    [Fact]
    public async Task Concurrent_authentications_leave_one_complete_token()
    {
        var n = 0;
        await using var server = await Serve(_ =>
        {
            var i = Interlocked.Increment(ref n) % 10;
            return new Answer(
                201,
                $$"""{"name":"{{new string((char)('0' + i), 32)}}","username":"u","expires":{{i * 1000}}}"""
            );
        });
        var client = Client(server, o => o.WithTime(new ManualClock(DateTimeOffset.UnixEpoch)));

        await Task.WhenAll(
            Enumerable.Range(0, 20).Select(_ => client.AuthenticateAsync("u", "password"))
        );

        var name = client.AuthToken!;
        var digit = name[0] - '0';
        Assert.Equal(new string(name[0], 32), name);
        Assert.Equal(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(digit), client.TokenExpiresAt);
    }

    // ---- FetchAllAsync -------------------------------------------------------------------------

    [Fact]
    public async Task FetchAll_reads_every_page_and_stops_on_the_total()
    {
        await using var server = await Serve(r =>
            Page(OffsetOf(r), Math.Min(2, 5 - OffsetOf(r)), 5)
        );
        var client = Client(server);

        var names = new List<string>();
        await foreach (var item in client.Schemas.FetchAllAsync(pageSize: 2))
            names.Add(item.GetProperty("name").GetString()!);

        Assert.Equal(["n0", "n1", "n2", "n3", "n4"], names);
        Assert.Equal([0, 2, 4], server.Requests.Select(OffsetOf));
        Assert.All(server.Requests, r => Assert.Equal("2", QueryOf(r)["limit"]));
    }

    [Fact]
    public async Task FetchAll_sends_nothing_until_enumerated_and_stops_when_the_consumer_stops()
    {
        await using var server = await Serve(r => Page(OffsetOf(r), 2, 1000));
        var client = Client(server);

        var all = client.Schemas.FetchAllAsync(pageSize: 2);
        Assert.Empty(server.Requests);

        var taken = new List<JsonElement>();
        await foreach (var item in all)
        {
            taken.Add(item);
            if (taken.Count == 3)
                break;
        }

        Assert.Equal(3, taken.Count);
        Assert.Equal([0, 2], server.Requests.Select(OffsetOf));
    }

    [Fact]
    public async Task FetchAll_keeps_the_callers_filter_offset_and_limit()
    {
        await using var server = await Serve(r =>
            Page(
                OffsetOf(r),
                int.Parse(QueryOf(r)["limit"], System.Globalization.CultureInfo.InvariantCulture),
                100
            )
        );
        var client = Client(server);
        var query = SisQuery.Where(SisFilter.Eq("num", 1L)).WithOffset(10).WithLimit(5);

        var items = await client.Schemas.FetchAllAsync(query, pageSize: 2).ToListAsync();

        Assert.Equal(5, items.Count);
        Assert.Equal([10, 12, 14], server.Requests.Select(OffsetOf));
        Assert.Equal(["2", "2", "1"], server.Requests.Select(r => QueryOf(r)["limit"]));
        Assert.All(server.Requests, r => Assert.Equal("""{"num":1}""", QueryOf(r)["q"]));
        Assert.Equal(Some(10), query.Offset);
    }

    [Fact]
    public async Task Typed_FetchAll_reads_each_document_with_the_callers_type_info()
    {
        await using var server = await Serve(r => Page(OffsetOf(r), 2, 2));
        var client = Client(server);

        var things = await client
            .Entities("things")
            .FetchAllAsync(SisTestJson.Default.SisThing)
            .ToListAsync();

        Assert.Equal([new SisThing("n0", 0), new SisThing("n1", 1)], things);
    }

    [Fact]
    public async Task FetchAll_reports_a_bad_page_size_when_enumeration_starts_and_sends_nothing()
    {
        await using var server = await Serve(200, "[]");
        var client = Client(server);

        var all = client.Schemas.FetchAllAsync(pageSize: 0);
        var ex = await Assert.ThrowsAsync<SisValidationException>(async () =>
            await all.ToListAsync()
        );

        Assert.Contains(ex.Problems, p => p.Field == "pageSize");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Cancelling_FetchAll_between_pages_stops_before_the_next_request()
    {
        await using var server = await Serve(r => Page(OffsetOf(r), 2, 1000));
        var client = Client(server);
        using var cts = new CancellationTokenSource();

        var seen = 0;
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (
                var _ in client.Schemas.FetchAllAsync(pageSize: 2).WithCancellation(cts.Token)
            )
            {
                if (++seen == 2)
                    await cts.CancelAsync();
            }
        });

        Assert.Equal(2, seen);
        Assert.Single(server.Requests);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    // ---- cancellation, transport -----------------------------------------------------------------

    [Fact]
    public async Task A_cancelled_token_sends_nothing()
    {
        await using var server = await Serve(200, "{}");
        var client = Client(server);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Hiera.GetAsync("h", cancellationToken: cts.Token)
        );

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Cancelling_while_the_server_is_answering_throws_OperationCanceledException()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await CannedServer.StartAsync(
            async (context, _) =>
            {
                arrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
        );
        var client = Client(server);
        using var cts = new CancellationTokenSource();

        var call = client.Schemas.FetchPageAsync(cancellationToken: cts.Token);
        await arrived.Task;
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_a_TimeoutException()
    {
        await using var server = await CannedServer.StartAsync(
            (context, _) =>
                Task.Delay(Timeout.Infinite, context.RequestAborted)
                    .ContinueWith(_ => { }, TaskScheduler.Default)
        );
        var client = Client(server, o => o.WithTimeout(TimeSpan.FromMilliseconds(200)));

        await Assert.ThrowsAsync<TimeoutException>(() => client.InfoAsync());
    }

    [Fact]
    public async Task A_refused_connection_is_an_HttpRequestException()
    {
        Uri address;
        await using (var server = await Serve(200, "{}"))
            address = server.BaseUri;
        var client = new SisClient(http, new SisClientOptions(address));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.InfoAsync());
    }

    // ---- server errors -------------------------------------------------------------------------

    [Fact]
    public async Task A_SIS_error_is_a_SisException_with_the_servers_error_code_status_and_body()
    {
        const string body = """{"error":"sis_hiera nope does not exist","code":1000}""";
        await using var server = await Serve(404, body);
        var client = Client(server);

        var ex = await Assert.ThrowsAsync<SisException>(() => client.Hiera.GetAsync("nope"));

        Assert.Equal("sis_hiera nope does not exist", ex.Error);
        Assert.Equal(1000, ex.Code);
        Assert.Equal(404, ex.HttpStatusCode);
        Assert.Equal(body, ex.ResponseBody);
        Assert.True(ex.IsNotFound);
        Assert.False(ex.IsUnauthorized || ex.IsBadRequest);
        var sis = Assert.IsType<ApiError.Sis>(ex.ApiError);
        Assert.Equal(sis.Detail, ex.Detail);
        Assert.Contains("sis_hiera nope does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_without_a_token_is_the_servers_400()
    {
        await using var server = await Serve(
            400,
            """{"error":"Bad request: Missing x-auth-token","code":1001}"""
        );
        var client = Client(server);

        var ex = await Assert.ThrowsAsync<SisException>(() => client.Hiera.DeleteAsync("h"));

        Assert.True(ex.IsBadRequest);
        Assert.Equal(1001, ex.Code);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_HTML_404_is_a_SisException_quoting_the_start_of_the_body()
    {
        var html =
            "<!DOCTYPE html><html><body><pre>Cannot GET /api/v1.1/nowhere</pre></body></html>"
            + new string('x', 500);
        await using var server = await Serve(_ => new Answer(
            404,
            html,
            "text/html; charset=utf-8"
        ));
        var client = Client(server);

        var ex = await Assert.ThrowsAsync<SisException>(() => client.Hiera.GetAsync("h"));

        Assert.StartsWith(
            "Failed to decode JSON from the response: ",
            ex.Error,
            StringComparison.Ordinal
        );
        Assert.Contains("Cannot GET /api/v1.1/nowhere", ex.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 300), ex.Error, StringComparison.Ordinal);
        Assert.Equal(404, ex.HttpStatusCode);
        Assert.Null(ex.Code);
        Assert.Equal(html, ex.ResponseBody);
        Assert.True(ex.IsNotFound);
    }

    [Fact]
    public async Task Bad_arguments_throw_SisValidationException_and_send_nothing()
    {
        await using var server = await Serve(200, "{}");
        var client = Client(server);

        var empty = await Assert.ThrowsAsync<SisValidationException>(() =>
            client.Hiera.GetAsync("")
        );
        var noItems = await Assert.ThrowsAsync<SisValidationException>(() =>
            client.Hiera.CreateManyAsync([])
        );
        var nullItems = await Assert.ThrowsAsync<SisValidationException>(() =>
            client.Hiera.CreateManyAsync(null!)
        );

        Assert.Contains(empty.Problems, p => p.Field == "id");
        Assert.NotEmpty(noItems.Problems);
        Assert.Contains(nullItems.Problems, p => p.Field == "items");
        Assert.Equal(0, empty.HttpStatusCode);
        Assert.Empty(server.Requests);
    }

    // ---- no secret in any text ---------------------------------------------------------------

    [Fact]
    public async Task An_echoed_token_never_shows_in_the_message_or_text()
    {
        await using var server = await Serve(r => new Answer(
            404,
            $$"""{"error":"sis_tokens {{r.Header("x-auth-token")}} does not exist","code":1000}"""
        ));
        var client = Client(server, o => o.WithAuthToken(Token));

        var ex = await Assert.ThrowsAsync<SisException>(() => client.Hiera.DeleteAsync("h"));

        Assert.Contains(Token, ex.Error, StringComparison.Ordinal); // the data is kept as sent...
        Assert.DoesNotContain(Token, ex.Message, StringComparison.OrdinalIgnoreCase); // ...the text is not
        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("sis_tokens *** does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_used_as_an_id_and_an_echoed_password_never_show_in_the_message()
    {
        await using var server = await Serve(r =>
            r.Path.EndsWith("/auth_token", StringComparison.Ordinal)
                ? new Answer(
                    401,
                    """{"error":"Unauthorized. Bad password hunter2hunter2","code":1004}"""
                )
                : new Answer(
                    404,
                    $$"""{"error":"Token for bob {{NewToken}} does not exist","code":1000}"""
                )
        );
        var client = Client(server);

        var byId = await Assert.ThrowsAsync<SisException>(() =>
            client.Tokens("bob").GetAsync(NewToken)
        );
        var auth = await Assert.ThrowsAsync<SisException>(() =>
            client.AuthenticateAsync("bob", "hunter2hunter2")
        );

        Assert.Equal("/api/v1.1/users/bob/tokens/" + NewToken, server.Requests[0].Path);
        Assert.DoesNotContain(NewToken, byId.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(NewToken, byId.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2hunter2", auth.ToString(), StringComparison.Ordinal);
        Assert.True(auth.IsUnauthorized);
    }
}
