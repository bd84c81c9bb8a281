using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Tests.Emulators.Sis;

/// <summary>Schema definitions (spec §2.8.1).</summary>
public class SchemaDefinitionTests
{
    internal static SchemaDefinition Def(string json)
    {
        var parsed = SchemaDefinition.Parse(JsonNode.Parse(json)!.AsObject());
        Assert.True(parsed.IsOk, parsed.Problem?.Error);
        return parsed.Value!;
    }

    private static string Error(string json)
    {
        var parsed = SchemaDefinition.Parse(JsonNode.Parse(json)!.AsObject());
        Assert.False(parsed.IsOk);
        Assert.Equal(400, parsed.Problem!.Status);
        Assert.Equal(1001, (int)parsed.Problem.Body["code"]!);
        return parsed.Problem.Error!;
    }

    [Fact]
    public void Empty_definition_is_rejected() =>
        Assert.Equal("Bad request: Cannot add an empty schema.", Error("{}"));

    [Fact]
    public void Underscore_fields_are_reserved_but_sis_prefix_and_owner_are_allowed()
    {
        Assert.Equal(
            "Bad request: _foo is a reserved field",
            Error("""{"a":"String","_foo":"String"}""")
        );
        var def = Def("""{"sis_x":"String","owner":"Number"}""");
        Assert.Equal(["sis_x", "owner"], def.TopLevelFields);
    }

    [Fact]
    public void Unknown_types_are_invalid_schemas()
    {
        Assert.StartsWith(
            "Bad request: Schema is invalid: TypeError: Undefined type `Foo` at `a`",
            Error("""{"a":"Foo"}""")
        );
        Assert.StartsWith(
            "Bad request: Schema is invalid: TypeError: Undefined type `string` at `n.b`",
            Error("""{"n":{"b":"string"}}""")
        );
        Assert.StartsWith(
            "Bad request: Schema is invalid: ",
            Error("""{"a":{"type":"Nope","required":true}}""")
        );
        Assert.StartsWith("Bad request: Schema is invalid: ", Error("""{"a":5}"""));
    }

    [Fact]
    public void Mongoose_reserved_path_names_are_invalid() =>
        Assert.Equal(
            "Bad request: Schema is invalid: Error: `schema` may not be used as a schema pathname",
            Error("""{"schema":"String"}""")
        );

    [Theory]
    [InlineData("/foo")]
    [InlineData("foo")]
    [InlineData("abc*")]
    [InlineData("//")]
    [InlineData("//g")]
    public void Bad_match_patterns_are_invalid(string match) =>
        Assert.Equal(
            "Bad request: Schema is invalid: match " + match,
            Error(
                new JsonObject
                {
                    ["s"] = new JsonObject { ["type"] = "String", ["match"] = match },
                }.ToJsonString()
            )
        );

    [Theory]
    [InlineData("/foo/")]
    [InlineData("/^[0-9]+$/i")]
    [InlineData("/\\//")]
    public void Good_match_patterns_are_accepted(string match)
    {
        var parsed = SchemaDefinition.Parse(
            new JsonObject
            {
                ["s"] = new JsonObject { ["type"] = "String", ["match"] = match },
            }
        );
        Assert.True(parsed.IsOk);
        Assert.NotNull(parsed.Value!.PathType("s")!.Options.Match);
    }

    [Fact]
    public void Sis_owner_in_definition_must_be_string_array()
    {
        Assert.True(
            SchemaDefinition
                .Parse(JsonNode.Parse("""{"a":"String","_sis":{"owner":["String"]}}""")!.AsObject())
                .IsOk
        );
        Assert.StartsWith(
            "Bad request: Schema is invalid",
            Error("""{"a":"String","_sis":{"owner":"String"}}""")
        );
    }

    [Fact]
    public void Empty_object_is_stored_as_mixed()
    {
        var def = Def("""{"m":{},"n":{"inner":{}},"arr":[{}],"s":"String"}""");
        Assert.Equal(
            """{"m":{"type":"Mixed"},"n":{"inner":{"type":"Mixed"}},"arr":[{}],"s":"String"}""",
            def.ToJson().ToJsonString()
        );
        Assert.Equal(FieldKind.Mixed, def.PathType("m")!.Kind);
        Assert.Equal(FieldKind.Mixed, def.PathType("n.inner")!.Kind);
        Assert.Equal(FieldKind.Mixed, def.PathType("arr")!.Element!.Kind);
        Assert.Equal(["m", "n.inner"], def.MixedMergePaths);
    }

    [Fact]
    public void Types_arrays_nested_and_document_arrays_are_recognised()
    {
        var def = Def(
            """
            {"s":"String","n":{"type":"Number","min":1},"b":"Boolean","d":"Date","o":"ObjectId","ip":"IpAddress",
             "buf":"Buffer","any":[],"strs":["String"],"lower":["number"],"refs":[{"type":"ObjectId","ref":"other"}],
             "docs":[{"name":"String","ref":{"type":"ObjectId","ref":"third"}}],"nested":{"x":{"type":"String"}},
             "typed":{"type":{"type":"String"},"other":"Number"}}
            """
        );
        Assert.Equal(FieldKind.String, def.PathType("s")!.Kind);
        Assert.Equal(1d, def.PathType("n")!.Options.Min);
        Assert.Equal(FieldKind.Boolean, def.PathType("b")!.Kind);
        Assert.Equal(FieldKind.Date, def.PathType("d")!.Kind);
        Assert.Equal(FieldKind.ObjectId, def.PathType("o")!.Kind);
        Assert.Equal(FieldKind.IpAddress, def.PathType("ip")!.Kind);
        Assert.Equal(FieldKind.Buffer, def.PathType("buf")!.Kind);
        Assert.Equal(FieldKind.Mixed, def.PathType("any")!.Element!.Kind);
        Assert.Equal(FieldKind.String, def.PathType("strs")!.Element!.Kind);
        Assert.Equal(FieldKind.Number, def.PathType("lower")!.Element!.Kind);
        Assert.Equal("other", def.PathType("refs")!.Element!.Ref);
        Assert.Equal(FieldKind.DocumentArray, def.PathType("docs")!.Kind);
        Assert.Equal(FieldKind.String, def.PathType("docs.name")!.Kind);
        Assert.Equal(FieldKind.String, def.PathType("docs.0.name")!.Kind);
        Assert.Equal(FieldKind.ObjectId, def.PathType("docs._id")!.Kind);
        Assert.Equal(FieldKind.Nested, def.PathType("nested")!.Kind);
        Assert.Equal(FieldKind.String, def.PathType("nested.x")!.Kind);
        Assert.Equal(FieldKind.String, def.PathType("typed.type")!.Kind);
        Assert.Null(def.PathType("nope"));
        Assert.Null(def.PathType("ip.ip_address"));
        Assert.True(def.IsArrayPath("strs"));
        Assert.True(def.IsArrayPath("docs"));
        Assert.False(def.IsArrayPath("s"));
    }

    [Fact]
    public void Meta_paths_have_built_in_types()
    {
        var def = Def("""{"a":"String"}""");
        Assert.Equal(FieldKind.ObjectId, def.PathType("_id")!.Kind);
        Assert.Equal(FieldKind.Number, def.PathType("_sis._created_at")!.Kind);
        Assert.Equal(FieldKind.String, def.PathType("_sis.owner")!.Element!.Kind);
        Assert.Equal(FieldKind.Boolean, def.PathType("_sis.locked")!.Kind);
    }

    [Fact]
    public void References_unique_and_indexed_paths_are_listed()
    {
        var def = Def(
            """
            {"name":{"type":"String","required":true,"unique":true},"num":{"type":"Number","index":true},
             "ref":{"type":"ObjectId","ref":"a"},"refs":[{"type":"ObjectId","ref":"b"}],
             "docs":[{"r":{"type":"ObjectId","ref":"c"}}],"nest":{"r":{"type":"ObjectId","ref":"d"}},"plain":"ObjectId"}
            """
        );
        Assert.Equal(
            [
                new ReferencePath("ref", "a", false),
                new ReferencePath("refs", "b", true),
                new ReferencePath("docs.r", "c", true),
                new ReferencePath("nest.r", "d", false),
            ],
            def.ReferencePaths
        );
        Assert.Equal(["a", "b", "c", "d"], def.ReferencedSchemas);
        Assert.Equal(["name"], def.UniqueFields);
        Assert.Equal(["name", "num"], def.IndexedFields);
    }

    [Fact]
    public void Mixed_declared_as_string_merges_but_object_does_not()
    {
        var def = Def("""{"a":"Mixed","b":{"type":"Mixed"},"c":"Object"}""");
        Assert.Equal(["a", "b"], def.MixedMergePaths);
    }
}
