using System.Globalization;
using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Sis;

/// <summary>
/// What a list GET sends (spec §2.4): the filter <c>q</c>, <c>limit</c>, <c>offset</c>, <c>sort</c>, <c>fields</c>,
/// <c>populate</c>, <c>removeEmpty</c> and <c>with_counts</c>. Booleans are sent lower-case (<c>true</c>), as the
/// server expects — never Python's <c>True</c>.
/// </summary>
/// <param name="Filter">The Mongo query document; not sent when empty.</param>
/// <param name="Limit">The most items to return (1..10000); the server's default is 10000.</param>
/// <param name="Offset">How many matches to skip (≥ 0).</param>
/// <param name="Sort">The sort keys in order; none keeps the natural (insertion) order.</param>
/// <param name="Fields">The projection (<c>a</c>, <c>b.c</c>, <c>-x</c> to exclude); none returns every field.</param>
/// <param name="Populate">Which references the server resolves (entities only).</param>
/// <param name="RemoveEmpty">True sends <c>removeEmpty=true</c>: empty arrays and objects are left out (entities).</param>
/// <param name="WithCounts">True sends <c>with_counts=true</c>: schemas get <c>entity_count</c>.</param>
public sealed record SisQuery(
    SisFilter Filter,
    Option<int> Limit,
    Option<int> Offset,
    Seq<SisSort> Sort,
    Seq<string> Fields,
    SisPopulate Populate,
    bool RemoveEmpty,
    bool WithCounts
)
{
    /// <summary>The largest <c>limit</c> the server honours.</summary>
    public const int MaxLimit = 10000;

    /// <summary>Everything, in the server's default order and page size: sends no parameter.</summary>
    public static SisQuery All { get; } =
        new(SisFilter.Empty, None, None, Empty, Empty, SisPopulate.Default, false, false);

    /// <summary>The items matching <paramref name="filter"/>.</summary>
    public static SisQuery Where(SisFilter filter) => All with { Filter = filter };

    /// <summary>A copy with another filter.</summary>
    public SisQuery WithFilter(SisFilter filter) => this with { Filter = filter };

    /// <summary>A copy that asks for at most <paramref name="limit"/> items (1..10000).</summary>
    public SisQuery WithLimit(int limit) => this with { Limit = Some(limit) };

    /// <summary>A copy that sends no <c>limit</c> (the server returns up to 10000 items).</summary>
    public SisQuery WithoutLimit() => this with { Limit = None };

    /// <summary>A copy that skips <paramref name="offset"/> matches (≥ 0).</summary>
    public SisQuery WithOffset(int offset) => this with { Offset = Some(offset) };

    /// <summary>A copy that sends no <c>offset</c>.</summary>
    public SisQuery WithoutOffset() => this with { Offset = None };

    /// <summary>A copy sorted by these keys, in order (replaces any earlier sort).</summary>
    public SisQuery WithSort(params SisSort[] sort) =>
        this with
        {
            Sort = sort is null ? Empty : toSeq(sort),
        };

    /// <summary>A copy that returns only these fields (replaces any earlier projection).</summary>
    public SisQuery WithFields(params string[] fields) =>
        this with
        {
            Fields = fields is null ? Empty : toSeq(fields),
        };

    /// <summary>A copy with another populate choice.</summary>
    public SisQuery WithPopulate(SisPopulate populate) => this with { Populate = populate };

    /// <summary>A copy that sends <c>removeEmpty=true</c> or not.</summary>
    public SisQuery WithRemoveEmpty(bool removeEmpty) => this with { RemoveEmpty = removeEmpty };

    /// <summary>
    /// A copy that sends <c>with_counts=true</c> or not (named so because the property <see cref="WithCounts"/>
    /// holds the flag).
    /// </summary>
    public SisQuery WithEntityCounts(bool withCounts) => this with { WithCounts = withCounts };

    /// <summary>
    /// The query-string pairs, in the order <c>q, limit, offset, sort, fields, populate, removeEmpty, with_counts</c>,
    /// each only when it differs from the server's default; or every problem at once, named
    /// <c>&lt;field&gt;.limit</c>, <c>&lt;field&gt;.sort[1]</c>...
    /// </summary>
    public Validation<ApiError, Seq<QueryParam>> ToQueryParams(string field = "query")
    {
        if (IsValid())
            return Success<ApiError, Seq<QueryParam>>(Pairs());
        var problems = Problems(field);
        return problems.IsEmpty
            ? Success<ApiError, Seq<QueryParam>>(Pairs())
            : Fail<ApiError, Seq<QueryParam>>(problems);
    }

    /// <summary>True when <see cref="Problems"/> would find nothing (checked without building any message).</summary>
    private bool IsValid()
    {
        if (Filter is null || !Filter.Problems.IsEmpty || Populate is null)
            return false;
        if (Limit.Exists(l => l is < 1 or > MaxLimit) || Offset.Exists(o => o < 0))
            return false;
        foreach (var s in Sort)
        {
            if (s is null || SisChecks.ListItem(s.Field, allowSign: false).IsSome)
                return false;
        }
        foreach (var f in Fields)
        {
            if (SisChecks.ListItem(f, allowSign: true).IsSome)
                return false;
        }
        return Populate.Problems("").IsEmpty;
    }

    /// <summary>The pairs of a valid query.</summary>
    private Seq<QueryParam> Pairs()
    {
        var pairs = new List<QueryParam>(4);
        if (!Filter.IsEmpty)
            pairs.Add(new QueryParam("q", Filter.ToJson()));
        if (Limit.IsSome)
            pairs.Add(new QueryParam("limit", Text(Limit.IfNone(0))));
        if (Offset.IsSome)
            pairs.Add(new QueryParam("offset", Text(Offset.IfNone(0))));
        if (!Sort.IsEmpty)
            pairs.Add(
                new QueryParam(
                    "sort",
                    Sort.Count == 1
                        ? Sort[0].QueryValue
                        : string.Join(",", Sort.Map(s => s.QueryValue))
                )
            );
        if (!Fields.IsEmpty)
            pairs.Add(new QueryParam("fields", string.Join(",", Fields)));
        if (Populate.QueryValue.Case is string populate)
            pairs.Add(new QueryParam("populate", populate));
        if (RemoveEmpty)
            pairs.Add(new QueryParam("removeEmpty", "true"));
        if (WithCounts)
            pairs.Add(new QueryParam("with_counts", "true"));
        return toSeq(pairs);
    }

    /// <summary>Every problem of the query, named <c>&lt;field&gt;.limit</c>, <c>&lt;field&gt;.sort[1]</c>...</summary>
    private Seq<ApiError> Problems(string field)
    {
        var problems = new List<ApiError>();
        void Problem(string f, string p) => problems.Add(new ApiError.InvalidArgument(f, p));

        if (Filter is null)
            Problem($"{field}.filter", "is required (use SisFilter.Empty)");
        else
            Filter.Validate($"{field}.filter").IfFail(es => problems.AddRange(es));
        Limit.IfSome(l =>
        {
            if (l is < 1 or > MaxLimit)
                Problem($"{field}.limit", $"must be between 1 and {MaxLimit}, not {l}");
        });
        Offset.IfSome(o =>
        {
            if (o < 0)
                Problem($"{field}.offset", $"must not be negative, not {o}");
        });
        Sort.Iter(
            (i, s) =>
            {
                if (s is null)
                    Problem($"{field}.sort[{i}]", "is required");
                else
                    SisChecks
                        .ListItem(s.Field, allowSign: false)
                        .IfSome(p => Problem($"{field}.sort[{i}].field", p));
            }
        );
        Fields.Iter(
            (i, f) =>
                SisChecks
                    .ListItem(f, allowSign: true)
                    .IfSome(p => Problem($"{field}.fields[{i}]", p))
        );
        if (Populate is null)
            Problem($"{field}.populate", "is required (use SisPopulate.Default)");
        else
            problems.AddRange(Populate.Problems($"{field}.populate"));

        return toSeq(problems);
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One sort key: <c>field</c> ascending or <c>-field</c> descending.</summary>
/// <param name="Field">The field path, e.g. <c>name</c> or <c>_sis._updated_at</c>.</param>
/// <param name="Descending">True for descending order.</param>
public sealed record SisSort(string Field, bool Descending)
{
    /// <summary>Ascending by <paramref name="field"/>.</summary>
    public static SisSort Asc(string field) => new(field, false);

    /// <summary>Descending by <paramref name="field"/>.</summary>
    public static SisSort Desc(string field) => new(field, true);

    /// <summary>How the key is sent: <c>field</c> or <c>-field</c>.</summary>
    public string QueryValue => Descending ? "-" + Field : Field;
}

/// <summary>
/// Which references an entity GET resolves (<c>populate</c>): the server default (one level, every reference),
/// all of them (<c>true</c>), none (<c>false</c>), or only the named paths (<c>a,b</c>).
/// </summary>
public abstract record SisPopulate
{
    private SisPopulate() { }

    /// <summary>Send nothing: the server's default (entities: populate every reference).</summary>
    public static SisPopulate Default { get; } = new ServerDefault();

    /// <summary><c>populate=true</c>.</summary>
    public static SisPopulate All { get; } = new Everything();

    /// <summary><c>populate=false</c>: references stay ids.</summary>
    public static SisPopulate None { get; } = new Nothing();

    /// <summary><c>populate=a,b</c>: only these reference paths (at least one).</summary>
    public static SisPopulate Paths(params string[] paths) =>
        new Selected(paths is null ? Seq<string>() : toSeq(paths));

    /// <summary><c>populate=a,b</c>: only these reference paths (at least one).</summary>
    public static SisPopulate Paths(Seq<string> paths) => new Selected(paths);

    /// <summary>The value sent as <c>populate</c>; None sends nothing.</summary>
    public abstract Option<string> QueryValue { get; }

    internal virtual Seq<ApiError> Problems(string field) => Seq<ApiError>();

    /// <summary>Send nothing (server default).</summary>
    public sealed record ServerDefault : SisPopulate
    {
        /// <inheritdoc />
        public override Option<string> QueryValue => Option<string>.None;
    }

    /// <summary><c>populate=true</c>.</summary>
    public sealed record Everything : SisPopulate
    {
        /// <inheritdoc />
        public override Option<string> QueryValue => Some("true");
    }

    /// <summary><c>populate=false</c>.</summary>
    public sealed record Nothing : SisPopulate
    {
        /// <inheritdoc />
        public override Option<string> QueryValue => Some("false");
    }

    /// <summary><c>populate=a,b</c>.</summary>
    /// <param name="References">The reference paths.</param>
    public sealed record Selected(Seq<string> References) : SisPopulate
    {
        /// <inheritdoc />
        public override Option<string> QueryValue => Some(string.Join(",", References));

        internal override Seq<ApiError> Problems(string field)
        {
            if (References.IsEmpty)
                return Seq1<ApiError>(
                    new ApiError.InvalidArgument(
                        field,
                        "must name at least one path (use SisPopulate.None for none)"
                    )
                );
            return References
                .Map(
                    (i, p) =>
                        SisChecks
                            .ListItem(p, allowSign: false)
                            .Map(problem =>
                                (ApiError)new ApiError.InvalidArgument($"{field}[{i}]", problem)
                            )
                            .Match(
                                Some: e => Some(e),
                                None: () =>
                                    p is "true" or "false"
                                        ? Some<ApiError>(
                                            new ApiError.InvalidArgument(
                                                $"{field}[{i}]",
                                                $"\"{p}\" would be read as a boolean (use SisPopulate.All or None)"
                                            )
                                        )
                                        : Option<ApiError>.None
                            )
                )
                .Somes()
                .ToSeq();
        }
    }
}
