using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.History;

namespace Functional.Tests.Emulators.Sis;

/// <summary>Commits, <c>value_at</c> and revisions (spec §2.8.7).</summary>
public class CommitLogTests
{
    private readonly ManualClock clock = new(DateTimeOffset.FromUnixTimeMilliseconds(5_000));
    private int ids;

    private CommitLog NewLog() => new(NextId, clock);

    private string NextId() => (++ids).ToString("x24", CultureInfo.InvariantCulture);

    private static JsonObject Doc(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static JsonObject Entity(int updatedAt, string name, int v = 0) =>
        Doc(
            $$$"""{"name":"{{{name}}}","_id":"oid1","_v":{{{v}}},"_sis":{"_created_at":100,"_updated_at":{{{updatedAt}}}}}"""
        );

    private static CommitLog Filled(CommitLog log)
    {
        log.Add("s", "oid1", "oid1", CommitAction.Insert, null, Entity(100, "a"), 100, "alice");
        log.Add(
            "s",
            "oid1",
            "oid1",
            CommitAction.Update,
            Entity(100, "a"),
            Entity(200, "b"),
            200,
            "bob"
        );
        log.Add(
            "s",
            "oid1",
            "oid1",
            CommitAction.Update,
            Entity(200, "b"),
            Entity(300, "c", 1),
            300,
            null
        );
        return log;
    }

    [Fact]
    public void Insert_commit_has_the_documented_shape()
    {
        var commit = NewLog()
            .Add(
                "sis_hooks",
                "h1",
                "oid9",
                CommitAction.Insert,
                null,
                Doc("""{"name":"h1"}"""),
                42,
                "me"
            );
        Assert.Equal(
            """{"_id":"000000000000000000000001","_v":0,"type":"sis_hooks","entity_id":"h1","entity_oid":"oid9","action":"insert","commit_data":{"name":"h1"},"date_modified":42,"modified_by":"me","_sis":{"_created_at":5000,"_updated_at":5000}}""",
            Json(commit)
        );
    }

    [Fact]
    public void Update_commit_holds_the_delta_and_delete_commit_the_old_object()
    {
        var log = Filled(NewLog());
        var delete = log.Add(
            "s",
            "oid1",
            "oid1",
            CommitAction.Delete,
            Entity(300, "c", 1),
            null,
            400,
            null
        );
        var list = log.List("s", "oid1");
        Assert.Equal(
            """{"name":["a","b"],"_sis":{"_updated_at":[100,200]}}""",
            Json(list[2]["commit_data"])
        );
        Assert.Equal(Json(Entity(300, "c", 1)), Json(delete!["commit_data"]));
        Assert.False(delete.ContainsKey("modified_by"));
    }

    [Fact]
    public void Update_that_only_touches_underscore_keys_records_nothing()
    {
        var log = NewLog();
        log.Add("s", "oid1", "oid1", CommitAction.Insert, null, Entity(100, "a"), 100, null);
        Assert.Null(
            log.Add(
                "s",
                "oid1",
                "oid1",
                CommitAction.Update,
                Entity(100, "a"),
                Entity(200, "a", 3),
                200,
                null
            )
        );
        Assert.Null(
            log.Add(
                "s",
                "oid1",
                "oid1",
                CommitAction.Update,
                Entity(100, "a"),
                Entity(100, "a"),
                200,
                null
            )
        );
        Assert.Single(log.List("s", "oid1"));
    }

    [Fact]
    public void List_is_newest_first_and_empty_for_unknown_objects()
    {
        var log = Filled(NewLog());
        Assert.Equal(
            ["update", "update", "insert"],
            log.List("s", "oid1").Select(c => c["action"]!.GetValue<string>())
        );
        Assert.Equal(
            [300L, 200L, 100L],
            log.List("s", "oid1").Select(c => c["date_modified"]!.GetValue<long>())
        );
        Assert.Empty(log.List("s", "nope"));
        Assert.Empty(log.List("other", "oid1"));
    }

    [Fact]
    public void Get_adds_value_at_and_refuses_commits_of_other_objects()
    {
        var log = Filled(NewLog());
        log.Add("t", "x", "x", CommitAction.Insert, null, Doc("""{"_id":"x"}"""), 1, null);
        var second = log.List("s", "oid1")[1]["_id"]!.GetValue<string>();
        var got = log.Get("s", "oid1", second);
        Assert.True(got.IsOk);
        Assert.Equal(Json(Entity(200, "b")), Json(got.Value!["value_at"]));
        Assert.Equal("update", got.Value["action"]!.GetValue<string>());

        var foreign = log.List("t", "x")[0]["_id"]!.GetValue<string>();
        var wrong = log.Get("s", "oid1", foreign);
        Assert.Equal(404, wrong.Problem!.Status);
        Assert.Equal(
            $$"""{"error":"commit {{foreign}} does not exist","code":1000}""",
            Json(wrong.Problem.Body)
        );
    }

    [Fact]
    public void Revisions_follow_the_timeline()
    {
        var log = Filled(NewLog());
        var before = log.At("s", "oid1", 99.5, "99.5");
        Assert.Equal(
            """{"error":"commit at time 99.5 does not exist","code":1000}""",
            Json(before.Problem!.Body)
        );
        Assert.Equal(Json(Entity(100, "a")), Json(log.At("s", "oid1", 100).Value));
        Assert.Equal(Json(Entity(100, "a")), Json(log.At("s", "oid1", 199.9).Value));
        Assert.Equal(Json(Entity(200, "b")), Json(log.At("s", "oid1", 200).Value));
        Assert.Equal(Json(Entity(300, "c", 1)), Json(log.At("s", "oid1", 1e15).Value));

        log.Add("s", "oid1", "oid1", CommitAction.Delete, Entity(300, "c", 1), null, 400, null);
        Assert.Equal(Json(Entity(300, "c", 1)), Json(log.At("s", "oid1", 500).Value));
        Assert.Equal(
            """{"error":"commit at time 1 does not exist","code":1000}""",
            Json(log.At("other", "oid1", 1).Problem!.Body)
        );
    }

    [Fact]
    public void Recreated_object_with_the_same_name_starts_a_new_timeline()
    {
        var log = NewLog();
        log.Add(
            "sis_hiera",
            "h",
            "o1",
            CommitAction.Insert,
            null,
            Doc("""{"name":"h","v":1}"""),
            10,
            null
        );
        log.Add(
            "sis_hiera",
            "h",
            "o1",
            CommitAction.Delete,
            Doc("""{"name":"h","v":1}"""),
            null,
            20,
            null
        );
        log.Add(
            "sis_hiera",
            "h",
            "o2",
            CommitAction.Insert,
            null,
            Doc("""{"name":"h","v":2}"""),
            30,
            null
        );
        Assert.Equal("""{"name":"h","v":1}""", Json(log.At("sis_hiera", "h", 25).Value));
        Assert.Equal("""{"name":"h","v":2}""", Json(log.At("sis_hiera", "h", 30).Value));
    }

    [Fact]
    public void Returned_objects_are_copies()
    {
        var log = Filled(NewLog());
        log.At("s", "oid1", 300).Value!["name"] = "mutated";
        log.List("s", "oid1")[0]["action"] = "mutated";
        Assert.Equal("c", log.At("s", "oid1", 300).Value!["name"]!.GetValue<string>());
        Assert.Equal("update", log.List("s", "oid1")[0]["action"]!.GetValue<string>());
    }

    [Fact]
    public void Json_round_trip_keeps_commits_and_revisions()
    {
        var log = Filled(NewLog());
        var json = log.ToJson().ToJsonString();
        var restored = CommitLog.FromJson(JsonNode.Parse(json), NextId, clock);
        Assert.Equal(json, restored.ToJson().ToJsonString());
        Assert.Equal(Json(Entity(200, "b")), Json(restored.At("s", "oid1", 250).Value));
        var id = log.List("s", "oid1")[0]["_id"]!.GetValue<string>();
        Assert.Equal(
            Json(log.Get("s", "oid1", id).Value),
            Json(restored.Get("s", "oid1", id).Value)
        );
        Assert.Empty(CommitLog.FromJson(null, NextId, clock).List("s", "oid1"));
        Assert.Throws<InvalidDataException>(() =>
            CommitLog.FromJson(JsonNode.Parse("""{"commits":[{"commit":{}}]}"""), NextId, clock)
        );
    }
}
