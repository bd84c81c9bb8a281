using System.Text.Json.Nodes;

namespace Functional.Tests.Emulators.Sis;

/// <summary>
/// Malformed and hostile requests to the SIS emulator (spec §2.2–§2.4): every one gets an answer the spec allows —
/// a SIS error body, a raw Mongo-style 500 object or Express's HTML 404 — never a stack trace or a dropped
/// connection, and the stored data is unchanged afterwards.
/// </summary>
public sealed class SisHostileInputTests
{
    private const string Schema = """
        {"name":"things","_sis":{"owner":["ops"]},
         "definition":{"name":{"type":"String","required":true,"unique":true},"num":"Number","tags":["String"]}}
        """;

    public static TheoryData<string, string, string?> Requests =>
        new()
        {
            { "POST", "api/v1.1/entities/things", "{\"name\":" },
            { "POST", "api/v1.1/entities/things", "\"just a string\"" },
            { "POST", "api/v1.1/entities/things", new string('[', 5000) + new string(']', 5000) },
            { "POST", "api/v1.1/entities/things", "{\"name\":\"n\",\"num\":1e400}" },
            { "POST", "api/v1.1/entities/things", "{\"name\":\"n\",\"num\":{\"$gt\":1}}" },
            { "POST", "api/v1.1/entities/things", "{\"name\":[[[[[]]]]],\"tags\":{}}" },
            { "POST", "api/v1.1/entities/things", "{\"_id\":\"x\",\"name\":\"n\"}" },
            { "POST", "api/v1.1/entities/things", "{\"__proto__\":{\"a\":1},\"name\":\"p\"}" },
            { "PUT", "api/v1.1/entities/things/zzz", "{\"num\":\"abc\"}" },
            { "PUT", "api/v1.1/entities/things?q=%7B%7D", "{\"num\":1}" },
            { "PUT", "api/v1.1/entities/things/x?cas=%5B1%5D", "{\"num\":1}" },
            { "DELETE", "api/v1.1/entities/things?q=notjson", null },
            { "GET", "api/v1.1/entities/things?q=%7B%22num%22%3A%7B%22%24foo%22%3A1%7D%7D", null },
            { "GET", "api/v1.1/entities/things?q=%7B%22num%22%3A%22abc%22%7D", null },
            { "GET", "api/v1.1/entities/things?q[num][$gte][$lt][x][y][z]=1", null },
            {
                "GET",
                "api/v1.1/entities/things?q=%7B%22name%22%3A%7B%22%24regex%22%3A%22(a%2B)%2B%24%22%7D%7D",
                null
            },
            { "GET", "api/v1.1/entities/things?limit=-5&offset=abc&sort=,,-,&fields=-", null },
            { "GET", "api/v1.1/entities/things?populate=%00&removeEmpty=1", null },
            { "GET", "api/v1.1/entities/..%2Fschemas", null },
            { "GET", "api/v1.1/entities/things/%2E%2E", null },
            { "GET", "api/v1.1/hiera/%252F..%252F", null },
            { "GET", "api/v1.1/entities/things/000000000000000000000000/revision/NaN", null },
            { "GET", "api/v1.1/entities/things/000000000000000000000000/revision/1e999", null },
            { "POST", "api/v1.1/hooks/trigger/nope/..", null },
            {
                "POST",
                "api/v1.1/schemas",
                "{\"name\":\"bad\",\"_sis\":{\"owner\":[\"ops\"]},\"definition\":{\"a\":{\"type\":\"Nope\"}}}"
            },
            {
                "POST",
                "api/v1.1/schemas",
                "{\"name\":\"bad2\",\"_sis\":{\"owner\":[\"ops\"]},\"definition\":{\"a\":{\"type\":\"String\",\"match\":\"/(/\"}}}"
            },
            { "PATCH", "api/v1.1/schemas/things", "{}" },
        };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Hostile_requests_get_a_documented_answer_and_change_nothing(
        string method,
        string path,
        string? body
    )
    {
        await using var s = await SisSession.LoggedInAsync();
        Assert.Equal(201, (await s.SendAsync("POST", "api/v1.1/schemas", Schema)).Status);
        Assert.Equal(
            201,
            (
                await s.SendAsync(
                    "POST",
                    "api/v1.1/entities/things",
                    """{"name":"keep","num":1,"tags":["a"]}"""
                )
            ).Status
        );
        var before = (await s.GetAsync("entities/things")).Body;

        var reply = await s.SendAsync(method, path, body);

        Assert.DoesNotContain("   at ", reply.Body, StringComparison.Ordinal); // no stack trace
        if (reply.Status >= 400)
        {
            if (reply.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            {
                Assert.Equal(404, reply.Status);
                Assert.StartsWith("Cannot ", reply.Body, StringComparison.Ordinal);
            }
            else
            {
                var json = Assert.IsType<JsonObject>(JsonNode.Parse(reply.Body));
                if (reply.Status != 500)
                {
                    Assert.NotNull(json["error"]);
                    Assert.InRange(json["code"]!.GetValue<int>(), 1000, 1004);
                }
            }
        }
        // Still serving, and the stored entity is as it was (hostile writes that succeeded add, never corrupt).
        var after = await s.GetAsync("entities/things?q=%7B%22name%22%3A%22keep%22%7D");
        Assert.Equal(200, after.Status);
        var kept = Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(after.Body)));
        var original = Assert
            .IsType<JsonArray>(JsonNode.Parse(before))
            .Single(e => e!["name"]!.GetValue<string>() == "keep");
        Assert.True(JsonNode.DeepEquals(original, kept));
    }
}
