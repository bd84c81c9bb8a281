using Functional.Core.Errors;
using Functional.Core.Http;

namespace Functional.Core.Sis;

/// <summary>
/// Options of <c>PUT B/:id</c>: <c>upsert=true</c> (create when missing, §2.6.4), <c>cas=&lt;condition&gt;</c>
/// (compare-and-set, §2.6.5) and <c>forceMixed=true</c> (replace Mixed fields instead of merging them).
/// </summary>
/// <param name="Upsert">Create the object when it does not exist (its id field must equal the id).</param>
/// <param name="Cas">A non-empty condition the stored object must match, else 400 <c>CAS update failed</c>.</param>
/// <param name="ForceMixed">Replace Mixed fields instead of merging them (entities).</param>
public sealed record SisUpdateOptions(bool Upsert, Option<SisFilter> Cas, bool ForceMixed)
{
    /// <summary>A plain update: no upsert, no condition, Mixed fields merged.</summary>
    public static SisUpdateOptions Default { get; } = new(false, None, false);

    /// <summary>A copy with upsert on or off.</summary>
    public SisUpdateOptions WithUpsert(bool upsert) => this with { Upsert = upsert };

    /// <summary>A copy with a compare-and-set condition (it must not be empty).</summary>
    public SisUpdateOptions WithCas(SisFilter condition) => this with { Cas = Some(condition) };

    /// <summary>A copy without a condition.</summary>
    public SisUpdateOptions WithoutCas() => this with { Cas = None };

    /// <summary>A copy with forceMixed on or off.</summary>
    public SisUpdateOptions WithForceMixed(bool forceMixed) =>
        this with
        {
            ForceMixed = forceMixed,
        };

    /// <summary>The query pairs <c>upsert</c>, <c>cas</c>, <c>forceMixed</c> (only those that are set), or every problem.</summary>
    internal Validation<ApiError, Seq<QueryParam>> ToQueryParams(string field)
    {
        var cas = Cas.Match(
            c =>
                SisChecks
                    .Filter(
                        $"{field}.cas",
                        c,
                        nonEmpty: true,
                        "must not be empty (the server rejects an empty CAS condition)"
                    )
                    .Map(Some),
            () => Success<ApiError, Option<SisFilter>>(None)
        );
        return cas.Map(c =>
        {
            var pairs = Seq<QueryParam>();
            if (Upsert)
                pairs = pairs.Add(new QueryParam("upsert", "true"));
            c.IfSome(f => pairs = pairs.Add(new QueryParam("cas", f.ToJson())));
            if (ForceMixed)
                pairs = pairs.Add(new QueryParam("forceMixed", "true"));
            return pairs;
        });
    }
}

/// <summary>Options of <c>GET B/:id</c>: <c>populate</c>, <c>removeEmpty</c> (entities) and <c>with_counts</c> (schemas).</summary>
/// <param name="Populate">Which references the server resolves (entities only).</param>
/// <param name="RemoveEmpty">True sends <c>removeEmpty=true</c>.</param>
/// <param name="WithCounts">True sends <c>with_counts=true</c> (a schema gets <c>entity_count</c>).</param>
public sealed record SisGetOptions(SisPopulate Populate, bool RemoveEmpty, bool WithCounts)
{
    /// <summary>Sends no parameter.</summary>
    public static SisGetOptions Default { get; } = new(SisPopulate.Default, false, false);

    /// <summary>A copy with another populate choice.</summary>
    public SisGetOptions WithPopulate(SisPopulate populate) => this with { Populate = populate };

    /// <summary>A copy that sends <c>removeEmpty=true</c> or not.</summary>
    public SisGetOptions WithRemoveEmpty(bool removeEmpty) =>
        this with
        {
            RemoveEmpty = removeEmpty,
        };

    /// <summary>
    /// A copy that sends <c>with_counts=true</c> or not (named so because the property <see cref="WithCounts"/>
    /// holds the flag).
    /// </summary>
    public SisGetOptions WithEntityCounts(bool withCounts) => this with { WithCounts = withCounts };

    /// <summary>The query pairs <c>populate</c>, <c>removeEmpty</c>, <c>with_counts</c>, or every problem.</summary>
    internal Validation<ApiError, Seq<QueryParam>> ToQueryParams(string field)
    {
        if (Populate is null)
            return SisChecks.Problem<Seq<QueryParam>>(
                $"{field}.populate",
                "is required (use SisPopulate.Default)"
            );
        var problems = Populate.Problems($"{field}.populate");
        if (!problems.IsEmpty)
            return Fail<ApiError, Seq<QueryParam>>(problems);
        var pairs = Seq<QueryParam>();
        Populate.QueryValue.IfSome(p => pairs = pairs.Add(new QueryParam("populate", p)));
        if (RemoveEmpty)
            pairs = pairs.Add(new QueryParam("removeEmpty", "true"));
        if (WithCounts)
            pairs = pairs.Add(new QueryParam("with_counts", "true"));
        return Success<ApiError, Seq<QueryParam>>(pairs);
    }
}
