using System.Text.Json.Nodes;
using Functional.Emulators.Sis;
using Functional.Emulators.Sis.Query;
using Functional.Emulators.Sis.Schemas;

namespace Functional.Tests.Emulators.Sis;

/// <summary>Joins in entity queries (spec §2.5), over an in-memory set of schemas and entities.</summary>
public class JoinsTests
{
    /// <summary>
    /// The schemas of SIS's test-api-joins: join_0 {name, num}; join_1 adds ref_0 → join_0; join_2 adds ref_0 → join_0
    /// and ref_1 → join_1. Entity j of join_i has num (i + 1) * 100 + j and refers to entity j of the lower schemas.
    /// </summary>
    private static Store Chain()
    {
        var store = new Store();
        for (var i = 0; i < 3; i++)
        {
            var refs = new List<ReferencePath>();
            for (var r = i - 1; r >= 0; r--)
            {
                refs.Add(new ReferencePath("ref_" + r, "join_" + r, false));
            }
            var docs = new List<JsonObject>();
            for (var j = 0; j < 8; j++)
            {
                var doc = new JsonObject
                {
                    ["_id"] = Id(i, j),
                    ["name"] = $"join_ent_{i}_{j}",
                    ["num"] = ((i + 1) * 100) + j,
                };
                for (var r = i - 1; r >= 0; r--)
                {
                    doc["ref_" + r] = Id(r, j);
                }
                docs.Add(doc);
            }
            store.Add("join_" + i, refs, docs);
        }
        return store;
    }

    /// <summary>
    /// The array schemas of SIS's test-api-joins: leaf {num}; anc {num, leaves: [→leaf], leaf_docs: [{leaf → leaf}]};
    /// top {num, ancs: [→anc], anc_docs: [{anc → anc}]}. 2 tops, 6 ancs, 24 leaves; leaf n belongs to anc n % 6 and
    /// anc n to top n % 2.
    /// </summary>
    private static Store Arrays()
    {
        var store = new Store();
        var leaves = Enumerable
            .Range(0, 24)
            .Select(n => new JsonObject { ["_id"] = Id(7, n), ["num"] = n })
            .ToList();
        var ancs = Enumerable
            .Range(0, 6)
            .Select(a => new JsonObject
            {
                ["_id"] = Id(8, a),
                ["num"] = a,
                ["leaves"] = new JsonArray([
                    .. Enumerable
                        .Range(0, 24)
                        .Where(n => n % 6 == a)
                        .Select(n => (JsonNode)Id(7, n)),
                ]),
                ["leaf_docs"] = new JsonArray([
                    .. Enumerable
                        .Range(0, 24)
                        .Where(n => n % 6 == a)
                        .Select(n =>
                            (JsonNode)
                                new JsonObject { ["doc_name"] = "ld_" + n, ["leaf"] = Id(7, n) }
                        ),
                ]),
            })
            .ToList();
        var tops = Enumerable
            .Range(0, 2)
            .Select(t => new JsonObject
            {
                ["_id"] = Id(9, t),
                ["num"] = t,
                ["ancs"] = new JsonArray([
                    .. Enumerable
                        .Range(0, 6)
                        .Where(a => a % 2 == t)
                        .Select(a => (JsonNode)Id(8, a)),
                ]),
                ["anc_docs"] = new JsonArray([
                    .. Enumerable
                        .Range(0, 6)
                        .Where(a => a % 2 == t)
                        .Select(a => (JsonNode)new JsonObject { ["rank"] = a, ["anc"] = Id(8, a) }),
                ]),
            })
            .ToList();
        store.Add("leaf", [], leaves);
        store.Add(
            "anc",
            [
                new ReferencePath("leaves", "leaf", true),
                new ReferencePath("leaf_docs.leaf", "leaf", true),
            ],
            ancs
        );
        store.Add(
            "top",
            [
                new ReferencePath("ancs", "anc", true),
                new ReferencePath("anc_docs.anc", "anc", true),
            ],
            tops
        );
        return store;
    }

    private static string Id(int schema, int entity) => $"{schema:x2}{entity:x22}";

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private static string Rewrite(Store store, string schema, string query)
    {
        var result = Joins.Rewrite(Json(query), schema, store);
        Assert.True(result.IsOk, result.Problem?.Body.ToJsonString());
        return result.Value!.ToJsonString();
    }

    /// <summary>The <c>num</c>s of the entities of <paramref name="schema"/> that the rewritten query matches.</summary>
    private static int[] Matching(Store store, string schema, string query)
    {
        var rewritten = Joins.Rewrite(Json(query), schema, store);
        Assert.True(rewritten.IsOk, rewritten.Problem?.Body.ToJsonString());
        var filter = MongoFilter.Compile(rewritten.Value!, _ => null);
        Assert.True(filter.IsOk, filter.Problem?.Body.ToJsonString());
        return
        [
            .. store
                .Docs(schema)
                .Where(filter.Value!.Matches)
                .Select(d => d["num"]!.GetValue<int>())
                .Order(),
        ];
    }

    [Fact]
    public void One_matching_entity_becomes_its_id()
    {
        var store = Chain();
        Assert.Equal(
            $$"""{"ref_0":"{{Id(0, 2)}}"}""",
            Rewrite(store, "join_1", """{"ref_0.num":102}""")
        );
        Assert.Equal(["join_0 {\"num\":102}"], store.Calls);
        Assert.Equal([202], Matching(Chain(), "join_1", """{"ref_0.num":102}"""));
    }

    [Fact]
    public void Several_matching_entities_become_an_in_list()
    {
        Assert.Equal(
            $$$"""{"ref_0":{"$in":["{{{Id(0, 0)}}}","{{{Id(0, 1)}}}"]}}""",
            Rewrite(Chain(), "join_1", """{"ref_0.num":{"$lt":102}}""")
        );
        Assert.Equal([200, 201], Matching(Chain(), "join_1", """{"ref_0.num":{"$lt":102}}"""));
    }

    [Fact]
    public void No_matching_entity_becomes_an_empty_in_list()
    {
        Assert.Equal(
            """{"ref_0":{"$in":[]}}""",
            Rewrite(Chain(), "join_1", """{"ref_0.num":{"$gt":999}}""")
        );
        Assert.Empty(Matching(Chain(), "join_1", """{"ref_0.num":{"$gt":999}}"""));
    }

    [Fact]
    public void Joins_go_through_several_levels()
    {
        var store = Chain();
        Assert.Equal(
            $$"""{"ref_1":"{{Id(1, 1)}}"}""",
            Rewrite(store, "join_2", """{"ref_1.ref_0.num":101}""")
        );
        Assert.Equal(
            ["join_0 {\"num\":101}", $$"""join_1 {"ref_0":"{{Id(0, 1)}}"}"""],
            store.Calls
        );
        Assert.Equal([301], Matching(Chain(), "join_2", """{"ref_1.ref_0.num":101}"""));
    }

    [Fact]
    public void Several_ids_found_at_an_inner_level_are_queried_with_in()
    {
        var store = Chain();
        Rewrite(store, "join_2", """{"ref_1.ref_0.num":{"$in":[101,103]}}""");
        Assert.Equal(
            $$$"""join_1 {"ref_0":{"$in":["{{{Id(0, 1)}}}","{{{Id(0, 3)}}}"]}}""",
            store.Calls[1]
        );
        Assert.Equal(
            [301, 303],
            Matching(Chain(), "join_2", """{"ref_1.ref_0.num":{"$in":[101,103]}}""")
        );
    }

    [Fact]
    public void No_ids_at_an_inner_level_ends_the_join_without_querying_further()
    {
        var store = Chain();
        Assert.Equal(
            """{"ref_1":{"$in":[]}}""",
            Rewrite(store, "join_2", """{"ref_1.ref_0.num":7}""")
        );
        Assert.Equal(["join_0 {\"num\":7}"], store.Calls);
    }

    [Fact]
    public void Joins_on_the_same_reference_path_intersect()
    {
        const string query = """
            {"num":{"$gt":302},"ref_1.num":{"$gt":204},"ref_1.ref_0.num":{"$lt":106}}
            """;
        Assert.Equal(
            $$"""{"num":{"$gt":302},"ref_1":"{{Id(1, 5)}}"}""",
            Rewrite(Chain(), "join_2", query)
        );
        Assert.Equal([305], Matching(Chain(), "join_2", query));
    }

    [Fact]
    public void Intersection_keeps_the_ids_of_the_first_join_in_its_order()
    {
        const string query = """{"ref_1.num":{"$gt":202},"ref_1.ref_0.num":{"$lt":106}}""";
        Assert.Equal(
            $$$"""{"ref_1":{"$in":["{{{Id(1, 3)}}}","{{{Id(1, 4)}}}","{{{Id(1, 5)}}}"]}}""",
            Rewrite(Chain(), "join_2", query)
        );
    }

    [Fact]
    public void An_empty_join_empties_the_intersection()
    {
        const string query = """
            {"num":{"$gt":302},"ref_1.num":{"$gt":204},"ref_1.ref_1.num":{"$lt":106}}
            """;
        Assert.Equal(
            """{"num":{"$gt":302},"ref_1":{"$in":[]}}""",
            Rewrite(Chain(), "join_2", query)
        );
        Assert.Empty(Matching(Chain(), "join_2", query));
    }

    [Fact]
    public void Joins_on_different_paths_are_rewritten_separately()
    {
        Assert.Equal(
            $$"""{"ref_1":"{{Id(1, 3)}}","ref_0":"{{Id(0, 4)}}"}""",
            Rewrite(Chain(), "join_2", """{"ref_1.num":203,"ref_0.num":104}""")
        );
        Assert.Empty(Matching(Chain(), "join_2", """{"ref_1.num":203,"ref_0.num":104}"""));
        Assert.Equal([303], Matching(Chain(), "join_2", """{"ref_1.num":203,"ref_0.num":103}"""));
    }

    [Fact]
    public void The_condition_is_passed_as_it_is_to_the_referenced_schema()
    {
        var store = Chain();
        Rewrite(
            store,
            "join_1",
            """{"ref_0.name":{"$regex":"^join_ent_0_[12]$","$options":"i"}}"""
        );
        Assert.Equal(
            ["join_0 {\"name\":{\"$regex\":\"^join_ent_0_[12]$\",\"$options\":\"i\"}}"],
            store.Calls
        );
    }

    [Fact]
    public void A_key_ending_in_a_dot_leaves_the_whole_query_as_it_is()
    {
        var store = Chain();
        const string query = """
            {"num":{"$gt":302},"ref_1.num":{"$gt":204},"ref_1.ref_0.":{"$lt":106},"$or":[{"ref_0.num":1}]}
            """;
        Assert.Equal(Json(query).ToJsonString(), Rewrite(store, "join_2", query));
        Assert.Empty(store.Calls);
        Assert.Empty(Matching(Chain(), "join_2", query));
    }

    [Fact]
    public void A_key_ending_in_a_dot_inside_a_branch_leaves_only_that_branch_as_it_is()
    {
        Assert.Equal(
            $$"""{"$or":[{"ref_0.":1,"ref_0.num":100},{"ref_0":"{{Id(0, 1)}}"}]}""",
            Rewrite(
                Chain(),
                "join_1",
                """{"$or":[{"ref_0.":1,"ref_0.num":100},{"ref_0.num":101}]}"""
            )
        );
    }

    [Fact]
    public void Id_of_a_reference_is_passed_through()
    {
        var store = Chain();
        var query = $$"""{"ref_0._id":"{{Id(0, 3)}}"}""";
        Assert.Equal(query, Rewrite(store, "join_1", query));
        Assert.Empty(store.Calls);
    }

    [Fact]
    public void Id_of_an_inner_reference_is_queried_as_it_is()
    {
        var store = Chain();
        Rewrite(store, "join_2", $$"""{"ref_1.ref_0._id":"{{Id(0, 3)}}"}""");
        Assert.Equal([$$"""join_1 {"ref_0._id":"{{Id(0, 3)}}"}"""], store.Calls);
    }

    [Fact]
    public void A_plain_condition_on_a_reference_path_is_left_alone()
    {
        var store = Chain();
        var query = $$"""{"ref_0":"{{Id(0, 3)}}","ref_0x.num":1,"name":"join_ent_1_3"}""";
        Assert.Equal(query, Rewrite(store, "join_1", query));
        Assert.Empty(store.Calls);
    }

    [Fact]
    public void A_join_replaces_a_plain_condition_on_its_path_in_place()
    {
        Assert.Equal(
            $$"""{"ref_0":"{{Id(0, 2)}}","name":"x"}""",
            Rewrite(Chain(), "join_1", """{"ref_0":"abc","name":"x","ref_0.num":102}""")
        );
    }

    [Fact]
    public void A_reference_to_a_schema_that_does_not_exist_is_left_as_it_is()
    {
        var store = Chain();
        store.Add(
            "orphan",
            [
                new ReferencePath("ghost", "no_such_schema", false),
                new ReferencePath("real", "join_0", false),
            ],
            [
                new JsonObject
                {
                    ["num"] = 1,
                    ["ghost"] = Id(5, 1),
                    ["real"] = Id(0, 1),
                },
            ]
        );
        Assert.Equal(
            $$"""{"ghost.num":1,"real":"{{Id(0, 1)}}"}""",
            Rewrite(store, "orphan", """{"ghost.num":1,"real.num":101}""")
        );
        Assert.Equal(["join_0 {\"num\":101}"], store.Calls);
        Assert.Empty(Matching(store, "orphan", """{"ghost.num":1}"""));
    }

    [Fact]
    public void An_inner_reference_to_a_schema_that_does_not_exist_is_queried_as_it_is()
    {
        var store = Chain();
        store.Add("middle", [new ReferencePath("ghost", "no_such_schema", false)], []);
        store.Add("outer", [new ReferencePath("mid", "middle", false)], []);
        Assert.Equal("""{"mid":{"$in":[]}}""", Rewrite(store, "outer", """{"mid.ghost.num":1}"""));
        Assert.Equal(["middle {\"ghost.num\":1}"], store.Calls);
    }

    [Fact]
    public void A_path_the_referenced_schema_does_not_have_matches_nothing()
    {
        Assert.Equal(
            """{"ref_0":{"$in":[]}}""",
            Rewrite(Chain(), "join_1", """{"ref_0.missing":1}""")
        );
    }

    [Fact]
    public void An_operator_sub_path_finds_nothing_without_querying()
    {
        var store = Chain();
        Assert.Equal(
            """{"ref_0":{"$in":[]}}""",
            Rewrite(store, "join_1", """{"ref_0.$or":[{"num":100}]}""")
        );
        Assert.Empty(store.Calls);
    }

    [Theory]
    [InlineData("join_0")]
    [InlineData("no_such_schema")]
    public void Schemas_without_references_leave_the_query_as_it_is(string schema)
    {
        var store = Chain();
        const string query = """{"ref_0.num":102,"$or":[{"a.b":1}]}""";
        Assert.Equal(query, Rewrite(store, schema, query));
        Assert.Empty(store.Calls);
    }

    [Fact]
    public void Empty_queries_stay_empty()
    {
        Assert.Equal("{}", Rewrite(Chain(), "join_1", "{}"));
    }

    [Theory]
    [InlineData("$or")]
    [InlineData("$and")]
    [InlineData("$nor")]
    public void Joins_inside_logical_operators_are_rewritten(string op)
    {
        var store = Chain();
        var query =
            $$$"""{"num":{"$gt":0},"{{{op}}}":[{"ref_0.num":100},{"ref_0.num":{"$gt":105}},{"name":"n"}]}""";
        Assert.Equal(
            $$$"""{"num":{"$gt":0},"{{{op}}}":[{"ref_0":"{{{Id(0, 0)}}}"},{"ref_0":{"$in":["{{{Id(0, 6)}}}","{{{Id(0, 7)}}}"]}},{"name":"n"}]}""",
            Rewrite(store, "join_1", query)
        );
    }

    [Fact]
    public void Logical_operators_nest()
    {
        Assert.Equal(
            $$"""{"$and":[{"$or":[{"ref_1":"{{Id(1, 2)}}"},{"num":1}]}]}""",
            Rewrite(Chain(), "join_2", """{"$and":[{"$or":[{"ref_1.ref_0.num":102},{"num":1}]}]}""")
        );
        Assert.Equal(
            [300, 301, 303, 304, 305, 306, 307],
            Matching(Chain(), "join_2", """{"$nor":[{"ref_1.ref_0.num":102}]}""")
        );
    }

    [Fact]
    public void Non_object_branches_are_kept()
    {
        Assert.Equal(
            $$"""{"$or":[1,null,{"ref_0":"{{Id(0, 0)}}"}]}""",
            Rewrite(Chain(), "join_1", """{"$or":[1,null,{"ref_0.num":100}]}""")
        );
    }

    [Fact]
    public void A_logical_operator_without_an_array_leaves_the_whole_query_as_it_is()
    {
        var store = Chain();
        const string query = """{"ref_0.num":100,"$or":{"num":1}}""";
        Assert.Equal(query, Rewrite(store, "join_1", query));
        Assert.Empty(store.Calls);
    }

    [Fact]
    public void Arrays_of_references_join()
    {
        Assert.Equal([0], Matching(Arrays(), "top", """{"ancs.num":2}"""));
        Assert.Equal([1], Matching(Arrays(), "top", """{"ancs.leaves.num":17}"""));
        Assert.Equal(
            $$"""{"ancs":"{{Id(8, 5)}}"}""",
            Rewrite(Arrays(), "top", """{"ancs.leaves.num":17}""")
        );
    }

    [Fact]
    public void References_inside_arrays_of_sub_documents_join()
    {
        Assert.Equal([0], Matching(Arrays(), "top", """{"anc_docs.anc.num":4}"""));
        Assert.Equal([1], Matching(Arrays(), "top", """{"ancs.leaf_docs.leaf.num":17}"""));
        Assert.Equal(
            $$"""{"anc_docs.anc":"{{Id(8, 4)}}"}""",
            Rewrite(Arrays(), "top", """{"anc_docs.anc.num":4}""")
        );
    }

    [Fact]
    public void Array_joins_work_with_or_nor_and_plain_fields()
    {
        Assert.Equal(
            [0, 1],
            Matching(
                Arrays(),
                "anc",
                """{"$or":[{"leaf_docs.leaf.num":6},{"leaf_docs.leaf.num":13}]}"""
            )
        );
        Assert.Equal(
            [1],
            Matching(
                Arrays(),
                "anc",
                """{"$or":[{"leaf_docs.leaf.num":6},{"leaf_docs.leaf.num":13}],"num":1}"""
            )
        );
        Assert.Equal(
            [2, 3, 4, 5],
            Matching(
                Arrays(),
                "anc",
                """{"$nor":[{"leaf_docs.leaf.num":6},{"leaf_docs.leaf.num":13}]}"""
            )
        );
    }

    [Fact]
    public void The_query_is_not_modified_and_the_result_shares_nothing_with_it()
    {
        var query = Json("""{"ref_0.num":102,"name":{"$in":["a"]},"$or":[{"num":{"$gt":1}}]}""");
        var before = query.ToJsonString();
        var result = Joins.Rewrite(query, "join_1", Chain());
        Assert.Equal(before, query.ToJsonString());
        var holder = new JsonObject { ["q"] = result.Value };
        holder["q"]!["name"]!["$in"]!.AsArray().Add("b");
        Assert.Equal(before, query.ToJsonString());

        var unchanged = Joins.Rewrite(query, "join_0", Chain()).Value!;
        Assert.NotSame(query, unchanged);
        unchanged["name"] = 1;
        Assert.Equal(before, query.ToJsonString());
    }

    [Fact]
    public void A_failure_to_find_ids_is_passed_on()
    {
        var problem = SisProblem.Internal("boom");
        var source = Joins.Source(
            schema => schema == "a" ? [new ReferencePath("r", "b", false)] : [],
            (_, _) => problem
        );
        var result = Joins.Rewrite(Json("""{"$or":[{"r.num":1}]}"""), "a", source);
        Assert.False(result.IsOk);
        Assert.Same(problem, result.Problem);
    }

    [Fact]
    public void Duplicate_ids_from_the_source_are_counted_once()
    {
        var source = Joins.Source(
            schema => schema == "a" ? [new ReferencePath("r", "b", false)] : [],
            (_, _) => Outcome.Ok<IReadOnlyList<string>>(["x", "x"])
        );
        var result = Joins.Rewrite(Json("""{"r.num":1}"""), "a", source);
        Assert.Equal("""{"r":"x"}""", result.Value!.ToJsonString());
    }

    /// <summary>An in-memory set of schemas (reference paths) and their entities, logging every FindIds query.</summary>
    private sealed class Store : IJoinSource
    {
        private readonly Dictionary<
            string,
            (List<ReferencePath> Refs, List<JsonObject> Docs)
        > schemas = [];

        public List<string> Calls { get; } = [];

        public void Add(string name, List<ReferencePath> refs, List<JsonObject> docs) =>
            schemas[name] = (refs, docs);

        public List<JsonObject> Docs(string schema) => schemas[schema].Docs;

        public IReadOnlyList<ReferencePath>? ReferencePaths(string schema) =>
            schemas.TryGetValue(schema, out var s) ? s.Refs : null;

        public Outcome<IReadOnlyList<string>> FindIds(string schema, JsonObject query)
        {
            Calls.Add(schema + " " + query.ToJsonString());
            return MongoFilter
                .Compile(query, _ => null)
                .Map(filter =>
                    (IReadOnlyList<string>)
                        [
                            .. schemas[schema]
                                .Docs.Where(filter.Matches)
                                .Select(d => d["_id"]!.GetValue<string>()),
                        ]
                );
        }
    }
}
