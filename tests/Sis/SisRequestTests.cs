using System.Text;
using System.Text.Json;
using Functional.Core.Sis;
using Functional.Tests.Support;
using SisApi = Functional.Core.Sis.Sis;

namespace Functional.Tests.Sis;

/// <summary>Golden tests: every SIS builder's exact method, path and query, headers and body, and its argument checks.</summary>
public sealed class SisRequestTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private static readonly SisSettings WithToken = SisSettings.Default.WithAuthToken(Token);
    private static readonly SisSettings NoToken = SisSettings.Default;

    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static HttpRequest RequestOf<T>(Validation<ApiError, HttpEffect<T>> built) =>
        built.Match(
            e =>
                e is HttpEffect<T>.Send send
                    ? send.Request
                    : throw new Xunit.Sdk.XunitException("not a send: " + e),
            errors =>
                throw new Xunit.Sdk.XunitException("builder failed: " + string.Join("; ", errors))
        );

    private static string? BodyOf(HttpRequest r) =>
        r.Body switch
        {
            HttpBody.Empty => null,
            HttpBody.Json j => Encoding.UTF8.GetString(j.Utf8.Span),
            var other => throw new Xunit.Sdk.XunitException("unexpected body " + other),
        };

    private static readonly HttpHeader Accept = new("Accept", "application/json");
    private static readonly HttpHeader TokenHeader = HttpHeader.Secret("x-auth-token", Token);

    private static void AssertRequest(
        HttpRequest r,
        string method,
        string pathAndQuery,
        string? body,
        bool token = true
    )
    {
        Assert.Equal(method, r.Method);
        Assert.Equal(pathAndQuery, r.PathAndQuery);
        Assert.Equal(token ? [Accept, TokenHeader] : new[] { Accept }, r.Headers.ToArray());
        Assert.Equal(body, BodyOf(r));
        Assert.Equal(method == "GET" ? RetrySafety.Safe : RetrySafety.Unsafe, r.Retry);
        Assert.True(r.Timeout.IsNone);
    }

    // ---- golden requests ---------------------------------------------------------------------------------

    [Fact]
    public void FetchPage_gets_the_collection_with_the_query()
    {
        AssertRequest(
            RequestOf(SisApi.FetchPage(WithToken, SisEndpoint.Schemas, SisQuery.All)),
            "GET",
            "/api/v1.1/schemas",
            null
        );
        AssertRequest(
            RequestOf(
                SisApi.FetchPage(
                    NoToken,
                    SisEndpoint.Entities("my schema"),
                    SisQuery
                        .Where(SisFilter.Gt("num", 3))
                        .WithLimit(2)
                        .WithSort(SisSort.Desc("num"))
                )
            ),
            "GET",
            "/api/v1.1/entities/my%20schema?q=%7B%22num%22%3A%7B%22%24gt%22%3A3%7D%7D&limit=2&sort=-num",
            null,
            token: false
        );
    }

    [Fact]
    public void Every_endpoint_has_its_path()
    {
        string PathOf(SisEndpoint e) =>
            RequestOf(SisApi.FetchPage(NoToken, e, SisQuery.All)).PathAndQuery;
        Assert.Equal("/api/v1.1/hooks", PathOf(SisEndpoint.Hooks));
        Assert.Equal("/api/v1.1/hiera", PathOf(SisEndpoint.Hiera));
        Assert.Equal("/api/v1.1/users", PathOf(SisEndpoint.Users));
        Assert.Equal("/api/v1.1/scripts", PathOf(SisEndpoint.Scripts));
        Assert.Equal("/api/v1.1/entities/s_1", PathOf(SisEndpoint.Entities("s_1")));
        Assert.Equal("/api/v1.1/users/bob%2Fx/tokens", PathOf(SisEndpoint.Tokens("bob/x")));
        Assert.Equal(
            "/api/v2/schemas",
            RequestOf(
                SisApi.FetchPage(NoToken.WithApiVersion("2"), SisEndpoint.Schemas, SisQuery.All)
            ).Path
        );
    }

    [Fact]
    public void Get_escapes_the_id_as_one_segment_and_sends_its_options()
    {
        AssertRequest(
            RequestOf(
                SisApi.Get(WithToken, SisEndpoint.Hiera, "a/b?c#d e.f", SisGetOptions.Default)
            ),
            "GET",
            "/api/v1.1/hiera/a%2Fb%3Fc%23d%20e.f",
            null
        );
        AssertRequest(
            RequestOf(
                SisApi.Get(
                    NoToken,
                    SisEndpoint.Entities("s"),
                    "5f1e0c2a9b3d4e5f6a7b8c9d",
                    SisGetOptions.Default.WithPopulate(SisPopulate.None).WithRemoveEmpty(true)
                )
            ),
            "GET",
            "/api/v1.1/entities/s/5f1e0c2a9b3d4e5f6a7b8c9d?populate=false&removeEmpty=true",
            null,
            token: false
        );
        AssertRequest(
            RequestOf(
                SisApi.Get(
                    NoToken,
                    SisEndpoint.Schemas,
                    "s",
                    SisGetOptions.Default.WithEntityCounts(true)
                )
            ),
            "GET",
            "/api/v1.1/schemas/s?with_counts=true",
            null,
            token: false
        );
        Assert.Equal(
            "/api/v1.1/hiera/foo.bar.baz",
            RequestOf(
                SisApi.Get(NoToken, SisEndpoint.Hiera, "foo.bar.baz", SisGetOptions.Default)
            ).Path
        );
    }

    [Fact]
    public void Create_posts_one_object()
    {
        AssertRequest(
            RequestOf(
                SisApi.Create(
                    WithToken,
                    SisEndpoint.Hiera,
                    J("""{ "name": "h", "hieradata": { "k": [1, true] } }""")
                )
            ),
            "POST",
            "/api/v1.1/hiera",
            """{"name":"h","hieradata":{"k":[1,true]}}"""
        );
    }

    [Fact]
    public void CreateMany_posts_an_array_and_all_or_none_lower_case()
    {
        var items = Seq(J("""{"n":1}"""), J("""{"n":2}"""));
        AssertRequest(
            RequestOf(SisApi.CreateMany(WithToken, SisEndpoint.Entities("s"), items, false)),
            "POST",
            "/api/v1.1/entities/s",
            """[{"n":1},{"n":2}]"""
        );
        AssertRequest(
            RequestOf(SisApi.CreateMany(WithToken, SisEndpoint.Entities("s"), items, true)),
            "POST",
            "/api/v1.1/entities/s?all_or_none=true",
            """[{"n":1},{"n":2}]"""
        );
    }

    [Fact]
    public void Update_puts_the_content_with_upsert_cas_and_force_mixed()
    {
        AssertRequest(
            RequestOf(
                SisApi.Update(
                    WithToken,
                    SisEndpoint.Schemas,
                    "s",
                    J("""{"description":"d"}"""),
                    SisUpdateOptions.Default
                )
            ),
            "PUT",
            "/api/v1.1/schemas/s",
            """{"description":"d"}"""
        );
        var options = SisUpdateOptions
            .Default.WithUpsert(true)
            .WithCas(SisFilter.Eq("num", 0))
            .WithForceMixed(true);
        AssertRequest(
            RequestOf(
                SisApi.Update(
                    WithToken,
                    SisEndpoint.Entities("s"),
                    "k 1",
                    J("""{"num":1}"""),
                    options
                )
            ),
            "PUT",
            "/api/v1.1/entities/s/k%201?upsert=true&cas=%7B%22num%22%3A0%7D&forceMixed=true",
            """{"num":1}"""
        );
        Assert.Equal(
            "/api/v1.1/hiera/h",
            RequestOf(
                SisApi.Update(
                    WithToken,
                    SisEndpoint.Hiera,
                    "h",
                    J("{}"),
                    options.WithoutCas().WithUpsert(false).WithForceMixed(false)
                )
            ).PathAndQuery
        );
    }

    [Fact]
    public void UpdateBulk_puts_an_array_or_an_object_with_a_query()
    {
        AssertRequest(
            RequestOf(
                SisApi.UpdateBulk(
                    WithToken,
                    SisEndpoint.Hooks,
                    Seq1(J("""{"name":"a","retry_count":1}"""))
                )
            ),
            "PUT",
            "/api/v1.1/hooks",
            """[{"name":"a","retry_count":1}]"""
        );
        AssertRequest(
            RequestOf(
                SisApi.UpdateBulk(
                    WithToken,
                    SisEndpoint.Entities("s"),
                    J("""{"flag":false}"""),
                    SisFilter.Lt("num", 5)
                )
            ),
            "PUT",
            "/api/v1.1/entities/s?q=%7B%22num%22%3A%7B%22%24lt%22%3A5%7D%7D",
            """{"flag":false}"""
        );
    }

    [Fact]
    public void Delete_and_delete_bulk()
    {
        AssertRequest(
            RequestOf(SisApi.Delete(WithToken, SisEndpoint.Users, "bob")),
            "DELETE",
            "/api/v1.1/users/bob",
            null
        );
        AssertRequest(
            RequestOf(
                SisApi.DeleteBulk(WithToken, SisEndpoint.Entities("s"), SisFilter.In("num", [1, 2]))
            ),
            "DELETE",
            "/api/v1.1/entities/s?q=%7B%22num%22%3A%7B%22%24in%22%3A%5B1%2C2%5D%7D%7D",
            null
        );
    }

    [Fact]
    public void Commits_commit_and_revision()
    {
        AssertRequest(
            RequestOf(
                SisApi.Commits(
                    NoToken,
                    SisEndpoint.Hiera,
                    "h/1",
                    SisQuery.All.WithLimit(1).WithOffset(2)
                )
            ),
            "GET",
            "/api/v1.1/hiera/h%2F1/commits?limit=1&offset=2",
            null,
            token: false
        );
        AssertRequest(
            RequestOf(SisApi.Commit(NoToken, SisEndpoint.Entities("s"), "e1", "c1")),
            "GET",
            "/api/v1.1/entities/s/e1/commits/c1",
            null,
            token: false
        );
        AssertRequest(
            RequestOf(
                SisApi.Revision(
                    WithToken,
                    SisEndpoint.Schemas,
                    "s",
                    new DateTimeOffset(2013, 11, 1, 1, 0, 0, 123, TimeSpan.FromHours(1))
                )
            ),
            "GET",
            "/api/v1.1/schemas/s/revision/1383264000123",
            null
        );
    }

    [Fact]
    public void TriggerHooks_and_info()
    {
        AssertRequest(
            RequestOf(SisApi.TriggerHooks(NoToken, "my schema", "id#1")),
            "POST",
            "/api/v1.1/hooks/trigger/my%20schema/id%231",
            null,
            token: false
        );
        AssertRequest(RequestOf(SisApi.Info(WithToken)), "GET", "/api/v1.1/info", null);
    }

    [Fact]
    public void Authenticate_sends_basic_credentials_as_a_secret_and_no_token()
    {
        var r = RequestOf(SisApi.Authenticate(WithToken, "bob", "pä:ss"));
        Assert.Equal("POST", r.Method);
        Assert.Equal("/api/v1.1/users/auth_token", r.PathAndQuery);
        Assert.Null(BodyOf(r));
        Assert.Equal(RetrySafety.Unsafe, r.Retry);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pä:ss"));
        Assert.Equal([Accept, HttpHeader.Secret("Authorization", basic)], r.Headers.ToArray());
        Assert.True(r.Headers.Last.Sensitive);
        Assert.DoesNotContain(basic["Basic ".Length..], r.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pä", r.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_header_is_secret_and_never_shown()
    {
        var r = RequestOf(SisApi.Delete(WithToken, SisEndpoint.Hooks, "h"));
        Assert.Contains(r.Headers, h => h.Name == "x-auth-token" && h.Sensitive);
        Assert.DoesNotContain(Token, r.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, WithToken.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", WithToken.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_alive_off_sends_connection_close()
    {
        var r = RequestOf(SisApi.Info(SisSettings.Default.WithKeepAlive(false)));
        Assert.Equal([Accept, new HttpHeader("Connection", "close")], r.Headers.ToArray());
        var auth = RequestOf(
            SisApi.Authenticate(SisSettings.Default.WithKeepAlive(false), "u", "p")
        );
        Assert.Contains(new HttpHeader("Connection", "close"), auth.Headers);
    }

    // ---- parsers are wired --------------------------------------------------------------------------------

    private static Either<ApiError, T> Answer<T>(
        Validation<ApiError, HttpEffect<T>> built,
        HttpResponse response
    ) =>
        built.Match(
            e =>
                e is HttpEffect<T>.Send send
                    ? send.Continue(Right<ApiError, HttpResponse>(response)) switch
                    {
                        HttpEffect<T>.Done d => Right<ApiError, T>(d.Value),
                        HttpEffect<T>.Failed f => Left<ApiError, T>(f.Error),
                        var other => throw new Xunit.Sdk.XunitException("unexpected " + other),
                    }
                    : throw new Xunit.Sdk.XunitException("not a send"),
            errors => throw new Xunit.Sdk.XunitException(string.Join("; ", errors))
        );

    [Fact]
    public void Builders_parse_their_answers()
    {
        var page = Rpc.Right(
            Answer(
                SisApi.FetchPage(NoToken, SisEndpoint.Hiera, SisQuery.All),
                HttpResponse.Text(200, """[{"name":"a"}]""")
            )
        );
        Assert.Single(page.Items);
        var token = Rpc.Right(
            Answer(
                SisApi.Authenticate(NoToken, "bob", "pw"),
                HttpResponse.Text(201, """{"name":"abc","username":"bob","expires":1000}""")
            )
        );
        Assert.Equal("bob", token.UserName);
        var bulk = Rpc.Right(
            Answer(
                SisApi.DeleteBulk(WithToken, SisEndpoint.Hiera, SisFilter.Eq("name", "a")),
                HttpResponse.Text(200, """{"success":[{"name":"a"}],"errors":[]}""")
            )
        );
        Assert.Single(bulk.Success);
        var missing = Rpc.Left(
            Answer(
                SisApi.Get(NoToken, SisEndpoint.Hiera, "x", SisGetOptions.Default),
                HttpResponse.Text(404, """{"error":"sis_hiera x does not exist","code":1000}""")
            )
        );
        Assert.True(SisErrors.IsNotFound(missing));
    }

    // ---- argument checks -----------------------------------------------------------------------------------

    [Fact]
    public void Ids_must_be_present_non_empty_and_not_dot_segments()
    {
        Assert.Equal(["id"], Rpc.Fields(SisApi.Delete(WithToken, SisEndpoint.Hiera, "")));
        Assert.Equal(["id"], Rpc.Fields(SisApi.Delete(WithToken, SisEndpoint.Hiera, null!)));
        Assert.Equal(["id"], Rpc.Fields(SisApi.Delete(WithToken, SisEndpoint.Hiera, "..")));
        Assert.Equal(
            "id: must not be empty",
            Rpc.Errors(SisApi.Delete(WithToken, SisEndpoint.Hiera, "")).Head.Message
        );
    }

    [Fact]
    public void Get_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["settings", "endpoint", "id", "options"],
            Rpc.Fields(SisApi.Get(null!, null!, "", null!))
        );
        Assert.Equal(
            [
                "settings.apiVersion",
                "settings.authToken",
                "endpoint.schema",
                "id",
                "options.populate",
            ],
            Rpc.Fields(
                SisApi.Get(
                    new SisSettings("", Some("a\r\nb"), true),
                    SisEndpoint.Entities(""),
                    ".",
                    SisGetOptions.Default.WithPopulate(SisPopulate.Paths())
                )
            )
        );
        Assert.Equal(
            ["endpoint.userName"],
            Rpc.Fields(SisApi.Get(NoToken, SisEndpoint.Tokens("a\nb"), "t", SisGetOptions.Default))
        );
    }

    [Fact]
    public void FetchPage_and_commits_report_query_problems_with_dotted_names()
    {
        Assert.Equal(
            ["endpoint.schema", "query.limit", "query.sort[0].field"],
            Rpc.Fields(
                SisApi.FetchPage(
                    NoToken,
                    SisEndpoint.Entities(null!),
                    SisQuery.All.WithLimit(0).WithSort(SisSort.Asc(""))
                )
            )
        );
        Assert.Equal(
            ["id", "query"],
            Rpc.Fields(SisApi.Commits(NoToken, SisEndpoint.Hiera, "", null!))
        );
        Assert.Equal(["commitId"], Rpc.Fields(SisApi.Commit(NoToken, SisEndpoint.Hiera, "h", "")));
    }

    [Fact]
    public void Create_needs_objects()
    {
        Assert.Equal(["item"], Rpc.Fields(SisApi.Create(WithToken, SisEndpoint.Hiera, J("[1]"))));
        Assert.Equal(["item"], Rpc.Fields(SisApi.Create(WithToken, SisEndpoint.Hiera, default)));
        Assert.Equal(
            ["items"],
            Rpc.Fields(SisApi.CreateMany(WithToken, SisEndpoint.Hiera, Empty, false))
        );
        Assert.Equal(
            ["items[1]", "items[3]"],
            Rpc.Fields(
                SisApi.CreateMany(
                    WithToken,
                    SisEndpoint.Hiera,
                    Seq(J("{}"), J("1"), J("{}"), J("null")),
                    true
                )
            )
        );
    }

    [Fact]
    public void Update_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["id", "content", "options.cas"],
            Rpc.Fields(
                SisApi.Update(
                    WithToken,
                    SisEndpoint.Hiera,
                    "",
                    J("\"x\""),
                    SisUpdateOptions.Default.WithCas(SisFilter.Empty)
                )
            )
        );
        Assert.Equal(
            ["options.cas"],
            Rpc.Fields(
                SisApi.Update(
                    WithToken,
                    SisEndpoint.Hiera,
                    "h",
                    J("{}"),
                    SisUpdateOptions.Default.WithCas(SisFilter.Eq("", 1))
                )
            )
        );
        Assert.Equal(
            ["options"],
            Rpc.Fields(SisApi.Update(WithToken, SisEndpoint.Hiera, "h", J("{}"), null!))
        );
    }

    [Fact]
    public void Bulk_updates_and_deletes_need_items_or_a_query()
    {
        Assert.Equal(
            ["items"],
            Rpc.Fields(SisApi.UpdateBulk(WithToken, SisEndpoint.Hiera, Seq<JsonElement>()))
        );
        Assert.Equal(
            ["items[0]"],
            Rpc.Fields(SisApi.UpdateBulk(WithToken, SisEndpoint.Hiera, Seq1(J("[]"))))
        );
        Assert.Equal(
            ["partial", "query"],
            Rpc.Fields(SisApi.UpdateBulk(WithToken, SisEndpoint.Hiera, J("{}"), SisFilter.Empty))
        );
        Assert.Equal(
            ["partial", "query"],
            Rpc.Fields(SisApi.UpdateBulk(WithToken, SisEndpoint.Hiera, J("[1]"), null!))
        );
        Assert.Equal(
            ["query"],
            Rpc.Fields(SisApi.DeleteBulk(WithToken, SisEndpoint.Hiera, SisFilter.Empty))
        );
        Assert.Equal(
            ["query", "query"],
            Rpc.Fields(
                SisApi.DeleteBulk(WithToken, SisEndpoint.Hiera, SisFilter.Eq("", double.NaN))
            )
        );
    }

    [Fact]
    public void Authenticate_and_trigger_check_their_arguments()
    {
        Assert.Equal(["user", "password"], Rpc.Fields(SisApi.Authenticate(NoToken, "a:b", null!)));
        Assert.Equal(["user"], Rpc.Fields(SisApi.Authenticate(NoToken, "", "p")));
        Assert.Equal(["settings", "user"], Rpc.Fields(SisApi.Authenticate(null!, null!, "")));
        Assert.Equal(["schema", "id"], Rpc.Fields(SisApi.TriggerHooks(NoToken, "", null!)));
        Assert.Equal(["settings"], Rpc.Fields(SisApi.Info(null!)));
    }

    [Fact]
    public void Errors_never_show_the_password()
    {
        var errors = Rpc.Errors(SisApi.Authenticate(NoToken, "a:b", "s3cret\ud800"));
        Assert.DoesNotContain(
            "s3cret",
            string.Join(";", errors.Map(e => e.Message)),
            StringComparison.Ordinal
        );
    }
}
