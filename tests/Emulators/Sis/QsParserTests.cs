using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Query;

namespace Functional.Tests.Emulators.Sis;

/// <summary>The qs 4.0 query-string rules of spec §2.4.</summary>
public class QsParserTests
{
    private static string Json(string query) =>
        new JsonObject(
            QsParser.Parse(query).Select(e => KeyValuePair.Create(e.Key, e.Value))
        ).ToJsonString(Relaxed);

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Theory]
    [InlineData("", "{}")]
    [InlineData("?a=1", """{"a":"1"}""")]
    [InlineData("a=1&b=x", """{"a":"1","b":"x"}""")]
    [InlineData("a", """{"a":""}""")]
    [InlineData("q[num][$gte]=0", """{"q":{"num":{"$gte":"0"}}}""")]
    [InlineData("q[ref_0.num]=102", """{"q":{"ref_0.num":"102"}}""")]
    [InlineData("a.b=1", """{"a.b":"1"}""")]
    [InlineData("a[]=x&a[]=y", """{"a":["x","y"]}""")]
    [InlineData("cas[0]=1&cas[1]=2", """{"cas":["1","2"]}""")]
    [InlineData("a=x&a=y&a=z", """{"a":["x","y","z"]}""")]
    [InlineData("a[0]=x&a[2]=y", """{"a":["x","y"]}""")]
    [InlineData("a[1]=y&a[0]=x", """{"a":["x","y"]}""")]
    [InlineData("a[20]=x", """{"a":["x"]}""")]
    [InlineData("a[21]=x", """{"a":{"21":"x"}}""")]
    [InlineData("a[0]=x&a[b]=y", """{"a":{"0":"x","b":"y"}}""")]
    [InlineData("a[b]=1&a=2", """{"a":{"2":true,"b":"1"}}""")]
    [InlineData("q[%24or][0][a]=1&q[%24or][1][b]=2", """{"q":{"$or":[{"a":"1"},{"b":"2"}]}}""")]
    [InlineData("name=hello+world%21", """{"name":"hello world!"}""")]
    [InlineData("a=%E2%82%AC", """{"a":"€"}""")]
    [InlineData("a=%ZZ+b", """{"a":"%ZZ+b"}""")]
    [InlineData("a[b]c=1", """{"a":{"b":"1"}}""")]
    [InlineData("toString=1&a[hasOwnProperty]=2", """{"a":"2"}""")]
    [InlineData("a[b=c]=d", """{"a":{"b=c":"d"}}""")]
    public void Parses_like_qs_4(string query, string expected) =>
        Assert.Equal(expected, Json(query));

    [Fact]
    public void Keys_deeper_than_five_stay_one_literal_key()
    {
        Assert.Equal(
            """{"a":{"b":{"c":{"d":{"e":{"f":{"[g][h]":"1"}}}}}}}""",
            Json("a[b][c][d][e][f][g][h]=1")
        );
        Assert.Equal("""{"a":{"b":{"c":{"d":{"e":{"f":"1"}}}}}}""", Json("a[b][c][d][e][f]=1"));
    }

    [Fact]
    public void Only_the_first_thousand_parameters_count()
    {
        var query = string.Join("&", Enumerable.Range(0, 1005).Select(i => $"k{i}=v"));
        var parsed = QsParser.Parse(query);
        Assert.Equal(1000, parsed.Count);
        Assert.True(parsed.ContainsKey("k999"));
        Assert.False(parsed.ContainsKey("k1000"));
    }

    [Fact]
    public void Numeric_keys_come_first_like_js_objects()
    {
        Assert.Equal("""{"a":{"0":"x","30":"z","b":"y"}}""", Json("a[b]=y&a[30]=z&a[0]=x"));
    }

    [Fact]
    public void Repeated_bracket_keys_become_arrays()
    {
        Assert.Equal("""{"q":{"name":["a","b"]}}""", Json("q[name]=a&q[name]=b"));
    }

    [Fact]
    public void Leaf_values_are_strings()
    {
        var parsed = QsParser.Parse("limit=5&q[flag]=true");
        Assert.Equal(System.Text.Json.JsonValueKind.String, parsed["limit"]!.GetValueKind());
        Assert.Equal("true", parsed["q"]!["flag"]!.GetValue<string>());
    }
}
