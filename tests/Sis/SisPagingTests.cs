using System.Globalization;
using System.Text;
using System.Text.Json;
using Functional.Core.Interpreter;
using Functional.Core.Sis;
using SisRequests = Functional.Core.Sis.Sis;

namespace Functional.Tests.Sis;

/// <summary>
/// Paging of SIS lists (spec §1.3 <c>fetch_all</c>, §2.4 <c>limit</c>/<c>offset</c>/<c>x-total-count</c>):
/// the pure <see cref="SisPaging"/> state machine, and <c>Sis.FetchAll</c> run synchronously against in-memory
/// servers that are honest, lie about the count, shrink, ignore the limit or fail — every run must end, with no
/// item read twice.
/// </summary>
public sealed class SisPagingTests
{
    /// <summary>
    /// A list endpoint in memory: items <c>{"_id":"id-i","n":i}</c>, <c>offset</c>/<c>limit</c> as SIS reads them
    /// (limit absent, 0 or above 10000 means 10000), and knobs for misbehaviour.
    /// </summary>
    private sealed class ListServer(int count)
    {
        private const int RequestCap = 10_000;

        public List<int> Items { get; } = Enumerable.Range(0, count).ToList();

        public List<(int Offset, int Limit)> Requests { get; } = [];

        public List<HttpRequest> Raw { get; } = [];

        /// <summary>The x-total-count for the current size (null: no header).</summary>
        public Func<int, string?> TotalCount { get; init; } =
            n => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>An answer to send instead of the page, by request number (0-based).</summary>
        public Func<int, HttpResponse?> Override { get; init; } = _ => null;

        /// <summary>True: the page is empty from this offset on (whatever the count says).</summary>
        public Func<int, bool> EmptyFrom { get; init; } = _ => false;

        public bool IgnoreLimit { get; init; }

        /// <summary>True: every page starts at the front whatever the offset (a server that ignores <c>offset</c>).</summary>
        public bool IgnoreOffset { get; init; }

        /// <summary>How many new items are inserted at the front after every answer (a collection growing while it is read).</summary>
        public int GrowBy { get; init; }

        /// <summary>How many items are removed from the front after every answer (a collection shrinking while it is read).</summary>
        public int ShrinkBy { get; init; }

        public HttpResponse Handle(HttpRequest request)
        {
            if (Raw.Count >= RequestCap)
                throw new InvalidOperationException("the paging never stopped");
            Raw.Add(request);
            var offset = Param(request, "offset").IfNone(0);
            var limit = Param(request, "limit")
                .Match(l => l is <= 0 or > 10000 ? 10000 : l, () => 10000);
            Requests.Add((offset, limit));
            var total = TotalCount(Items.Count);
            var special = Override(Raw.Count - 1);
            var page = EmptyFrom(offset)
                ? new List<int>()
                : Items
                    .Skip(IgnoreOffset ? 0 : offset)
                    .Take(IgnoreLimit ? int.MaxValue : limit)
                    .ToList();
            Items.RemoveRange(0, Math.Min(ShrinkBy, Items.Count));
            for (var i = 0; i < GrowBy; i++)
                Items.Insert(0, -1 - (Raw.Count * GrowBy) - i);
            if (special is not null)
                return special;
            var json =
                "["
                + string.Join(",", page.Select(i => $$"""{"_id":"id-{{i}}","n":{{i}}}"""))
                + "]";
            var headers = total is null
                ? Seq<HttpHeader>()
                : Seq1(new HttpHeader("x-total-count", total));
            return new HttpResponse(200, "OK", headers, Encoding.UTF8.GetBytes(json));
        }

        private static Option<int> Param(HttpRequest request, string name) =>
            request
                .Query.Find(p => p.Name == name)
                .Bind(p =>
                    int.TryParse(
                        p.Value,
                        NumberStyles.Integer,
                        CultureInfo.InvariantCulture,
                        out var n
                    )
                        ? Some(n)
                        : None
                );
    }

    private static Either<ApiError, Seq<JsonElement>> FetchAll(
        ListServer server,
        SisQuery query,
        int pageSize
    ) =>
        HttpInterpreter.Run(
            HttpEffect.FromValidation(
                SisRequests.FetchAll(SisSettings.Default, SisEndpoint.Schemas, query, pageSize)
            ),
            server.Handle
        );

    private static Seq<int> Numbers(Either<ApiError, Seq<JsonElement>> result) =>
        result.Match(
            items => items.Map(i => i.GetProperty("n").GetInt32()),
            e => throw new InvalidOperationException(e.Message)
        );

    private static void Asked(ListServer server, params (int Offset, int Limit)[] expected) =>
        Assert.Equal(expected, server.Requests.ToArray());

    private static Seq<int> Range(int from, int count) => toSeq(Enumerable.Range(from, count));

    private static void NoDuplicates(Seq<int> items) =>
        Assert.Equal(items.Count, items.Distinct().Count());

    private static SisPaging Started(SisQuery query, int pageSize) =>
        SisPaging
            .Start(query, pageSize)
            .Match(p => p, e => throw new InvalidOperationException(e.Head.Message));

    private static SisResponse Page(int items, long? total = null, int first = 0) =>
        new(
            200,
            JsonDocument
                .Parse("[" + string.Join(",", Enumerable.Range(first, items)) + "]")
                .RootElement.Clone(),
            Empty,
            total is null ? None : Some(total.Value)
        );

    // ---------------------------------------------------------------- flows through FetchAll

    [Fact]
    public void Honest_server_is_read_page_by_page_until_the_short_page()
    {
        var server = new ListServer(10);
        var items = Numbers(FetchAll(server, SisQuery.All, 3));
        Assert.Equal(Range(0, 10), items);
        Asked(server, (0, 3), (3, 3), (6, 3), (9, 3));
        Assert.All(server.Raw, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public void Honest_server_stops_at_the_total_count_without_asking_for_an_empty_page()
    {
        var server = new ListServer(9);
        Assert.Equal(Range(0, 9), Numbers(FetchAll(server, SisQuery.All, 3)));
        Asked(server, (0, 3), (3, 3), (6, 3));
    }

    [Fact]
    public void Missing_total_count_stops_on_the_empty_page()
    {
        var server = new ListServer(9) { TotalCount = _ => null };
        Assert.Equal(Range(0, 9), Numbers(FetchAll(server, SisQuery.All, 3)));
        Asked(server, (0, 3), (3, 3), (6, 3), (9, 3));
    }

    [Fact]
    public void An_empty_page_mid_way_stops_even_though_the_count_says_more()
    {
        var server = new ListServer(10) { EmptyFrom = offset => offset >= 6 };
        Assert.Equal(Range(0, 6), Numbers(FetchAll(server, SisQuery.All, 3)));
        Asked(server, (0, 3), (3, 3), (6, 3));
    }

    [Fact]
    public void A_server_that_ignores_the_offset_ends_after_one_repeated_page_with_each_item_once()
    {
        var server = new ListServer(10) { IgnoreOffset = true, TotalCount = _ => null };
        var items = Numbers(FetchAll(server, SisQuery.All, 3));
        Assert.Equal(Range(0, 3), items);
        Asked(server, (0, 3), (3, 3));
    }

    [Fact]
    public void A_growing_collection_hands_out_no_item_twice()
    {
        // Two new items arrive at the front after every page: the next page repeats items already read.
        var server = new ListServer(10) { GrowBy = 2, TotalCount = _ => null };
        var items = Numbers(FetchAll(server, SisQuery.All, 3));
        NoDuplicates(items);
        Assert.Equal(Range(0, 10), items.Filter(i => i >= 0).OrderBy(i => i).ToSeq());
    }

    [Fact]
    public void A_shrinking_collection_ends_with_no_duplicates()
    {
        var server = new ListServer(10) { ShrinkBy = 1 };
        var items = Numbers(FetchAll(server, SisQuery.All, 3));
        NoDuplicates(items);
        Assert.Equal(Seq(0, 1, 2, 4, 5, 6, 8, 9), items);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void A_shrinking_collection_with_a_stale_count_ends_on_the_empty_page()
    {
        // sispy loops forever here: the page is empty while x-total-count still says 10.
        var server = new ListServer(10) { ShrinkBy = 3, TotalCount = _ => "10" };
        var items = Numbers(FetchAll(server, SisQuery.All, 2));
        NoDuplicates(items);
        Assert.Equal(Seq(0, 1, 5, 6), items);
        Asked(server, (0, 2), (2, 2), (4, 2));
    }

    [Theory]
    [InlineData(10, 4)]
    [InlineData(9, 4)]
    public void A_total_count_that_is_too_big_stops_on_the_short_or_empty_page(
        int count,
        int requests
    )
    {
        var server = new ListServer(count) { TotalCount = _ => "1000" };
        Assert.Equal(Range(0, count), Numbers(FetchAll(server, SisQuery.All, 3)));
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public void A_total_count_that_is_too_small_stops_when_it_is_reached()
    {
        var server = new ListServer(10) { TotalCount = _ => "4" };
        Assert.Equal(Range(0, 6), Numbers(FetchAll(server, SisQuery.All, 3)));
        Asked(server, (0, 3), (3, 3));

        var zero = new ListServer(10) { TotalCount = _ => "0" };
        Assert.Equal(Range(0, 3), Numbers(FetchAll(zero, SisQuery.All, 3)));
        Assert.Single(zero.Requests);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("")]
    public void An_invalid_total_count_is_ignored(string header)
    {
        var server = new ListServer(7) { TotalCount = _ => header };
        Assert.Equal(Range(0, 7), Numbers(FetchAll(server, SisQuery.All, 3)));
        Asked(server, (0, 3), (3, 3), (6, 3));
    }

    [Fact]
    public void The_callers_offset_is_where_reading_starts_and_counts_for_the_total()
    {
        var server = new ListServer(10);
        Assert.Equal(Range(4, 6), Numbers(FetchAll(server, SisQuery.All.WithOffset(4), 3)));
        Asked(server, (4, 3), (7, 3));
    }

    [Fact]
    public void An_offset_past_the_end_reads_nothing()
    {
        var server = new ListServer(10);
        Assert.Equal(Seq<int>(), Numbers(FetchAll(server, SisQuery.All.WithOffset(50), 3)));
        Asked(server, (50, 3));
    }

    [Fact]
    public void The_callers_limit_caps_the_whole_read()
    {
        var server = new ListServer(10);
        Assert.Equal(Range(0, 5), Numbers(FetchAll(server, SisQuery.All.WithLimit(5), 3)));
        Asked(server, (0, 3), (3, 2));
    }

    [Fact]
    public void The_callers_offset_and_limit_together()
    {
        var server = new ListServer(10);
        var query = SisQuery.All.WithOffset(2).WithLimit(4);
        Assert.Equal(Range(2, 4), Numbers(FetchAll(server, query, 3)));
        Asked(server, (2, 3), (5, 1));
        Assert.Equal(Some(2), query.Offset);
        Assert.Equal(Some(4), query.Limit);
    }

    [Fact]
    public void A_limit_smaller_than_the_page_size_is_one_request()
    {
        var server = new ListServer(10);
        Assert.Equal(Range(0, 2), Numbers(FetchAll(server, SisQuery.All.WithLimit(2), 1000)));
        Asked(server, (0, 2));
    }

    [Fact]
    public void Page_size_one()
    {
        var server = new ListServer(5);
        Assert.Equal(Range(0, 5), Numbers(FetchAll(server, SisQuery.All, 1)));
        Asked(server, (0, 1), (1, 1), (2, 1), (3, 1), (4, 1));

        var uncounted = new ListServer(5) { TotalCount = _ => null };
        Assert.Equal(Range(0, 5), Numbers(FetchAll(uncounted, SisQuery.All, 1)));
        Assert.Equal(6, uncounted.Requests.Count);
    }

    [Fact]
    public void A_server_that_ignores_the_limit_cannot_cause_duplicates_or_exceed_the_callers_limit()
    {
        var server = new ListServer(10) { IgnoreLimit = true, TotalCount = _ => null };
        Assert.Equal(Range(0, 10), Numbers(FetchAll(server, SisQuery.All, 3)));
        Asked(server, (0, 3), (3, 3), (6, 3), (9, 3));

        var limited = new ListServer(10) { IgnoreLimit = true };
        Assert.Equal(Range(0, 4), Numbers(FetchAll(limited, SisQuery.All.WithLimit(4), 3)));
        Asked(limited, (0, 3), (3, 1));
    }

    [Fact]
    public void An_empty_collection_is_one_request()
    {
        var server = new ListServer(0);
        Assert.Equal(Seq<int>(), Numbers(FetchAll(server, SisQuery.All, 1000)));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void The_default_page_size_is_1000()
    {
        var server = new ListServer(2500);
        var result = HttpInterpreter.Run(
            HttpEffect.FromValidation(
                SisRequests.FetchAll(SisSettings.Default, SisEndpoint.Hiera, SisQuery.All)
            ),
            server.Handle
        );
        Assert.Equal(Range(0, 2500), Numbers(result));
        Asked(server, (0, 1000), (1000, 1000), (2000, 1000));
    }

    [Fact]
    public void A_failing_page_fails_the_whole_read()
    {
        const string body = """{"error":"Internal error boom","code":1002}""";
        var server = new ListServer(10)
        {
            Override = n => n == 1 ? HttpResponse.Text(500, body) : null,
        };
        var error = FetchAll(server, SisQuery.All, 3)
            .Match(_ => throw new InvalidOperationException("expected a failure"), e => e);
        Assert.Equal(
            new ApiError.Sis(new SisError("Internal error boom", Some(1002), 500, body)),
            error
        );
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void A_page_that_is_not_an_array_fails()
    {
        var server = new ListServer(10)
        {
            Override = n => n == 0 ? HttpResponse.Text(200, """{"a":1}""") : null,
        };
        var error = FetchAll(server, SisQuery.All, 3)
            .Match(_ => throw new InvalidOperationException("expected a failure"), e => e);
        Assert.IsType<ApiError.MalformedResponse>(error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void A_html_page_fails_with_the_decode_message()
    {
        var server = new ListServer(10)
        {
            Override = _ => HttpResponse.Text(404, "Cannot GET /api/v1.1/schemas\n"),
        };
        var error = FetchAll(server, SisQuery.All, 3)
            .Match(_ => throw new InvalidOperationException("expected a failure"), e => e);
        Assert.StartsWith(
            "Failed to decode JSON from the response: Cannot GET",
            Assert.IsType<ApiError.Sis>(error).Detail.Error,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10001)]
    public void FetchAll_rejects_a_bad_page_size(int pageSize)
    {
        var errors = SisRequests
            .FetchAll(SisSettings.Default, SisEndpoint.Schemas, SisQuery.All, pageSize)
            .Match(_ => throw new InvalidOperationException("expected a failure"), e => e);
        Assert.Equal(
            Seq1<ApiError>(new ApiError.InvalidArgument("pageSize", "must be between 1 and 10000")),
            errors
        );
    }

    [Fact]
    public void FetchAll_sends_nothing_until_run_and_can_be_run_twice()
    {
        var server = new ListServer(3);
        var built = SisRequests.FetchAll(SisSettings.Default, SisEndpoint.Schemas, SisQuery.All, 2);
        Assert.True(built.IsSuccess);
        Assert.Empty(server.Requests);
        var effect = HttpEffect.FromValidation(built);
        Assert.Equal(Range(0, 3), Numbers(HttpInterpreter.Run(effect, server.Handle)));
        var again = new ListServer(3);
        Assert.Equal(Range(0, 3), Numbers(HttpInterpreter.Run(effect, again.Handle)));
        Assert.Equal(server.Requests, again.Requests);
    }

    // ---------------------------------------------------------------- SisPaging alone

    [Fact]
    public void Start_reports_every_problem_at_once()
    {
        var errors = SisPaging
            .Start(SisQuery.All.WithOffset(-1).WithLimit(0), 0)
            .Match(_ => throw new InvalidOperationException("expected a failure"), e => e);
        var fields = errors.Map(e => Assert.IsType<ApiError.InvalidArgument>(e).Field).ToList();
        Assert.Contains("pageSize", fields);
        Assert.Contains(
            fields,
            f =>
                f.StartsWith("query", StringComparison.Ordinal)
                && f.Contains("offset", StringComparison.Ordinal)
        );
        Assert.Contains(
            fields,
            f =>
                f.StartsWith("query", StringComparison.Ordinal)
                && f.Contains("limit", StringComparison.Ordinal)
        );
        Assert.Equal(
            Seq1<ApiError>(new ApiError.InvalidArgument("query", "is required")),
            SisPaging.Start(null!, 10).Match(_ => Empty, e => e)
        );
    }

    [Fact]
    public void The_first_query_keeps_the_callers_offset_and_caps_the_limit()
    {
        var query = SisQuery.All.WithOffset(7).WithLimit(25);
        var paging = Started(query, 10);
        Assert.Equal(0, paging.Seen);
        Assert.Equal(7, paging.StartOffset);
        Assert.Equal(query.WithOffset(7).WithLimit(10), paging.NextQuery);
        Assert.Equal(query, paging.Query);
        Assert.Equal(Some(7), query.Offset);
        Assert.Equal(Some(25), query.Limit);

        var plain = Started(SisQuery.All, 500);
        Assert.Equal(SisQuery.All.WithOffset(0).WithLimit(500), plain.NextQuery);
        Assert.Equal(SisQuery.All, plain.Query);
    }

    [Fact]
    public void After_advances_by_the_items_read()
    {
        var p0 = Started(SisQuery.All.WithOffset(7).WithLimit(25), 10);
        var p1 = p0.After(Page(10, 100))
            .IfNone(() => throw new InvalidOperationException("stopped"));
        Assert.Equal(10, p1.Seen);
        Assert.Equal(17, p1.NextOffset);
        Assert.Equal(10, p1.NextLimit);
        var p2 = p1.After(Page(10, 100, first: 10))
            .IfNone(() => throw new InvalidOperationException("stopped"));
        Assert.Equal(27, p2.NextOffset);
        Assert.Equal(5, p2.NextLimit);
        Assert.True(p2.After(Page(5, 100, first: 20)).IsNone); // the caller's limit of 25 is reached
        Assert.Equal(0, p0.Seen); // states are values
    }

    [Fact]
    public void A_full_page_without_ids_that_repeats_the_previous_one_ends_the_read_and_is_not_handed_out()
    {
        // Items without a readable _id cannot show a server that ignores offset by their ids; the same page again can.
        var p1 = Started(SisQuery.All, 3)
            .After(Page(3))
            .IfNone(() => throw new InvalidOperationException("stopped"));
        Assert.Empty(p1.ItemsOf(Page(3)));
        Assert.True(p1.After(Page(3)).IsNone);
        // A different page goes on as usual.
        Assert.Equal(3, p1.ItemsOf(Page(3, first: 3)).Count);
        Assert.True(p1.After(Page(3, first: 3)).IsSome);
    }

    [Fact]
    public void After_stops_on_empty_short_total_and_non_array_pages()
    {
        var p = Started(SisQuery.All, 10);
        Assert.True(p.After(Page(0)).IsNone);
        Assert.True(p.After(Page(0, 50)).IsNone);
        Assert.True(p.After(Page(9)).IsNone);
        Assert.True(p.After(Page(10, 10)).IsNone);
        Assert.True(p.After(Page(10, 11)).IsSome);
        Assert.True(p.After(Page(10)).IsSome);
        var obj = new SisResponse(200, JsonDocument.Parse("{}").RootElement.Clone(), Empty, None);
        Assert.True(p.After(obj).IsNone);
        Assert.True(p.ItemsOf(obj).IsEmpty);

        var offset = Started(SisQuery.All.WithOffset(5), 10);
        Assert.True(offset.After(Page(10, 15)).IsNone); // total counted from the start offset
        Assert.True(offset.After(Page(10, 16)).IsSome);
    }

    [Fact]
    public void ItemsOf_keeps_at_most_what_was_asked()
    {
        var p = Started(SisQuery.All.WithLimit(4), 3);
        Assert.Equal(3, p.ItemsOf(Page(50)).Count);
        var next = p.After(Page(50)).IfNone(() => throw new InvalidOperationException("stopped"));
        Assert.Equal(3, next.Seen);
        Assert.Equal(1, next.ItemsOf(Page(50)).Count);
        Assert.True(next.After(Page(50)).IsNone);
    }

    [Fact]
    public void Offsets_never_overflow()
    {
        var p = Started(SisQuery.All.WithOffset(int.MaxValue - 5), 10);
        Assert.True(p.After(Page(10)).IsNone);
        var q = Started(SisQuery.All.WithOffset(int.MaxValue - 20), 10);
        var r = q.After(Page(10)).IfNone(() => throw new InvalidOperationException("stopped"));
        Assert.Equal(int.MaxValue - 10, r.NextOffset);
        Assert.True(r.After(Page(10)).Map(s => s.NextOffset).ForAll(o => o > r.NextOffset));
    }

    [Fact]
    public void Every_continuing_step_strictly_advances()
    {
        foreach (var pageSize in new[] { 1, 2, 7, 100 })
        foreach (var total in new long?[] { null, 0, 3, 50, 1000 })
        {
            var state = Some(Started(SisQuery.All, pageSize));
            var steps = 0;
            while (state.IsSome && steps < 10_000)
            {
                var current = state.IfNone(() => throw new InvalidOperationException());
                var size = (int)Math.Max(0, Math.Min(pageSize, (total ?? 60) - current.NextOffset));
                state = current.After(Page(size, total));
                state.IfSome(next => Assert.True(next.NextOffset > current.NextOffset));
                steps++;
            }
            Assert.True(steps < 10_000);
        }
    }
}
