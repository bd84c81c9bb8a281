using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Tests.Emulators.Sis;

/// <summary>Casting and validation of documents (spec §2.8.2, §2.7).</summary>
public class DocumentCasterTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static string CastOk(string definition, string input, Func<string>? ids = null)
    {
        var cast = DocumentCaster.Cast(SchemaDefinitionTests.Def(definition), Obj(input), ids);
        Assert.True(cast.IsOk, cast.Problem?.Error);
        return cast.Value!.ToJsonString();
    }

    private static string CastError(string definition, string input)
    {
        var cast = DocumentCaster.Cast(SchemaDefinitionTests.Def(definition), Obj(input));
        Assert.False(cast.IsOk);
        Assert.Equal(400, cast.Problem!.Status);
        Assert.Equal(1001, (int)cast.Problem.Body["code"]!);
        return cast.Problem.Error!;
    }

    private static JsonNode? One(string type, string value) =>
        JsonNode.Parse(
            CastOk(
                """{"f":"TYPE"}""".Replace("TYPE", type, StringComparison.Ordinal),
                "{\"f\":" + value + "}"
            )
        )!["f"];

    [Theory]
    [InlineData("\"false\"", false)]
    [InlineData("\"0\"", false)]
    [InlineData("0", false)]
    [InlineData("\"\"", false)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"bogus\"", true)]
    [InlineData("\"False\"", true)]
    [InlineData("{}", true)]
    [InlineData("1", true)]
    public void Boolean_is_lenient(string input, bool expected) =>
        Assert.Equal(expected, One("Boolean", input)!.GetValue<bool>());

    [Theory]
    [InlineData("\"20\"", "20")]
    [InlineData("\"1e3\"", "1000")]
    [InlineData("\" 5 \"", "5")]
    [InlineData("2.5", "2.5")]
    [InlineData("\"\"", "null")]
    [InlineData("null", "null")]
    public void Number_casts_numeric_strings(string input, string expected) =>
        Assert.Equal(expected, One("Number", input)?.ToJsonString() ?? "null");

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("true", "true")]
    [InlineData("[3]", "3")]
    [InlineData("{}", "[object Object]")]
    public void Number_cast_failures_are_cast_errors(string input, string shown) =>
        Assert.Equal(
            "Bad request: ValidationError: CastError: Cast to Number failed for value \""
                + shown
                + "\" at path \"num\"",
            CastError("""{"num":"Number"}""", "{\"num\":" + input + "}")
        );

    [Theory]
    [InlineData("5", "\"5\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("[1,\"a\",2]", "\"1,a,2\"")]
    [InlineData("\"x\"", "\"x\"")]
    public void String_casts_scalars_and_joins_arrays(string input, string expected) =>
        Assert.Equal(expected, One("String", input)!.ToJsonString());

    [Fact]
    public void String_from_object_is_a_cast_error() =>
        Assert.Equal(
            "Bad request: ValidationError: CastError: Cast to String failed for value \"[object Object]\" at path \"s\"",
            CastError("""{"s":"String"}""", """{"s":{"a":1}}""")
        );

    [Theory]
    [InlineData("\"2013-11-01\"", "2013-11-01T00:00:00.000Z")]
    [InlineData("\"2013-11-01T10:20:30.5Z\"", "2013-11-01T10:20:30.500Z")]
    [InlineData("\"2013-11-01T10:20:30+02:00\"", "2013-11-01T08:20:30.000Z")]
    [InlineData("1383264000000", "2013-11-01T00:00:00.000Z")]
    [InlineData("\"1383264000000\"", "2013-11-01T00:00:00.000Z")]
    public void Date_accepts_iso_strings_and_epoch_numbers(string input, string expected) =>
        Assert.Equal(expected, One("Date", input)!.GetValue<string>());

    [Fact]
    public void Date_junk_is_a_cast_error() =>
        Assert.Equal(
            "Bad request: ValidationError: CastError: Cast to Date failed for value \"junk\" at path \"d\"",
            CastError("""{"d":"Date"}""", """{"d":"junk"}""")
        );

    [Fact]
    public void ObjectId_accepts_hex_and_objects_with_id()
    {
        Assert.Equal(
            "\"5272b4b5f2a8f1c4c1000001\"",
            One("ObjectId", "\"5272B4B5F2A8F1C4C1000001\"")!.ToJsonString()
        );
        Assert.Equal(
            "\"5272b4b5f2a8f1c4c1000001\"",
            One("ObjectId", """{"_id":"5272b4b5f2a8f1c4c1000001","x":1}""")!.ToJsonString()
        );
        Assert.Equal(
            "Bad request: ValidationError: CastError: Cast to ObjectID failed for value \"nope\" at path \"o\"",
            CastError("""{"o":"ObjectId"}""", """{"o":"nope"}""")
        );
    }

    [Fact]
    public void Arrays_wrap_scalars_and_cast_elements()
    {
        Assert.Equal("""{"strs":["x"]}""", CastOk("""{"strs":["String"]}""", """{"strs":"x"}"""));
        Assert.Equal(
            """{"nums":[1,2,null]}""",
            CastOk("""{"nums":["Number"]}""", """{"nums":["1",2,null]}""")
        );
        Assert.Equal(
            "Bad request: ValidationError: CastError: Cast to Array failed for value \"1,abc\" at path \"nums\"",
            CastError("""{"nums":["Number"]}""", """{"nums":[1,"abc"]}""")
        );
        Assert.Equal(
            """{"any":[1,"a",{"b":null}]}""",
            CastOk("""{"any":[]}""", """{"any":[1,"a",{"b":null}]}""")
        );
    }

    [Fact]
    public void Unknown_fields_are_dropped_and_meta_passes_through()
    {
        Assert.Equal(
            """{"a":"x","_id":"5272b4b5f2a8f1c4c1000001","_v":3,"_sis":{"owner":["g"]}}""",
            CastOk(
                """{"a":"String"}""",
                """{"zzz":1,"a":"x","_id":"5272b4b5f2a8f1c4c1000001","_v":3,"_sis":{"owner":["g"]},"_other":1}"""
            )
        );
    }

    [Fact]
    public void Arrays_default_to_empty_also_nested_and_empty_nested_objects_are_omitted()
    {
        Assert.Equal(
            """{"a":"x","arr":[],"n":{"inner":[]}}""",
            CastOk(
                """{"a":"String","arr":["String"],"n":{"inner":["Number"],"s":"String","deep":{"t":"String"}}}""",
                """{"a":"x"}"""
            )
        );
        Assert.Equal(
            """{"a":"x"}""",
            CastOk(
                """{"a":"String","n":{"s":"String"},"m":"Mixed"}""",
                """{"a":"x","n":{},"m":{"e":{}}}"""
            )
        );
    }

    [Fact]
    public void Explicit_defaults_are_cast()
    {
        Assert.Equal(
            """{"n":5,"s":"dflt","b":false,"z":null}""",
            CastOk(
                """{"n":{"type":"Number","default":"5"},"s":{"type":"String","default":"dflt"},"b":{"type":"Boolean","default":false},"z":{"type":"String","default":null}}""",
                "{}"
            )
        );
        Assert.Equal(
            """{"n":7,"s":"dflt","b":false,"z":null}""",
            CastOk(
                """{"n":{"type":"Number","default":"5"},"s":{"type":"String","default":"dflt"},"b":{"type":"Boolean","default":false},"z":{"type":"String","default":null}}""",
                """{"n":7}"""
            )
        );
    }

    [Fact]
    public void Nested_non_object_values_are_dropped_silently() =>
        Assert.Equal(
            """{"a":1}""",
            CastOk("""{"a":"Number","n":{"s":"String"}}""", """{"a":1,"n":"text"}""")
        );

    [Fact]
    public void Required_messages_use_dotted_paths_and_are_joined()
    {
        Assert.Equal(
            "Bad request: ValidationError: Path `r` is required.",
            CastError("""{"r":{"type":"String","required":true}}""", """{"x":1}""")
        );
        Assert.Equal(
            "Bad request: ValidationError: Path `r` is required., Path `n.q` is required.",
            CastError(
                """{"r":{"type":"String","required":true},"n":{"q":{"type":"Number","required":true}}}""",
                """{"r":""}"""
            )
        );
        Assert.Equal(
            "Bad request: ValidationError: Path `arr` is required.",
            CastError("""{"arr":{"type":["String"],"required":true}}""", """{"arr":[]}""")
        );
    }

    [Fact]
    public void Cast_errors_come_before_validator_errors()
    {
        Assert.Equal(
            "Bad request: ValidationError: CastError: Cast to Number failed for value \"x\" at path \"n\", Path `r` is required.",
            CastError("""{"r":{"type":"String","required":true},"n":"Number"}""", """{"n":"x"}""")
        );
    }

    [Fact]
    public void Enum_min_max_and_match_messages()
    {
        Assert.Equal(
            "Bad request: ValidationError: `C` is not a valid enum value for path `e`.",
            CastError("""{"e":{"type":"String","enum":["A","B"]}}""", """{"e":"C"}""")
        );
        Assert.Equal(
            "Bad request: ValidationError: Path `n` (5) is more than maximum allowed value (3).",
            CastError("""{"n":{"type":"Number","max":3}}""", """{"n":5}""")
        );
        Assert.Equal(
            "Bad request: ValidationError: Path `n` (1.5) is less than minimum allowed value (2).",
            CastError("""{"n":{"type":"Number","min":2}}""", """{"n":1.5}""")
        );
        Assert.Equal(
            "Bad request: ValidationError: Path `m` is invalid (abc).",
            CastError("""{"m":{"type":"String","match":"/^[0-9]+$/"}}""", """{"m":"abc"}""")
        );
        Assert.Equal(
            """{"m":"123","e":"A","n":3}""",
            CastOk(
                """{"m":{"type":"String","match":"/^[0-9]+$/"},"e":{"type":"String","enum":["A","B"]},"n":{"type":"Number","min":1,"max":3}}""",
                """{"m":"123","e":"A","n":3}"""
            )
        );
        Assert.Equal(
            """{"m":""}""",
            CastOk("""{"m":{"type":"String","match":"/^[0-9]+$/"}}""", """{"m":""}""")
        );
    }

    [Fact]
    public void Setters_apply_before_validation()
    {
        Assert.Equal(
            """{"l":"abc","u":"ABC","t":"x y"}""",
            CastOk(
                """{"l":{"type":"String","lowercase":true},"u":{"type":"String","uppercase":true},"t":{"type":"String","trim":true}}""",
                """{"l":"AbC","u":"aBc","t":"  x y  "}"""
            )
        );
        Assert.Equal(
            """{"e":"a"}""",
            CastOk(
                """{"e":{"type":"String","lowercase":true,"trim":true,"enum":["a"]}}""",
                """{"e":"  A "}"""
            )
        );
        Assert.Equal(
            """{"tags":["a","b"]}""",
            CastOk("""{"tags":[{"type":"String","lowercase":true}]}""", """{"tags":["A","b"]}""")
        );
    }

    [Fact]
    public void IpAddress_v4_is_expanded()
    {
        Assert.Equal(
            """{"ip":{"ip_address":"10.1.1.1","version":"v4","cidr":24,"network":"10.1.1.0","broadcast":"10.1.1.255","subnet_mask":"255.255.255.0"}}""",
            CastOk("""{"ip":"IpAddress"}""", """{"ip":"10.1.1.1/24"}""")
        );
        Assert.Equal(
            """{"ip":{"ip_address":"10.1.1.1","version":"v4","cidr":32,"network":"10.1.1.1","broadcast":"10.1.1.1","subnet_mask":"255.255.255.255"}}""",
            CastOk("""{"ip":"IpAddress"}""", """{"ip":"10.1.1.1"}""")
        );
    }

    [Fact]
    public void IpAddress_v6_uses_full_groups()
    {
        Assert.Equal(
            """{"ip":{"ip_address":"2001:0:ce49:7601:e866:efff:62c3:fffe","version":"v6","cidr":100,"network":"2001:0000:ce49:7601:e866:efff:6000:0000","broadcast":"2001:0000:ce49:7601:e866:efff:6fff:ffff","subnet_mask":"ffff:ffff:ffff:ffff:ffff:ffff:f000:0000"}}""",
            CastOk(
                """{"ip":"IpAddress"}""",
                """{"ip":"2001:0:ce49:7601:e866:efff:62c3:fffe/100"}"""
            )
        );
    }

    [Fact]
    public void IpAddress_stored_objects_pass_arrays_work_and_junk_fails()
    {
        var stored =
            """{"ip_address":"10.1.1.1","version":"v4","cidr":24,"network":"10.1.1.0","broadcast":"10.1.1.255","subnet_mask":"255.255.255.0"}""";
        Assert.Equal(
            "{\"ip\":" + stored + "}",
            CastOk("""{"ip":"IpAddress"}""", "{\"ip\":" + stored + "}")
        );
        Assert.Equal(
            "{\"ips\":[" + stored + "]}",
            CastOk("""{"ips":["IpAddress"]}""", """{"ips":["10.1.1.1/24"]}""")
        );
        Assert.Equal(
            "Bad request: ValidationError: CastError: Cast to IpAddress failed for value \"300.1.1.1\" at path \"ip\"",
            CastError("""{"ip":"IpAddress"}""", """{"ip":"300.1.1.1"}""")
        );
        Assert.StartsWith(
            "Bad request: ValidationError: CastError",
            CastError("""{"ip":"IpAddress"}""", """{"ip":"10.1.1.1/33"}""")
        );
        Assert.StartsWith(
            "Bad request: ValidationError: CastError",
            CastError("""{"ip":"IpAddress"}""", """{"ip":"1::2::3"}""")
        );
    }

    [Fact]
    public void Document_arrays_cast_sub_documents_with_ids()
    {
        var n = 0;
        Assert.Equal(
            """{"docs":[{"name":"a","tags":[],"_id":"id1"},{"name":"5","tags":["x"],"_id":"5272b4b5f2a8f1c4c1000001"}]}""",
            CastOk(
                """{"docs":[{"name":"String","tags":["String"]}]}""",
                """{"docs":[{"name":"a","junk":1},{"name":5,"tags":"x","_id":"5272b4b5f2a8f1c4c1000001"}]}""",
                () => "id" + ++n
            )
        );
        Assert.Equal(
            "Bad request: ValidationError: Path `name` is required.",
            CastError(
                """{"docs":[{"name":{"type":"String","required":true}}]}""",
                """{"docs":[{"x":1}]}"""
            )
        );
    }

    [Fact]
    public void Mixed_takes_anything()
    {
        Assert.Equal("""{"m":[1,{"a":"b"}]}""", CastOk("""{"m":{}}""", """{"m":[1,{"a":"b"}]}"""));
        Assert.Equal("""{"m":"s"}""", CastOk("""{"m":"Mixed"}""", """{"m":"s"}"""));
    }

    [Fact]
    public void Query_values_are_cast_by_path_type()
    {
        var def = SchemaDefinitionTests.Def(
            """{"num":"Number","b":"Boolean","o":"ObjectId","strs":["String"],"nums":["Number"]}"""
        );
        Assert.Equal(
            "0",
            DocumentCaster
                .CastValue(def.PathType("num")!, JsonValue.Create("0"), "num")
                .Value!.ToJsonString()
        );
        Assert.Equal(
            "true",
            DocumentCaster
                .CastValue(def.PathType("b")!, JsonValue.Create("true"), "b")
                .Value!.ToJsonString()
        );
        Assert.Equal(
            "3",
            DocumentCaster
                .CastValue(def.PathType("nums")!, JsonValue.Create("3"), "nums")
                .Value!.ToJsonString()
        );
        Assert.Equal(
            "[1,2]",
            DocumentCaster
                .CastValue(def.PathType("nums")!, JsonNode.Parse("""["1",2]"""), "nums")
                .Value!.ToJsonString()
        );
        var failed = DocumentCaster.CastValue(def.PathType("num")!, JsonValue.Create("abc"), "num");
        Assert.Equal(500, failed.Problem!.Status);
        Assert.Equal(
            """{"message":"Cast to number failed for value \"abc\" at path \"num\"","name":"CastError","kind":"number","value":"abc","path":"num"}""",
            failed.Problem.Body.ToJsonString(
                new System.Text.Json.JsonSerializerOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            )
        );
        Assert.Equal(
            "ObjectId",
            (string)
                DocumentCaster
                    .CastValue(def.PathType("o")!, JsonValue.Create("zz"), "o")
                    .Problem!.Body["kind"]!
        );
    }
}
