using System.Globalization;
using System.Text.Json;
using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Sis;

/// <summary>
/// Builders for every SIS REST operation (spec §2.13): each checks every argument at once and describes one
/// request (nothing is sent) with the parser of its answer. Paths are <c>/api/v&lt;version&gt;/…</c> with every
/// value (schema, user, id, commit id) escaped as one path segment, so hiera names with <c>/ ? # space</c> work.
/// Every request sends <c>Accept: application/json</c>, <c>x-auth-token</c> (a secret header) when the settings
/// have a token, and <c>Connection: close</c> when keep-alive is off. GETs are safe to retry; writes are not.
/// </summary>
/// <remarks>
/// In a namespace called <c>…Sis</c> (e.g. <c>Functional.Facade.Sis</c>), the name <c>Sis</c> means the namespace:
/// write <c>Functional.Core.Sis.Sis</c> or add <c>using SisApi = Functional.Core.Sis.Sis;</c>.
/// </remarks>
public static partial class Sis
{
    private const string JsonMediaType = "application/json";

    /// <summary><c>GET B?q=…&amp;limit=…</c>: one page of a list; the answer must be a JSON array (with <c>x-total-count</c>).</summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="query">The filter, paging, sort, projection... (<see cref="SisQuery.All"/> for none).</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> FetchPage(
        SisSettings settings,
        SisEndpoint endpoint,
        SisQuery query
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            Query("query", query)
        ).Apply((s, e, q) => HttpEffect.Send(Request(s, "GET", e.Segments, q), SisResponses.Array));

    /// <summary><c>GET B/id?populate=…&amp;removeEmpty=true&amp;with_counts=true</c>: one object.</summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="id">The id (<c>name</c>, or <c>_id</c>/<c>id_field</c> for entities).</param>
    /// <param name="options">What to populate and add (<see cref="SisGetOptions.Default"/> for nothing).</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Get(
        SisSettings settings,
        SisEndpoint endpoint,
        string id,
        SisGetOptions options
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Segment("id", id),
            options is null
                ? SisChecks.Problem<Seq<QueryParam>>("options", "is required")
                : options.ToQueryParams("options")
        ).Apply(
            (s, e, i, q) =>
                HttpEffect.Send(Request(s, "GET", e.Segments.Add(i), q), SisResponses.Object)
        );

    /// <summary><c>POST B</c> with one JSON object: creates it; the answer (201) is the stored object.</summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="item">The object to create (use <see cref="CreateMany"/> for several).</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Create(
        SisSettings settings,
        SisEndpoint endpoint,
        JsonElement item
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Object("item", item, " (use CreateMany for several items)")
        ).Apply(
            (s, e, i) =>
                HttpEffect.Send(
                    Request(s, "POST", e.Segments, Empty).WithBody(Body(w => i.WriteTo(w))),
                    SisResponses.Object
                )
        );

    /// <summary>
    /// <c>POST B[?all_or_none=true]</c> with a non-empty array of objects: the bulk insert; the answer lists the
    /// inserted objects and the failed items. With <paramref name="allOrNone"/>, nothing is kept if anything fails.
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="items">The objects to insert (at least one).</param>
    /// <param name="allOrNone">Sends <c>all_or_none=true</c>.</param>
    public static Validation<ApiError, HttpEffect<SisBulkResult>> CreateMany(
        SisSettings settings,
        SisEndpoint endpoint,
        Seq<JsonElement> items,
        bool allOrNone
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Objects("items", items)
        ).Apply(
            (s, e, i) =>
                HttpEffect.Send(
                    Request(
                            s,
                            "POST",
                            e.Segments,
                            allOrNone ? Seq1(new QueryParam("all_or_none", "true")) : Empty
                        )
                        .WithBody(ArrayBody(i)),
                    SisResponses.Bulk
                )
        );

    /// <summary>
    /// <c>PUT B/id[?upsert=true][&amp;cas=…][&amp;forceMixed=true]</c> with a (partial) object: the updated object
    /// (200), or the created one (201) for an upsert that inserted.
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="id">The id of the object.</param>
    /// <param name="content">The fields to change (nested plain objects are merged by the server).</param>
    /// <param name="options">Upsert, CAS condition, forceMixed (<see cref="SisUpdateOptions.Default"/> for none).</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Update(
        SisSettings settings,
        SisEndpoint endpoint,
        string id,
        JsonElement content,
        SisUpdateOptions options
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Segment("id", id),
            SisChecks.Object("content", content),
            options is null
                ? SisChecks.Problem<Seq<QueryParam>>("options", "is required")
                : options.ToQueryParams("options")
        ).Apply(
            (s, e, i, c, q) =>
                HttpEffect.Send(
                    Request(s, "PUT", e.Segments.Add(i), q).WithBody(Body(w => c.WriteTo(w))),
                    SisResponses.Object
                )
        );

    /// <summary>
    /// <c>PUT B</c> with a non-empty array of (partial) objects, each carrying its id field (<c>name</c>, or
    /// <c>_id</c> for entities): the bulk update.
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="items">The changes, one object per item (at least one).</param>
    public static Validation<ApiError, HttpEffect<SisBulkResult>> UpdateBulk(
        SisSettings settings,
        SisEndpoint endpoint,
        Seq<JsonElement> items
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Objects("items", items)
        ).Apply(
            (s, e, i) =>
                HttpEffect.Send(
                    Request(s, "PUT", e.Segments, Empty).WithBody(ArrayBody(i)),
                    SisResponses.Bulk
                )
        );

    /// <summary>
    /// <c>PUT B?q=…</c> with one partial object: applies it to every object matching <paramref name="query"/>
    /// (which must not be empty, as sispy requires).
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="partial">The fields to change (a non-empty object).</param>
    /// <param name="query">Which objects to change (not empty).</param>
    public static Validation<ApiError, HttpEffect<SisBulkResult>> UpdateBulk(
        SisSettings settings,
        SisEndpoint endpoint,
        JsonElement partial,
        SisFilter query
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks
                .Object("partial", partial)
                .Bind(p =>
                    p.EnumerateObject().Any()
                        ? Success<ApiError, JsonElement>(p)
                        : SisChecks.Problem<JsonElement>(
                            "partial",
                            "must not be empty (the server rejects an empty body)"
                        )
                ),
            SisChecks.Filter(
                "query",
                query,
                nonEmpty: true,
                "must not be empty (a bulk update with an object needs a query)"
            )
        ).Apply(
            (s, e, p, q) =>
                HttpEffect.Send(
                    Request(s, "PUT", e.Segments, Seq1(new QueryParam("q", q.ToJson())))
                        .WithBody(Body(w => p.WriteTo(w))),
                    SisResponses.Bulk
                )
        );

    /// <summary><c>DELETE B/id</c>: the answer is the deleted object.</summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="id">The id of the object.</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Delete(
        SisSettings settings,
        SisEndpoint endpoint,
        string id
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Segment("id", id)
        ).Apply(
            (s, e, i) =>
                HttpEffect.Send(Request(s, "DELETE", e.Segments.Add(i), Empty), SisResponses.Object)
        );

    /// <summary><c>DELETE B?q=…</c>: deletes every object matching <paramref name="query"/> (which must not be empty).</summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="query">Which objects to delete (not empty: the server refuses to delete everything).</param>
    public static Validation<ApiError, HttpEffect<SisBulkResult>> DeleteBulk(
        SisSettings settings,
        SisEndpoint endpoint,
        SisFilter query
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Filter(
                "query",
                query,
                nonEmpty: true,
                "must not be empty (the server refuses a bulk delete without a query)"
            )
        ).Apply(
            (s, e, q) =>
                HttpEffect.Send(
                    Request(s, "DELETE", e.Segments, Seq1(new QueryParam("q", q.ToJson()))),
                    SisResponses.Bulk
                )
        );

    /// <summary>
    /// <c>GET B/id/commits?…</c>: the object's history, newest first (supports <c>q</c>, <c>limit</c>,
    /// <c>offset</c>, <c>fields</c>; an unknown object gives an empty list).
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="id">The id of the object.</param>
    /// <param name="query">Filter and paging of the commits (<see cref="SisQuery.All"/> for none).</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Commits(
        SisSettings settings,
        SisEndpoint endpoint,
        string id,
        SisQuery query
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Segment("id", id),
            Query("query", query)
        ).Apply(
            (s, e, i, q) =>
                HttpEffect.Send(
                    Request(s, "GET", e.Segments.Add(i).Add("commits"), q),
                    SisResponses.Array
                )
        );

    /// <summary><c>GET B/id/commits/commitId</c>: one commit, with <c>value_at</c> (the object at that commit).</summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="id">The id of the object.</param>
    /// <param name="commitId">The commit's <c>_id</c>.</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Commit(
        SisSettings settings,
        SisEndpoint endpoint,
        string id,
        string commitId
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Segment("id", id),
            SisChecks.Segment("commitId", commitId)
        ).Apply(
            (s, e, i, c) =>
                HttpEffect.Send(
                    Request(s, "GET", e.Segments.Add(i).Add("commits").Add(c), Empty),
                    SisResponses.Object
                )
        );

    /// <summary>
    /// <c>GET B/id/revision/&lt;epoch ms&gt;</c> (singular <c>revision</c>, as the server routes it): the object as
    /// it was at <paramref name="at"/> (the deleted object after a delete; 404 before its creation).
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="endpoint">The collection.</param>
    /// <param name="id">The id of the object.</param>
    /// <param name="at">The time (sent as whole milliseconds since the Unix epoch).</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Revision(
        SisSettings settings,
        SisEndpoint endpoint,
        string id,
        DateTimeOffset at
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Endpoint("endpoint", endpoint),
            SisChecks.Segment("id", id)
        ).Apply(
            (s, e, i) =>
                HttpEffect.Send(
                    Request(
                        s,
                        "GET",
                        e.Segments.Add(i)
                            .Add("revision")
                            .Add(
                                at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
                            ),
                        Empty
                    ),
                    SisResponses.Object
                )
        );

    /// <summary>
    /// <c>POST /hooks/trigger/schema/id</c>: fires every <c>update</c> hook of the schema for that entity (no auth
    /// needed); the answer is <c>{"message", "type", "entity"}</c>.
    /// </summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    /// <param name="schema">The schema name.</param>
    /// <param name="id">The entity's id.</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> TriggerHooks(
        SisSettings settings,
        string schema,
        string id
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.Segment("schema", schema),
            SisChecks.Segment("id", id)
        ).Apply(
            (s, sc, i) =>
                HttpEffect.Send(
                    Request(s, "POST", Seq("hooks", "trigger", sc, i), Empty),
                    SisResponses.Object
                )
        );

    /// <summary><c>GET /info</c>: the server build (<c>build_num</c>, <c>git_hash</c>, <c>build_id</c>, <c>version</c>).</summary>
    /// <param name="settings">Version, token and keep-alive.</param>
    public static Validation<ApiError, HttpEffect<SisResponse>> Info(SisSettings settings) =>
        SisChecks
            .Settings("settings", settings)
            .Map(s => HttpEffect.Send(Request(s, "GET", Seq1("info"), Empty), SisResponses.Object));

    /// <summary>
    /// <c>POST /users/auth_token</c> with <c>Authorization: Basic base64(user:password)</c> (a secret header, never
    /// shown), no <c>x-auth-token</c> and no body: a temporary token (8 h). Put its
    /// <see cref="SisToken.Name"/> into <see cref="SisSettings.WithAuthToken"/>.
    /// </summary>
    /// <param name="settings">Version and keep-alive (its token is not sent).</param>
    /// <param name="user">The user name (no ':').</param>
    /// <param name="password">The password.</param>
    public static Validation<ApiError, HttpEffect<SisToken>> Authenticate(
        SisSettings settings,
        string user,
        string password
    ) =>
        (
            SisChecks.Settings("settings", settings),
            SisChecks.BasicCredentials(user, password)
        ).Apply(
            (s, basic) =>
                HttpEffect.Send(
                    Request(s.WithoutAuthToken(), "POST", Seq("users", "auth_token"), Empty)
                        .WithHeader(HttpHeader.Secret("Authorization", basic)),
                    SisResponses.Token
                )
        );

    private static Validation<ApiError, Seq<QueryParam>> Query(string field, SisQuery? query) =>
        query is null
            ? SisChecks.Problem<Seq<QueryParam>>(field, "is required (use SisQuery.All)")
            : query.ToQueryParams(field);

    /// <summary>The request: path <c>/api/v&lt;version&gt;/segments…</c>, the common headers, GETs safe to retry.</summary>
    private static HttpRequest Request(
        SisSettings settings,
        string method,
        Seq<string> segments,
        Seq<QueryParam> query
    )
    {
        var path = PathSegments.Join("/api", ["v" + settings.ApiVersion, .. segments]);
        var headers = Seq1(new HttpHeader("Accept", JsonMediaType));
        settings.AuthToken.IfSome(t => headers = headers.Add(HttpHeader.Secret("x-auth-token", t)));
        if (!settings.KeepAlive)
            headers = headers.Add(new HttpHeader("Connection", "close"));
        return HttpRequest.Create(method, path) with
        {
            Query = query,
            Headers = headers,
            Retry = method == "GET" ? RetrySafety.Safe : RetrySafety.Unsafe,
            Label = Label(method, settings.ApiVersion, segments),
        };
    }

    /// <summary>The request's label: the path with names and ids replaced by <c>{}</c>.</summary>
    private static RequestLabel Label(string method, string version, Seq<string> segments) =>
        RequestLabel.Rest(
            "sis",
            method,
            Seq<(string Segment, bool Fixed)>(("api", true), ("v" + version, true))
                .Concat(
                    segments.Map(
                        (i, s) =>
                            (
                                Segment: s,
                                Fixed: i == 0
                                    || (i >= 2 && s is "tokens" or "commits")
                                    || (i == 1 && segments[0] == "hooks" && s == "trigger")
                                    || (i == 1 && segments[0] == "users" && s == "auth_token")
                            )
                    )
                )
        );

    private static HttpBody Body(Action<Utf8JsonWriter> write) =>
        HttpBody.FromJson(OnePlatform.Json.Write(write));

    private static HttpBody ArrayBody(Seq<JsonElement> items) =>
        Body(w =>
        {
            w.WriteStartArray();
            foreach (var item in items)
                item.WriteTo(w);
            w.WriteEndArray();
        });
}
