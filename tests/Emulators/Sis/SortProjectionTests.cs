using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Query;

namespace Functional.Tests.Emulators.Sis;

/// <summary>The <c>sort</c> and <c>fields</c> parameters of spec §2.4.</summary>
public class SortProjectionTests
{
    private static List<JsonObject> Docs(params string[] docs) =>
        [.. docs.Select(d => JsonNode.Parse(d)!.AsObject())];

    private static string Ids(IEnumerable<JsonObject> docs) =>
        string.Join(",", docs.Select(d => d["id"]!.ToJsonString()));

    [Fact]
    public void Sorts_by_several_keys_descending_and_ascending()
    {
        var docs = Docs(
            """{"id":1,"name":"a","num":2}""",
            """{"id":2,"name":"b","num":1}""",
            """{"id":3,"name":"a","num":1}"""
        );
        Assert.Equal("2,3,1", Ids(Sorter.Parse("-name,num").Sort(docs)));
        Assert.Equal("3,1,2", Ids(Sorter.Parse("+name,num").Sort(docs)));
        Assert.Equal("3,1,2", Ids(Sorter.Parse(" name, num").Sort(docs)));
    }

    [Fact]
    public void Missing_and_null_sort_first_then_mongo_type_order()
    {
        var docs = Docs(
            """{"id":1,"v":true}""",
            """{"id":2,"v":"s"}""",
            """{"id":3,"v":{"a":1}}""",
            """{"id":4,"v":5}""",
            """{"id":5}""",
            """{"id":6,"v":null}"""
        );
        Assert.Equal("5,6,4,2,3,1", Ids(Sorter.Parse("v").Sort(docs)));
        Assert.Equal("1,3,2,4,5,6", Ids(Sorter.Parse("-v").Sort(docs)));
    }

    [Fact]
    public void Equal_keys_keep_insertion_order()
    {
        var docs = Docs(
            """{"id":1,"k":1}""",
            """{"id":2,"k":0}""",
            """{"id":3,"k":1}""",
            """{"id":4,"k":0}"""
        );
        Assert.Equal("2,4,1,3", Ids(Sorter.Parse("k").Sort(docs)));
        Assert.Equal("1,3,2,4", Ids(Sorter.Parse("-k").Sort(docs)));
        Assert.Equal("1,2,3,4", Ids(Sorter.Parse("").Sort(docs)));
    }

    [Fact]
    public void Arrays_sort_by_their_smallest_or_largest_element_and_paths_are_dotted()
    {
        var docs = Docs("""{"id":1,"a":[5,1]}""", """{"id":2,"a":[3]}""", """{"id":3,"a":[4,6]}""");
        Assert.Equal("1,2,3", Ids(Sorter.Parse("a").Sort(docs)));
        Assert.Equal("3,1,2", Ids(Sorter.Parse("-a").Sort(docs)));
        var nested = Docs("""{"id":1,"o":{"n":2}}""", """{"id":2,"o":{"n":1}}""");
        Assert.Equal("2,1", Ids(Sorter.Parse("o.n").Sort(nested)));
    }

    private static string Project(string fields, string doc)
    {
        var projection = Projection.Parse(fields);
        Assert.True(projection.IsOk);
        return projection.Value!.Apply(JsonNode.Parse(doc)!.AsObject()).ToJsonString();
    }

    [Theory]
    [InlineData("", """{"_id":"x","a":1}""", """{"_id":"x","a":1}""")]
    [InlineData("a", """{"_id":"x","a":1,"b":2}""", """{"_id":"x","a":1}""")]
    [InlineData("b,a", """{"a":1,"_id":"x","b":2,"c":3}""", """{"a":1,"_id":"x","b":2}""")]
    [InlineData("b.c", """{"_id":"x","b":{"c":1,"d":2},"e":3}""", """{"_id":"x","b":{"c":1}}""")]
    [InlineData(
        "b.c",
        """{"_id":"x","b":[{"c":1,"d":2},{"d":3},4]}""",
        """{"_id":"x","b":[{"c":1},{}]}"""
    )]
    [InlineData("zz", """{"_id":"x","a":1}""", """{"_id":"x"}""")]
    [InlineData("-a", """{"_id":"x","a":1,"b":2}""", """{"_id":"x","b":2}""")]
    [InlineData(
        "-b.c,-e",
        """{"_id":"x","b":{"c":1,"d":2},"e":3}""",
        """{"_id":"x","b":{"d":2}}"""
    )]
    [InlineData("-b.c", """{"_id":"x","b":[{"c":1,"d":2}]}""", """{"_id":"x","b":[{"d":2}]}""")]
    [InlineData("-_id", """{"_id":"x","a":1}""", """{"_id":"x","a":1}""")]
    [InlineData("_id", """{"_id":"x","a":1}""", """{"_id":"x","a":1}""")]
    public void Projections_keep_or_drop_paths_and_always_keep_id(
        string fields,
        string doc,
        string expected
    ) => Assert.Equal(expected, Project(fields, doc));

    [Fact]
    public void Mixing_inclusion_and_exclusion_is_a_mongo_error()
    {
        var projection = Projection.Parse("a,-b");
        Assert.False(projection.IsOk);
        Assert.Equal(500, projection.Problem!.Status);
        Assert.Equal("MongoError", projection.Problem.Body["name"]!.GetValue<string>());
    }
}
