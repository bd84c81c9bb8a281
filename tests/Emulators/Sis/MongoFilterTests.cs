using System.Text.Json.Nodes;
using Functional.Emulators.Sis;
using Functional.Emulators.Sis.Query;

namespace Functional.Tests.Emulators.Sis;

/// <summary>The query engine of spec §2.5: operators, array semantics, casting by schema type, errors.</summary>
public class MongoFilterTests
{
    private static FieldTypeInfo? Schema(string path) =>
        path switch
        {
            "num" => FieldTypeInfo.Of(FieldKind.Number),
            "name" => FieldTypeInfo.Of(FieldKind.String),
            "flag" => FieldTypeInfo.Of(FieldKind.Boolean),
            "when" => FieldTypeInfo.Of(FieldKind.Date),
            "ref" => FieldTypeInfo.Of(FieldKind.ObjectId),
            "nums" => FieldTypeInfo.ArrayOf(FieldKind.Number),
            "tags" => FieldTypeInfo.ArrayOf(FieldKind.String),
            "docs.n" => FieldTypeInfo.Of(FieldKind.Number),
            "mixed" => FieldTypeInfo.Of(FieldKind.Mixed),
            _ => null,
        };

    private static bool Match(string query, string doc)
    {
        var filter = MongoFilter.Compile(JsonNode.Parse(query)!.AsObject(), Schema);
        Assert.True(filter.IsOk, filter.Problem?.Body.ToJsonString());
        return filter.Value!.Matches(JsonNode.Parse(doc)!.AsObject());
    }

    private static SisProblem Fail(string query)
    {
        var filter = MongoFilter.Compile(JsonNode.Parse(query)!.AsObject(), Schema);
        Assert.False(filter.IsOk);
        return filter.Problem!;
    }

    [Theory]
    [InlineData("""{}""", """{"a":1}""", true)]
    [InlineData("""{"a":1}""", """{"a":1.0}""", true)]
    [InlineData("""{"a":1}""", """{"a":"1"}""", false)]
    [InlineData("""{"a":1,"b":2}""", """{"a":1,"b":3}""", false)]
    [InlineData("""{"a":null}""", """{"b":1}""", true)]
    [InlineData("""{"a":null}""", """{"a":null}""", true)]
    [InlineData("""{"a":null}""", """{"a":0}""", false)]
    [InlineData("""{"a.b":2}""", """{"a":{"b":2}}""", true)]
    [InlineData("""{"a.b":2}""", """{"a":[{"b":1},{"b":2}]}""", true)]
    [InlineData("""{"a.b":3}""", """{"a":[{"b":1},{"b":2}]}""", false)]
    [InlineData("""{"a.1":"y"}""", """{"a":["x","y"]}""", true)]
    [InlineData("""{"a":2}""", """{"a":[1,2,3]}""", true)]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":[2,1]}""", """{"a":[1,2]}""", false)]
    [InlineData("""{"a":[1]}""", """{"a":[[1],2]}""", true)]
    [InlineData("""{"a":{"x":1,"y":2}}""", """{"a":{"x":1,"y":2}}""", true)]
    [InlineData("""{"a":{"y":2,"x":1}}""", """{"a":{"x":1,"y":2}}""", false)]
    [InlineData("""{"a":{"x":1}}""", """{"a":{"x":1,"y":2}}""", false)]
    public void Equality_follows_mongo(string query, string doc, bool expected) =>
        Assert.Equal(expected, Match(query, doc));

    [Theory]
    [InlineData("""{"a":{"$gt":1}}""", """{"a":2}""", true)]
    [InlineData("""{"a":{"$gt":2}}""", """{"a":2}""", false)]
    [InlineData("""{"a":{"$gte":2}}""", """{"a":2}""", true)]
    [InlineData("""{"a":{"$lt":2}}""", """{"a":1.5}""", true)]
    [InlineData("""{"a":{"$lte":1}}""", """{"a":2}""", false)]
    [InlineData("""{"a":{"$gt":1}}""", """{"a":"5"}""", false)]
    [InlineData("""{"a":{"$gt":"a"}}""", """{"a":"b"}""", true)]
    [InlineData("""{"a":{"$gt":"a"}}""", """{"a":5}""", false)]
    [InlineData("""{"a":{"$gt":5}}""", """{"a":[1,7]}""", true)]
    [InlineData("""{"a":{"$gt":1,"$lt":3}}""", """{"a":[0,5]}""", true)]
    [InlineData("""{"a":{"$gte":null}}""", """{"b":1}""", true)]
    [InlineData("""{"a":{"$gt":null}}""", """{"a":1}""", false)]
    [InlineData("""{"a":{"$eq":3}}""", """{"a":[3]}""", true)]
    [InlineData("""{"a":{"$ne":3}}""", """{"a":[1,3]}""", false)]
    [InlineData("""{"a":{"$ne":3}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$ne":null}}""", """{"b":1}""", false)]
    [InlineData("""{"a":{"$ne":1}}""", """{"b":1}""", true)]
    [InlineData("""{"a":{"$in":[1,2]}}""", """{"a":2}""", true)]
    [InlineData("""{"a":{"$in":[1,2]}}""", """{"a":[5,1]}""", true)]
    [InlineData("""{"a":{"$in":[null]}}""", """{"b":1}""", true)]
    [InlineData("""{"a":{"$in":[]}}""", """{"a":1}""", false)]
    [InlineData("""{"a":{"$nin":[1,2]}}""", """{"a":3}""", true)]
    [InlineData("""{"a":{"$nin":[1,2]}}""", """{"a":[3,2]}""", false)]
    [InlineData("""{"a":{"$exists":true}}""", """{"a":null}""", true)]
    [InlineData("""{"a":{"$exists":false}}""", """{"a":null}""", false)]
    [InlineData("""{"a":{"$exists":false}}""", """{"b":1}""", true)]
    [InlineData("""{"a.b":{"$exists":true}}""", """{"a":[{"c":1},{"b":1}]}""", true)]
    [InlineData("""{"a":{"$exists":"false"}}""", """{"b":1}""", true)]
    [InlineData("""{"a":{"$mod":[4,1]}}""", """{"a":9}""", true)]
    [InlineData("""{"a":{"$mod":[4,1]}}""", """{"a":10}""", false)]
    [InlineData("""{"a":{"$regex":"^ab"}}""", """{"a":"abc"}""", true)]
    [InlineData("""{"a":{"$regex":"^AB"}}""", """{"a":"abc"}""", false)]
    [InlineData("""{"a":{"$regex":"^AB","$options":"i"}}""", """{"a":"abc"}""", true)]
    [InlineData("""{"a":{"$regex":"/^AB/i"}}""", """{"a":"abc"}""", true)]
    [InlineData("""{"a":{"$regex":"b"}}""", """{"a":["x","ab"]}""", true)]
    [InlineData("""{"a":{"$regex":"1"}}""", """{"a":1}""", false)]
    [InlineData("""{"a":{"$all":[1,2]}}""", """{"a":[2,3,1]}""", true)]
    [InlineData("""{"a":{"$all":[1,4]}}""", """{"a":[2,3,1]}""", false)]
    [InlineData("""{"a":{"$all":[]}}""", """{"a":[1]}""", false)]
    [InlineData("""{"a":{"$size":2}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$size":"2"}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$size":1}}""", """{"a":[1,2]}""", false)]
    [InlineData("""{"a":{"$size":0}}""", """{"b":1}""", false)]
    [InlineData(
        """{"a":{"$elemMatch":{"x":1,"y":2}}}""",
        """{"a":[{"x":1,"y":1},{"x":1,"y":2}]}""",
        true
    )]
    [InlineData(
        """{"a":{"$elemMatch":{"x":1,"y":2}}}""",
        """{"a":[{"x":1,"y":1},{"x":2,"y":2}]}""",
        false
    )]
    [InlineData("""{"a":{"$elemMatch":{"$gt":1,"$lt":3}}}""", """{"a":[0,2]}""", true)]
    [InlineData("""{"a":{"$elemMatch":{"$gt":1,"$lt":3}}}""", """{"a":[0,5]}""", false)]
    [InlineData("""{"a":{"$not":{"$gt":2}}}""", """{"a":1}""", true)]
    [InlineData("""{"a":{"$not":{"$gt":2}}}""", """{"a":3}""", false)]
    [InlineData("""{"a":{"$not":{"$gt":2}}}""", """{"b":3}""", true)]
    [InlineData("""{"a":{"$not":"/^x/"}}""", """{"a":"xy"}""", false)]
    [InlineData("""{"a":{"$type":2}}""", """{"a":"s"}""", true)]
    [InlineData("""{"a":{"$type":"number"}}""", """{"a":"s"}""", false)]
    public void Operators_follow_mongo(string query, string doc, bool expected) =>
        Assert.Equal(expected, Match(query, doc));

    [Theory]
    [InlineData("""{"$or":[{"a":1},{"b":2}]}""", """{"a":0,"b":2}""", true)]
    [InlineData("""{"$or":[{"a":1},{"b":2}]}""", """{"a":0,"b":0}""", false)]
    [InlineData("""{"$and":[{"a":1},{"b":2}]}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"$and":[{"a":1},{"b":2}]}""", """{"a":1,"b":0}""", false)]
    [InlineData("""{"$nor":[{"a":1},{"b":2}]}""", """{"a":0,"b":0}""", true)]
    [InlineData("""{"$nor":[{"a":1},{"b":2}]}""", """{"a":1,"b":0}""", false)]
    [InlineData("""{"$comment":"x","a":1}""", """{"a":1}""", true)]
    public void Logical_operators_combine(string query, string doc, bool expected) =>
        Assert.Equal(expected, Match(query, doc));

    [Theory]
    [InlineData("""{"num":"0"}""", """{"num":0}""", true)]
    [InlineData("""{"num":{"$gte":"10"}}""", """{"num":9}""", false)]
    [InlineData("""{"num":{"$gte":"10"}}""", """{"num":10}""", true)]
    [InlineData("""{"num":{"$in":["1","2"]}}""", """{"num":2}""", true)]
    [InlineData("""{"num":["1","2"]}""", """{"num":2}""", true)]
    [InlineData("""{"num":" 5 "}""", """{"num":5}""", true)]
    [InlineData("""{"num":"1e3"}""", """{"num":1000}""", true)]
    [InlineData("""{"num":""}""", """{"other":1}""", true)]
    [InlineData("""{"flag":"true"}""", """{"flag":true}""", true)]
    [InlineData("""{"flag":"false"}""", """{"flag":false}""", true)]
    [InlineData("""{"flag":"0"}""", """{"flag":false}""", true)]
    [InlineData("""{"flag":"bogus"}""", """{"flag":true}""", true)]
    [InlineData("""{"name":5}""", """{"name":"5"}""", true)]
    [InlineData("""{"nums":"3"}""", """{"nums":[1,3]}""", true)]
    [InlineData("""{"nums":["1","3"]}""", """{"nums":[1,3]}""", true)]
    [InlineData("""{"nums":{"$all":["1","3"]}}""", """{"nums":[3,2,1]}""", true)]
    [InlineData("""{"docs.n":"4"}""", """{"docs":[{"n":3},{"n":4}]}""", true)]
    [InlineData(
        """{"ref":"AAAAAAAAAAAAAAAAAAAAAAAA"}""",
        """{"ref":"aaaaaaaaaaaaaaaaaaaaaaaa"}""",
        true
    )]
    [InlineData("""{"mixed":"1"}""", """{"mixed":1}""", false)]
    [InlineData("""{"unknown":"1"}""", """{"unknown":1}""", false)]
    [InlineData(
        """{"when":"2015-01-02T00:00:00Z"}""",
        """{"when":"2015-01-02T00:00:00.000Z"}""",
        true
    )]
    [InlineData(
        """{"when":{"$gt":"2015-01-01"}}""",
        """{"when":"2015-01-02T00:00:00.000Z"}""",
        true
    )]
    [InlineData(
        """{"when":{"$lt":"1420070400000"}}""",
        """{"when":"2015-01-02T00:00:00.000Z"}""",
        false
    )]
    public void String_values_are_cast_by_schema_type(string query, string doc, bool expected) =>
        Assert.Equal(expected, Match(query, doc));

    [Fact]
    public void A_number_cast_failure_is_a_raw_cast_error()
    {
        var problem = Fail("""{"num":"abc"}""");
        Assert.Equal(500, problem.Status);
        Assert.Equal(
            """{"message":"Cast to number failed for value \"abc\" at path \"num\"","name":"CastError","kind":"number","value":"abc","path":"num"}""",
            problem.Body.ToJsonString(
                new System.Text.Json.JsonSerializerOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            )
        );
    }

    [Theory]
    [InlineData("""{"num":{"$in":["1","x"]}}""", "number", "x")]
    [InlineData("""{"num":true}""", "number", "true")]
    [InlineData("""{"ref":"123"}""", "ObjectId", "123")]
    [InlineData("""{"when":"not a date"}""", "date", "not a date")]
    [InlineData("""{"name":{"a":1}}""", "string", "[object Object]")]
    [InlineData("""{"$or":[{"num":{"$gt":"z"}}]}""", "number", "z")]
    public void Cast_failures_name_the_kind_and_value(string query, string kind, string shown)
    {
        var problem = Fail(query);
        Assert.Equal("CastError", problem.Body["name"]!.GetValue<string>());
        Assert.Equal(kind, problem.Body["kind"]!.GetValue<string>());
        Assert.Contains(
            $"for value \"{shown}\"",
            problem.Body["message"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("""{"a":{"$foo":1}}""", "unknown operator: $foo")]
    [InlineData("""{"$foo":[{"a":1}]}""", "unknown top level operator: $foo")]
    [InlineData("""{"$or":[]}""", "$or must be a nonempty array")]
    [InlineData("""{"$and":[1]}""", "$and entries need to be full objects")]
    [InlineData("""{"a":{"$gt":1,"b":2}}""", "unknown operator: b")]
    [InlineData("""{"a":{"$mod":[0,1]}}""", "divisor cannot be 0")]
    [InlineData("""{"a":{"$regex":"("}}""", "Regular expression is invalid")]
    [InlineData("""{"a":{"$not":"x"}}""", "$not needs a regex or a document")]
    public void Bad_queries_fail_with_a_mongo_error(string query, string message)
    {
        var problem = Fail(query);
        Assert.Equal(500, problem.Status);
        Assert.Equal("MongoError", problem.Body["name"]!.GetValue<string>());
        Assert.StartsWith(
            message,
            problem.Body["message"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        Assert.Equal(2, problem.Body["code"]!.GetValue<int>());
        Assert.Null(problem.Body["error"]);
    }

    [Fact]
    public void Qs_parsed_queries_work_end_to_end()
    {
        var q = QsParser.Parse("q[num][$gte]=10&q[$or][0][name]=a&q[$or][1][flag]=true")[
            "q"
        ]!.AsObject();
        var filter = MongoFilter.Compile(q, Schema);
        Assert.True(filter.IsOk);
        Assert.True(
            filter.Value!.Matches(
                JsonNode.Parse("""{"num":10,"name":"b","flag":true}""")!.AsObject()
            )
        );
        Assert.False(
            filter.Value!.Matches(
                JsonNode.Parse("""{"num":10,"name":"b","flag":false}""")!.AsObject()
            )
        );
        Assert.False(filter.Value!.Matches(JsonNode.Parse("""{"num":9,"name":"a"}""")!.AsObject()));
    }
}
