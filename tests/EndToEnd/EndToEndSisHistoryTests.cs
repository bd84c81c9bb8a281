using System.Text.Json;
using Functional.Core.Sis;
using Functional.Facade.Sis;
using static Functional.Tests.EndToEnd.SisSession;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// Commits and revisions (spec §2.8.7) through the real <see cref="SisClient"/>, on a manual clock so that every
/// write has its own millisecond.
/// </summary>
public sealed class EndToEndSisHistoryTests
{
    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static async Task<SisEndpointClient> HistSchemaAsync(SisSession s, string extra = "")
    {
        await s.Super.Schemas.CreateAsync(
            Json(
                $$$"""{"name":"hist","definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number","tags":["String"],"nested":{"a":"Number"}},"_sis":{"owner":["h"]}{{{extra}}}}"""
            )
        );
        s.Advance();
        return s.Super.Entities("hist");
    }

    [Fact]
    public async Task Entity_commits_are_newest_first_and_revisions_equal_the_put_responses()
    {
        await using var s = await StartAsync(manualClock: true);
        var entities = await HistSchemaAsync(s);

        var r0 = (
            await entities.CreateAsync(
                Json("""{"name":"e","num":1,"tags":["a"],"nested":{"a":1}}""")
            )
        ).Json;
        var id = Str(r0, "_id");
        s.Advance();
        var r1 = (await entities.UpdateAsync(id, Json("""{"num":2}"""))).Json;
        s.Advance();
        var r2 = (
            await entities.UpdateAsync(id, Json("""{"tags":["a","b"],"nested":{"a":2}}"""))
        ).Json;
        s.Advance();
        var versions = new[] { r0, r1, r2 };
        var times = versions.Select(UpdatedAt).ToArray();
        Assert.Equal(times.Distinct().Count(), times.Length);
        Assert.Equal(SisSession.Epoch + 1000, times[0]);

        var commits = await entities.CommitsAsync(id);
        Assert.Equal(Some(3L), commits.TotalCount);
        Assert.Equal(["update", "update", "insert"], Names(commits, "action"));
        Assert.Equal(
            Enumerable.Reverse(times).ToArray(),
            commits.Items.Select(c => c.GetProperty("date_modified").GetInt64()).ToArray()
        );
        Assert.All(
            commits.Items,
            c =>
            {
                Assert.Equal("hist", Str(c, "type"));
                Assert.Equal(id, Str(c, "entity_id"));
                Assert.Equal(id, Str(c, "entity_oid"));
                Assert.Equal(SuperName, Str(c, "modified_by"));
                Assert.Matches("^[0-9a-f]{24}$", Str(c, "_id"));
            }
        );
        // insert: the full object; update: a jsondiffpatch delta
        AssertJson(r0, commits.Items[2].GetProperty("commit_data"));
        AssertJson(
            $$$"""{"num":[1,2],"_sis":{"_updated_at":[{{{times[0]}}},{{{times[1]}}}]}}""",
            commits.Items[1].GetProperty("commit_data")
        );
        var delta2 = commits.Items[0].GetProperty("commit_data");
        AssertJson("""{"_t":"a","1":["b"]}""", delta2.GetProperty("tags"));
        AssertJson("""{"a":[1,2]}""", delta2.GetProperty("nested"));

        // each commit by id carries the state at that commit
        for (var i = 0; i < 3; i++)
        {
            var commitId = Str(commits.Items[2 - i], "_id");
            var commit = await entities.CommitAsync(id, commitId);
            Assert.Equal(commitId, Str(commit.Json, "_id"));
            AssertJson(versions[i], commit.Json.GetProperty("value_at"));
        }

        // revision at each _updated_at equals the response exactly
        for (var i = 0; i < 3; i++)
            AssertJson(versions[i], (await entities.RevisionAsync(id, At(times[i]))).Json);
        // between two writes: the earlier state
        AssertJson(r1, (await entities.RevisionAsync(id, At(times[1] + 500))).Json);
        // in the future: the current state
        AssertJson(r2, (await entities.RevisionAsync(id, At(times[2] + 86_400_000))).Json);
        var before = await FailsAsync(() => entities.RevisionAsync(id, At(times[0] - 1)));
        AssertError(before, 404, 1000, $"commit at time {times[0] - 1} does not exist");

        // a limit pages the commits; the count ignores it
        var newest = await entities.CommitsAsync(id, SisQuery.All.WithLimit(1));
        Assert.Equal(Some(3L), newest.TotalCount);
        Assert.Equal(["update"], Names(newest, "action"));
        Assert.Equal(times[2], newest.Items[0].GetProperty("date_modified").GetInt64());

        // an update that changes nothing but _sis records no commit
        await entities.UpdateAsync(id, Json("""{"num":2}"""));
        s.Advance();
        Assert.Equal(Some(3L), (await entities.CommitsAsync(id)).TotalCount);

        // delete: a commit with the full old object; later revisions show the deleted object
        var deleted = (await entities.DeleteAsync(id)).Json;
        var deletedAt = s.Clock!.GetUtcNow().ToUnixTimeMilliseconds();
        s.Advance();
        var afterDelete = await entities.CommitsAsync(id);
        Assert.Equal(["delete", "update", "update", "insert"], Names(afterDelete, "action"));
        Assert.Equal(deletedAt, afterDelete.Items[0].GetProperty("date_modified").GetInt64());
        AssertJson(deleted, afterDelete.Items[0].GetProperty("commit_data"));
        AssertJson(deleted, (await entities.RevisionAsync(id, At(deletedAt + 10))).Json);
        AssertJson(r2, (await entities.RevisionAsync(id, At(times[2]))).Json);
    }

    [Fact]
    public async Task Unknown_objects_have_no_commits_and_foreign_commits_are_404()
    {
        await using var s = await StartAsync(manualClock: true);
        var entities = await HistSchemaAsync(s);
        var a = Id(await entities.CreateAsync(Json("""{"name":"a","num":1}""")));
        s.Advance();
        var b = Id(await entities.CreateAsync(Json("""{"name":"b","num":1}""")));

        var none = await entities.CommitsAsync("5f0000000000000000000000");
        Assert.Empty(none.Items);
        Assert.Equal(Some(0L), none.TotalCount);

        var commitOfA = Str(Assert.Single((await entities.CommitsAsync(a)).Items), "_id");
        var foreign = await FailsAsync(() => entities.CommitAsync(b, commitOfA));
        AssertError(foreign, 404, 1000, $"commit {commitOfA} does not exist");
    }

    [Fact]
    public async Task Untracked_schemas_record_no_entity_commits_but_bulk_inserts_do()
    {
        await using var s = await StartAsync(manualClock: true);
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"untracked","definition":{"name":"String"},"track_history":false,"_sis":{"owner":["h"]}}"""
            )
        );
        var untracked = s.Super.Entities("untracked");
        var id = Id(await untracked.CreateAsync(Json("""{"name":"x"}""")));
        s.Advance();
        await untracked.UpdateAsync(id, Json("""{"name":"y"}"""));
        var commits = await untracked.CommitsAsync(id);
        Assert.Empty(commits.Items);
        Assert.Equal(Some(0L), commits.TotalCount);

        var tracked = await HistSchemaAsync(s);
        var bulk = await tracked.CreateManyAsync([
            Json("""{"name":"b1","num":1}"""),
            Json("""{"name":"b2","num":2}"""),
        ]);
        Assert.Equal(2, bulk.Success.Count);
        foreach (var item in bulk.Success)
        {
            var itemCommits = await tracked.CommitsAsync(Str(item, "_id"));
            var insert = Assert.Single(itemCommits.Items);
            Assert.Equal("insert", Str(insert, "action"));
            AssertJson(item, insert.GetProperty("commit_data"));
        }
    }

    [Fact]
    public async Task Schema_commits_use_the_name_and_revisions_replay_them()
    {
        await using var s = await StartAsync(manualClock: true);
        var created = (
            await s.Super.Schemas.CreateAsync(
                Json("""{"name":"versioned","definition":{"a":"String"},"_sis":{"owner":["h"]}}""")
            )
        ).Json;
        s.Advance();
        var updated = (
            await s.Super.Schemas.UpdateAsync(
                "versioned",
                Json(
                    """{"name":"versioned","definition":{"a":"String","b":"Number"},"description":"two","_sis":{"owner":["h"]}}"""
                )
            )
        ).Json;
        s.Advance();

        var commits = await s.Super.Schemas.CommitsAsync("versioned");
        Assert.Equal(Some(2L), commits.TotalCount);
        Assert.Equal(["update", "insert"], Names(commits, "action"));
        Assert.All(
            commits.Items,
            c =>
            {
                Assert.Equal("sis_schemas", Str(c, "type"));
                Assert.Equal("versioned", Str(c, "entity_id"));
                Assert.Equal(Str(created, "_id"), Str(c, "entity_oid"));
            }
        );
        AssertJson(
            created,
            (await s.Super.Schemas.RevisionAsync("versioned", At(UpdatedAt(created)))).Json
        );
        AssertJson(
            updated,
            (await s.Super.Schemas.RevisionAsync("versioned", At(UpdatedAt(updated)))).Json
        );
        var latest = await s.Super.Schemas.CommitAsync("versioned", Str(commits.Items[0], "_id"));
        AssertJson(updated, latest.Json.GetProperty("value_at"));
    }

    [Fact]
    public async Task Hiera_revisions_are_full_objects()
    {
        await using var s = await StartAsync(manualClock: true);
        const string Name = "common/db settings.yaml";
        var created = (
            await s.Super.Hiera.CreateAsync(
                Json(
                    $$$"""{"name":"{{{Name}}}","hieradata":{"port":1,"host":"a"},"_sis":{"owner":["h"]}}"""
                )
            )
        ).Json;
        s.Advance();
        var updated = (
            await s.Super.Hiera.UpdateAsync(
                Name,
                Json(
                    $$$"""{"name":"{{{Name}}}","hieradata":{"port":2,"host":null},"_sis":{"owner":["h"]}}"""
                )
            )
        ).Json;
        AssertJson("""{"port":2}""", updated.GetProperty("hieradata"));
        s.Advance();

        var commits = await s.Super.Hiera.CommitsAsync(Name);
        Assert.Equal(["update", "insert"], Names(commits, "action"));
        Assert.All(commits.Items, c => Assert.Equal("sis_hiera", Str(c, "type")));
        Assert.All(commits.Items, c => Assert.Equal(Name, Str(c, "entity_id")));
        AssertJson(created, (await s.Super.Hiera.RevisionAsync(Name, At(UpdatedAt(created)))).Json);
        AssertJson(updated, (await s.Super.Hiera.RevisionAsync(Name, At(UpdatedAt(updated)))).Json);
    }

    [Fact]
    public async Task Commits_can_be_filtered_and_paged_and_bulk_updates_record_them()
    {
        await using var s = await StartAsync(manualClock: true);
        var entities = await HistSchemaAsync(s);
        var id = Id(await entities.CreateAsync(Json("""{"name":"p","num":0}""")));
        for (var i = 1; i <= 4; i++)
        {
            s.Advance();
            await entities.UpdateAsync(id, Json($$"""{"num":{{i}}}"""));
        }
        s.Advance();
        var bulk = await entities.UpdateBulkAsync(
            Json("""{"num":100}"""),
            SisFilter.Eq("name", "p")
        );
        Assert.Single(bulk.Success);
        s.Advance();

        var all = await entities.CommitsAsync(id);
        Assert.Equal(Some(6L), all.TotalCount);
        AssertJson("[4,100]", all.Items[0].GetProperty("commit_data").GetProperty("num"));
        var updates = await entities.CommitsAsync(
            id,
            SisQuery.Where(SisFilter.Eq("action", "update")).WithOffset(1).WithLimit(2)
        );
        Assert.Equal(Some(5L), updates.TotalCount);
        Assert.Equal(2, updates.Items.Count);
        Assert.Equal(
            all.Items.Skip(1).Take(2).Select(c => Str(c, "_id")),
            updates.Items.Select(c => Str(c, "_id"))
        );
        var projected = await entities.CommitsAsync(id, SisQuery.All.WithFields("action"));
        Assert.Equal(6, projected.Items.Count);
        Assert.All(
            projected.Items,
            c =>
            {
                Assert.True(c.TryGetProperty("action", out _), c.GetRawText());
                Assert.True(c.TryGetProperty("_id", out _), c.GetRawText());
                Assert.False(c.TryGetProperty("commit_data", out _), c.GetRawText());
            }
        );
        var inserts = await entities.CommitsAsync(
            id,
            SisQuery.Where(SisFilter.Eq("action", "insert"))
        );
        Assert.Equal(["insert"], Names(inserts, "action"));
    }

    [Fact]
    public async Task Writes_and_revisions_keep_references_as_ids()
    {
        await using var s = await StartAsync(manualClock: true);
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"targets","definition":{"name":{"type":"String","required":true,"unique":true}},"_sis":{"owner":["h"]}}"""
            )
        );
        await s.Super.Schemas.CreateAsync(
            Json(
                """{"name":"pointers","definition":{"name":{"type":"String","required":true,"unique":true},"to":{"type":"ObjectId","ref":"targets"}},"_sis":{"owner":["h"]}}"""
            )
        );
        var t1 = Id(await s.Super.Entities("targets").CreateAsync(Json("""{"name":"t1"}""")));
        var t2 = Id(await s.Super.Entities("targets").CreateAsync(Json("""{"name":"t2"}""")));
        s.Advance();
        var pointers = s.Super.Entities("pointers");
        var created = (await pointers.CreateAsync(Json($$"""{"name":"p","to":"{{t1}}"}"""))).Json;
        Assert.Equal(t1, Str(created, "to"));
        s.Advance();
        var updated = (await pointers.UpdateAsync("p", Json($$"""{"to":"{{t2}}"}"""))).Json;
        Assert.Equal(t2, Str(updated, "to"));
        s.Advance();

        var id = Str(created, "_id");
        AssertJson(created, (await pointers.RevisionAsync(id, At(UpdatedAt(created)))).Json);
        AssertJson(updated, (await pointers.RevisionAsync(id, At(UpdatedAt(updated)))).Json);
        var delta = (await pointers.CommitsAsync(id)).Items[0].GetProperty("commit_data");
        AssertJson(Json($"""["{t1}","{t2}"]"""), delta.GetProperty("to"));
        // GET populates
        Assert.Equal("t2", Str((await pointers.GetAsync("p")).Json.GetProperty("to"), "name"));
    }
}
