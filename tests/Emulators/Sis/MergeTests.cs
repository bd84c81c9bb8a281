using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Tests.Emulators.Sis;

/// <summary>Update merges (spec §2.6.2, §2.8.2, §2.8.4).</summary>
public class MergeTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Nested_merges_plain_objects_and_replaces_the_rest()
    {
        var existing = Obj(
            """{"a":1,"nested":{"obj1":{"name":"x"},"obj2":{"name":"y","n":2}},"arr":[1,2],"keep":true}"""
        );
        var merged = Merge.Nested(
            existing,
            Obj("""{"nested":{"obj2":{"name":"z"}},"arr":[3],"a":null}""")
        );
        Assert.Equal(
            """{"a":null,"nested":{"obj1":{"name":"x"},"obj2":{"name":"z","n":2}},"arr":[3],"keep":true}""",
            merged.ToJsonString()
        );
        Assert.Equal(1, (int)existing["a"]!);
    }

    [Fact]
    public void Nested_with_schema_replaces_mixed_and_reference_objects()
    {
        var def = SchemaDefinitionTests.Def(
            """{"m":{"type":"Mixed"},"r":{"type":"ObjectId","ref":"x"},"n":{"a":"String","b":"String"}}"""
        );
        var merged = Merge.Nested(
            Obj(
                """{"m":{"a":1,"b":2},"r":"5272b4b5f2a8f1c4c1000001","n":{"a":"1","b":"2"},"_sis":{"owner":["g"],"tags":["t"]}}"""
            ),
            Obj(
                """{"m":{"a":5},"r":{"_id":"5272b4b5f2a8f1c4c1000002"},"n":{"b":"3"},"_sis":{"tags":[]}}"""
            ),
            def
        );
        Assert.Equal(
            """{"m":{"a":5},"r":{"_id":"5272b4b5f2a8f1c4c1000002"},"n":{"a":"1","b":"3"},"_sis":{"owner":["g"],"tags":[]}}""",
            merged.ToJsonString()
        );
    }

    [Fact]
    public void ApplyPartial_merges_deletes_on_null_and_replaces_arrays_and_scalars()
    {
        var full = JsonNode.Parse(
            """{"a":{"b":1,"c":2},"d":[1,2],"e":"s","f":0,"g":{"h":1},"del":1}"""
        );
        var partial = JsonNode.Parse(
            """{"a":{"c":3,"x":4},"d":[9],"e":{"o":1},"f":{"p":null},"g":5,"del":null,"new":{"q":null}}"""
        );
        Assert.Equal(
            """{"a":{"b":1,"c":3,"x":4},"d":[9],"e":{"o":1},"f":{"p":null},"g":5,"new":{"q":null}}""",
            Merge.ApplyPartial(full, partial)!.ToJsonString()
        );
        Assert.Equal("[1]", Merge.ApplyPartial(full, JsonNode.Parse("[1]"))!.ToJsonString());
        Assert.Equal("\"str\"", Merge.ApplyPartial(full, JsonValue.Create("str"))!.ToJsonString());
        Assert.Equal(
            """{"a":1}""",
            Merge.ApplyPartial(JsonValue.Create(3), JsonNode.Parse("""{"a":1}"""))!.ToJsonString()
        );
        Assert.Equal(full!.ToJsonString(), Merge.ApplyPartial(full, null)!.ToJsonString());
    }

    [Fact]
    public void Entity_update_merges_mixed_paths_unless_forced()
    {
        var def = SchemaDefinitionTests.Def(
            """{"name":"String","mixed":{"type":"Mixed"},"n":{"inner":{}}}"""
        );
        var existing = Obj("""{"name":"a","mixed":{"x":1,"y":{"z":2}},"n":{"inner":{"k":1}}}""");
        var patch = Obj("""{"mixed":{"y":{"w":3},"x":null},"n":{"inner":{"j":2}}}""");
        Assert.Equal(
            """{"name":"a","mixed":{"y":{"z":2,"w":3}},"n":{"inner":{"k":1,"j":2}}}""",
            Merge.Entity(def, existing, patch, forceMixed: false).ToJsonString()
        );
        Assert.Equal(
            """{"name":"a","mixed":{"y":{"w":3},"x":null},"n":{"inner":{"j":2}}}""",
            Merge.Entity(def, existing, patch, forceMixed: true).ToJsonString()
        );
        Assert.Equal(
            """{"name":"b","mixed":{"x":1,"y":{"z":2}},"n":{"inner":{"k":1}}}""",
            Merge
                .Entity(def, existing, Obj("""{"name":"b","mixed":null}"""), forceMixed: false)
                .ToJsonString()
        );
        Assert.Equal(
            """{"name":"a","mixed":7,"n":{"inner":{"k":1}}}""",
            Merge.Entity(def, existing, Obj("""{"mixed":7}"""), forceMixed: false).ToJsonString()
        );
    }
}
