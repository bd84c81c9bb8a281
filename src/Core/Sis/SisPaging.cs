using System.Text.Json;
using Functional.Core.Errors;

namespace Functional.Core.Sis;

/// <summary>
/// Where a paged read of a SIS list stands: a pure, immutable state machine shared by <see cref="Sis.FetchAll"/>
/// and the facade's lazy enumeration. Ask for <see cref="NextQuery"/>, keep <see cref="ItemsOf"/> the answer, and
/// continue with <see cref="After"/> until it gives None.
/// </summary>
/// <remarks>
/// Unlike sispy's <c>fetch_all</c>, the caller's query is never changed (records are immutable), a caller's
/// <c>offset</c> is where reading starts and counts for the stop test, a caller's <c>limit</c> caps the total
/// number of items, and a missing <c>x-total-count</c> is not an error. Reading stops on an empty page, a short
/// page, when <c>x-total-count</c> is reached (counted from the start offset) or when the caller's limit is
/// reached; every page that does not stop it moves the offset forward by at least one item, so reading always
/// ends, even against a server whose count lies or whose collection shrinks meanwhile.
/// </remarks>
public sealed record SisPaging
{
    /// <summary>The largest page the server sends (its <c>MAX_RESULTS</c>).</summary>
    public const int MaxPageSize = 10000;

    private SisPaging(
        SisQuery query,
        int pageSize,
        int startOffset,
        Option<int> limit,
        int seen,
        LanguageExt.HashSet<string> ids,
        Seq<string> anonymousPage
    )
    {
        AnonymousPage = anonymousPage;
        Query = query;
        PageSize = pageSize;
        StartOffset = startOffset;
        Limit = limit;
        Seen = seen;
        Ids = ids;
    }

    /// <summary>
    /// Starts reading with the caller's query (its filter, sort, fields... are kept on every page) in pages of
    /// <paramref name="pageSize"/> items (1..10000). The query's offset is where reading starts; its limit, when
    /// set, is the most items read in all. Reports every problem of the query (as <c>query.…</c>) and of the page
    /// size at once.
    /// </summary>
    public static Validation<ApiError, SisPaging> Start(SisQuery query, int pageSize)
    {
        var checkedQuery = query is null
            ? Fail<ApiError, SisQuery>(new ApiError.InvalidArgument("query", "is required"))
            : query.ToQueryParams("query").Map(_ => query);
        var checkedSize = pageSize is >= 1 and <= MaxPageSize
            ? Success<ApiError, int>(pageSize)
            : Fail<ApiError, int>(
                new ApiError.InvalidArgument("pageSize", "must be between 1 and 10000")
            );
        return (checkedQuery, checkedSize).Apply(
            (q, size) => new SisPaging(q, size, q.Offset.IfNone(0), q.Limit, 0, default, default)
        );
    }

    /// <summary>The caller's query, unchanged.</summary>
    public SisQuery Query { get; }

    /// <summary>How many items a page asks for (fewer for the last page when the caller set a limit).</summary>
    public int PageSize { get; }

    /// <summary>The offset of the first item: the caller's offset, or 0.</summary>
    public int StartOffset { get; }

    /// <summary>The caller's limit: the most items to read in all, when set.</summary>
    public Option<int> Limit { get; }

    /// <summary>How many list positions have been read so far (the offset advances by this much).</summary>
    public int Seen { get; }

    /// <summary>
    /// The <c>_id</c>s of the items handed out so far: an item whose <c>_id</c> comes again (a collection that
    /// changed between pages, or a server that ignores <c>offset</c>) is not handed out twice.
    /// </summary>
    public LanguageExt.HashSet<string> Ids { get; }

    /// <summary>
    /// The previous page's items as JSON text, kept only when one of them had no readable <c>_id</c> (empty
    /// otherwise): a full page equal to it comes from a server that ignores <c>offset</c>, which the <c>_id</c>s
    /// cannot show.
    /// </summary>
    private Seq<string> AnonymousPage { get; }

    /// <summary>How many items the next page asks for: the page size, or what is left of the caller's limit.</summary>
    public int NextLimit => Limit.Match(l => Math.Min(PageSize, l - Seen), () => PageSize);

    /// <summary>The offset of the next page: the start offset plus the items read so far.</summary>
    public int NextOffset => StartOffset + Seen;

    /// <summary>The query of the next page: the caller's query with <see cref="NextOffset"/> and <see cref="NextLimit"/>.</summary>
    public SisQuery NextQuery => Query.WithOffset(NextOffset).WithLimit(NextLimit);

    /// <summary>The answer to <see cref="NextQuery"/> when it is a JSON array (one page of a list), else the error.</summary>
    public static Either<ApiError, SisResponse> RequirePage(SisResponse page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.IsArray
            ? Right<ApiError, SisResponse>(page)
            : Left<ApiError, SisResponse>(
                new ApiError.MalformedResponse(
                    "a JSON array (one page of the list)",
                    $"found a JSON {page.Json.ValueKind.ToString().ToLowerInvariant()}"
                )
            );
    }

    /// <summary>
    /// The items of the answer to <see cref="NextQuery"/> to keep: its array elements, at most
    /// <see cref="NextLimit"/> of them (a server that ignores <c>limit</c> cannot make the caller exceed its limit or
    /// read an item twice). Empty when the body is not an array.
    /// </summary>
    public Seq<JsonElement> ItemsOf(SisResponse page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var ids = Ids;
        if (RepeatsAnonymousPage(page.Items.Take(NextLimit).ToSeq()))
            return Seq<JsonElement>();
        return page
            .Items.Take(NextLimit)
            .Filter(item =>
                IdOf(item)
                    .Match(
                        id =>
                        {
                            if (ids.Contains(id))
                                return false;
                            ids = ids.Add(id);
                            return true;
                        },
                        () => true
                    )
            )
            .ToSeq()
            .Strict();
    }

    /// <summary>
    /// The state after the answer to <see cref="NextQuery"/>, or None when reading is over: the page is empty or
    /// not an array, it is short (fewer items than asked), the caller's limit is reached, <c>x-total-count</c> is
    /// reached (counting from <see cref="StartOffset"/>), every item of a full page was handed out before or, for
    /// items without an <c>_id</c>, the page repeats the previous one (a server that ignores <c>offset</c>), or the next offset would not fit in 32 bits.
    /// </summary>
    public Option<SisPaging> After(SisResponse page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var asked = NextLimit;
        var count = page.IsArray ? page.Json.GetArrayLength() : 0;
        if (count == 0)
            return None;
        var kept = Math.Min(count, asked);
        var items = page.Items.Take(kept).ToSeq();
        var known = Ids;
        var ids = items.Fold(Ids, (set, item) => IdOf(item).Match(set.TryAdd, () => set));
        var onlyRepeats =
            items.ForAll(item => IdOf(item).Exists(known.Contains)) || RepeatsAnonymousPage(items);
        var seen = (long)Seen + kept;
        var end = StartOffset + seen;
        var finished =
            count < asked
            || onlyRepeats
            || Limit.Exists(l => seen >= l)
            || page.TotalCount.Exists(total => end >= total)
            || end > int.MaxValue;
        return finished
            ? None
            : Some(
                new SisPaging(
                    Query,
                    PageSize,
                    StartOffset,
                    Limit,
                    (int)seen,
                    ids,
                    items.Exists(item => IdOf(item).IsNone)
                        ? items.Map(item => item.GetRawText()).Strict()
                        : Seq<string>()
                )
            );
    }

    /// <summary>
    /// Whether <paramref name="items"/> (a page with items lacking a readable <c>_id</c>) is the previous page again,
    /// item for item: the server ignored <c>offset</c>.
    /// </summary>
    private bool RepeatsAnonymousPage(Seq<JsonElement> items) =>
        !AnonymousPage.IsEmpty
        && items.Count == AnonymousPage.Count
        && items.Zip(AnonymousPage).ForAll(pair => pair.Item1.GetRawText() == pair.Item2);

    private static Option<string> IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("_id", out var id)
            ? OnePlatform.Json.StringOf(id)
            : None;

    /// <inheritdoc />
    public override string ToString() =>
        $"SisPaging {{ StartOffset = {StartOffset}, Seen = {Seen}, PageSize = {PageSize}, Limit = {Limit.Match(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture), () => "(none)")} }}";
}
