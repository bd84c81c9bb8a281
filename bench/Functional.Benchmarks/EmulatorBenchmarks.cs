using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;

namespace Functional.Benchmarks;

/// <summary>Sends fixed bytes with a plain <see cref="HttpClient"/>, as the raw baselines do.</summary>
internal static class Raw
{
    public static async Task<int> PostAsync(HttpClient http, Uri uri, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json")
        {
            CharSet = "utf-8",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        return await SendAsync(http, request);
    }

    public static async Task<int> GetAsync(HttpClient http, Uri uri, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (token is not null)
            request.Headers.TryAddWithoutValidation("x-auth-token", token);
        return await SendAsync(http, request);
    }

    private static async Task<int> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(
            request,
            HttpCompletionOption.ResponseHeadersRead
        );
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}"
            );
        return bytes.Length;
    }

    /// <summary>Runs <paramref name="callers"/> concurrent loops of <paramref name="each"/> calls.</summary>
    public static Task Concurrently(int callers, int each, Func<Task> call) =>
        Task.WhenAll(
            Enumerable
                .Range(0, callers)
                .Select(async _ =>
                {
                    for (var i = 0; i < each; i++)
                        await call();
                })
        );
}

/// <summary>
/// Target 5: client overhead end to end on loopback, 16 concurrent callers. Each method makes 16 × 32 requests;
/// the reported time is per request, so throughput ratio = raw time / client time (≥ 0.9).
/// </summary>
[MemoryDiagnoser]
public class ClientOverheadBenchmark
{
    private const int Callers = 16;
    private const int Each = 32;
    private const int Total = Callers * Each;

    private OnePlatformEmulator onep = null!;
    private SisEmulator sis = null!;
    private HttpClient http = null!;
    private OnePlatformClient onepClient = null!;
    private SisClient sisClient = null!;
    private ResourceId resource = null!;
    private byte[] readBody = null!;
    private Uri entityUri = null!;
    private string token = null!;
    private readonly Auth auth = Auth.Cik(Fixtures.Cik);

    [GlobalSetup]
    public async Task Setup()
    {
        http = new HttpClient();
        onep = await Fixtures.StartOnePlatformAsync();
        onepClient = new OnePlatformClient(
            http,
            new OnePlatformClientOptions().WithEndpoint(onep.BaseUri)
        );
        resource = ResourceId.Rid(await Fixtures.DataportAsync(onepClient, "temp"));
        var call = Fixtures.Valid(TimeSeries.Read(resource, ReadOptions.Latest));
        var request = RpcBatch.Request(RpcEndpoint.Default, auth, Seq1((0L, call)));
        readBody = ((HttpBody.Json)request.Body).Utf8.ToArray();

        sis = await Fixtures.StartSisAsync();
        sisClient = await Fixtures.LoginAsync(sis, http);
        await Fixtures.SeedAsync(sisClient, Fixtures.Schema, 1_000);
        token = sisClient.AuthToken!;
        entityUri = new Uri(sis.ApiUri, $"entities/{Fixtures.Schema}/sn-00000042");
        // Both paths must answer the same thing.
        var viaClient = await sisClient.Entities(Fixtures.Schema).GetAsync("sn-00000042");
        if (viaClient.Json.GetProperty("serial").GetString() != "sn-00000042")
            throw new InvalidOperationException("unexpected entity");
        await RawOnePlatformRead();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        http.Dispose();
        await onep.DisposeAsync();
        await sis.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = Total)]
    public Task ClientOnePlatformRead() =>
        Raw.Concurrently(Callers, Each, () => onepClient.ReadAsync(auth, resource));

    [Benchmark(OperationsPerInvoke = Total)]
    public Task RawOnePlatformRead() =>
        Raw.Concurrently(Callers, Each, () => Raw.PostAsync(http, onep.RpcUri, readBody));

    [Benchmark(OperationsPerInvoke = Total)]
    public Task ClientSisGet() =>
        Raw.Concurrently(
            Callers,
            Each,
            () => sisClient.Entities(Fixtures.Schema).GetAsync("sn-00000042")
        );

    [Benchmark(OperationsPerInvoke = Total)]
    public Task RawSisGet() =>
        Raw.Concurrently(Callers, Each, () => Raw.GetAsync(http, entityUri, token));
}

/// <summary>Target 6: One Platform emulator, batched writes of 100 calls a request (≥ 20,000 calls/s). Time is per call.</summary>
[MemoryDiagnoser]
public class OnePlatformEmulatorWriteBenchmark
{
    private OnePlatformEmulator onep = null!;
    private HttpClient http = null!;
    private byte[] body = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        http = new HttpClient();
        onep = await Fixtures.StartOnePlatformAsync();
        var client = new OnePlatformClient(
            http,
            new OnePlatformClientOptions().WithEndpoint(onep.BaseUri)
        );
        var rids = new List<ResourceId>();
        for (var i = 0; i < 10; i++)
            rids.Add(ResourceId.Rid(await Fixtures.DataportAsync(client, $"port{i}")));
        var calls = toSeq(
            Enumerable
                .Range(0, 100)
                .Select(i =>
                    (
                        (long)i,
                        Fixtures.Valid(TimeSeries.Write(rids[i % 10], PointValue.Of(i * 0.5)))
                    )
                )
                .ToArray()
        );
        body = (
            (HttpBody.Json)RpcBatch.Request(RpcEndpoint.Default, Auth.Cik(Fixtures.Cik), calls).Body
        ).Utf8.ToArray();
        var answer = await PostAsync();
        if (
            !answer.Contains("\"ok\"", StringComparison.Ordinal)
            || answer.Contains("error", StringComparison.Ordinal)
        )
            throw new InvalidOperationException(
                "writes failed: " + answer[..Math.Min(300, answer.Length)]
            );
    }

    private async Task<string> PostAsync()
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(onep.RpcUri, content);
        return await response.Content.ReadAsStringAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        http.Dispose();
        await onep.DisposeAsync();
    }

    /// <summary>One request of 100 writes at a time.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public Task<int> Writes100Sequential() => Raw.PostAsync(http, onep.RpcUri, body);

    /// <summary>Four requests of 100 writes in flight at once.</summary>
    [Benchmark(OperationsPerInvoke = 400)]
    public Task Writes100x4Concurrent() =>
        Raw.Concurrently(4, 1, () => Raw.PostAsync(http, onep.RpcUri, body));
}

/// <summary>Target 7: SIS emulator, equality query over 100,000 entities: indexed field ≤ 20 ms, unindexed ≤ 150 ms.</summary>
[MemoryDiagnoser]
public class SisEmulatorQueryBenchmark
{
    private SisEmulator sis = null!;
    private HttpClient http = null!;
    private string token = null!;
    private Uri indexed = null!;
    private Uri unindexed = null!;

    public static IEnumerable<int> Sizes => Fixtures.Smoke ? [1_000] : [100_000];

    [ParamsSource(nameof(Sizes))]
    public int Entities { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        http = new HttpClient();
        sis = await Fixtures.StartSisAsync();
        var client = await Fixtures.LoginAsync(sis, http);
        await Fixtures.SeedAsync(client, Fixtures.Schema, Entities);
        token = client.AuthToken!;
        var target = Entities * 54 / 100;
        indexed = QueryUri(sis, $$"""{"serial":"sn-{{target:D8}}"}""");
        unindexed = QueryUri(sis, $$"""{"name":"device {{target}}"}""");
        foreach (var uri in new[] { indexed, unindexed })
        {
            using var response = await http.SendAsync(Request(uri));
            var text = await response.Content.ReadAsStringAsync();
            if (response.Headers.GetValues("x-total-count").Single() != "1")
                throw new InvalidOperationException(
                    $"expected one match: {text[..Math.Min(300, text.Length)]}"
                );
        }
    }

    internal static Uri QueryUri(SisEmulator sis, string filter) =>
        new(sis.ApiUri, $"entities/{Fixtures.Schema}?q={Uri.EscapeDataString(filter)}");

    private HttpRequestMessage Request(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("x-auth-token", token);
        return request;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        http.Dispose();
        await sis.DisposeAsync();
    }

    [Benchmark]
    public Task<int> QueryIndexed() => Raw.GetAsync(http, indexed, token);

    [Benchmark]
    public Task<int> QueryUnindexed() => Raw.GetAsync(http, unindexed, token);
}

/// <summary>Target 8: SIS emulator, bulk insert of 10,000 entities in one request (≤ 2 s).</summary>
[MemoryDiagnoser]
public class SisEmulatorBulkInsertBenchmark
{
    private SisEmulator sis = null!;
    private HttpClient http = null!;
    private SisClient client = null!;
    private byte[] body = null!;
    private Uri uri = null!;
    private int round;

    [GlobalSetup]
    public async Task Setup()
    {
        http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        sis = await Fixtures.StartSisAsync();
        client = await Fixtures.LoginAsync(sis, http);
        var array = new JsonArray();
        for (var i = 0; i < 10_000; i++)
            array.Add(Fixtures.Entity(i, withMeta: false));
        body = Encoding.UTF8.GetBytes(array.ToJsonString());
    }

    [IterationSetup]
    public void FreshSchema()
    {
        // A new, empty schema for every insert (the previous ones keep their entities).
        var name = $"bulk_{round++}";
        client.Schemas.CreateAsync(Fixtures.SchemaDefinition(name)).GetAwaiter().GetResult();
        uri = new Uri(sis.ApiUri, $"entities/{name}?all_or_none=true");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        http.Dispose();
        await sis.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> BulkInsert10k()
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("x-auth-token", client.AuthToken);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (
            !response.IsSuccessStatusCode
            || !text.Contains("\"errors\":[]", StringComparison.Ordinal)
        )
            throw new InvalidOperationException(
                "bulk insert failed: " + text[..Math.Min(300, text.Length)]
            );
        return text.Length;
    }
}

/// <summary>Scaling: SIS collection of 1,000 → 100,000 entities — fetch-all through the facade and equality queries.</summary>
[MemoryDiagnoser]
public class SisScalingBenchmark
{
    private SisEmulator sis = null!;
    private HttpClient http = null!;
    private SisClient client = null!;
    private Uri indexed = null!;
    private Uri unindexed = null!;

    public static IEnumerable<int> Sizes => Fixtures.Smoke ? [1_000] : [1_000, 10_000, 100_000];

    [ParamsSource(nameof(Sizes))]
    public int Entities { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        sis = await Fixtures.StartSisAsync();
        client = await Fixtures.LoginAsync(sis, http);
        await Fixtures.SeedAsync(client, Fixtures.Schema, Entities);
        var target = Entities / 2 + 7;
        indexed = SisEmulatorQueryBenchmark.QueryUri(sis, $$"""{"serial":"sn-{{target:D8}}"}""");
        unindexed = SisEmulatorQueryBenchmark.QueryUri(sis, $$"""{"name":"device {{target}}"}""");
        if (await FetchAll() != Entities)
            throw new InvalidOperationException("fetch-all missed entities");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        http.Dispose();
        await sis.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> FetchAll()
    {
        var n = 0;
        await foreach (var _ in client.Entities(Fixtures.Schema).FetchAllAsync(pageSize: 10_000))
            n++;
        return n;
    }

    [Benchmark]
    public Task<int> QueryIndexed() => Raw.GetAsync(http, indexed, client.AuthToken);

    [Benchmark]
    public Task<int> QueryUnindexed() => Raw.GetAsync(http, unindexed, client.AuthToken);
}
