using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Facade.Sis;
using Functional.Tests.Facade;
using Functional.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using static Functional.Tests.EndToEnd.SisSession;
using CoreSis = Functional.Core.Sis.Sis;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// The real <see cref="SisClient"/> against the SIS emulator over sockets (spec §2): sispy's own scenario, queries,
/// references and joins, hiera, upsert, CAS races and hooks.
/// </summary>
public sealed class EndToEndSisTests
{
    private const string SispySchema = """
        {"name":"sispy_test","definition":{"name":{"type":"String","required":true,"unique":true},"number":"Number","other":"String"},"_sis":{"owner":["sispy"]}}
        """;

    // ---- sispy's scenario (§1, §2.6, §2.8.1) -----------------------------------------------

    [Fact]
    public async Task Sispy_scenario_runs_against_the_emulator()
    {
        await using var s = await StartAsync();
        Assert.NotNull(s.Super.AuthToken);
        Assert.NotNull(s.Super.TokenExpiresAt);

        var schema = await s.Super.Schemas.CreateAsync(Json(SispySchema));
        Assert.Equal(201, schema.Status);
        Assert.Equal("sispy_test", Str(schema.Json, "name"));
        AssertJson("""["sispy"]""", schema.Json.GetProperty("_sis").GetProperty("owner"));
        // id_field is inferred from the required+unique "name" field (§2.8.1)
        Assert.Equal("name", Str(schema.Json, "id_field"));

        var entities = s.Super.Entities("sispy_test");
        for (var i = 0; i < 1000; i++)
        {
            var created = await entities.CreateAsync(
                Json($$"""{"name":"entity_{{i}}","number":{{i}},"other":"o{{i}}"}""")
            );
            Assert.Equal(201, created.Status);
        }

        var all = new List<JsonElement>();
        await foreach (var item in entities.FetchAllAsync(pageSize: 300))
            all.Add(item);
        Assert.Equal(1000, all.Count);
        Assert.Equal(1000, all.Select(e => Str(e, "_id")).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(0, 1000).Select(i => $"entity_{i}").Order(),
            all.Select(e => Str(e, "name")).Order()
        );
        var first = await entities.FetchPageAsync(SisQuery.All.WithLimit(1));
        Assert.Equal(Some(1000L), first.TotalCount);
        Assert.Single(first.Items);
        var everything = await entities.FetchPageAsync();
        Assert.Equal(Some(1000L), everything.TotalCount);
        Assert.Equal(1000, everything.Items.Count);

        // update the schema removing "other": the field disappears from every entity (§2.8.1)
        var updated = await s.Super.Schemas.UpdateAsync(
            "sispy_test",
            Json(
                """{"name":"sispy_test","definition":{"name":{"type":"String","required":true,"unique":true},"number":"Number"},"_sis":{"owner":["sispy"]}}"""
            )
        );
        Assert.Equal(200, updated.Status);
        Assert.False(updated.Json.GetProperty("definition").TryGetProperty("other", out _));
        var afterRemoval = await entities.FetchPageAsync();
        Assert.Equal(1000, afterRemoval.Items.Count);
        Assert.All(afterRemoval.Items, e => Assert.False(e.TryGetProperty("other", out _)));
        // omitting id_field on update resets it to _id (§2.8.1): look up by _id now
        Assert.Equal("_id", Str(updated.Json, "id_field"));
        var seventh = all.Single(e => Str(e, "name") == "entity_7");
        var one = await entities.GetAsync(Str(seventh, "_id"));
        Assert.False(one.Json.TryGetProperty("other", out _));
        Assert.Equal(7, one.Json.GetProperty("number").GetInt32());

        // bulk update by id list (§2.6.7)
        var firstTen = all.Where(e => e.GetProperty("number").GetInt32() < 10).ToArray();
        var byIds = await entities.UpdateBulkAsync(
            firstTen.Select(e => Json($$"""{"_id":"{{Str(e, "_id")}}","number":-1}"""))
        );
        Assert.True(byIds.AllSucceeded);
        Assert.Equal(10, byIds.Success.Count);
        Assert.All(byIds.Success, e => Assert.Equal(-1, e.GetProperty("number").GetInt32()));
        var minusOne = await entities.FetchPageAsync(SisQuery.Where(SisFilter.Eq("number", -1L)));
        Assert.Equal(Some(10L), minusOne.TotalCount);

        // bulk update by query
        var byQuery = await entities.UpdateBulkAsync(
            Json("""{"number":5000}"""),
            SisFilter.Gte("number", 990L)
        );
        Assert.True(byQuery.AllSucceeded);
        Assert.Equal(10, byQuery.Success.Count);
        Assert.Equal(
            Enumerable.Range(990, 10).Select(i => $"entity_{i}").Order(),
            byQuery.Success.Select(e => Str(e, "name")).Order()
        );
        var fiveThousand = await entities.FetchPageAsync(
            SisQuery.Where(SisFilter.Eq("number", 5000L))
        );
        Assert.Equal(Some(10L), fiveThousand.TotalCount);

        // bulk delete by query: numbers -1 (10) and 10..99 (90)
        var deleted = await entities.DeleteBulkAsync(SisFilter.Lt("number", 100L));
        Assert.True(deleted.AllSucceeded);
        Assert.Equal(100, deleted.Success.Count);
        var rest = await entities.FetchPageAsync(SisQuery.All.WithLimit(1));
        Assert.Equal(Some(900L), rest.TotalCount);

        // fetch on a missing schema (§2.8.2)
        var missing = await FailsAsync(() => s.Super.Entities("no_such_schema").FetchPageAsync());
        AssertError(missing, 404, 1000, "sis_schemas no_such_schema does not exist");
        var missingAll = await FailsAsync(async () =>
        {
            await foreach (var _ in s.Super.Entities("no_such_schema").FetchAllAsync()) { }
        });
        AssertError(missingAll, 404, 1000, "sis_schemas no_such_schema does not exist");

        // deleting the schema drops its entities (§2.8.1)
        var gone = await s.Super.Schemas.DeleteAsync("sispy_test");
        Assert.Equal("sispy_test", Str(gone.Json, "name"));
        var afterDelete = await FailsAsync(() => entities.GetAsync("entity_500"));
        AssertError(afterDelete, 404, 1000, "sis_schemas sispy_test does not exist");
        var schemaGone = await FailsAsync(() => s.Super.Schemas.GetAsync("sispy_test"));
        AssertError(schemaGone, 404, 1000, "sis_schemas sispy_test does not exist");
    }

    // ---- queries (§2.4, §2.5) ---------------------------------------------------------------

    private const string ThingsSchema = """
        {"name":"q_things","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number","tags":["String"],"nested":{"a":"Number","b":"String"},"opt":"String"},"_sis":{"owner":["q"]}}
        """;

    private static readonly string[] Things =
    [
        """{"name":"a","num":1,"tags":["x"],"nested":{"a":1,"b":"p"},"opt":"o"}""",
        """{"name":"b","num":2,"tags":["y"],"nested":{"a":2,"b":"q"}}""",
        """{"name":"c","num":3,"tags":["x","y"],"nested":{"a":3,"b":"p"},"opt":"o"}""",
        """{"name":"d","num":4,"tags":[],"nested":{"a":4,"b":"q"}}""",
        """{"name":"e","num":5,"tags":["z"],"nested":{"a":5,"b":"p"}}""",
        """{"name":"f","num":6,"tags":["x"],"nested":{"a":6,"b":"q"},"opt":"p"}""",
    ];

    private static async Task<SisEndpointClient> ThingsAsync(SisSession s)
    {
        await s.Super.Schemas.CreateAsync(Json(ThingsSchema));
        var entities = s.Super.Entities("q_things");
        var bulk = await entities.CreateManyAsync(Things.Select(Json));
        Assert.True(bulk.AllSucceeded);
        Assert.Equal(6, bulk.Success.Count);
        return entities;
    }

    private static async Task<string[]> NamesWhere(SisEndpointClient entities, SisFilter filter)
    {
        var page = await entities.FetchPageAsync(
            SisQuery.Where(filter).WithSort(SisSort.Asc("name"))
        );
        Assert.Equal(Some((long)page.Items.Count), page.TotalCount);
        return Names(page);
    }

    [Fact]
    public async Task Filters_use_mongo_operators_and_dotted_paths()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        Assert.Equal(["d", "e", "f"], await NamesWhere(things, SisFilter.Gt("num", 3L)));
        Assert.Equal(
            ["a", "c"],
            await NamesWhere(things, SisFilter.In("name", new[] { "a", "c", "zz" }))
        );
        Assert.Equal(
            ["a", "b", "d", "f"],
            await NamesWhere(
                things,
                SisFilter.Or(SisFilter.Eq("num", 1L), SisFilter.Eq("nested.b", "q"))
            )
        );
        Assert.Equal(["a", "c", "f"], await NamesWhere(things, SisFilter.Exists("opt")));
        Assert.Equal(["b", "d", "e"], await NamesWhere(things, SisFilter.Exists("opt", false)));
        Assert.Equal(["b"], await NamesWhere(things, SisFilter.Eq("nested.a", 2L)));
        // scalar equality matches any array element
        Assert.Equal(["a", "c", "f"], await NamesWhere(things, SisFilter.Eq("tags", "x")));
        Assert.Equal(
            ["b", "c", "d"],
            await NamesWhere(
                things,
                SisFilter.And(SisFilter.Gte("num", 2L), SisFilter.Lt("num", 5L))
            )
        );
        Assert.Equal(["b", "d", "f"], await NamesWhere(things, SisFilter.Ne("nested.b", "p")));
        Assert.Equal(
            ["c", "d", "e", "f"],
            await NamesWhere(things, SisFilter.Nin("num", new long[] { 1, 2 }))
        );
        Assert.Equal(["b", "d", "f"], await NamesWhere(things, SisFilter.Mod("num", 2, 0)));
        Assert.Equal(
            ["e", "f"],
            await NamesWhere(
                things,
                SisFilter.Nor(SisFilter.Lte("num", 3L), SisFilter.Eq("name", "d"))
            )
        );
        Assert.Empty(await NamesWhere(things, SisFilter.Eq("name", "nobody")));
        // "_sis.owner" is a dotted path too: owners default to [] for the super user's entities
        Assert.Empty(await NamesWhere(things, SisFilter.Eq("_sis.owner", "q")));
    }

    [Fact]
    public async Task Filters_follow_mongo_array_semantics_and_more_operators()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        // an array value matches the whole array exactly
        Assert.Equal(["c"], await NamesWhere(things, SisFilter.Eq("tags", Json("""["x","y"]"""))));
        Assert.Equal(["d"], await NamesWhere(things, SisFilter.Eq("tags", Json("[]"))));
        Assert.Equal(
            ["b", "c", "e"],
            await NamesWhere(things, SisFilter.In("tags", new[] { "y", "z" }))
        );
        Assert.Equal(["b", "d", "e"], await NamesWhere(things, SisFilter.Ne("tags", "x")));
        Assert.Equal(
            ["d", "e"],
            await NamesWhere(things, SisFilter.Nin("tags", new[] { "x", "y" }))
        );
        Assert.Equal(["c", "d", "e", "f"], await NamesWhere(things, SisFilter.Gt("num", 2.5)));
        Assert.Equal(["a", "b", "c"], await NamesWhere(things, SisFilter.Regex("name", "^[a-c]")));
        Assert.Equal(["a", "b"], await NamesWhere(things, SisFilter.Regex("name", "^[AB]", "i")));
        Assert.Equal(
            ["c"],
            await NamesWhere(
                things,
                SisFilter.And(
                    SisFilter.Or(SisFilter.Eq("tags", "y"), SisFilter.Eq("num", 6L)),
                    SisFilter.Eq("nested.b", "p")
                )
            )
        );
        Assert.Equal(
            ["a", "b", "c", "d", "e", "f"],
            await NamesWhere(things, SisFilter.Exists("_sis._updated_at"))
        );
        Assert.Empty(await NamesWhere(things, SisFilter.Null("nested.a")));
        Assert.Equal(["b", "d", "e"], await NamesWhere(things, SisFilter.Null("opt")));
        // an index into an array
        Assert.Equal(
            ["a", "b", "c", "e", "f"],
            await NamesWhere(things, SisFilter.Exists("tags.0"))
        );
        Assert.Equal(["c"], await NamesWhere(things, SisFilter.Eq("tags.1", "y")));
    }

    [Fact]
    public async Task Missing_values_sort_first_ascending()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        var byOpt = await things.FetchPageAsync(
            SisQuery.All.WithSort(SisSort.Asc("opt"), SisSort.Asc("name"))
        );
        Assert.Equal(["b", "d", "e", "a", "c", "f"], Names(byOpt));
        var byOptDesc = await things.FetchPageAsync(
            SisQuery.All.WithSort(SisSort.Desc("opt"), SisSort.Asc("name"))
        );
        Assert.Equal(["f", "a", "c", "b", "d", "e"], Names(byOptDesc));
    }

    [Fact]
    public async Task Fetch_all_keeps_the_queries_own_offset_and_limit()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        var items = new List<JsonElement>();
        await foreach (
            var t in things.FetchAllAsync(
                SisQuery.All.WithSort(SisSort.Asc("num")).WithOffset(1).WithLimit(4),
                pageSize: 3
            )
        )
            items.Add(t);
        Assert.Equal(["b", "c", "d", "e"], Names(items));

        var filtered = new List<JsonElement>();
        await foreach (
            var t in things.FetchAllAsync(
                SisQuery.Where(SisFilter.Eq("nested.b", "q")).WithSort(SisSort.Desc("num")),
                pageSize: 1
            )
        )
            filtered.Add(t);
        Assert.Equal(["f", "d", "b"], Names(filtered));
    }

    [Fact]
    public async Task Sort_limit_offset_and_total_count()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        var desc = await things.FetchPageAsync(SisQuery.All.WithSort(SisSort.Desc("num")));
        Assert.Equal(["f", "e", "d", "c", "b", "a"], Names(desc));
        var natural = await things.FetchPageAsync();
        Assert.Equal(["a", "b", "c", "d", "e", "f"], Names(natural));
        var twoKeys = await things.FetchPageAsync(
            SisQuery.All.WithSort(SisSort.Asc("nested.b"), SisSort.Desc("num"))
        );
        Assert.Equal(["e", "c", "a", "f", "d", "b"], Names(twoKeys));

        var window = await things.FetchPageAsync(
            SisQuery.All.WithSort(SisSort.Asc("num")).WithLimit(2).WithOffset(1)
        );
        Assert.Equal(["b", "c"], Names(window));
        Assert.Equal(Some(6L), window.TotalCount);

        var filtered = await things.FetchPageAsync(
            SisQuery.Where(SisFilter.Gt("num", 1L)).WithSort(SisSort.Asc("num")).WithLimit(2)
        );
        Assert.Equal(["b", "c"], Names(filtered));
        Assert.Equal(Some(5L), filtered.TotalCount);

        var beyond = await things.FetchPageAsync(SisQuery.All.WithOffset(10));
        Assert.Empty(beyond.Items);
        Assert.Equal(Some(6L), beyond.TotalCount);

        var paged = new List<JsonElement>();
        await foreach (
            var t in things.FetchAllAsync(SisQuery.All.WithSort(SisSort.Desc("num")), pageSize: 4)
        )
            paged.Add(t);
        Assert.Equal(["f", "e", "d", "c", "b", "a"], Names(paged));
    }

    [Fact]
    public async Task Fields_project_and_always_keep_the_id()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        var page = await things.FetchPageAsync(
            SisQuery.All.WithFields("name", "nested.a").WithSort(SisSort.Asc("name"))
        );
        Assert.Equal(6, page.Items.Count);
        foreach (var item in page.Items)
        {
            Assert.True(item.TryGetProperty("_id", out _), item.GetRawText());
            Assert.True(item.TryGetProperty("name", out _), item.GetRawText());
            Assert.False(item.TryGetProperty("num", out _), item.GetRawText());
            Assert.False(item.TryGetProperty("opt", out _), item.GetRawText());
            Assert.False(item.TryGetProperty("_sis", out _), item.GetRawText());
            var nested = item.GetProperty("nested");
            Assert.True(nested.TryGetProperty("a", out _), item.GetRawText());
            Assert.False(nested.TryGetProperty("b", out _), item.GetRawText());
        }

        var excluded = await things.FetchPageAsync(SisQuery.All.WithFields("-num"));
        Assert.All(
            excluded.Items,
            item =>
            {
                Assert.False(item.TryGetProperty("num", out _), item.GetRawText());
                Assert.True(item.TryGetProperty("name", out _), item.GetRawText());
                Assert.True(item.TryGetProperty("_sis", out _), item.GetRawText());
            }
        );
    }

    [Fact]
    public async Task With_counts_adds_entity_count_to_schemas()
    {
        await using var s = await StartAsync();
        await ThingsAsync(s);
        await s.Super.Schemas.CreateAsync(
            Json("""{"name":"q_empty","definition":{"name":"String"},"_sis":{"owner":["q"]}}""")
        );

        var counted = await s.Super.Schemas.FetchPageAsync(
            SisQuery.All.WithEntityCounts(true).WithSort(SisSort.Asc("name"))
        );
        Assert.Equal(["q_empty", "q_things"], Names(counted));
        Assert.Equal(
            new[] { 0, 6 },
            counted.Items.Select(i => i.GetProperty("entity_count").GetInt32())
        );
        var one = await s.Super.Schemas.GetAsync(
            "q_things",
            SisGetOptions.Default.WithEntityCounts(true)
        );
        Assert.Equal(6, one.Json.GetProperty("entity_count").GetInt32());

        var plain = await s.Super.Schemas.FetchPageAsync();
        Assert.All(plain.Items, i => Assert.False(i.TryGetProperty("entity_count", out _)));
        var plainOne = await s.Super.Schemas.GetAsync("q_things");
        Assert.False(plainOne.Json.TryGetProperty("entity_count", out _));
        // x-total-count only on lists
        Assert.Equal(None, plainOne.TotalCount);

        await s.Super.Entities("q_things").DeleteBulkAsync(SisFilter.Gt("num", 4L));
        var fewer = await s.Super.Schemas.GetAsync(
            "q_things",
            SisGetOptions.Default.WithEntityCounts(true)
        );
        Assert.Equal(4, fewer.Json.GetProperty("entity_count").GetInt32());

        // an update without description removes it (§2.8.1)
        await s.Super.Schemas.UpdateAsync(
            "q_empty",
            Json(
                """{"name":"q_empty","description":"d","definition":{"name":"String"},"_sis":{"owner":["q"]}}"""
            )
        );
        var withoutDescription = await s.Super.Schemas.UpdateAsync(
            "q_empty",
            Json("""{"name":"q_empty","definition":{"name":"String"},"_sis":{"owner":["q"]}}""")
        );
        Assert.False(
            withoutDescription.Json.TryGetProperty("description", out _),
            withoutDescription.Json.GetRawText()
        );
    }

    [Fact]
    public async Task Remove_empty_drops_empty_arrays()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        var d = await things.GetAsync("d");
        AssertJson("[]", d.Json.GetProperty("tags"));
        var dEmpty = await things.GetAsync("d", SisGetOptions.Default.WithRemoveEmpty(true));
        Assert.False(dEmpty.Json.TryGetProperty("tags", out _), dEmpty.Json.GetRawText());
        Assert.Equal(4, dEmpty.Json.GetProperty("num").GetInt32());
        // _sis.tags is an empty array too
        Assert.False(
            dEmpty.Json.GetProperty("_sis").TryGetProperty("tags", out _),
            dEmpty.Json.GetRawText()
        );

        var page = await things.FetchPageAsync(
            SisQuery.Where(SisFilter.Eq("name", "d")).WithRemoveEmpty(true)
        );
        var item = Assert.Single(page.Items);
        Assert.False(item.TryGetProperty("tags", out _), item.GetRawText());
        var a = await things.GetAsync("a", SisGetOptions.Default.WithRemoveEmpty(true));
        AssertJson("""["x"]""", a.Json.GetProperty("tags"));
    }

    // ---- references, populate, joins (§2.8.2, §2.5) -----------------------------------------

    private sealed record RefWorld(
        SisEndpointClient Hosts,
        SisEndpointClient Apps,
        SisEndpointClient Deploys,
        string[] HostIds,
        string[] AppIds
    );

    private static async Task<RefWorld> RefWorldAsync(SisSession s)
    {
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"r_hosts","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number"},"_sis":{"owner":["r"]}}"""
            )
        );
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"r_apps","definition":{"name":{"type":"String","required":true,"unique":true},"host":{"type":"ObjectId","ref":"r_hosts"},"backups":[{"type":"ObjectId","ref":"r_hosts"}]},"_sis":{"owner":["r"]}}"""
            )
        );
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"r_deploys","definition":{"name":{"type":"String","required":true,"unique":true},"app":{"type":"ObjectId","ref":"r_apps"}},"_sis":{"owner":["r"]}}"""
            )
        );
        var hosts = s.Super.Entities("r_hosts");
        var apps = s.Super.Entities("r_apps");
        var deploys = s.Super.Entities("r_deploys");
        var h = new string[3];
        for (var i = 0; i < 3; i++)
            h[i] = Id(await hosts.CreateAsync(Json($$"""{"name":"h{{i + 1}}","num":{{i + 1}}}""")));
        var a = new[]
        {
            Id(
                await apps.CreateAsync(
                    Json(
                        $$"""{"name":"app1","host":"{{h[0]}}","backups":["{{h[1]}}","{{h[2]}}"]}"""
                    )
                )
            ),
            Id(
                await apps.CreateAsync(Json($$"""{"name":"app2","host":"{{h[1]}}","backups":[]}"""))
            ),
            Id(
                await apps.CreateAsync(
                    // an object with _id is accepted in place of an id
                    Json($$"""{"name":"app3","host":{"_id":"{{h[2]}}"},"backups":["{{h[0]}}"]}""")
                )
            ),
        };
        await deploys.CreateAsync(Json($$"""{"name":"d1","app":"{{a[0]}}"}"""));
        await deploys.CreateAsync(Json($$"""{"name":"d3","app":"{{a[2]}}"}"""));
        return new RefWorld(hosts, apps, deploys, h, a);
    }

    [Fact]
    public async Task Populate_resolves_references_one_level_unless_turned_off()
    {
        await using var s = await StartAsync();
        var w = await RefWorldAsync(s);
        var h1 = (await w.Hosts.GetAsync("h1")).Json;
        var h2 = (await w.Hosts.GetAsync("h2")).Json;
        var h3 = (await w.Hosts.GetAsync("h3")).Json;

        var app1 = (await w.Apps.GetAsync(w.AppIds[0])).Json;
        AssertJson(h1, app1.GetProperty("host"));
        AssertJson(Json($"[{h2.GetRawText()},{h3.GetRawText()}]"), app1.GetProperty("backups"));
        var app3 = (await w.Apps.GetAsync("app3")).Json;
        AssertJson(h3, app3.GetProperty("host"));

        var flat = (
            await w.Apps.GetAsync(w.AppIds[0], SisGetOptions.Default.WithPopulate(SisPopulate.None))
        ).Json;
        Assert.Equal(w.HostIds[0], Str(flat, "host"));
        AssertJson(Json($"""["{w.HostIds[1]}","{w.HostIds[2]}"]"""), flat.GetProperty("backups"));

        var onlyHost = await w.Apps.FetchPageAsync(
            SisQuery.Where(SisFilter.Eq("name", "app1")).WithPopulate(SisPopulate.Paths("host"))
        );
        var item = Assert.Single(onlyHost.Items);
        AssertJson(h1, item.GetProperty("host"));
        AssertJson(Json($"""["{w.HostIds[1]}","{w.HostIds[2]}"]"""), item.GetProperty("backups"));

        var listFlat = await w.Apps.FetchPageAsync(
            SisQuery.All.WithPopulate(SisPopulate.None).WithSort(SisSort.Asc("name"))
        );
        Assert.Equal(w.HostIds, listFlat.Items.Select(i => Str(i, "host")).ToArray());

        // one level only: the deploy's app is populated, the app's host stays an id
        var d1 = (await w.Deploys.GetAsync("d1")).Json;
        Assert.Equal("app1", Str(d1.GetProperty("app"), "name"));
        Assert.Equal(w.HostIds[0], Str(d1.GetProperty("app"), "host"));
    }

    [Fact]
    public async Task References_must_exist()
    {
        await using var s = await StartAsync();
        var w = await RefWorldAsync(s);

        var bad = await FailsAsync(() =>
            w.Apps.CreateAsync(Json("""{"name":"app9","host":"5f0000000000000000000000"}"""))
        );
        AssertErrorEndsWith(bad, 400, 1001, "Reference does not exist.");
        var badInArray = await FailsAsync(() =>
            w.Apps.CreateAsync(
                Json(
                    $$"""{"name":"app9","host":"{{w.HostIds[0]}}","backups":["5f0000000000000000000000"]}"""
                )
            )
        );
        AssertErrorEndsWith(badInArray, 400, 1001, "Reference does not exist.");
        var created = await w.Apps.CreateAsync(
            Json($$"""{"name":"app9","host":"{{w.HostIds[0]}}","backups":[null]}""")
        );
        Assert.Equal(201, created.Status);
    }

    [Fact]
    public async Task Joins_query_through_references()
    {
        await using var s = await StartAsync();
        var w = await RefWorldAsync(s);

        Assert.Equal(["app2"], await NamesWhere(w.Apps, SisFilter.Eq("host.num", 2L)));
        Assert.Equal(["app2", "app3"], await NamesWhere(w.Apps, SisFilter.Gt("host.num", 1L)));
        Assert.Equal(
            ["app1", "app3"],
            await NamesWhere(
                w.Apps,
                SisFilter.Or(SisFilter.Eq("host.num", 1L), SisFilter.Eq("name", "app3"))
            )
        );
        // an array of references
        Assert.Equal(["app1"], await NamesWhere(w.Apps, SisFilter.Eq("backups.num", 3L)));
        Assert.Equal(
            ["app1", "app3"],
            await NamesWhere(w.Apps, SisFilter.In("backups.name", new[] { "h1", "h2" }))
        );
        // several conditions on the same reference intersect
        Assert.Equal(
            ["app3"],
            await NamesWhere(
                w.Apps,
                SisFilter.And(SisFilter.Gt("host.num", 1L), SisFilter.Eq("host.name", "h3"))
            )
        );
        // two levels
        Assert.Equal(["d3"], await NamesWhere(w.Deploys, SisFilter.Eq("app.host.num", 3L)));
        // no match: nothing
        Assert.Empty(await NamesWhere(w.Apps, SisFilter.Eq("host.num", 99L)));
    }

    [Fact]
    public async Task References_inside_arrays_of_sub_documents_populate_and_join()
    {
        await using var s = await StartAsync();
        var w = await RefWorldAsync(s);
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"r_links","definition":{"name":{"type":"String","required":true,"unique":true},"links":[{"label":"String","host":{"type":"ObjectId","ref":"r_hosts"}}]},"_sis":{"owner":["r"]}}"""
            )
        );
        var links = s.Super.Entities("r_links");
        await links.CreateAsync(
            Json(
                $$"""{"name":"l1","links":[{"label":"a","host":"{{w.HostIds[0]}}"},{"label":"b","host":"{{w.HostIds[1]}}"}]}"""
            )
        );
        await links.CreateAsync(
            Json($$"""{"name":"l2","links":[{"label":"c","host":"{{w.HostIds[2]}}"}]}""")
        );
        var bad = await FailsAsync(() =>
            links.CreateAsync(
                Json("""{"name":"l3","links":[{"label":"x","host":"5f0000000000000000000000"}]}""")
            )
        );
        AssertErrorEndsWith(bad, 400, 1001, "Reference does not exist.");

        var l1 = (await links.GetAsync("l1")).Json;
        AssertJson(
            (await w.Hosts.GetAsync("h1")).Json,
            l1.GetProperty("links")[0].GetProperty("host")
        );
        AssertJson(
            (await w.Hosts.GetAsync("h2")).Json,
            l1.GetProperty("links")[1].GetProperty("host")
        );
        Assert.Equal(["l2"], await NamesWhere(links, SisFilter.Eq("links.host.num", 3L)));
        Assert.Equal(
            ["l1", "l2"],
            await NamesWhere(links, SisFilter.In("links.host.name", new[] { "h2", "h3" }))
        );
        Assert.Equal(
            ["l2"],
            await NamesWhere(
                links,
                SisFilter.Nor(SisFilter.Eq("links.host.num", 1L), SisFilter.Eq("name", "zz"))
            )
        );
    }

    [Fact]
    public async Task Missing_entities_are_404_with_the_schema_name()
    {
        await using var s = await StartAsync();
        var w = await RefWorldAsync(s);

        var missing = await FailsAsync(() => w.Apps.GetAsync("5f0000000000000000000000"));
        AssertError(missing, 404, 1000, "r_apps 5f0000000000000000000000 does not exist");
        var deleteMissing = await FailsAsync(() => w.Apps.DeleteAsync("5f0000000000000000000000"));
        AssertError(deleteMissing, 404, 1000, "r_apps 5f0000000000000000000000 does not exist");
        var schema = await FailsAsync(() => s.Super.Schemas.GetAsync("nothing_here"));
        AssertError(schema, 404, 1000, "sis_schemas nothing_here does not exist");
        var post = await FailsAsync(() =>
            s.Super.Entities("nothing_here").CreateAsync(Json("""{"name":"x"}"""))
        );
        AssertError(post, 404, 1000, "sis_schemas nothing_here does not exist");
    }

    // ---- hiera (§2.8.4) ----------------------------------------------------------------------

    [Theory]
    [InlineData("common/app/db")]
    [InlineData("with spaces and / slash")]
    [InlineData("foo.bar.baz")]
    [InlineData("odd?#%&+name")]
    [InlineData("日本 データ/é")]
    [InlineData("a/../b")]
    [InlineData("%41 literal percent")]
    [InlineData(" padded ")]
    public async Task Hiera_get_returns_name_to_data(string name)
    {
        await using var s = await StartAsync();
        var node = new JsonObject
        {
            ["name"] = name,
            ["hieradata"] = new JsonObject { ["port"] = 5432, ["hosts"] = new JsonArray("a", "b") },
            ["_sis"] = new JsonObject { ["owner"] = new JsonArray("ops") },
        };
        var created = await s.Super.Hiera.CreateAsync(node);
        Assert.Equal(201, created.Status);
        Assert.Equal(name, Str(created.Json, "name"));

        var got = await s.Super.Hiera.GetAsync(name);
        AssertJson(
            Json(new JsonObject { [name] = JsonNode.Parse("""{"port":5432,"hosts":["a","b"]}""") }),
            got.Json
        );

        // PUT merges hieradata: null deletes a key, others are set (§2.8.4)
        var put = await s.Super.Hiera.UpdateAsync(
            name,
            new JsonObject
            {
                ["name"] = name,
                ["hieradata"] = JsonNode.Parse("""{"port":null,"user":"pg"}"""),
                ["_sis"] = new JsonObject { ["owner"] = new JsonArray("ops") },
            }
        );
        Assert.Equal(200, put.Status);
        AssertJson("""{"hosts":["a","b"],"user":"pg"}""", put.Json.GetProperty("hieradata"));
        var listed = await s.Super.Hiera.FetchPageAsync(SisQuery.Where(SisFilter.Eq("name", name)));
        var item = Assert.Single(listed.Items);
        AssertJson("""{"hosts":["a","b"],"user":"pg"}""", item.GetProperty("hieradata"));

        var deleted = await s.Super.Hiera.DeleteAsync(name);
        Assert.Equal(name, Str(deleted.Json, "name"));
        var gone = await FailsAsync(() => s.Super.Hiera.GetAsync(name));
        AssertError(gone, 404, 1000, $"sis_hiera {name} does not exist");
    }

    [Fact]
    public async Task A_hiera_entry_named_dot_dot_is_created_but_the_client_will_not_address_it()
    {
        await using var s = await StartAsync();
        var created = await s.Super.Hiera.CreateAsync(
            Json("""{"name":"..","hieradata":{"k":1},"_sis":{"owner":["ops"]}}""")
        );
        Assert.Equal(201, created.Status);
        var listed = await s.Super.Hiera.FetchPageAsync(SisQuery.Where(SisFilter.Eq("name", "..")));
        Assert.Single(listed.Items);
        // a path segment ".." would be removed by URI normalisation: the client refuses it before sending
        await Assert.ThrowsAsync<SisValidationException>(() => s.Super.Hiera.GetAsync(".."));
    }

    [Fact]
    public async Task Hiera_data_may_be_any_json_value()
    {
        await using var s = await StartAsync();
        foreach (
            var (name, data) in new[]
            {
                ("h.array", "[1,\"two\",{\"three\":3}]"),
                ("h.string", "\"text\""),
                ("h.number", "42.5"),
            }
        )
        {
            await s.Super.Hiera.CreateAsync(
                Json($$$"""{"name":"{{{name}}}","hieradata":{{{data}}},"_sis":{"owner":["ops"]}}""")
            );
            AssertJson($$"""{"{{name}}":{{data}}}""", (await s.Super.Hiera.GetAsync(name)).Json);
        }
        var missingData = await FailsAsync(() =>
            s.Super.Hiera.CreateAsync(Json("""{"name":"h.none","_sis":{"owner":["ops"]}}"""))
        );
        AssertErrorEndsWith(missingData, 400, 1001, "hieradata is missing");
    }

    // ---- upsert and CAS (§2.6.4, §2.6.5, §2.12) ----------------------------------------------

    [Fact]
    public async Task Upsert_creates_with_201_then_updates_with_200()
    {
        await using var s = await StartAsync();
        var upsert = SisUpdateOptions.Default.WithUpsert(true);

        var first = await s.Super.Hiera.UpdateAsync(
            "foo.bar.baz",
            Json("""{"name":"foo.bar.baz","hieradata":{"a":1},"_sis":{"owner":["ops"]}}"""),
            upsert
        );
        Assert.Equal(201, first.Status);
        var second = await s.Super.Hiera.UpdateAsync(
            "foo.bar.baz",
            Json("""{"name":"foo.bar.baz","hieradata":{"b":2},"_sis":{"owner":["ops"]}}"""),
            upsert
        );
        Assert.Equal(200, second.Status);
        AssertJson(
            """{"foo.bar.baz":{"a":1,"b":2}}""",
            (await s.Super.Hiera.GetAsync("foo.bar.baz")).Json
        );
        var mismatch = await FailsAsync(() =>
            s.Super.Hiera.UpdateAsync(
                "other.name",
                Json("""{"name":"not.the.id","hieradata":{},"_sis":{"owner":["ops"]}}"""),
                upsert
            )
        );
        AssertErrorEndsWith(mismatch, 400, 1001, "Cannot insert object with specified ID");
        var plainMissing = await FailsAsync(() =>
            s.Super.Hiera.UpdateAsync(
                "absent",
                Json("""{"name":"absent","hieradata":{},"_sis":{"owner":["ops"]}}""")
            )
        );
        AssertError(plainMissing, 404, 1000, "sis_hiera absent does not exist");

        // entities: only with an id_field other than _id
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"u_things","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number"},"_sis":{"owner":["u"]}}"""
            )
        );
        var entities = s.Super.Entities("u_things");
        var created = await entities.UpdateAsync("e1", Json("""{"name":"e1","num":1}"""), upsert);
        Assert.Equal(201, created.Status);
        var updated = await entities.UpdateAsync("e1", Json("""{"name":"e1","num":2}"""), upsert);
        Assert.Equal(200, updated.Status);
        Assert.Equal(Id(created), Id(updated));
        Assert.Equal(2, updated.Json.GetProperty("num").GetInt32());
        var page = await entities.FetchPageAsync();
        Assert.Equal(Some(1L), page.TotalCount);

        // schemas: the body's name must be the id
        var schema = await s.Super.Schemas.UpdateAsync(
            "ups_schema",
            Json("""{"name":"ups_schema","definition":{"a":"String"},"_sis":{"owner":["u"]}}"""),
            upsert
        );
        Assert.Equal(201, schema.Status);
        var again = await s.Super.Schemas.UpdateAsync(
            "ups_schema",
            Json(
                """{"name":"ups_schema","definition":{"a":"String","b":"Number"},"_sis":{"owner":["u"]}}"""
            ),
            upsert
        );
        Assert.Equal(200, again.Status);
        Assert.Equal(Id(schema), Id(again));
    }

    private static async Task<(SisEndpointClient Entities, string Id)> CasThingAsync(SisSession s)
    {
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"cas_things","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number"},"_sis":{"owner":["c"]}}"""
            )
        );
        var entities = s.Super.Entities("cas_things");
        var created = await entities.CreateAsync(Json("""{"name":"c","num":0}"""));
        return (entities, Id(created));
    }

    [Fact]
    public async Task Cas_updates_only_when_the_condition_holds()
    {
        await using var s = await StartAsync();
        var (entities, id) = await CasThingAsync(s);

        var refused = await FailsAsync(() =>
            entities.UpdateAsync(
                id,
                Json("""{"num":5}"""),
                SisUpdateOptions.Default.WithCas(SisFilter.Eq("num", 3L))
            )
        );
        AssertError(refused, 400, 1001, "Bad request: CAS update failed.");
        Assert.Equal(0, (await entities.GetAsync(id)).Json.GetProperty("num").GetInt32());

        var ok = await entities.UpdateAsync(
            id,
            Json("""{"num":5}"""),
            SisUpdateOptions.Default.WithCas(SisFilter.Eq("num", 0L))
        );
        Assert.Equal(200, ok.Status);
        Assert.Equal(5, ok.Json.GetProperty("num").GetInt32());
        Assert.Equal("c", Str(ok.Json, "name"));
    }

    [Fact]
    public async Task Ten_parallel_identical_cas_updates_let_exactly_one_through()
    {
        await using var s = await StartAsync();
        var (entities, id) = await CasThingAsync(s);

        var attempts = Enumerable
            .Range(0, 10)
            .Select(async _ =>
            {
                try
                {
                    return (
                        Ok: (SisResponse?)
                            await entities.UpdateAsync(
                                id,
                                Json("""{"num":1}"""),
                                SisUpdateOptions.Default.WithCas(SisFilter.Eq("num", 0L))
                            ),
                        Error: (SisException?)null
                    );
                }
                catch (SisException e)
                {
                    return (Ok: null, Error: e);
                }
            })
            .ToArray();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Ok is not null);
        Assert.Equal(200, winner.Ok!.Status);
        Assert.Equal(1, winner.Ok.Json.GetProperty("num").GetInt32());
        var losers = results.Where(r => r.Error is not null).Select(r => r.Error!).ToArray();
        Assert.Equal(9, losers.Length);
        Assert.All(losers, e => AssertError(e, 400, 1001, "Bad request: CAS update failed."));
        Assert.Equal(1, (await entities.GetAsync(id)).Json.GetProperty("num").GetInt32());
    }

    [Fact]
    public async Task Parallel_inserts_keep_unique_indexes()
    {
        await using var s = await StartAsync();
        var (entities, _) = await CasThingAsync(s);

        var distinct = await Task.WhenAll(
            Enumerable
                .Range(0, 40)
                .Select(i => entities.CreateAsync(Json($$"""{"name":"p{{i}}","num":{{i}}}""")))
        );
        Assert.All(distinct, r => Assert.Equal(201, r.Status));
        Assert.Equal(40, distinct.Select(Id).Distinct().Count());

        var same = await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(async i =>
                {
                    try
                    {
                        await entities.CreateAsync(Json($$"""{"name":"same","num":{{i}}}"""));
                        return 201;
                    }
                    catch (SisException e)
                    {
                        Assert.Equal(1002, e.Code);
                        Assert.StartsWith("Internal error", e.Error, StringComparison.Ordinal);
                        return e.HttpStatusCode;
                    }
                })
        );
        Assert.Single(same, status => status == 201);
        Assert.Equal(19, same.Count(status => status == 500));
        Assert.Equal(
            Some(42L),
            (await entities.FetchPageAsync(SisQuery.All.WithLimit(1))).TotalCount
        );
    }

    [Fact]
    public async Task Bulk_insert_reports_successes_and_errors()
    {
        await using var s = await StartAsync();
        await s.Super.Schemas.CreateAsync(Json(ThingsSchema));
        var things = s.Super.Entities("q_things");

        var result = await things.CreateManyAsync([
            Json("""{"name":"a","num":1}"""),
            Json("""{"name":"b","num":"not a number"}"""),
            Json("""{"name":"a","num":2}"""),
            Json("""{"name":"c","num":3}"""),
        ]);
        Assert.Equal(["a", "c"], Names(result.Success).Order());
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(400, e.Status));
        var insertFailed = Assert.Single(
            result.Errors,
            e => e.Error == "Bad request: Insert failed"
        );
        Assert.Equal(Some(1001), insertFailed.Code);
        Assert.Equal("a", Str(insertFailed.Value, "name"));
        Assert.Single(result.Errors, e => Str(e.Value, "name") == "b");
        Assert.All(
            result.Success,
            e =>
                Assert.True(
                    e.GetProperty("_sis").TryGetProperty("_trans_id", out _),
                    e.GetRawText()
                )
        );

        var none = await things.CreateManyAsync(
            [Json("""{"name":"x1","num":1}"""), Json("""{"name":"a","num":1}""")],
            allOrNone: true
        );
        Assert.Empty(none.Success);
        Assert.NotEmpty(none.Errors);
        var page = await things.FetchPageAsync();
        Assert.Equal(Some(2L), page.TotalCount);

        // the client refuses an empty array before sending (the server would say 400 "Array must not be empty.")
        await Assert.ThrowsAsync<SisValidationException>(() => things.CreateManyAsync([]));
    }

    // ---- hooks (§2.8.3) ----------------------------------------------------------------------

    private static async Task<SisEndpointClient> HookedSchemaAsync(SisSession s)
    {
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"hooked","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number"},"_sis":{"owner":["h"]}}"""
            )
        );
        return s.Super.Entities("hooked");
    }

    private static JsonElement Hook(
        string name,
        string action,
        Uri url,
        string events,
        int retries
    ) =>
        Json(
            $$$"""{"name":"{{{name}}}","entity_type":"hooked","target":{"action":"{{{action}}}","url":"{{{url}}}"},"events":{{{events}}},"retry_count":{{{retries}}},"retry_delay":1,"_sis":{"owner":["h"]}}"""
        );

    [Fact]
    public async Task A_post_hook_receives_insert_and_update_payloads()
    {
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}");
        var entities = await HookedSchemaAsync(s);
        var hook = await s.Super.Hooks.CreateAsync(
            Hook("h_post", "POST", new Uri(listener.BaseUri, "hook"), """["insert","update"]""", 0)
        );
        Assert.Equal(201, hook.Status);

        var created = await entities.CreateAsync(Json("""{"name":"n1","num":1}"""));
        await s.DrainHooksAsync();
        var insert = Assert.Single(listener.Requests);
        Assert.Equal("POST", insert.Method);
        Assert.Equal("/hook", insert.Path);
        Assert.StartsWith(
            "application/json",
            insert.Header("content-type"),
            StringComparison.Ordinal
        );
        AssertJson(
            Json(
                new JsonObject
                {
                    ["hook"] = "h_post",
                    ["entity_type"] = "hooked",
                    ["event"] = "insert",
                    ["data"] = JsonNode.Parse(created.Json.GetRawText()),
                    ["is_bulk"] = false,
                }
            ),
            Json(insert.BodyText)
        );

        var updated = await entities.UpdateAsync("n1", Json("""{"num":2}"""));
        await s.DrainHooksAsync();
        Assert.Equal(2, listener.Requests.Count);
        AssertJson(
            Json(
                new JsonObject
                {
                    ["hook"] = "h_post",
                    ["entity_type"] = "hooked",
                    ["event"] = "update",
                    ["data"] = JsonNode.Parse(updated.Json.GetRawText()),
                    ["is_bulk"] = false,
                    ["old_value"] = JsonNode.Parse(created.Json.GetRawText()),
                }
            ),
            Json(listener.Requests[1].BodyText)
        );

        // delete is not among the hook's events
        await entities.DeleteAsync("n1");
        await s.DrainHooksAsync();
        Assert.Equal(2, listener.Requests.Count);

        // a bulk insert: one call with the array
        var bulk = await entities.CreateManyAsync([
            Json("""{"name":"b1","num":1}"""),
            Json("""{"name":"b2","num":2}"""),
        ]);
        await s.DrainHooksAsync();
        Assert.Equal(3, listener.Requests.Count);
        var payload = Json(listener.Requests[2].BodyText);
        Assert.Equal("insert", Str(payload, "event"));
        Assert.True(payload.GetProperty("is_bulk").GetBoolean());
        AssertJson(
            Json("[" + string.Join(",", bulk.Success.Select(e => e.GetRawText())) + "]"),
            payload.GetProperty("data")
        );
    }

    [Fact]
    public async Task Draining_right_after_each_answer_sees_its_hook()
    {
        // DrainHooksAsync must cover the hooks of every write whose answer the caller already has. Four writers
        // run side by side (each on its own schema, hook and listener path) to make a late dispatch visible.
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}");
        var writers = new List<(SisEndpointClient Entities, string Path)>();
        for (var w = 0; w < 4; w++)
        {
            await s.Super.Schemas.CreateAsync(
                Json(
                    $$$"""{"name":"drain{{{w}}}","definition":{"name":"String"},"_sis":{"owner":["h"]}}"""
                )
            );
            await s.Super.Hooks.CreateAsync(
                Json(
                    $$$"""{"name":"h_drain{{{w}}}","entity_type":"drain{{{w}}}","target":{"action":"POST","url":"{{{new Uri(listener.BaseUri, $"drain{w}")}}}"},"events":["insert"],"_sis":{"owner":["h"]}}"""
                )
            );
            writers.Add((s.Super.Entities($"drain{w}"), $"/drain{w}"));
        }

        var misses = await Task.WhenAll(
            writers.Select(async writer =>
            {
                var missed = new List<string>();
                for (var i = 1; i <= 25; i++)
                {
                    await writer.Entities.CreateAsync(Json($$"""{"name":"n{{i}}"}"""));
                    await s.DrainHooksAsync();
                    var seen = listener.Requests.Count(r => r.Path == writer.Path);
                    if (seen < i)
                        missed.Add(
                            $"{writer.Path}: after insert {i} and DrainHooksAsync only {seen} calls"
                        );
                }
                return missed;
            })
        );
        Assert.Empty(misses.SelectMany(m => m));
    }

    [Fact]
    public async Task An_upsert_insert_fires_update_hooks_without_data()
    {
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}");
        var entities = await HookedSchemaAsync(s);
        await s.Super.Hooks.CreateAsync(
            Hook("h_upsert", "POST", new Uri(listener.BaseUri, "u"), """["insert","update"]""", 0)
        );

        var created = await entities.UpdateAsync(
            "up1",
            Json("""{"name":"up1","num":1}"""),
            SisUpdateOptions.Default.WithUpsert(true)
        );
        Assert.Equal(201, created.Status);
        await s.DrainHooksAsync();
        var request = Assert.Single(listener.Requests);
        var payload = Json(request.BodyText);
        Assert.Equal("update", Str(payload, "event"));
        Assert.Equal("h_upsert", Str(payload, "hook"));
        Assert.False(payload.TryGetProperty("data", out _), request.BodyText);
        // ...while the commit is an insert
        var commits = await entities.CommitsAsync(Id(created));
        Assert.Equal(["insert"], Names(commits, "action"));
    }

    [Fact]
    public async Task Upsert_needs_an_id_field_on_entities()
    {
        await using var s = await StartAsync();
        await s.Super.Schemas.CreateAsync(
            Json("""{"name":"plain","definition":{"name":"String"},"_sis":{"owner":["p"]}}""")
        );
        var e = await FailsAsync(() =>
            s
                .Super.Entities("plain")
                .UpdateAsync(
                    "5f0000000000000000000000",
                    Json("""{"name":"x"}"""),
                    SisUpdateOptions.Default.WithUpsert(true)
                )
        );
        AssertErrorEndsWith(e, 400, 1001, "Cannot insert object with specified ID");
    }

    [Fact]
    public async Task A_failing_hook_is_retried()
    {
        await using var s = await StartAsync();
        var calls = 0;
        await using var listener = await CannedServer.StartAsync(
            (context, _) =>
                CannedServer.WriteJsonAsync(
                    context,
                    "{}",
                    Interlocked.Increment(ref calls) == 1 ? 400 : 200
                )
        );
        var entities = await HookedSchemaAsync(s);
        await s.Super.Hooks.CreateAsync(
            Hook("h_retry", "POST", new Uri(listener.BaseUri, "retry"), """["insert"]""", 2)
        );

        var created = await entities.CreateAsync(Json("""{"name":"r1","num":1}"""));
        await s.DrainHooksAsync();

        Assert.Equal(2, listener.Requests.Count);
        foreach (var request in listener.Requests)
        {
            var payload = Json(request.BodyText);
            Assert.Equal("insert", Str(payload, "event"));
            AssertJson(created.Json, payload.GetProperty("data"));
        }
        Assert.Equal(0, s.Emulator.PendingHooks);
    }

    [Fact]
    public async Task A_get_hook_receives_qs_encoded_data()
    {
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}");
        var entities = await HookedSchemaAsync(s);
        await s.Super.Hooks.CreateAsync(
            Hook("h_get", "GET", new Uri(listener.BaseUri, "get"), """["insert"]""", 0)
        );

        var created = await entities.CreateAsync(Json("""{"name":"g1","num":1}"""));
        await s.DrainHooksAsync();

        var request = Assert.Single(listener.Requests);
        Assert.Equal("GET", request.Method);
        var query = QueryHelpers.ParseQuery(request.Query);
        Assert.Equal("h_get", query["data[hook]"].ToString());
        Assert.Equal("hooked", query["data[entity_type]"].ToString());
        Assert.Equal("insert", query["data[event]"].ToString());
        Assert.Equal("false", query["data[is_bulk]"].ToString());
        AssertJson(created.Json, Json(query["data[data]"].ToString()));
    }

    [Fact]
    public async Task Triggering_hooks_sends_the_entity_as_an_update()
    {
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}");
        var entities = await HookedSchemaAsync(s);
        var created = await entities.CreateAsync(Json("""{"name":"t1","num":1}"""));
        await s.Super.Hooks.CreateAsync(
            Hook("h_trigger", "PUT", new Uri(listener.BaseUri, "t"), """["update"]""", 0)
        );

        var triggered = await s.Anonymous().TriggerHooksAsync("hooked", Id(created));
        Assert.Equal(200, triggered.Status);
        Assert.Equal("Hooks triggered successfully", Str(triggered.Json, "message"));
        Assert.Equal("hooked", Str(triggered.Json, "type"));
        Assert.Equal(Id(created), Str(triggered.Json.GetProperty("entity"), "_id"));
        await s.DrainHooksAsync();

        var request = Assert.Single(listener.Requests);
        Assert.Equal("PUT", request.Method);
        var payload = Json(request.BodyText);
        Assert.Equal("update", Str(payload, "event"));
        Assert.Equal(Id(created), Str(payload.GetProperty("data"), "_id"));
        AssertJson(payload.GetProperty("data"), payload.GetProperty("old_value"));
    }

    // ---- server modes and info (§2.1, §2.8.8, §2.9, §2.10) ------------------------------------

    [Fact]
    public async Task Info_has_the_build_keys()
    {
        await using var s = await StartAsync();
        var info = await s.Anonymous().InfoAsync();
        if (info.TryGetProperty("err", out var err))
            Assert.Equal("no info present", err.GetString());
        else
            foreach (var key in new[] { "build_num", "git_hash", "build_id", "version" })
                Assert.True(info.TryGetProperty(key, out _), info.GetRawText());
    }

    [Fact]
    public async Task Read_only_mode_answers_writes_with_the_express_html_404()
    {
        await using var s = await StartAsync(configure: o => o with { ReadOnly = true });
        Assert.NotNull(s.Super.AuthToken);

        var e = await FailsAsync(() =>
            s.Super.Schemas.CreateAsync(
                Json("""{"name":"ro","definition":{"a":"String"},"_sis":{"owner":["x"]}}""")
            )
        );
        Assert.Equal(404, e.HttpStatusCode);
        Assert.Null(e.Code);
        Assert.StartsWith(
            "Failed to decode JSON from the response: ",
            e.Error,
            StringComparison.Ordinal
        );
        Assert.Contains("Cannot POST /api/v1.1/schemas", e.Error, StringComparison.Ordinal);
        var list = await s.Super.Schemas.FetchPageAsync();
        Assert.Empty(list.Items);
        Assert.Equal(Some(0L), list.TotalCount);
    }

    [Fact]
    public async Task Without_auth_anyone_writes_and_owners_are_optional()
    {
        await using var s = await StartAsync(
            configure: o => o with { AuthEnabled = false },
            login: false
        );
        var client = s.Anonymous();
        var schema = await client.Schemas.CreateAsync(
            Json("""{"name":"open_world","definition":{"name":"String"}}""")
        );
        Assert.Equal(201, schema.Status);
        var entity = await client.Entities("open_world").CreateAsync(Json("""{"name":"x"}"""));
        Assert.Equal(201, entity.Status);
        Assert.False(
            entity.Json.GetProperty("_sis").TryGetProperty("_created_by", out _),
            entity.Json.GetRawText()
        );
        var login = await FailsAsync(() => client.AuthenticateAsync(SuperName, SuperPassword));
        Assert.Equal(404, login.HttpStatusCode);
    }

    // ---- validation, casting and merging (§2.6, §2.7, §2.8.1, §2.8.2) ------------------------

    [Fact]
    public async Task Schema_definitions_are_validated()
    {
        await using var s = await StartAsync();
        var schemas = s.Super.Schemas;

        await RefusedAsync(
            schemas,
            """{"name":"sis_foo","definition":{"a":"String"},"_sis":{"owner":["x"]}}""",
            "Schema name is reserved."
        );
        await RefusedAsync(
            schemas,
            """{"name":"empty","definition":{},"_sis":{"owner":["x"]}}""",
            "Cannot add an empty schema."
        );
        await RefusedAsync(
            schemas,
            """{"name":"idf","definition":{"num":"Number"},"id_field":"num","_sis":{"owner":["x"]}}""",
            "ID Field must be required and unique."
        );
        await RefusedAsync(
            schemas,
            """{"name":"resv","definition":{"_foo":"String"},"_sis":{"owner":["x"]}}""",
            "_foo is a reserved field"
        );
        // the spec names two texts ("owner field is required in _sis" / "owner field is required.")
        var noOwner = await FailsAsync(() =>
            schemas.CreateAsync(Json("""{"name":"no_owner","definition":{"a":"String"}}"""))
        );
        AssertStatus(noOwner, 400, 1001);
        Assert.Contains("owner field is required", noOwner.Error, StringComparison.Ordinal);
        var badType = await FailsAsync(() =>
            schemas.CreateAsync(
                Json(
                    """{"name":"badtype","definition":{"a":"NoSuchType"},"_sis":{"owner":["x"]}}"""
                )
            )
        );
        Assert.Equal(400, badType.HttpStatusCode);
        Assert.StartsWith(
            "Bad request: Schema is invalid",
            badType.Error,
            StringComparison.Ordinal
        );
        var badName = await FailsAsync(() =>
            schemas.CreateAsync(
                Json("""{"name":"Bad-Name","definition":{"a":"String"},"_sis":{"owner":["x"]}}""")
            )
        );
        AssertStatus(badName, 400, 1001);

        // {} becomes Mixed; locked fields cannot be removed; duplicates are 500 (E11000)
        var created = await schemas.CreateAsync(
            Json(
                """{"name":"locked_f","definition":{"a":"String","b":{},"c":"Number"},"locked_fields":["a"],"_sis":{"owner":["x"]}}"""
            )
        );
        AssertJson("""{"type":"Mixed"}""", created.Json.GetProperty("definition").GetProperty("b"));
        var removeLocked = await FailsAsync(() =>
            schemas.UpdateAsync(
                "locked_f",
                Json(
                    """{"name":"locked_f","definition":{"b":{},"c":"Number"},"locked_fields":["a"],"_sis":{"owner":["x"]}}"""
                )
            )
        );
        AssertErrorEndsWith(removeLocked, 400, 1001, "Cannot remove field a");
        var unlockAndRemove = await schemas.UpdateAsync(
            "locked_f",
            Json(
                """{"name":"locked_f","definition":{"b":{},"c":"Number"},"locked_fields":[],"_sis":{"owner":["x"]}}"""
            )
        );
        Assert.False(unlockAndRemove.Json.GetProperty("definition").TryGetProperty("a", out _));
        var duplicate = await FailsAsync(() =>
            schemas.CreateAsync(
                Json("""{"name":"locked_f","definition":{"a":"String"},"_sis":{"owner":["x"]}}""")
            )
        );
        Assert.Equal(500, duplicate.HttpStatusCode);
        Assert.Equal(1002, duplicate.Code);
        Assert.StartsWith("Internal error", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entities_are_cast_and_validated_like_mongoose()
    {
        await using var s = await StartAsync();
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"v_things","definition":{"r":{"type":"String","required":true},"n":{"type":"Number","max":3},"e":{"type":"String","enum":["A","B"]},"m":{"type":"String","match":"/^[0-9]+$/"},"b":"Boolean","l":{"type":"String","lowercase":true,"trim":true},"u":{"type":"String","unique":true}},"_sis":{"owner":["v"]}}"""
            )
        );
        var v = s.Super.Entities("v_things");

        async Task Refused(string json, string error)
        {
            var e = await FailsAsync(() => v.CreateAsync(Json(json)));
            AssertError(e, 400, 1001, error);
        }

        await Refused("""{"_sis":{"tags":["t"]}}""", "Bad request: entity cannot be empty");
        await Refused("""{"n":1}""", "Bad request: ValidationError: Path `r` is required.");
        await Refused(
            """{"r":"x","n":5}""",
            "Bad request: ValidationError: Path `n` (5) is more than maximum allowed value (3)."
        );
        await Refused(
            """{"r":"x","e":"C"}""",
            "Bad request: ValidationError: `C` is not a valid enum value for path `e`."
        );
        await Refused(
            """{"r":"x","m":"abc"}""",
            "Bad request: ValidationError: Path `m` is invalid (abc)."
        );
        var reserved = await FailsAsync(() =>
            v.CreateAsync(Json("""{"r":"x","_id":"5f0000000000000000000000"}"""))
        );
        AssertErrorEndsWith(reserved, 400, 1001, "_id is a reserved field");
        var cast = await FailsAsync(() => v.CreateAsync(Json("""{"r":"x","n":"abc"}""")));
        AssertStatus(cast, 400, 1001);

        var ok = await v.CreateAsync(
            Json(
                """{"r":5,"n":"2","b":"bogus","l":"  HeLLo ","m":"123","e":"A","zzz":1,"u":"one"}"""
            )
        );
        Assert.Equal("5", Str(ok.Json, "r"));
        Assert.Equal(2, ok.Json.GetProperty("n").GetInt32());
        Assert.True(ok.Json.GetProperty("b").GetBoolean());
        Assert.Equal("hello", Str(ok.Json, "l"));
        Assert.False(ok.Json.TryGetProperty("zzz", out _), ok.Json.GetRawText());
        Assert.Equal(0, ok.Json.GetProperty("_v").GetInt32());
        Assert.Equal("v1.1", Str(ok.Json.GetProperty("_sis"), "_version"));
        var falsy = await v.CreateAsync(Json("""{"r":"y","b":"false","u":"two"}"""));
        Assert.False(falsy.Json.GetProperty("b").GetBoolean());

        var dup = await FailsAsync(() => v.CreateAsync(Json("""{"r":"z","u":"one"}""")));
        Assert.Equal(500, dup.HttpStatusCode);
        Assert.Equal(1002, dup.Code);
        Assert.StartsWith("Internal error", dup.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_updates_merge_nested_objects_and_mixed_fields()
    {
        await using var s = await StartAsync();
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"m_things","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number","tags":["String"],"nested":{"a":"Number","b":"String"},"mix":"Mixed"},"_sis":{"owner":["m"]}}"""
            )
        );
        var m = s.Super.Entities("m_things");
        var created = await m.CreateAsync(
            Json(
                """{"name":"x","num":1,"tags":["a"],"nested":{"a":1,"b":"p"},"mix":{"a":1,"b":{"c":2}}}"""
            )
        );
        Assert.Equal(0, created.Json.GetProperty("_v").GetInt32());

        var nested = await m.UpdateAsync("x", Json("""{"nested":{"b":"q"}}"""));
        AssertJson("""{"a":1,"b":"q"}""", nested.Json.GetProperty("nested"));
        Assert.Equal(1, nested.Json.GetProperty("num").GetInt32());

        var mixed = await m.UpdateAsync("x", Json("""{"mix":{"a":null,"b":{"d":3}}}"""));
        AssertJson("""{"b":{"c":2,"d":3}}""", mixed.Json.GetProperty("mix"));
        var forced = await m.UpdateAsync(
            "x",
            Json("""{"mix":{"z":1}}"""),
            SisUpdateOptions.Default.WithForceMixed(true)
        );
        AssertJson("""{"z":1}""", forced.Json.GetProperty("mix"));

        // _v moves only when an array changes; sending back a fetched object works
        Assert.Equal(0, forced.Json.GetProperty("_v").GetInt32());
        var arrays = await m.UpdateAsync("x", Json("""{"tags":["a","b"]}"""));
        Assert.Equal(1, arrays.Json.GetProperty("_v").GetInt32());
        var echoed = await m.UpdateAsync("x", arrays.Json);
        Assert.Equal(200, echoed.Status);
        AssertJson("""["a","b"]""", echoed.Json.GetProperty("tags"));
        Assert.Equal(Id(created), Id(echoed));

        var renamed = await FailsAsync(() => m.UpdateAsync("x", Json("""{"name":"y"}""")));
        AssertErrorEndsWith(renamed, 400, 1001, "name cannot be changed.");
    }

    [Fact]
    public async Task Immutable_and_locked_objects_resist_changes()
    {
        await using var s = await StartAsync();
        var schemas = s.Super.Schemas;
        await schemas.CreateAsync(
            Json("""{"name":"imm","definition":{"a":"String"},"_sis":{"owner":["i"]}}""")
        );

        // set immutable and change the definition in the same PUT: allowed
        var frozen = await schemas.UpdateAsync(
            "imm",
            Json(
                """{"name":"imm","definition":{"a":"String","b":"String"},"_sis":{"owner":["i"],"immutable":true}}"""
            )
        );
        Assert.True(frozen.Json.GetProperty("_sis").GetProperty("immutable").GetBoolean());
        var refused = await FailsAsync(() =>
            schemas.UpdateAsync(
                "imm",
                Json(
                    """{"name":"imm","definition":{"a":"String"},"_sis":{"owner":["i"],"immutable":true}}"""
                )
            )
        );
        AssertError(
            refused,
            401,
            1004,
            "Unauthorized. Cannot change an immutable object unless only changing immutable state"
        );
        var thawed = await schemas.UpdateAsync(
            "imm",
            Json(
                """{"name":"imm","definition":{"a":"String","b":"String"},"_sis":{"owner":["i"],"immutable":false}}"""
            )
        );
        Assert.False(thawed.Json.GetProperty("_sis").GetProperty("immutable").GetBoolean());

        // locked entities cannot be deleted, alone or in bulk
        await schemas.CreateAsync(
            Json(
                """{"name":"lck","definition":{"name":"String","num":"Number"},"_sis":{"owner":["i"]}}"""
            )
        );
        var entities = s.Super.Entities("lck");
        var locked = await entities.CreateAsync(
            Json("""{"name":"keep","num":1,"_sis":{"locked":true}}""")
        );
        await entities.CreateAsync(Json("""{"name":"drop","num":1}"""));
        var single = await FailsAsync(() => entities.DeleteAsync(Id(locked)));
        AssertError(single, 401, 1004, "Unauthorized. Cannot delete a locked object.");
        var bulk = await entities.DeleteBulkAsync(SisFilter.Eq("num", 1L));
        Assert.Equal(["drop"], Names(bulk.Success));
        var error = Assert.Single(bulk.Errors);
        Assert.Equal(401, error.Status);
        Assert.Equal(Id(locked), Str(error.Value, "_id"));
    }

    [Fact]
    public async Task Ip_addresses_are_stored_expanded_and_queryable()
    {
        await using var s = await StartAsync();
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"ips","definition":{"name":"String","ip":"IpAddress"},"_sis":{"owner":["n"]}}"""
            )
        );
        var ips = s.Super.Entities("ips");
        var v4 = await ips.CreateAsync(Json("""{"name":"v4","ip":"10.1.1.1/24"}"""));
        var ip = v4.Json.GetProperty("ip");
        Assert.Equal("10.1.1.1", Str(ip, "ip_address"));
        Assert.Equal("v4", Str(ip, "version"));
        Assert.Equal("24", ip.GetProperty("cidr").ToString());
        Assert.Equal("10.1.1.0", Str(ip, "network"));
        Assert.Equal("10.1.1.255", Str(ip, "broadcast"));
        Assert.Equal("255.255.255.0", Str(ip, "subnet_mask"));
        var v6 = await ips.CreateAsync(
            Json("""{"name":"v6","ip":"2001:0:ce49:7601:e866:efff:62c3:fffe/100"}""")
        );
        var ip6 = v6.Json.GetProperty("ip");
        Assert.Equal("v6", Str(ip6, "version"));
        Assert.Equal("2001:0000:ce49:7601:e866:efff:6000:0000", Str(ip6, "network"));
        Assert.Equal("2001:0000:ce49:7601:e866:efff:6fff:ffff", Str(ip6, "broadcast"));

        var found = await ips.FetchPageAsync(
            SisQuery.Where(SisFilter.Eq("ip.ip_address", "10.1.1.1"))
        );
        Assert.Equal(["v4"], Names(found));
    }

    [Fact]
    public async Task Populated_references_to_deleted_entities_are_null()
    {
        await using var s = await StartAsync();
        var w = await RefWorldAsync(s);
        await w.Hosts.DeleteAsync("h1");

        var app1 = (await w.Apps.GetAsync(w.AppIds[0])).Json;
        Assert.Equal(JsonValueKind.Null, app1.GetProperty("host").ValueKind);
        var flat = (
            await w.Apps.GetAsync(w.AppIds[0], SisGetOptions.Default.WithPopulate(SisPopulate.None))
        ).Json;
        Assert.Equal(w.HostIds[0], Str(flat, "host"));
    }

    [Fact]
    public async Task Hooks_are_validated()
    {
        await using var s = await StartAsync();
        var hooks = s.Super.Hooks;

        await RefusedAsync(
            hooks,
            """{"name":"h","entity_type":"x","events":["insert"],"_sis":{"owner":["h"]}}""",
            "Hook has no target."
        );
        await RefusedAsync(
            hooks,
            """{"name":"h","entity_type":"x","target":{"action":"POST"},"events":["insert"],"_sis":{"owner":["h"]}}""",
            "Hook target has no url."
        );
        await RefusedAsync(
            hooks,
            """{"name":"h","entity_type":"x","target":{"action":"POST","url":"http://127.0.0.1:1/"},"events":[],"_sis":{"owner":["h"]}}""",
            "Hook on parameter has no values."
        );
        var ok = await hooks.CreateAsync(
            Json(
                """{"name":"h","entity_type":"x","target":{"action":"POST","url":"http://127.0.0.1:1/"},"events":["insert"],"_sis":{"owner":["h"]}}"""
            )
        );
        Assert.Equal(0, ok.Json.GetProperty("retry_count").GetInt32());
        Assert.Equal(1, ok.Json.GetProperty("retry_delay").GetInt32());
    }

    [Fact]
    public async Task Bulk_updates_report_items_without_ids()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);
        var a = (await things.GetAsync("a")).Json;

        var result = await things.UpdateBulkAsync([
            Json($$"""{"_id":"{{Str(a, "_id")}}","num":10}"""),
            Json("""{"num":11}"""),
        ]);
        var updated = Assert.Single(result.Success);
        Assert.Equal(10, updated.GetProperty("num").GetInt32());
        var error = Assert.Single(result.Errors);
        Assert.Equal(400, error.Status);
        Assert.EndsWith("Missing ID field in bulk update", error.Error, StringComparison.Ordinal);

        var nothing = await things.UpdateBulkAsync(
            Json("""{"num":0}"""),
            SisFilter.Eq("name", "zz")
        );
        Assert.Empty(nothing.Success);
        Assert.Empty(nothing.Errors);
    }

    // ---- default shapes (§2.7) and odd answers (§2.3, §2.1) ----------------------------------

    private static void AssertKeys(JsonElement obj, params string[] keys) =>
        Assert.True(
            obj.EnumerateObject().Select(p => p.Name).Order().SequenceEqual(keys.Order()),
            $"expected keys [{string.Join(",", keys.Order())}], got [{string.Join(",", obj.EnumerateObject().Select(p => p.Name).Order())}] in {obj.GetRawText()}"
        );

    [Fact]
    public async Task New_objects_have_the_default_shapes()
    {
        await using var s = await StartAsync();
        var schema = (
            await s.Super.Schemas.CreateAsync(
                Json(
                    """{"name":"shape","description":"d","definition":{"name":"String","tags":["String"],"nested":{"x":"String"},"deep":{"arr":["String"]}},"_sis":{"owner":["x"]}}"""
                )
            )
        ).Json;
        AssertKeys(
            schema,
            "name",
            "description",
            "definition",
            "_id",
            "_v",
            "_sis",
            "any_owner_can_modify",
            "is_public",
            "id_field",
            "is_open",
            "track_history",
            "locked_fields"
        );
        Assert.Matches("^[0-9a-f]{24}$", Str(schema, "_id"));
        Assert.Equal(0, schema.GetProperty("_v").GetInt32());
        Assert.False(schema.GetProperty("any_owner_can_modify").GetBoolean());
        Assert.False(schema.GetProperty("is_public").GetBoolean());
        Assert.False(schema.GetProperty("is_open").GetBoolean());
        Assert.True(schema.GetProperty("track_history").GetBoolean());
        Assert.Equal("_id", Str(schema, "id_field"));
        AssertJson("[]", schema.GetProperty("locked_fields"));
        var sis = schema.GetProperty("_sis");
        AssertKeys(
            sis,
            "_created_at",
            "_updated_at",
            "_created_by",
            "_updated_by",
            "_version",
            "tags",
            "immutable",
            "locked",
            "_references",
            "owner"
        );
        Assert.Equal(SuperName, Str(sis, "_created_by"));
        Assert.Equal(SuperName, Str(sis, "_updated_by"));
        Assert.Equal("v1.1", Str(sis, "_version"));
        Assert.Equal(
            sis.GetProperty("_created_at").GetInt64(),
            sis.GetProperty("_updated_at").GetInt64()
        );
        AssertJson("[]", sis.GetProperty("_references"));

        var entity = (await s.Super.Entities("shape").CreateAsync(Json("""{"name":"n"}"""))).Json;
        AssertKeys(entity, "name", "tags", "deep", "_id", "_v", "_sis");
        AssertJson("[]", entity.GetProperty("tags"));
        AssertJson("""{"arr":[]}""", entity.GetProperty("deep"));
        AssertKeys(
            entity.GetProperty("_sis"),
            "_created_at",
            "_updated_at",
            "_created_by",
            "_updated_by",
            "_version",
            "any_owner_can_modify",
            "owner",
            "tags",
            "immutable",
            "locked"
        );
        AssertJson(entity, (await s.Super.Entities("shape").GetAsync(Str(entity, "_id"))).Json);

        var hiera = (
            await s.Super.Hiera.CreateAsync(
                Json("""{"name":"shape","hieradata":{"a":1},"_sis":{"owner":["x"]}}""")
            )
        ).Json;
        AssertKeys(hiera, "name", "hieradata", "_id", "_v", "_sis");
        AssertKeys(
            hiera.GetProperty("_sis"),
            "_created_at",
            "_updated_at",
            "_created_by",
            "_updated_by",
            "_version",
            "tags",
            "immutable",
            "locked",
            "owner"
        );

        var hook = (
            await s.Super.Hooks.CreateAsync(
                Json(
                    """{"name":"shape","entity_type":"shape","target":{"action":"POST","url":"http://127.0.0.1:1/"},"events":["insert"],"_sis":{"owner":["x"]}}"""
                )
            )
        ).Json;
        AssertKeys(
            hook,
            "name",
            "entity_type",
            "target",
            "events",
            "retry_delay",
            "retry_count",
            "_id",
            "_v",
            "_sis"
        );
        AssertJson("""{"action":"POST","url":"http://127.0.0.1:1/"}""", hook.GetProperty("target"));

        var user = (
            await s.Super.Users.CreateAsync(
                Json("""{"name":"shaper","email":"s@example.com","pw":"pw123456","roles":{}}""")
            )
        ).Json;
        AssertKeys(user, "name", "email", "roles", "super_user", "verified", "_id", "_v", "_sis");
        AssertJson("{}", user.GetProperty("roles"));
        Assert.False(user.GetProperty("super_user").GetBoolean());
        Assert.False(user.GetProperty("verified").GetBoolean());
        Assert.False(user.GetProperty("_sis").TryGetProperty("owner", out _), user.GetRawText());

        var shaper = await s.LoginAsync("shaper", "pw123456");
        var token = (await shaper.Tokens("shaper").CreateAsync(Json("""{"desc":"d"}"""))).Json;
        AssertKeys(token, "name", "username", "desc", "_id", "_v", "_sis");
        AssertJson("""{"tags":[],"immutable":false,"locked":false}""", token.GetProperty("_sis"));
    }

    [Fact]
    public async Task Schemas_list_their_references()
    {
        await using var s = await StartAsync();
        await RefWorldAsync(s);
        var apps = await s.Super.Schemas.GetAsync("r_apps");
        AssertJson(
            """["r_hosts","r_hosts"]""",
            apps.Json.GetProperty("_sis").GetProperty("_references")
        );
    }

    [Fact]
    public async Task Entities_are_found_by_id_field_then_by_id()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);
        var a = await things.GetAsync("a");
        var byId = await things.GetAsync(Id(a));
        AssertJson(a.Json, byId.Json);
        var bad = await FailsAsync(() => things.GetAsync("not-an-object-id"));
        AssertError(bad, 404, 1000, "q_things not-an-object-id does not exist");

        await s.Super.Schemas.CreateAsync(
            Json("""{"name":"plain_ids","definition":{"name":"String"},"_sis":{"owner":["p"]}}""")
        );
        var cast = await FailsAsync(() => s.Super.Entities("plain_ids").GetAsync("zzz"));
        AssertError(cast, 404, 1000, "plain_ids zzz does not exist");
    }

    [Fact]
    public async Task A_query_value_that_cannot_be_cast_is_a_raw_500()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);
        var e = await FailsAsync(() =>
            things.FetchPageAsync(SisQuery.Where(SisFilter.Eq("num", "abc")))
        );
        Assert.Equal(500, e.HttpStatusCode);
        Assert.Null(e.Code);
    }

    [Fact]
    public async Task Another_api_version_gets_the_html_404()
    {
        await using var s = await StartAsync();
        var old = new SisClient(
            s.Http,
            new SisClientOptions(s.Emulator.BaseUri).WithApiVersion("1")
        );
        var e = await FailsAsync(() => old.Schemas.FetchPageAsync());
        Assert.Equal(404, e.HttpStatusCode);
        Assert.Null(e.Code);
        Assert.StartsWith(
            "Failed to decode JSON from the response: ",
            e.Error,
            StringComparison.Ordinal
        );
        Assert.Contains("Cannot GET /api/v1/schemas", e.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_alive_off_still_works()
    {
        await using var s = await StartAsync();
        var client = new SisClient(
            s.Http,
            new SisClientOptions(s.Emulator.BaseUri).WithKeepAlive(false)
        );
        await client.AuthenticateAsync(SuperName, SuperPassword);
        for (var i = 0; i < 5; i++)
            await client.Hiera.CreateAsync(
                Json($$$"""{"name":"ka{{{i}}}","hieradata":{},"_sis":{"owner":["o"]}}""")
            );
        Assert.Equal(Some(5L), (await client.Hiera.FetchPageAsync()).TotalCount);
    }

    [Fact]
    public async Task Bodies_over_ten_megabytes_are_refused()
    {
        await using var s = await StartAsync();
        var big = new string('x', 11 * 1024 * 1024);
        var e = await FailsAsync(() =>
            s.Super.Hiera.CreateAsync(
                new JsonObject
                {
                    ["name"] = "big",
                    ["hieradata"] = big,
                    ["_sis"] = new JsonObject { ["owner"] = new JsonArray("o") },
                }
            )
        );
        AssertStatus(e, 500, 1002);
        Assert.StartsWith("Internal error", e.Error, StringComparison.Ordinal);
    }

    // ---- more hooks, bulk and persistence ---------------------------------------------------

    [Fact]
    public async Task Bulk_and_delete_hooks_carry_the_affected_objects()
    {
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}");
        var entities = await HookedSchemaAsync(s);
        await entities.CreateManyAsync([
            Json("""{"name":"k1","num":1}"""),
            Json("""{"name":"k2","num":2}"""),
        ]);
        await s.Super.Hooks.CreateAsync(
            Hook("h_all", "POST", new Uri(listener.BaseUri, "all"), """["update","delete"]""", 0)
        );
        // changes to hooks fire nothing
        await s.DrainHooksAsync();
        Assert.Empty(listener.Requests);

        var bulk = await entities.UpdateBulkAsync(Json("""{"num":7}"""), SisFilter.Gte("num", 1L));
        await s.DrainHooksAsync();
        var bulkCall = Json(Assert.Single(listener.Requests).BodyText);
        Assert.Equal("update", Str(bulkCall, "event"));
        Assert.True(bulkCall.GetProperty("is_bulk").GetBoolean());
        Assert.False(bulkCall.TryGetProperty("old_value", out _), bulkCall.GetRawText());
        AssertJson(
            Json("[" + string.Join(",", bulk.Success.Select(e => e.GetRawText())) + "]"),
            bulkCall.GetProperty("data")
        );

        var deleted = await entities.DeleteAsync("k1");
        await s.DrainHooksAsync();
        Assert.Equal(2, listener.Requests.Count);
        var deleteCall = Json(listener.Requests[1].BodyText);
        Assert.Equal("delete", Str(deleteCall, "event"));
        Assert.False(deleteCall.GetProperty("is_bulk").GetBoolean());
        AssertJson(deleted.Json, deleteCall.GetProperty("data"));
    }

    [Fact]
    public async Task Hooks_fire_for_schemas_and_hiera()
    {
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}");
        foreach (
            var (name, type) in new[] { ("h_schemas", "sis_schemas"), ("h_hiera", "sis_hiera") }
        )
            await s.Super.Hooks.CreateAsync(
                Json(
                    $$$"""{"name":"{{{name}}}","entity_type":"{{{type}}}","target":{"action":"POST","url":"{{{new Uri(listener.BaseUri, name)}}}"},"events":["insert"],"_sis":{"owner":["h"]}}"""
                )
            );

        var schema = await s.Super.Schemas.CreateAsync(
            Json("""{"name":"hooked_schema","definition":{"a":"String"},"_sis":{"owner":["h"]}}""")
        );
        await s.DrainHooksAsync();
        var hiera = await s.Super.Hiera.CreateAsync(
            Json("""{"name":"hooked/hiera","hieradata":{"a":1},"_sis":{"owner":["h"]}}""")
        );
        await s.DrainHooksAsync();

        Assert.Equal(2, listener.Requests.Count);
        var first = Json(listener.Requests[0].BodyText);
        Assert.Equal("/h_schemas", listener.Requests[0].Path);
        Assert.Equal("sis_schemas", Str(first, "entity_type"));
        AssertJson(schema.Json, first.GetProperty("data"));
        var second = Json(listener.Requests[1].BodyText);
        Assert.Equal("/h_hiera", listener.Requests[1].Path);
        Assert.Equal("sis_hiera", Str(second, "entity_type"));
        AssertJson(hiera.Json, second.GetProperty("data"));
    }

    [Fact]
    public async Task A_hook_without_retries_is_called_once_and_unreachable_targets_end()
    {
        await using var s = await StartAsync();
        await using var listener = await CannedServer.JsonAsync(_ => "{}", status: 500);
        var entities = await HookedSchemaAsync(s);
        await s.Super.Hooks.CreateAsync(
            Hook("h_once", "POST", new Uri(listener.BaseUri, "once"), """["insert"]""", 0)
        );
        // a closed port: transport errors are failures too
        await s.Super.Hooks.CreateAsync(
            Hook("h_dead", "POST", new Uri("http://127.0.0.1:1/dead"), """["insert"]""", 1)
        );

        await entities.CreateAsync(Json("""{"name":"o1","num":1}"""));
        await s.DrainHooksAsync();

        Assert.Single(listener.Requests);
        Assert.Equal(0, s.Emulator.PendingHooks);
    }

    [Fact]
    public async Task All_or_none_inserts_nothing_when_duplicates_fail_at_insert_time()
    {
        await using var s = await StartAsync();
        await s.Super.Schemas.CreateAsync(Json(ThingsSchema));
        var things = s.Super.Entities("q_things");
        var items = Enumerable
            .Range(0, 100)
            .Select(i => Json($$"""{"name":"n{{i % 50}}","num":{{i}}}"""))
            .ToArray();

        var none = await things.CreateManyAsync(items, allOrNone: true);
        Assert.Empty(none.Success);
        Assert.Equal(50, none.Errors.Count);
        Assert.Equal(Some(0L), (await things.FetchPageAsync()).TotalCount);

        var some = await things.CreateManyAsync(items);
        Assert.Equal(50, some.Success.Count);
        Assert.Equal(50, some.Errors.Count);
        Assert.All(
            some.Errors,
            e =>
            {
                Assert.Equal(400, e.Status);
                Assert.Equal("Bad request: Insert failed", e.Error);
                Assert.Equal(Some(1001), e.Code);
            }
        );
        Assert.Equal(Some(50L), (await things.FetchPageAsync()).TotalCount);
    }

    [Fact]
    public async Task Hiera_puts_need_the_matching_name()
    {
        await using var s = await StartAsync();
        await s.Super.Hiera.CreateAsync(
            Json("""{"name":"hn","hieradata":{"a":1},"_sis":{"owner":["o"]}}""")
        );
        var missing = await FailsAsync(() =>
            s.Super.Hiera.UpdateAsync(
                "hn",
                Json("""{"hieradata":{"a":2},"_sis":{"owner":["o"]}}""")
            )
        );
        AssertErrorEndsWith(missing, 400, 1001, "Hiera entry has an invalid or missing name");
        var other = await FailsAsync(() =>
            s.Super.Hiera.UpdateAsync(
                "hn",
                Json("""{"name":"other","hieradata":{"a":2},"_sis":{"owner":["o"]}}""")
            )
        );
        Assert.Equal(400, other.HttpStatusCode);
        AssertJson("""{"hn":{"a":1}}""", (await s.Super.Hiera.GetAsync("hn")).Json);
    }

    [Fact]
    public async Task Owner_strings_are_wrapped_and_any_owner_can_modify_is_inherited()
    {
        await using var s = await StartAsync();
        var schema = await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"inherit","definition":{"name":"String"},"any_owner_can_modify":true,"_sis":{"owner":"solo"}}"""
            )
        );
        AssertJson("""["solo"]""", schema.Json.GetProperty("_sis").GetProperty("owner"));
        var entity = await s.Super.Entities("inherit").CreateAsync(Json("""{"name":"x"}"""));
        Assert.True(
            entity.Json.GetProperty("_sis").GetProperty("any_owner_can_modify").GetBoolean(),
            entity.Json.GetRawText()
        );
    }

    [Fact]
    public async Task State_survives_a_restart_and_read_only_mode_still_triggers_hooks()
    {
        var dir = Directory.CreateTempSubdirectory("sis-e2e-");
        try
        {
            var path = Path.Combine(dir.FullName, "state.json");
            string id;
            JsonElement entity;
            await using (var s = await StartAsync(configure: o => o with { StatePath = path }))
            {
                var entities = await HookedSchemaAsync(s);
                entity = (await entities.CreateAsync(Json("""{"name":"kept","num":1}"""))).Json;
                id = Str(entity, "_id");
            }

            await using var listener = await CannedServer.JsonAsync(_ => "{}");
            await using (var s = await StartAsync(configure: o => o with { StatePath = path }))
            {
                AssertJson(entity, (await s.Super.Entities("hooked").GetAsync(id)).Json);
                await s.Super.Hooks.CreateAsync(
                    Hook("h_ro", "POST", new Uri(listener.BaseUri, "ro"), """["update"]""", 0)
                );
            }

            await using (
                var s = await StartAsync(configure: o =>
                    o with
                    {
                        StatePath = path,
                        ReadOnly = true,
                    }
                )
            )
            {
                var triggered = await s.Anonymous().TriggerHooksAsync("hooked", id);
                Assert.Equal("Hooks triggered successfully", Str(triggered.Json, "message"));
                await s.DrainHooksAsync();
                var payload = Json(Assert.Single(listener.Requests).BodyText);
                Assert.Equal("update", Str(payload, "event"));
                AssertJson(entity, payload.GetProperty("data"));
                var commits = await s.Super.Entities("hooked").CommitsAsync(id);
                Assert.Equal(["insert"], Names(commits, "action"));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // ---- typed calls and Core builders through the facade ------------------------------------

    [Fact]
    public async Task Typed_calls_and_core_builders_work_end_to_end()
    {
        await using var s = await StartAsync();
        var things = await ThingsAsync(s);

        var typed = new List<SisThing>();
        await foreach (
            var t in things.FetchAllAsync(
                SisTestJson.Default.SisThing,
                SisQuery.All.WithSort(SisSort.Desc("num")),
                pageSize: 4
            )
        )
            typed.Add(t);
        Assert.Equal(
            new[] { new SisThing("f", 6), new SisThing("e", 5), new SisThing("d", 4) },
            typed.Take(3)
        );
        Assert.Equal(6, typed.Count);
        Assert.Equal(
            new SisThing("c", 3),
            await things.GetAsync("c", SisTestJson.Default.SisThing)
        );
        var created = await things.CreateAsync(new SisThing("g", 7), SisTestJson.Default.SisThing);
        Assert.Equal(201, created.Status);
        Assert.Equal(7, created.Json.GetProperty("num").GetInt32());

        var page = await s.Super.SendAsync(
            CoreSis.FetchPage(
                s.Super.Settings,
                SisEndpoint.Entities("q_things"),
                SisQuery.Where(SisFilter.Gt("num", 5L))
            )
        );
        Assert.Equal(Some(2L), page.TotalCount);
        var missing = await s.Super.TrySendAsync(
            CoreSis.Get(s.Super.Settings, SisEndpoint.Schemas, "nope", SisGetOptions.Default)
        );
        var error = missing.Match(_ => null!, e => e);
        Assert.True(SisErrors.IsNotFound(error));
        var detail = SisErrors.Of(error).Match(d => d, () => null!);
        Assert.Equal("sis_schemas nope does not exist", detail.Error);
        Assert.Equal(Some(1000), detail.Code);
    }
}
