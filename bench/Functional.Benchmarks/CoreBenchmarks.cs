using System.Text;
using System.Text.Json.Nodes;
using Functional.Core.Sis;

namespace Functional.Benchmarks;

/// <summary>Target 1: one <c>read</c> — build the call, serialize the envelope, parse a one-point answer (≤ 2 µs, ≤ 2 KB).</summary>
[MemoryDiagnoser]
public class OnePlatformReadBenchmark
{
    private static readonly Auth Auth = Auth.Cik(Fixtures.Cik);
    private static readonly ResourceId Resource = ResourceId.Rid(Fixtures.Rid);
    private readonly HttpResponse answer = Fixtures.Json(
        """[{"id":0,"status":"ok","result":[[1700000000,42.5]]}]"""
    );

    [Benchmark]
    public Seq<Point> Read()
    {
        var call = Fixtures.Valid(TimeSeries.Read(Resource, ReadOptions.Latest));
        var calls = Seq1((0L, call));
        var request = RpcBatch.Request(RpcEndpoint.Default, Auth, calls);
        if (request.Body is not HttpBody.Json { Utf8.Length: > 0 })
            throw new InvalidOperationException("no body");
        return Fixtures.Right(Fixtures.Right(RpcBatch.Parse(answer, calls)).Head.Outcome);
    }
}

/// <summary>Target 2: a batch of 100 <c>write</c>s — build, serialize, parse (≤ 60 µs, ≤ 64 KB).</summary>
[MemoryDiagnoser]
public class OnePlatformWriteBatchBenchmark
{
    private static readonly Auth Auth = Auth.Cik(Fixtures.Cik);
    private static readonly ResourceId Resource = ResourceId.Rid(Fixtures.Rid);
    private HttpResponse answer = null!;

    [GlobalSetup]
    public void Setup() => answer = OnePlatformBatchScalingBenchmark.OkAnswers(100);

    [Benchmark]
    public int WriteBatch100() =>
        OnePlatformBatchScalingBenchmark.Roundtrip(Auth, Resource, 100, answer);
}

/// <summary>Scaling: build + serialize + parse of one envelope of 1 to 10,000 writes.</summary>
[MemoryDiagnoser]
public class OnePlatformBatchScalingBenchmark
{
    private static readonly Auth Auth = Auth.Cik(Fixtures.Cik);
    private static readonly ResourceId Resource = ResourceId.Rid(Fixtures.Rid);
    private HttpResponse answer = null!;

    public static IEnumerable<int> Sizes => Fixtures.Smoke ? [1, 100] : [1, 10, 100, 1_000, 10_000];

    [ParamsSource(nameof(Sizes))]
    public int Calls { get; set; }

    [GlobalSetup]
    public void Setup() => answer = OkAnswers(Calls);

    [Benchmark]
    public int BatchOfWrites() => Roundtrip(Auth, Resource, Calls, answer);

    internal static HttpResponse OkAnswers(int count)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < count; i++)
            sb.Append(i == 0 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"status\":\"ok\"}");
        return Fixtures.Json(sb.Append(']').ToString());
    }

    internal static int Roundtrip(Auth auth, ResourceId resource, int count, HttpResponse answer)
    {
        var built = new Validation<ApiError, RpcCall<Unit>>[count];
        for (var i = 0; i < count; i++)
            built[i] = TimeSeries.Write(resource, PointValue.Of(i * 0.5));
        var calls = Fixtures.Valid(RpcBatch.Validate(RpcEndpoint.Default, auth, 0, toSeq(built)));
        var numbered = toSeq(calls.Select((c, i) => ((long)i, c)).ToArray());
        var request = RpcBatch.Request(RpcEndpoint.Default, auth, numbered);
        var results = Fixtures.Right(RpcBatch.Parse(answer, numbered));
        if (results.Count != count || results.Exists(r => r.Outcome.IsLeft))
            throw new InvalidOperationException("a call failed");
        return request.Body is HttpBody.Json j ? j.Utf8.Length : 0;
    }
}

/// <summary>Target 3: parse a page of 10,000 entities (~3 MB) into <see cref="SisResponse"/> (≤ 25 ms, ≤ 2.5 × body).</summary>
[MemoryDiagnoser]
public class SisParsePageBenchmark
{
    private HttpResponse page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var array = new JsonArray();
        for (var i = 0; i < 10_000; i++)
            array.Add(Fixtures.Entity(i, withMeta: true));
        page = Fixtures.Json(array.ToJsonString(), ("x-total-count", "10000"));
        Console.WriteLine($"// SIS page body: {page.Body.Length} bytes");
    }

    /// <summary>The body size, for the allocation ratio.</summary>
    public int BodyBytes => page.Body.Length;

    [Benchmark]
    public int ParsePage10k()
    {
        var response = Fixtures.Right(SisResponses.Array(page));
        return response.Json.GetArrayLength();
    }
}

/// <summary>Target 4: a SIS query with a 10-key filter, built and encoded to query parameters (≤ 3 µs).</summary>
[MemoryDiagnoser]
public class SisQueryBuildBenchmark
{
    [Benchmark]
    public string Query10Keys()
    {
        var filter = SisFilter.And(
            SisFilter.Eq("serial", "sn-00000042"),
            SisFilter.Eq("group", "group-042"),
            SisFilter.Eq("active", true),
            SisFilter.Gte("num", 10),
            SisFilter.Lt("num", 1000),
            SisFilter.Ne("name", "retired"),
            SisFilter.In("labels", ["alpha", "beta"]),
            SisFilter.Exists("location.lat"),
            SisFilter.Gt("location.lon", -180.0),
            SisFilter.Eq("_sis.owner", "bench")
        );
        var query = SisQuery.Where(filter).WithLimit(100).WithSort(SisSort.Asc("serial"));
        return QueryString.Encode(Fixtures.Valid(query.ToQueryParams()));
    }
}
