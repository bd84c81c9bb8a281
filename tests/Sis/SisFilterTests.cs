using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Tests.Support;

namespace Functional.Tests.Sis;

/// <summary>The Mongo query document: each operator's exact JSON, the combinators, equality and argument problems.</summary>
public sealed class SisFilterTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    internal static SisFilter Ok(Validation<ApiError, SisFilter> v) =>
        v.Match(
            f => f,
            e => throw new Xunit.Sdk.XunitException("invalid: " + string.Join("; ", e))
        );

    private static string[] Problems(SisFilter f) =>
        Rpc.Errors(f.Validate("q"))
            .Map(e =>
                ((ApiError.InvalidArgument)e).Field + ": " + ((ApiError.InvalidArgument)e).Problem
            )
            .ToArray();

    [Fact]
    public void Empty_is_an_empty_object()
    {
        Assert.True(SisFilter.Empty.IsEmpty);
        Assert.Equal("{}", SisFilter.Empty.ToJson());
        Assert.False(SisFilter.Eq("a", 1).IsEmpty);
    }

    [Fact]
    public void Eq_writes_implicit_equality_for_every_value_kind()
    {
        Assert.Equal("""{"name":"a b"}""", SisFilter.Eq("name", "a b").ToJson());
        Assert.Equal("""{"num":42}""", SisFilter.Eq("num", 42).ToJson());
        Assert.Equal(
            """{"num":-9007199254740993}""",
            SisFilter.Eq("num", -9007199254740993L).ToJson()
        );
        Assert.Equal("""{"x":1.5}""", SisFilter.Eq("x", 1.5).ToJson());
        Assert.Equal("""{"flag":true}""", SisFilter.Eq("flag", true).ToJson());
        Assert.Equal("""{"flag":false}""", SisFilter.Eq("flag", false).ToJson());
        Assert.Equal("""{"arr":[1,"a"]}""", SisFilter.Eq("arr", J("[1, \"a\"]")).ToJson());
        Assert.Equal("""{"_sis.owner":"g1"}""", SisFilter.Eq("_sis.owner", "g1").ToJson());
        Assert.Equal("""{"gone":null}""", SisFilter.Null("gone").ToJson());
        Assert.Equal("""{"here":{"$ne":null}}""", SisFilter.NotNull("here").ToJson());
    }

    [Fact]
    public void Eq_with_an_operator_looking_object_uses_eq()
    {
        Assert.Equal(
            """{"doc":{"$eq":{"$gt":1}}}""",
            SisFilter.Eq("doc", J("""{"$gt": 1}""")).ToJson()
        );
        Assert.Equal("""{"doc":{"a":1}}""", SisFilter.Eq("doc", J("""{"a": 1}""")).ToJson());
    }

    [Fact]
    public void Comparison_operators_have_their_mongo_names()
    {
        Assert.Equal("""{"n":{"$ne":"x"}}""", SisFilter.Ne("n", "x").ToJson());
        Assert.Equal("""{"n":{"$gt":1}}""", SisFilter.Gt("n", 1).ToJson());
        Assert.Equal("""{"n":{"$gte":0.25}}""", SisFilter.Gte("n", 0.25).ToJson());
        Assert.Equal("""{"n":{"$lt":"m"}}""", SisFilter.Lt("n", "m").ToJson());
        Assert.Equal("""{"n":{"$lte":false}}""", SisFilter.Lte("n", false).ToJson());
        Assert.Equal("""{"n":{"$gt":[1]}}""", SisFilter.Gt("n", J("[1]")).ToJson());
    }

    [Fact]
    public void Set_existence_mod_and_regex_operators()
    {
        Assert.Equal("""{"n":{"$in":[1,2,3]}}""", SisFilter.In("n", new[] { 1, 2, 3 }).ToJson());
        Assert.Equal("""{"n":{"$in":[1,2]}}""", SisFilter.In("n", new[] { 1L, 2L }).ToJson());
        Assert.Equal("""{"s":{"$in":["a","b"]}}""", SisFilter.In("s", ["a", "b"]).ToJson());
        Assert.Equal(
            """{"s":{"$in":[]}}""",
            SisFilter.In("s", System.Array.Empty<string>()).ToJson()
        );
        Assert.Equal("""{"s":{"$nin":["a"]}}""", SisFilter.Nin("s", ["a"]).ToJson());
        Assert.Equal("""{"d":{"$nin":[0.5]}}""", SisFilter.Nin("d", [0.5]).ToJson());
        Assert.Equal(
            """{"e":{"$in":[null,{"a":1}]}}""",
            SisFilter.In("e", [J("null"), J("{\"a\":1}")]).ToJson()
        );
        Assert.Equal("""{"f":{"$exists":true}}""", SisFilter.Exists("f").ToJson());
        Assert.Equal("""{"f":{"$exists":false}}""", SisFilter.Exists("f", false).ToJson());
        Assert.Equal("""{"n":{"$mod":[4,1]}}""", SisFilter.Mod("n", 4, 1).ToJson());
        Assert.Equal("""{"name":{"$regex":"^a.*"}}""", SisFilter.Regex("name", "^a.*").ToJson());
        Assert.Equal(
            """{"name":{"$regex":"x","$options":"i"}}""",
            SisFilter.Regex("name", "x", "i").ToJson()
        );
    }

    [Fact]
    public void And_merges_operators_on_the_same_path()
    {
        var range = SisFilter.Gte("n", 1).And(SisFilter.Lt("n", 9));
        Assert.Equal("""{"n":{"$gte":1,"$lt":9}}""", range.ToJson());
        var two = SisFilter.And(
            SisFilter.Eq("a", 1),
            SisFilter.Eq("b", "x"),
            SisFilter.Exists("c")
        );
        Assert.Equal("""{"a":1,"b":"x","c":{"$exists":true}}""", two.ToJson());
    }

    [Fact]
    public void And_keeps_both_conditions_when_they_clash()
    {
        Assert.Equal(
            """{"a":1,"$and":[{"a":2}]}""",
            SisFilter.Eq("a", 1).And(SisFilter.Eq("a", 2)).ToJson()
        );
        Assert.Equal(
            """{"n":{"$gt":1},"$and":[{"n":{"$gt":5}}]}""",
            SisFilter.Gt("n", 1).And(SisFilter.Gt("n", 5)).ToJson()
        );
        Assert.Equal(
            """{"n":3,"$and":[{"n":{"$gt":1}}]}""",
            SisFilter.Eq("n", 3).And(SisFilter.Gt("n", 1)).ToJson()
        );
        var ors = SisFilter
            .Or(SisFilter.Eq("a", 1), SisFilter.Eq("b", 1))
            .And(SisFilter.Or(SisFilter.Eq("c", 1), SisFilter.Eq("d", 1)));
        Assert.Equal(
            """{"$or":[{"a":1},{"b":1}],"$and":[{"$or":[{"c":1},{"d":1}]}]}""",
            ors.ToJson()
        );
    }

    [Fact]
    public void And_keeps_an_identical_condition_once_and_concatenates_and_arrays()
    {
        Assert.Equal("""{"a":1}""", SisFilter.Eq("a", 1).And(SisFilter.Eq("a", 1)).ToJson());
        var left = Ok(SisFilter.Parse("""{"$and":[{"a":1}]}"""));
        var right = Ok(SisFilter.Parse("""{"$and":[{"b":2}]}"""));
        Assert.Equal("""{"$and":[{"a":1},{"b":2}]}""", left.And(right).ToJson());
        Assert.Equal("""{"a":1}""", SisFilter.Empty.And(SisFilter.Eq("a", 1)).ToJson());
        Assert.Equal("""{"a":1}""", SisFilter.Eq("a", 1).And(SisFilter.Empty).ToJson());
        Assert.Equal(SisFilter.Empty, SisFilter.And());
    }

    [Fact]
    public void Or_and_nor_wrap_their_filters()
    {
        Assert.Equal(
            """{"$or":[{"a":1},{"b":{"$lt":2}}]}""",
            SisFilter.Or(SisFilter.Eq("a", 1), SisFilter.Lt("b", 2)).ToJson()
        );
        Assert.Equal("""{"a":1}""", SisFilter.Or(SisFilter.Eq("a", 1)).ToJson());
        Assert.Equal("""{"$nor":[{"a":1}]}""", SisFilter.Nor(SisFilter.Eq("a", 1)).ToJson());
        Assert.Equal(
            """{"$nor":[{"a":1},{"$or":[{"b":1},{"c":1}]}]}""",
            SisFilter
                .Nor(SisFilter.Eq("a", 1), SisFilter.Or(SisFilter.Eq("b", 1), SisFilter.Eq("c", 1)))
                .ToJson()
        );
    }

    [Fact]
    public void Equal_filters_compare_equal_whatever_way_they_were_built()
    {
        var built = SisFilter.Gte("n", 1).And(SisFilter.Eq("s", "x"));
        var parsed = Ok(SisFilter.Parse("""{ "n" : { "$gte" : 1 }, "s": "x" }"""));
        var fromJson = SisFilter.FromJson(J("""{"n":{"$gte":1},"s":"x"}"""));
        Assert.Equal(built, parsed);
        Assert.Equal(built, fromJson);
        Assert.Equal(built.GetHashCode(), parsed.GetHashCode());
        Assert.True(built == fromJson);
        Assert.NotEqual(built, SisFilter.Gte("n", 2).And(SisFilter.Eq("s", "x")));
        Assert.NotEqual(SisFilter.Eq("a", 1), SisFilter.Eq("a", "1"));
    }

    [Fact]
    public void Parse_keeps_the_document_and_rejects_what_is_not_an_object()
    {
        var f = Ok(SisFilter.Parse("""{"b": [1, {"c": null}], "a": "é<&>"}"""));
        Assert.Equal("""{"b":[1,{"c":null}],"a":"é<&>"}""", f.ToJson());
        Assert.Equal(["filter"], Rpc.Fields(SisFilter.Parse("[1]")));
        Assert.Equal(["q"], Rpc.Fields(SisFilter.Parse("null", "q")));
        Assert.Equal(["filter"], Rpc.Fields(SisFilter.Parse("fooo")));
        Assert.Equal(["filter"], Rpc.Fields(SisFilter.Parse(null!)));
        Assert.Equal(
            ["q: must be a JSON object, but it is a string"],
            Problems(SisFilter.FromJson(J("\"x\"")))
        );
        Assert.Equal(
            ["q: must be a JSON object, but it is nothing"],
            Problems(SisFilter.FromJson(default))
        );
    }

    [Fact]
    public void Bad_arguments_are_reported_by_validate_and_never_thrown()
    {
        Assert.Equal(["q: path must not be empty"], Problems(SisFilter.Eq("", 1)));
        Assert.Equal(["q: path is required"], Problems(SisFilter.Gt(null!, 1)));
        Assert.Equal(
            ["q: path \"$where\" must not start with '$' (that is an operator)"],
            Problems(SisFilter.Eq("$where", "1"))
        );
        Assert.Equal(
            ["q: value must be a finite number, not NaN"],
            Problems(SisFilter.Lt("n", double.NaN))
        );
        Assert.Equal(
            ["q: value must be valid Unicode text (it has an unpaired surrogate)"],
            Problems(SisFilter.Eq("s", "\ud800"))
        );
        Assert.Equal(["q: mod divisor must not be 0"], Problems(SisFilter.Mod("n", 0, 1)));
        Assert.Equal(
            ["q: regex options must be letters of \"imxs\", not \"g\""],
            Problems(SisFilter.Regex("n", "x", "g"))
        );
        Assert.Equal(
            ["q: values are required"],
            Problems(SisFilter.In("n", (IEnumerable<string>)null!))
        );
        Assert.Equal(["q: or: at least one filter is required"], Problems(SisFilter.Or()));
        Assert.Equal(["q: nor: a filter is null"], Problems(SisFilter.Nor(null!, SisFilter.Empty)));
        Assert.Equal(
            ["q: value is required (a default JsonElement holds nothing)"],
            Problems(SisFilter.Eq("n", default(JsonElement)))
        );
    }

    [Fact]
    public void Problems_survive_combination()
    {
        var combined = SisFilter
            .Eq("", 1)
            .And(SisFilter.Or(SisFilter.Gt("n", double.PositiveInfinity)));
        Assert.Equal(
            ["q: path must not be empty", "q: value must be a finite number, not Infinity"],
            Problems(combined)
        );
        Assert.Contains("invalid", combined.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToElement_round_trips_the_json()
    {
        var f = SisFilter.Or(SisFilter.Eq("a", true), SisFilter.In("b", ["x"]));
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse(f.ToJson()),
                JsonNode.Parse(f.ToElement().GetRawText())
            )
        );
        Assert.Equal(f, SisFilter.FromJson(f.ToElement()));
    }
}
