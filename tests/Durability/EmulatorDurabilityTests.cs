using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;

namespace Functional.Tests.Durability;

/// <summary>
/// <c>fxo emulator onep|sis --state FILE</c> as a real process, killed hard (whole process tree, no shutdown code) while
/// several clients write, then restarted on the same state file — three kill points in a row, then a last restart.
/// Each restart must load the file (a torn or invalid file would stop it) and hold every write acknowledged before
/// any kill. Writes in flight at the kill may or may not be there.
/// </summary>
public sealed class EmulatorDurabilityTests : IDisposable
{
    private const int Writers = 4;
    private const string RootCik = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
    private const string Password = "dur4ble-pa55word";

    /// <summary>Acknowledged writes (over all writers) after which the process is killed, one run each.</summary>
    private static readonly int[] KillPoints = [3, 40, 150];
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly string work = Path.Combine(
        Path.GetTempPath(),
        "fxo-durability-" + Guid.NewGuid().ToString("N")
    );

    public EmulatorDurabilityTests() => Directory.CreateDirectory(work);

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException) { }
    }

    /// <summary>Writers loop until the run stops; after the kill every call fails, which ends them too.</summary>
    private sealed class Run
    {
        private long acknowledged;
        private long errorsBeforeKill;

        public long Acknowledged => Interlocked.Read(ref acknowledged);
        public long ErrorsBeforeKill => Interlocked.Read(ref errorsBeforeKill);
        public volatile bool Killed;

        public void Ack() => Interlocked.Increment(ref acknowledged);

        /// <summary>Books an error; true when the writer should stop (the process is gone).</summary>
        public bool Error()
        {
            if (Killed)
            {
                return true;
            }
            Interlocked.Increment(ref errorsBeforeKill);
            return false;
        }

        public async Task KillWhenAsync(
            EmulatorProcess emulator,
            int acknowledgedWrites,
            Task writers
        )
        {
            var clock = Stopwatch.StartNew();
            while (
                Acknowledged < acknowledgedWrites && !writers.IsCompleted && clock.Elapsed < Limit
            )
            {
                await Task.Delay(5);
            }
            Assert.True(
                Acknowledged >= acknowledgedWrites,
                $"only {Acknowledged} writes were acknowledged before the kill point {acknowledgedWrites} ({ErrorsBeforeKill} errors)"
            );
            Killed = true;
            await emulator.KillAsync();
            var done = await Task.WhenAny(writers, Task.Delay(Limit));
            Assert.True(ReferenceEquals(done, writers), "the writers did not stop after the kill");
            await writers;
            Assert.Equal(0, ErrorsBeforeKill);
        }
    }

    private static void AssertValidJson(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    // ---- One Platform -----------------------------------------------------------------------

    [Fact]
    public async Task One_Platform_emulator_killed_during_writes_restarts_holding_every_acknowledged_write()
    {
        var state = Path.Combine(work, "onep-state.json");
        var root = Auth.Cik(RootCik);
        var dataports = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // rid -> name
        var points = new ConcurrentDictionary<(string Rid, long Ts), long>();
        var nextTs = 1_600_000_000L;
        string[] args =
        [
            "emulator",
            "onep",
            "--state",
            state,
            "--port",
            "0",
            "--root-cik",
            RootCik,
        ];

        for (var r = 0; r < KillPoints.Length; r++)
        {
            var emulator = await EmulatorProcess.StartAsync(work, args);
            await using var _ = emulator;
            using var http = new HttpClient();
            var client = new OnePlatformClient(
                http,
                new OnePlatformClientOptions { Endpoint = emulator.BaseUri }.WithTimeout(
                    TimeSpan.FromSeconds(10)
                )
            );
            await AssertOnePlatformHoldsAsync(client, root, dataports, points);

            var run = new Run();
            var runIndex = r;
            var writers = Task.WhenAll(
                Enumerable
                    .Range(0, Writers)
                    .Select(w =>
                        Task.Run(async () =>
                        {
                            var name = $"run{runIndex}-writer{w}";
                            var created = await client.TryCallAsync(
                                root,
                                Resources.Create(
                                    ResourceId.Self,
                                    DataportDescription.Of(DataFormat.Integer).WithName(name)
                                )
                            );
                            var rid = created.Match(v => v, _ => (string?)null);
                            if (rid is null)
                            {
                                run.Error();
                                return;
                            }
                            dataports[rid] = name;
                            run.Ack();
                            while (true)
                            {
                                var ts = Interlocked.Increment(ref nextTs);
                                var written = await client.TryCallAsync(
                                    root,
                                    TimeSeries.Record(
                                        ResourceId.Rid(rid),
                                        Seq1((ts, PointValue.Of(ts * 3)))
                                    )
                                );
                                if (written.IsRight)
                                {
                                    points[(rid, ts)] = ts * 3;
                                    run.Ack();
                                }
                                else if (run.Error())
                                {
                                    return;
                                }
                            }
                        })
                    )
            );
            await run.KillWhenAsync(emulator, KillPoints[r], writers);
            AssertValidJson(state);
        }

        var last = await EmulatorProcess.StartAsync(work, args);
        await using var __ = last;
        using var lastHttp = new HttpClient();
        var reader = new OnePlatformClient(
            lastHttp,
            new OnePlatformClientOptions { Endpoint = last.BaseUri }
        );
        await AssertOnePlatformHoldsAsync(reader, root, dataports, points);
        Assert.True(points.Count >= KillPoints.Sum() - (KillPoints.Length * Writers));
    }

    private static async Task AssertOnePlatformHoldsAsync(
        OnePlatformClient client,
        Auth root,
        IReadOnlyDictionary<string, string> dataports,
        IReadOnlyDictionary<(string Rid, long Ts), long> points
    )
    {
        foreach (var (rid, name) in dataports)
        {
            var info = await client.InfoAsync(
                root,
                ResourceId.Rid(rid),
                InfoOptions.OnlyDescription
            );
            Assert.Equal(name, info.Description.Bind(d => d.Name).IfNone(""));
            var stored = (
                await client.ReadAsync(
                    root,
                    ResourceId.Rid(rid),
                    ReadOptions
                        .Latest.WithStartTime(1_500_000_000)
                        .WithEndTime(1_700_000_000)
                        .WithLimit(1_000_000)
                )
            ).ToDictionary(p => p.Timestamp, p => p.Value);
            foreach (var ((pointRid, ts), value) in points.Where(p => p.Key.Rid == rid))
            {
                Assert.True(
                    stored.TryGetValue(ts, out var found),
                    $"acknowledged point {pointRid}@{ts} is missing after the restart"
                );
                Assert.Equal(PointValue.Of(value), found);
            }
        }
    }

    // ---- SIS --------------------------------------------------------------------------------

    [Fact]
    public async Task Sis_emulator_killed_during_writes_restarts_holding_every_acknowledged_write()
    {
        var state = Path.Combine(work, "sis-state.json");
        var entities = new ConcurrentDictionary<string, (string Id, long N)>(
            StringComparer.Ordinal
        );
        var nextN = 0L;
        string[] args =
        [
            "emulator",
            "sis",
            "--state",
            state,
            "--port",
            "0",
            "--super-user",
            "root:" + Password,
        ];

        for (var r = 0; r < KillPoints.Length; r++)
        {
            var emulator = await EmulatorProcess.StartAsync(work, args);
            await using var _ = emulator;
            using var http = new HttpClient();
            var client = new SisClient(
                http,
                new SisClientOptions(emulator.BaseUri).WithTimeout(TimeSpan.FromSeconds(10))
            );
            await client.AuthenticateAsync("root", Password);
            if (r == 0)
            {
                await client.Schemas.CreateAsync(
                    JsonNode.Parse(
                        """
                        {"name":"durable","_sis":{"owner":["ops"]},
                         "definition":{"key":{"type":"String","required":true,"unique":true},"n":"Number"}}
                        """
                    )!
                );
            }
            await AssertSisHoldsAsync(client, entities);

            var run = new Run();
            var runIndex = r;
            var writers = Task.WhenAll(
                Enumerable
                    .Range(0, Writers)
                    .Select(w =>
                        Task.Run(async () =>
                        {
                            while (true)
                            {
                                var n = Interlocked.Increment(ref nextN);
                                var key = $"run{runIndex}-writer{w}-{n}";
                                try
                                {
                                    var created = await client
                                        .Entities("durable")
                                        .CreateAsync(new JsonObject { ["key"] = key, ["n"] = n });
                                    entities[key] = (
                                        created.Json.GetProperty("_id").GetString()!,
                                        n
                                    );
                                    run.Ack();
                                }
                                catch (Exception ex)
                                    when (ex
                                            is HttpRequestException
                                                or SisException
                                                or TimeoutException
                                    )
                                {
                                    if (run.Error())
                                    {
                                        return;
                                    }
                                }
                            }
                        })
                    )
            );
            await run.KillWhenAsync(emulator, KillPoints[r], writers);
            AssertValidJson(state);
        }

        var last = await EmulatorProcess.StartAsync(work, args);
        await using var __ = last;
        using var lastHttp = new HttpClient();
        var reader = new SisClient(lastHttp, new SisClientOptions(last.BaseUri));
        await AssertSisHoldsAsync(reader, entities);
        Assert.True(entities.Count >= KillPoints.Sum() - KillPoints.Length);
    }

    private static async Task AssertSisHoldsAsync(
        SisClient client,
        IReadOnlyDictionary<string, (string Id, long N)> entities
    )
    {
        var stored = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await foreach (var doc in client.Entities("durable").FetchAllAsync(pageSize: 1000))
        {
            var key = doc.GetProperty("key").GetString()!;
            Assert.True(stored.TryAdd(key, doc), $"entity {key} is stored twice");
        }
        foreach (var (key, (id, n)) in entities)
        {
            Assert.True(
                stored.TryGetValue(key, out var doc),
                $"acknowledged entity {key} is missing after the restart"
            );
            Assert.Equal(id, doc.GetProperty("_id").GetString());
            Assert.Equal(n, doc.GetProperty("n").GetInt64());
        }
    }
}
