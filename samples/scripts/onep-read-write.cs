#:project ../../src/Facade/Functional.Facade.csproj
#:project ../../src/Emulators/Functional.Emulators.csproj

// One Platform against an in-process emulator: create a dataport, write, read, record history and send a batch.
// Run: dotnet run samples/scripts/onep-read-write.cs
using Functional.Core.OnePlatform;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;

await using var emulator = await OnePlatformEmulator.StartAsync();
using var http = new HttpClient();
var client = new OnePlatformClient(
    http,
    new OnePlatformClientOptions { Endpoint = emulator.BaseUri }
);
var root = Auth.Cik(emulator.RootCik);
Console.WriteLine($"One Platform emulator at {emulator.BaseUri}");

var rid = await client.CreateDataportAsync(
    root,
    ResourceId.Self,
    DataportDescription.Of(DataFormat.Float).WithName("Temperature")
);
await client.MapAsync(root, ResourceId.Rid(rid), "temperature");
Console.WriteLine($"dataport temperature: {rid}");

await client.WriteAsync(root, ResourceId.Alias("temperature"), 21.5);
var latest = await client.ReadAsync(root, ResourceId.Alias("temperature"));
Console.WriteLine($"write 21.5, read {latest[0].Value} at {latest[0].Time:u}");
Check(
    latest.Count == 1 && latest[0].Value.Equals(PointValue.Of(21.5)),
    "read returns the value written"
);

var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var history = Enumerable.Range(1, 5).Select(i => (now - 60 * i, PointValue.Of(20.0 + i))).ToArray();
var rejected = await client.RecordBatchAsync(root, ResourceId.Alias("temperature"), history);
var points = await client.ReadAsync(
    root,
    ResourceId.Alias("temperature"),
    ReadOptions.Latest.WithStartTime(now - 3600).WithLimit(10)
);
Console.WriteLine(
    $"recordbatch of {history.Length} ({rejected.Count} rejected); last hour: "
        + string.Join(", ", points.Select(p => p.Value))
);
Check(rejected.Count == 0 && points.Count == 6, "six points in the last hour");

var batch = client.Batch(root);
for (var i = 0; i < 3; i++)
    batch = batch.Write(ResourceId.Alias("temperature"), 30.0 + i);
batch = batch.Read(ResourceId.Alias("temperature")).Read(ResourceId.Alias("no-such-alias"));
var results = await batch.SendAsync();
foreach (var result in results)
    Console.WriteLine(
        $"  call {result.CallId} {result.Procedure, -5} "
            + (result.IsOk ? "ok" : $"failed: {result.Error?.Message}")
    );
Check(
    results.Count(r => r.IsOk) == 4 && !results[4].IsOk,
    "four calls succeed, the unknown alias fails"
);

Console.WriteLine("done.");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
        throw new InvalidOperationException("check failed: " + what);
}
