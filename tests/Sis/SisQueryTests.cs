using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Tests.Support;

namespace Functional.Tests.Sis;

/// <summary>What a list GET sends: parameter names, order, lower-case booleans, and every bad argument at once.</summary>
public sealed class SisQueryTests
{
    private static Seq<QueryParam> Params(SisQuery q) =>
        q.ToQueryParams()
            .Match(p => p, e => throw new Xunit.Sdk.XunitException(string.Join("; ", e)));

    private static string Encoded(SisQuery q) => QueryString.Encode(Params(q));

    [Fact]
    public void All_sends_nothing()
    {
        Assert.True(Params(SisQuery.All).IsEmpty);
        Assert.True(Params(SisQuery.Where(SisFilter.Empty)).IsEmpty);
    }

    [Fact]
    public void Every_parameter_is_sent_in_order_with_lower_case_booleans()
    {
        var q = SisQuery
            .Where(SisFilter.Eq("num", 5).And(SisFilter.Eq("ok", true)))
            .WithLimit(20)
            .WithOffset(40)
            .WithSort(SisSort.Desc("name"), SisSort.Asc("num"))
            .WithFields("name", "b.c", "-x")
            .WithPopulate(SisPopulate.Paths("ref_0", "ref_1"))
            .WithRemoveEmpty(true)
            .WithEntityCounts(true);
        Assert.Equal(
            "q=%7B%22num%22%3A5%2C%22ok%22%3Atrue%7D&limit=20&offset=40&sort=-name%2Cnum"
                + "&fields=name%2Cb.c%2C-x&populate=ref_0%2Cref_1&removeEmpty=true&with_counts=true",
            Encoded(q)
        );
        Assert.DoesNotContain("True", Encoded(q), StringComparison.Ordinal);
    }

    [Fact]
    public void Populate_sends_true_false_or_paths_and_nothing_by_default()
    {
        Assert.Equal("populate=true", Encoded(SisQuery.All.WithPopulate(SisPopulate.All)));
        Assert.Equal("populate=false", Encoded(SisQuery.All.WithPopulate(SisPopulate.None)));
        Assert.Equal("", Encoded(SisQuery.All.WithPopulate(SisPopulate.Default)));
        Assert.Equal(
            "populate=a",
            Encoded(SisQuery.All.WithPopulate(SisPopulate.Paths(Seq1("a"))))
        );
        Assert.Equal(SisPopulate.Paths("a", "b"), SisPopulate.Paths("a", "b"));
        Assert.NotEqual(SisPopulate.Paths("a", "b"), SisPopulate.Paths("b", "a"));
    }

    [Fact]
    public void False_flags_and_cleared_paging_are_not_sent()
    {
        var q = SisQuery
            .All.WithLimit(5)
            .WithOffset(3)
            .WithRemoveEmpty(false)
            .WithEntityCounts(false);
        Assert.Equal("limit=5&offset=3", Encoded(q));
        Assert.Equal("", Encoded(q.WithoutLimit().WithoutOffset()));
        Assert.Equal("offset=0", Encoded(SisQuery.All.WithOffset(0)));
        Assert.Equal("limit=10000", Encoded(SisQuery.All.WithLimit(10000)));
    }

    [Fact]
    public void Q_decodes_back_to_the_same_json_object()
    {
        var filter = SisFilter.Or(
            SisFilter.Eq("name", "a+b & c=d?#/é\"'"),
            SisFilter.And(SisFilter.Gte("n", 1.5), SisFilter.Lt("n", 10)),
            SisFilter.In("_sis.tags", ["x y", "%20"]),
            SisFilter.Null("gone")
        );
        var text = Encoded(SisQuery.Where(filter).WithLimit(3));
        var decoded = QueryString.Decode(text);
        Assert.Equal(["q", "limit"], decoded.Map(p => p.Name).ToArray());
        var q = JsonNode.Parse(decoded.Head.Value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(filter.ToElement().GetRawText()), q));
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse(
                    """{"$or":[{"name":"a+b & c=d?#/é\"'"},{"n":{"$gte":1.5,"$lt":10}},{"_sis.tags":{"$in":["x y","%20"]}},{"gone":null}]}"""
                ),
                q
            )
        );
        Assert.Equal(filter, SisFilterTests.Ok(SisFilter.Parse(decoded.Head.Value)));
    }

    [Fact]
    public void Every_bad_argument_is_reported_at_once()
    {
        var q = new SisQuery(
            SisFilter.Eq("", 1),
            Some(0),
            Some(-1),
            Seq(SisSort.Asc(""), SisSort.Desc("a,b"), SisSort.Asc("-x"), null!),
            Seq("", "a,b", null!),
            SisPopulate.Paths("true", ""),
            false,
            false
        );
        Assert.Equal(
            [
                "query.filter",
                "query.limit",
                "query.offset",
                "query.sort[0].field",
                "query.sort[1].field",
                "query.sort[2].field",
                "query.sort[3]",
                "query.fields[0]",
                "query.fields[1]",
                "query.fields[2]",
                "query.populate[0]",
                "query.populate[1]",
            ],
            Rpc.Fields(q.ToQueryParams())
        );
    }

    [Fact]
    public void Limit_and_missing_parts_are_named_with_the_callers_field()
    {
        Assert.Equal(
            ["page.limit"],
            Rpc.Fields(SisQuery.All.WithLimit(10001).ToQueryParams("page"))
        );
        Assert.Equal(
            ["query.filter", "query.populate"],
            Rpc.Fields((SisQuery.All with { Filter = null!, Populate = null! }).ToQueryParams())
        );
        Assert.Equal(
            ["query.populate"],
            Rpc.Fields(SisQuery.All.WithPopulate(SisPopulate.Paths()).ToQueryParams())
        );
    }

    [Fact]
    public void With_methods_never_change_the_original()
    {
        var original = SisQuery.All;
        _ = original.WithLimit(3).WithSort(SisSort.Asc("a")).WithFilter(SisFilter.Eq("a", 1));
        Assert.Equal(SisQuery.All, original);
        Assert.True(original.Limit.IsNone);
        Assert.Equal(SisQuery.All.WithLimit(3), SisQuery.All.WithLimit(3));
    }
}
