using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;

namespace Functional.Benchmarks;

/// <summary>Shared test data and emulator set-up for the benchmarks.</summary>
internal static class Fixtures
{
    public const string Cik = "0123456789abcdef0123456789abcdef01234567";
    public const string Rid = "89abcdef0123456789abcdef0123456789abcdef";
    public const string SuperName = "root";
    public const string SuperPassword = "r00t-pa55word";
    public const string Schema = "bench_devices";

    /// <summary>True in <c>--smoke</c> mode: scaling series use small sizes only.</summary>
    public static bool Smoke { get; set; }

    public static T Valid<T>(Validation<ApiError, T> v) =>
        v.Match(x => x, errors => throw new InvalidOperationException(string.Join("; ", errors)));

    public static T Right<T>(Either<ApiError, T> e) =>
        e.Match(x => x, error => throw new InvalidOperationException(error.ToString()));

    public static HttpResponse Json(string body, params (string Name, string Value)[] headers) =>
        new(
            200,
            "OK",
            toSeq(headers.Select(h => new HttpHeader(h.Name, h.Value)).ToArray()),
            Encoding.UTF8.GetBytes(body)
        );

    /// <summary>An entity of roughly 300 bytes of JSON, as the SIS emulator stores and returns it.</summary>
    public static JsonObject Entity(int i, bool withMeta)
    {
        var entity = new JsonObject
        {
            ["serial"] = $"sn-{i:D8}",
            ["name"] = $"device {i}",
            ["group"] = $"group-{i % 100:D3}",
            ["num"] = i,
            ["active"] = i % 2 == 0,
            ["location"] = new JsonObject { ["lat"] = 45.5 + i % 90 / 100.0, ["lon"] = -122.6 },
            ["labels"] = new JsonArray("alpha", "beta"),
        };
        if (withMeta)
        {
            entity["_id"] = $"5f1d7a3b2c4e6f8a{i:x8}";
            entity["_sis"] = new JsonObject
            {
                ["owner"] = new JsonArray("bench"),
                ["tags"] = new JsonArray(),
                ["_created_at"] = 1_600_000_000_000L + i,
                ["_updated_at"] = 1_600_000_000_000L + i,
                ["_created_by"] = SuperName,
                ["_updated_by"] = SuperName,
                ["locked"] = false,
                ["immutable"] = false,
            };
            entity["__v"] = 0;
        }
        return entity;
    }

    /// <summary>The schema every SIS emulator benchmark uses: <c>serial</c> is indexed (unique), <c>group</c> is not.</summary>
    public static JsonElement SchemaDefinition(string name) =>
        JsonSerializer.SerializeToElement(
            new JsonObject
            {
                ["name"] = name,
                ["_sis"] = new JsonObject { ["owner"] = new JsonArray("bench") },
                ["definition"] = new JsonObject
                {
                    ["serial"] = new JsonObject
                    {
                        ["type"] = "String",
                        ["required"] = true,
                        ["unique"] = true,
                        ["index"] = true,
                    },
                    ["name"] = "String",
                    ["group"] = "String",
                    ["num"] = "Number",
                    ["active"] = "Boolean",
                    ["location"] = new JsonObject { ["lat"] = "Number", ["lon"] = "Number" },
                    ["labels"] = new JsonArray("String"),
                },
            },
            BenchJson.Default.JsonObject
        );

    public static async Task<SisEmulator> StartSisAsync() =>
        await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                SuperUserName = SuperName,
                SuperUserPassword = SuperPassword,
                Seed = 42,
            }
        );

    /// <summary>A facade client logged in as the emulator's super user.</summary>
    public static async Task<SisClient> LoginAsync(SisEmulator emulator, HttpClient http)
    {
        var client = new SisClient(http, new SisClientOptions(emulator.BaseUri));
        await client.AuthenticateAsync(SuperName, SuperPassword);
        return client;
    }

    /// <summary>Creates <paramref name="schema"/> and inserts <paramref name="count"/> entities in bulk requests of 10,000.</summary>
    public static async Task SeedAsync(SisClient client, string schema, int count, int from = 0)
    {
        await client.Schemas.CreateAsync(SchemaDefinition(schema));
        await InsertAsync(client, schema, from, count);
    }

    public static async Task InsertAsync(SisClient client, string schema, int from, int count)
    {
        for (var start = from; start < from + count; start += 10_000)
        {
            var n = Math.Min(10_000, from + count - start);
            var items = Enumerable
                .Range(start, n)
                .Select(i =>
                    JsonSerializer.SerializeToElement(
                        Entity(i, false),
                        BenchJson.Default.JsonObject
                    )
                )
                .ToArray();
            var result = await client.Entities(schema).CreateManyAsync(items, allOrNone: true);
            if (!result.AllSucceeded)
                throw new InvalidOperationException(
                    $"bulk insert failed: {result.Errors.Count} errors"
                );
        }
    }

    public static async Task<OnePlatformEmulator> StartOnePlatformAsync() =>
        await OnePlatformEmulator.StartAsync(new OnePlatformEmulatorOptions { RootCik = Cik });

    /// <summary>Creates a float dataport under the root client, writes one point, and returns its RID.</summary>
    public static async Task<string> DataportAsync(OnePlatformClient client, string alias)
    {
        var auth = Auth.Cik(Cik);
        var rid = await client.CreateDataportAsync(
            auth,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.Float)
        );
        await client.MapAsync(auth, ResourceId.Rid(rid), alias);
        await client.WriteAsync(auth, ResourceId.Rid(rid), 42.5);
        return rid;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;
