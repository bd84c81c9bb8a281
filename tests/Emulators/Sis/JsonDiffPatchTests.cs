using System.Text.Json.Nodes;
using Functional.Emulators.Sis.History;

namespace Functional.Tests.Emulators.Sis;

/// <summary>jsondiffpatch 0.1.x deltas as SIS records them in commits (spec §2.8.7).</summary>
public class JsonDiffPatchTests
{
    private static string? Delta(string left, string right) =>
        JsonDiffPatch.Diff(JsonNode.Parse(left), JsonNode.Parse(right))?.ToJsonString();

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();

    [Fact]
    public void Spec_example_is_reproduced_exactly()
    {
        var a69 = new string('a', 69);
        var left =
            $$"""{"n":1,"del":"gone","arr":["a","b"],"nested":{"i":1},"long":"{{a69}}","_sis":{"_updated_at":1} }""";
        var right =
            $$"""{"n":2,"arr":["a","c","d"],"nested":{"i":1,"j":2},"long":"{{a69}}b","_sis":{"_updated_at":2},"add":true}""";
        var a28 = new string('a', 28);
        var expected =
            $$"""{"n":[1,2],"del":["gone",0,0],"arr":{"1":["c"],"2":["d"],"_t":"a","_1":["b",0,0]},"nested":{"j":[2]},"long":["@@ -42,28 +42,29 @@\n {{a28}}\n+b\n",0,2],"_sis":{"_updated_at":[1,2]},"add":[true]}""";
        Assert.Equal(Compact(expected), Delta(left, right));
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,{"c":null}]}""", """{"a":1,"b":[1,{"c":null}]}""")]
    [InlineData("null", "null")]
    [InlineData("1", "1.0")]
    [InlineData("\"x\"", "\"x\"")]
    public void Equal_values_have_no_delta(string left, string right) =>
        Assert.Null(Delta(left, right));

    [Theory]
    [InlineData("1", "\"1\"", """[1,"1"]""")]
    [InlineData("null", """{"a":1}""", """[null,{"a":1}]""")]
    [InlineData("""[1]""", """{"0":1}""", """[[1],{"0":1}]""")]
    [InlineData("true", "false", "[true,false]")]
    [InlineData("\"short\"", "\"other\"", """["short","other"]""")]
    public void Different_kinds_and_scalars_are_replaced(string left, string right, string delta) =>
        Assert.Equal(Compact(delta), Delta(left, right));

    [Fact]
    public void Object_deltas_list_integer_like_keys_first_as_javascript_does() =>
        Assert.Equal(
            """{"2":[1,2],"10":[1],"z":["x",0,0]}""",
            Delta("""{"z":"x","2":1}""", """{"2":2,"10":1}""")
        );

    [Fact]
    public void Array_block_added_in_the_middle() =>
        Assert.Equal("""{"1":[2],"2":[3],"_t":"a"}""", Delta("""[1,4]""", """[1,2,3,4]"""));

    [Fact]
    public void Array_block_removed() =>
        Assert.Equal(
            """{"_t":"a","_0":[{"k":1},0,0],"_1":[{"k":2},0,0]}""",
            Delta("""[{"k":1},{"k":2},{"k":3}]""", """[{"k":3}]""")
        );

    [Fact]
    public void Array_elements_are_matched_by_json_text_so_a_changed_object_is_removed_and_added() =>
        Assert.Equal(
            """{"0":[{"k":2}],"_t":"a","_0":[{"k":1},0,0]}""",
            Delta("""[{"k":1}]""", """[{"k":2}]""")
        );

    [Fact]
    public void Array_reorder_is_recorded_as_a_move() =>
        Assert.Equal(
            """{"_t":"a","_2":["",0,3]}""",
            Delta("""["x","y","z"]""", """["z","x","y"]""")
        );

    [Fact]
    public void Equal_arrays_and_nested_arrays_have_no_delta() =>
        Assert.Null(Delta("""{"a":[[1,2],{"b":[]}]}""", """{"a":[[1,2],{"b":[]}]}"""));

    [Fact]
    public void Strings_shorter_than_sixty_characters_on_one_side_are_replaced()
    {
        var long1 = new string('x', 60);
        Assert.Equal($"""["{long1}","short"]""", Delta($"\"{long1}\"", "\"short\""));
    }

    [Fact]
    public void Long_strings_get_a_text_patch_with_unique_context_and_encoded_text()
    {
        var prefix = "The quick brown fox jumps over the lazy dog; ";
        var left = prefix + "and then it sleeps until the sun goes down.";
        var right = prefix + "and then it naps until the sun goes down.";
        var delta = JsonDiffPatch.Diff(left, right)!.AsArray();
        Assert.Equal(0, delta[1]!.GetValue<int>());
        Assert.Equal(2, delta[2]!.GetValue<int>());
        Assert.Equal(
            "@@ -54,12 +54,10 @@\n  it \n-slee\n+na\n ps u\n",
            delta[0]!.GetValue<string>()
        );
    }

    [Fact]
    public void Text_patch_percent_encodes_like_encode_uri_but_keeps_spaces()
    {
        var a = new string('a', 60);
        var patch = TextPatch.Make(a, a + " é%\n");
        Assert.Equal("@@ -33,28 +33,32 @@\n " + new string('a', 28) + "\n+ %C3%A9%25%0A\n", patch);
    }

    [Fact]
    public void Text_patch_has_one_hunk_per_distant_edit()
    {
        var a = new string('a', 40) + new string('b', 40);
        var b = "X" + new string('a', 40) + new string('b', 40) + "Y";
        Assert.Equal(
            "@@ -1,28 +1,29 @@\n+X\n"
                + " "
                + new string('a', 28)
                + "\n@@ -54,28 +54,29 @@\n "
                + new string('b', 28)
                + "\n+Y\n",
            TextPatch.Make(a, b)
        );
    }

    [Theory]
    [InlineData(
        "[1,2,3,4,5,6]",
        "[6,5,4,3,2,1]",
        """{"_t":"a","_1":["",4,3],"_2":["",3,3],"_3":["",2,3],"_4":["",1,3],"_5":["",0,3]}"""
    )]
    [InlineData(
        """[1,[2],{"a":1},3]""",
        """[{"a":1},3,[2],7,1]""",
        """{"3":[7],"_t":"a","_0":["",4,3],"_1":["",2,3]}"""
    )]
    [InlineData(
        "\"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt\"",
        "\"Lorem ipsum dolor sit amet, consectetuer adipiscing elit, sed do eiusmod tempor incididunt ut labore\"",
        """["@@ -31,16 +31,17 @@\n nsectetu\n+e\n r adipis\n@@ -83,8 +83,18 @@\n cididunt\n+ ut labore\n",0,2]"""
    )]
    [InlineData(
        "\"Hello world, this is a reasonably long string used for testing diffs of texts okay\"",
        "\"Goodbye world, this is a reasonably long string used for testing the diffs of text okay!\"",
        """["@@ -1,9 +1,11 @@\n-Hello\n+Goodbye\n  wor\n@@ -58,16 +58,20 @@\n testing \n+the \n diffs of\n@@ -79,10 +79,10 @@\n text\n-s\n  okay\n+!\n",0,2]"""
    )]
    public void Deltas_match_what_jsondiffpatch_0_1_33_produced(
        string left,
        string right,
        string delta
    ) => Assert.Equal(Compact(delta), Delta(left, right));
}
