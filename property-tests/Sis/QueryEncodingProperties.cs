using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Emulators.Sis.Http;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Resources;
using CoreSis = Functional.Core.Sis.Sis;
using EmulatorApi = Functional.Emulators.Sis.Resources.SisApi;

namespace Functional.PropertyTests.Sis;

/// <summary>
/// SIS query encoding (spec sis.md §2.4): whatever Core puts in a list GET, bulk update or bulk delete reaches the
/// server meaning exactly that. "The server" is the SIS emulator's own reading of a request: the raw query string
/// as Kestrel hands it over (after <see cref="Uri"/> has normalised the URL, as HttpClient does), parsed by
/// <see cref="QsParser"/> (qs 4.0), <c>q</c> read by <see cref="Parts.ObjectParam"/> (a JSON string parsed), and
/// <c>limit</c>, <c>offset</c>, <c>sort</c>, <c>fields</c>, <c>populate</c>, <c>removeEmpty</c>, <c>with_counts</c>
/// read as the emulator's handlers read them. Expected values are built from the typed inputs, not from Core's
/// writer.
/// </summary>
public class QueryEncodingProperties
{
    private static readonly SisEndpoint Things = SisEndpoint.Entities("thing");

    /// <summary>What the emulator reads from one request.</summary>
    private sealed record ServerView(
        JsonObject? Q,
        int Limit,
        int Offset,
        IReadOnlyList<(string Path, bool Descending)> Sort,
        IReadOnlyList<(bool Exclude, string Path)> Fields,
        string? Populate,
        bool RemoveEmpty,
        bool WithCounts,
        SisRequest Request
    );

    private static HttpRequest RequestOf<T>(Validation<ApiError, HttpEffect<T>> built) =>
        built.Match(
            effect =>
                effect is HttpEffect<T>.Send send
                    ? send.Request
                    : throw new InvalidOperationException($"not a request: {effect}"),
            errors =>
                throw new InvalidOperationException(
                    "a valid input was refused: " + string.Join("; ", errors)
                )
        );

    /// <summary>The emulator's reading of <paramref name="request"/>, step by step as its handlers do it.</summary>
    private static ServerView Read(HttpRequest request)
    {
        // HttpClient sends the URI it builds from the path and query; Kestrel gives the raw query ("?...").
        var uri = new Uri("http://127.0.0.1:8080" + request.PathAndQuery, UriKind.Absolute);
        var rawQuery = uri.Query;
        // SisRouter: Parts.ParseQuery(rawQuery[1..]).
        var query = Parts.ParseQuery(rawQuery.Length > 0 ? rawQuery[1..] : "");
        var sis = new SisRequest(
            request.Method,
            uri.PathAndQuery,
            [],
            query,
            new JsonObject(),
            _ => null
        );
        // SisApi.QueryParam: absent or empty → {}; else a JSON object (a string parsed, or a qs object).
        JsonObject? q =
            !query.TryGetValue("q", out var raw) || raw is JsonValue v && v.ToString().Length == 0
                ? new JsonObject()
                : Parts.ObjectParam(raw);
        // SisApi.Page: parseInt; 0 or NaN → 10000, |l| capped at 10000; offset parseInt, default 0, at least 0.
        var limit = EmulatorApi.ParseInt(sis.QueryString("limit")) is { } l and not 0
            ? Math.Min(Math.Abs(l), EmulatorApi.MaxResults)
            : EmulatorApi.MaxResults;
        var offset = Math.Max(EmulatorApi.ParseInt(sis.QueryString("offset")) ?? 0, 0);
        var sort = Sorter.Parse(sis.QueryString("sort")).Keys;
        return new ServerView(
            q,
            limit,
            offset,
            sort,
            ProjectionTokens(sis.QueryString("fields")),
            sis.QueryString("populate"),
            sis.QueryString("removeEmpty") is { Length: > 0 },
            sis.QueryString("with_counts") == "true",
            sis
        );
    }

    /// <summary>
    /// The tokens <c>Projection.Parse</c> builds its projection from (its path list is private, so its tokenising is
    /// repeated here): split on ',' and ' ', trimmed, '-' excludes, '+' includes, empty and <c>_id</c> skipped.
    /// </summary>
    private static List<(bool Exclude, string Path)> ProjectionTokens(string? fields)
    {
        var tokens = new List<(bool, string)>();
        foreach (var raw in (fields ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim();
            var exclude = token.StartsWith('-');
            if (exclude || token.StartsWith('+'))
                token = token[1..];
            if (token.Length == 0 || token == "_id")
                continue;
            tokens.Add((exclude, token));
        }
        return tokens;
    }

    /// <summary>The populate paths <c>EntityModel.Populate</c> reads (null: every reference; empty: none).</summary>
    private static string[]? PopulatePaths(string? populate) =>
        populate switch
        {
            "false" => [],
            null or "true" => null,
            _ => populate.Split(
                ',',
                StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries
            ),
        };

    /// <summary>Deep equality that also requires the same key order (Mongo compares embedded documents in order).</summary>
    private static void AssertSameJson(JsonNode? expected, JsonNode? actual, string what)
    {
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{what}: expected {expected?.ToJsonString() ?? "null"}, the server read {actual?.ToJsonString() ?? "null"}"
        );
        AssertSameOrder(expected, actual, what);
    }

    private static void AssertSameOrder(JsonNode? expected, JsonNode? actual, string what)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                Assert.True(
                    e.Select(p => p.Key).SequenceEqual(a.Select(p => p.Key)),
                    $"{what}: keys in another order: expected {e.ToJsonString()}, read {a.ToJsonString()}"
                );
                foreach (var (key, value) in e)
                    AssertSameOrder(value, a[key], what);
                break;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < e.Count; i++)
                    AssertSameOrder(e[i], a[i], what);
                break;
        }
    }

    /// <summary>The checks of one list query: every parameter reads back as the typed value it came from.</summary>
    private static void AssertReadsBack(QueryCase c, ServerView view)
    {
        AssertSameJson(c.Filter.Expected, view.Q, "q");
        Assert.Equal(c.Limit ?? EmulatorApi.MaxResults, view.Limit);
        Assert.Equal(c.Offset ?? 0, view.Offset);
        if (c.Limit is { } limit)
            Assert.Equal(limit, EmulatorApi.ParseInt(view.Request.QueryString("limit")));
        if (c.Offset is { } offset)
            Assert.Equal(offset, EmulatorApi.ParseInt(view.Request.QueryString("offset")));
        Assert.Equal(c.Sort.Select(s => (s.Field, s.Descending)), view.Sort);
        Assert.Equal(
            c.Fields.Where(f => f.Name != "_id").Select(f => (f.Sign == "-", f.Name)),
            view.Fields
        );
        Assert.Equal(
            c.Populate.Kind switch
            {
                0 => null,
                1 => null,
                2 => [],
                _ => c.Populate.Paths,
            },
            PopulatePaths(view.Populate)
        );
        Assert.Equal(
            c.Populate.Kind switch
            {
                0 => null,
                1 => "true",
                2 => "false",
                _ => string.Join(",", c.Populate.Paths),
            },
            view.Populate
        );
        Assert.Equal(c.RemoveEmpty, view.RemoveEmpty);
        Assert.Equal(c.WithCounts, view.WithCounts);
        // Nothing else is sent.
        var sent = new List<string>();
        if (c.Filter.Expected.Count > 0)
            sent.Add("q");
        if (c.Limit is not null)
            sent.Add("limit");
        if (c.Offset is not null)
            sent.Add("offset");
        if (c.Sort.Length > 0)
            sent.Add("sort");
        if (c.Fields.Length > 0)
            sent.Add("fields");
        if (c.Populate.Kind != 0)
            sent.Add("populate");
        if (c.RemoveEmpty)
            sent.Add("removeEmpty");
        if (c.WithCounts)
            sent.Add("with_counts");
        Assert.Equal(sent, view.Request.Query.Keys);
    }

    [Property(MaxTest = 300)]
    public Property A_list_query_reads_back_on_the_server_as_exactly_the_filter_and_parameters_it_was_built_from() =>
        Prop.ForAll(
            Arb.From(SisGenerators.Query, SisGenerators.ShrinkQuery),
            c =>
            {
                var request = RequestOf(
                    CoreSis.FetchPage(SisSettings.Default, Things, c.ToQuery())
                );
                Assert.Equal("GET", request.Method);
                Assert.Equal("/api/v1.1/entities/thing", request.Path);
                AssertReadsBack(c, Read(request));
            }
        );

    [Property(MaxTest = 300)]
    public Property Bulk_update_and_bulk_delete_filters_read_back_as_the_same_document() =>
        Prop.ForAll(
            Arb.From(
                SisGenerators.AnyFilter.Where(f => f.Expected.Count > 0),
                f => f.Children.Where(c => c.Expected.Count > 0)
            ),
            f =>
            {
                var delete = RequestOf(CoreSis.DeleteBulk(SisSettings.Default, Things, f.Filter));
                Assert.Equal("DELETE", delete.Method);
                var deleteView = Read(delete);
                AssertSameJson(f.Expected, deleteView.Q, "bulk delete q");
                Assert.Equal(["q"], deleteView.Request.Query.Keys);

                using var partial = JsonDocument.Parse("""{"done":true}""");
                var update = RequestOf(
                    CoreSis.UpdateBulk(SisSettings.Default, Things, partial.RootElement, f.Filter)
                );
                Assert.Equal("PUT", update.Method);
                var updateView = Read(update);
                AssertSameJson(f.Expected, updateView.Q, "bulk update q");
                Assert.Equal(["q"], updateView.Request.Query.Keys);
            }
        );

    /// <summary>Names with whitespace at an end, a space inside, or only a sign: names the server would change.</summary>
    private static Gen<string> EdgeName(bool field) =>
        from core in SisGenerators.ListName(noSpace: true)
        from ws in Gen.Elements(" ", "\t", "\u00a0", "\u3000", "\u2028")
        from at in Gen.Choose(0, field ? 3 : 1)
        select at switch
        {
            0 => core + ws,
            1 => ws + "-" + core,
            2 => core[..1] + " " + core,
            _ => core.Length % 2 == 0 ? "+" : "-",
        };

    /// <summary>
    /// Issue 7: for every argument Core accepts, the request decodes back to exactly that argument. A sort key,
    /// field or populate path with whitespace at an end (or a field with a space inside) is accepted by
    /// <c>SisChecks.ListItem</c> only if the server reads it back unchanged. The server trims list items (Sorter,
    /// Projection, populate) and splits fields on spaces: <c>SisSort.Asc(" -a")</c> would be read as <c>-a</c>, i.e.
    /// descending by <c>a</c>, and the field <c>"a b"</c> as two fields, so Core refuses whitespace in names.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property A_list_name_with_edge_whitespace_is_refused_or_reads_back_unchanged() =>
        Prop.ForAll(
            Arb.From(
                from sort in EdgeName(field: false)
                from field in EdgeName(field: true)
                from path in EdgeName(field: false)
                from which in Gen.Choose(0, 2)
                select (sort, field, path, which)
            ),
            x =>
            {
                var query = x.which switch
                {
                    0 => SisQuery.All.WithSort(SisSort.Asc(x.sort)),
                    1 => SisQuery.All.WithFields(x.field),
                    _ => SisQuery.All.WithPopulate(SisPopulate.Paths(x.path)),
                };
                var built = CoreSis.FetchPage(SisSettings.Default, Things, query);
                if (built.IsFail)
                    return;
                var view = Read(RequestOf(built));
                switch (x.which)
                {
                    case 0:
                        Assert.Equal([(x.sort, false)], view.Sort);
                        break;
                    case 1:
                        Assert.Equal([(false, x.field)], view.Fields);
                        break;
                    default:
                        Assert.Equal([x.path], PopulatePaths(view.Populate) ?? []);
                        break;
                }
            }
        );
}
