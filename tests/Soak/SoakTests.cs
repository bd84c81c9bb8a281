using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Sis;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Functional.Tests.Soak;

/// <summary>Runs alone (after the parallel tests), so memory and thread counts are the soak's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Soak";
}

/// <summary>
/// Bounded soak (loopback only): 16 concurrent workers — 8 One Platform, 8 SIS, half of each through clients with
/// <c>AddFunctionalResilience</c> — do mixed work against one One Platform and one SIS emulator that inject 503s,
/// resets before and after processing, latency and truncated bodies (fixed seeds). Each worker books every write as
/// acknowledged, unknown or failed; afterwards the state is read back through routes no fault rule matches
/// (<see cref="CleanRoute"/>) and checked against the ledgers. Also: a global deadline every worker must meet, memory
/// after a warm-up vs at the end, and the process's thread count.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const string Password = "s0ak-pa55word";
    private const int WorkersPerSide = 8;
    private const int MaxOperationsPerWorker = 600;
    private static readonly TimeSpan Traffic = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Every worker must have finished this long after the traffic stops (else: a deadlock or a hang).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private const long MemoryBound = 64L * 1024 * 1024;
    private const int ThreadGrowthBound = 64;

    /// <summary>5% 503, 3% reset after processing, 3% reset before, 2% latency 50 ms, 1% truncated body.</summary>
    private static FaultOptions Faults(string prefix, int seed) =>
        new()
        {
            Rules =
            [
                new FaultRule(new Fault.Latency(TimeSpan.FromMilliseconds(50)), 0.02)
                {
                    PathPrefix = prefix,
                },
                new FaultRule(new Fault.ServerError(503), 0.05) { PathPrefix = prefix },
                new FaultRule(new Fault.ResetAfter(), 0.03) { PathPrefix = prefix },
                new FaultRule(new Fault.ResetBefore(), 0.03) { PathPrefix = prefix },
                new FaultRule(new Fault.TruncatedBody(), 0.01) { PathPrefix = prefix },
            ],
            Seed = seed,
        };

    [Fact]
    public async Task Mixed_load_against_faulty_emulators_loses_no_acknowledged_write()
    {
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Seed = 11,
                Faults = Faults(CleanRoute.FaultedRpcPath, 101),
            }
        );
        await using var sis = await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                SuperUserName = "root",
                SuperUserPassword = Password,
                Seed = 12,
                Faults = Faults(CleanRoute.FaultedSisPrefix, 102),
            }
        );
        using var http = new HttpClient();
        using var cleanSisHttp = new HttpClient(new SisCleanRouteHandler());
        var root = Auth.Cik(onep.RootCik);
        var cleanOnep = new OnePlatformClient(
            http,
            new OnePlatformClientOptions
            {
                Endpoint = onep.BaseUri,
                RpcPath = CleanRoute.CleanRpcPath,
            }
        );
        var cleanSis = new SisClient(cleanSisHttp, new SisClientOptions(sis.BaseUri));
        await cleanSis.AuthenticateAsync("root", Password);
        await cleanSis.Schemas.CreateAsync(
            JsonNode.Parse(
                """
                {"name":"soak","_sis":{"owner":["soak"]},
                 "definition":{"key":{"type":"String","required":true,"index":true},
                               "worker":"Number","seq":"Number","value":"Number"}}
                """
            )!
        );
        var token = cleanSis.AuthToken!;

        var services = new ServiceCollection();
        services
            .AddOnePlatformClient(o =>
            {
                o.Endpoint = onep.BaseUri;
                o.ChunkSize = 3;
            })
            .AddFunctionalResilience(o => o.RetryDelay = TimeSpan.FromMilliseconds(5));
        services
            .AddSisClient(o =>
            {
                o.Url = sis.BaseUri;
                o.AuthToken = token;
            })
            .AddFunctionalResilience(o => o.RetryDelay = TimeSpan.FromMilliseconds(5));
        await using var provider = services.BuildServiceProvider();

        var counters = new SoakCounters();
        var onepWorkers = Enumerable
            .Range(0, WorkersPerSide)
            .Select(i => new OnePlatformWorker(
                i,
                i % 2 == 0
                    ? new OnePlatformClient(
                        http,
                        new OnePlatformClientOptions { Endpoint = onep.BaseUri, ChunkSize = 3 }
                    )
                    : provider.GetRequiredService<OnePlatformClient>(),
                root,
                counters
            ))
            .ToArray();
        var sisWorkers = Enumerable
            .Range(0, WorkersPerSide)
            .Select(i => new SisWorker(
                i,
                i % 2 == 0
                    ? new SisClient(http, new SisClientOptions(sis.BaseUri).WithAuthToken(token))
                    : provider.GetRequiredService<SisClient>(),
                counters
            ))
            .ToArray();

        // ---- traffic ---------------------------------------------------------------------------
        using var hardStop = new CancellationTokenSource(Traffic + Deadline);
        var clock = Stopwatch.StartNew();
        bool KeepGoing() => clock.Elapsed < Traffic;
        var tasks = onepWorkers
            .Select(w =>
                Task.Run(() => w.RunAsync(KeepGoing, MaxOperationsPerWorker, hardStop.Token))
            )
            .Concat(
                sisWorkers.Select(w =>
                    Task.Run(() => w.RunAsync(KeepGoing, MaxOperationsPerWorker, hardStop.Token))
                )
            )
            .ToArray();
        var all = Task.WhenAll(tasks);

        await Task.WhenAny(all, Task.Delay(WarmUp));
        var memoryAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
        var threadsAfterWarmUp = ThreadCount();

        var finished = await Task.WhenAny(all, Task.Delay(Traffic + Deadline));
        var trafficTime = clock.Elapsed;
        Assert.True(
            ReferenceEquals(finished, all),
            $"deadlock or hang: {tasks.Count(t => !t.IsCompleted)} of {tasks.Length} workers still running "
                + $"{(Traffic + Deadline).TotalSeconds} s after the start"
        );
        await all; // a worker that crashed fails the test here, with its exception
        var memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        var threadsAtEnd = ThreadCount();
        var onepFaults = onep.Faults;
        var sisFaults = sis.Faults;

        // ---- read back through the clean routes and check the ledgers ------------------------
        var problems = new List<string>();
        problems.AddRange(onepWorkers.SelectMany(w => w.Violations));
        problems.AddRange(sisWorkers.SelectMany(w => w.Violations));
        var onepStats = await OnePlatformLedgerCheck.RunAsync(
            cleanOnep,
            root,
            onepWorkers,
            problems
        );
        var sisStats = await SisLedgerCheck.RunAsync(cleanSis, sisWorkers, problems);

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"soak: {counters.Operations} ops in {trafficTime.TotalSeconds:0.0} s "
                + $"({counters.Operations / trafficTime.TotalSeconds:0} ops/s, {tasks.Length} workers); "
                + $"writes acknowledged/unknown/failed = {counters.Acknowledged}/{counters.Unknown}/{counters.Failed}; "
                + $"reads {counters.Reads} ({counters.ReadErrors} errors); "
                + $"onep {onepFaults.Requests} requests, faults {Describe(onepFaults)}; "
                + $"sis {sisFaults.Requests} requests, faults {Describe(sisFaults)}; "
                + $"client errors {string.Join(", ", counters.ErrorKinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"))}; "
                + $"{onepStats}; {sisStats}; "
                + $"memory {memoryAfterWarmUp / 1048576.0:0.0} -> {memoryAtEnd / 1048576.0:0.0} MB; "
                + $"threads {threadsAfterWarmUp} -> {threadsAtEnd}"
        );
        output.WriteLine(summary);
        foreach (var p in problems.Take(30))
        {
            output.WriteLine("problem: " + p);
        }

        Assert.Empty(counters.Unexpected);
        Assert.Empty(problems);
        // The soak did real work under real faults.
        Assert.True(counters.Acknowledged > 100, summary);
        Assert.True(counters.Unknown > 0 && counters.Failed > 0, summary);
        Assert.True(onepFaults.Total > 0 && sisFaults.Total > 0, summary);
        Assert.True(
            memoryAtEnd - memoryAfterWarmUp < MemoryBound,
            $"memory grew by {(memoryAtEnd - memoryAfterWarmUp) / 1048576.0:0.0} MB; {summary}"
        );
        Assert.True(
            threadsAtEnd - threadsAfterWarmUp < ThreadGrowthBound,
            $"threads grew from {threadsAfterWarmUp} to {threadsAtEnd}; {summary}"
        );
    }

    private static int ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    private static string Describe(FaultCounts counts) =>
        string.Join(
            " ",
            Enum.GetValues<FaultKind>()
                .Where(k => counts.Of(k) > 0)
                .Select(k => $"{k}={counts.Of(k)}")
        );
}

/// <summary>Checks the One Platform ledgers against what the emulator holds (read through the clean RPC path).</summary>
internal static class OnePlatformLedgerCheck
{
    public static async Task<string> RunAsync(
        OnePlatformClient clean,
        Auth root,
        IReadOnlyList<OnePlatformWorker> workers,
        List<string> problems
    )
    {
        // Dataports: by name (each created name is unique).
        var listing = await clean.ListingAsync(root, ResourceId.Self, [ResourceType.Dataport]);
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rid in listing.Dataports)
        {
            var info = await clean.InfoAsync(
                root,
                ResourceId.Rid(rid),
                InfoOptions.OnlyDescription
            );
            var name = info.Description.Bind(d => d.Name).IfNone("");
            if (!byName.TryGetValue(name, out var rids))
            {
                byName[name] = rids = [];
            }
            rids.Add(rid);
        }
        var creates = workers.SelectMany(w => w.Creates).ToList();
        foreach (var c in creates)
        {
            var found = byName.GetValueOrDefault(c.Name) ?? [];
            var ok = c.Outcome switch
            {
                Outcome.Acknowledged => found.Count == 1 && found[0] == c.Rid,
                Outcome.Failed => found.Count == 0,
                _ => found.Count <= 1,
            };
            if (!ok)
            {
                problems.Add($"dataport {c.Name} ({c.Outcome}): found {found.Count}");
            }
        }
        var storedDataports = byName.Keys.Count(n =>
            n.StartsWith("soak-", StringComparison.Ordinal)
        );
        CheckBounds(
            "dataports",
            creates.Count(c => c.Outcome == Outcome.Acknowledged),
            storedDataports,
            creates.Count(c => c.Outcome == Outcome.Unknown),
            problems
        );

        // Points: every stored point was written by some call; acknowledged ones are there, exactly; failed ones not.
        var expected = new Dictionary<(string Rid, long Ts), (long Value, Outcome Outcome)>();
        foreach (var write in workers.SelectMany(w => w.Writes))
        {
            foreach (var (ts, value) in write.Points)
            {
                expected[(write.Rid, ts)] = (value, write.Outcome);
            }
        }
        var stored = 0;
        foreach (var rid in creates.Where(c => c.Rid is not null).Select(c => c.Rid!))
        {
            var points = await clean.ReadAsync(
                root,
                ResourceId.Rid(rid),
                ReadOptions
                    .Latest.WithStartTime(1_500_000_000)
                    .WithEndTime(1_700_000_000)
                    .WithLimit(1_000_000)
            );
            foreach (var p in points)
            {
                stored++;
                if (!expected.TryGetValue((rid, p.Timestamp), out var e))
                {
                    problems.Add($"point {rid}@{p.Timestamp} was never written");
                }
                else if (p.Value != PointValue.Of(e.Value))
                {
                    problems.Add($"point {rid}@{p.Timestamp} is {p.Value}, written {e.Value}");
                }
                else if (e.Outcome == Outcome.Failed)
                {
                    problems.Add($"point {rid}@{p.Timestamp} is stored though its write failed");
                }
                expected.Remove((rid, p.Timestamp));
            }
        }
        foreach (
            var ((rid, ts), e) in expected.Where(kv => kv.Value.Outcome == Outcome.Acknowledged)
        )
        {
            problems.Add($"acknowledged point {rid}@{ts} = {e.Value} is missing");
        }
        var writes = workers.SelectMany(w => w.Writes).ToList();
        var ackPoints = writes
            .Where(w => w.Outcome == Outcome.Acknowledged)
            .Sum(w => w.Points.Length);
        var unknownPoints = writes
            .Where(w => w.Outcome == Outcome.Unknown)
            .Sum(w => w.Points.Length);
        CheckBounds("points", ackPoints, stored, unknownPoints, problems);
        return $"onep dataports stored {storedDataports}, points acknowledged/unknown/stored = {ackPoints}/{unknownPoints}/{stored}";
    }

    internal static void CheckBounds(
        string what,
        long acknowledged,
        long stored,
        long unknown,
        List<string> problems
    )
    {
        if (stored < acknowledged || stored > acknowledged + unknown)
        {
            problems.Add(
                $"{what}: stored {stored} is not between acknowledged {acknowledged} and acknowledged + unknown {acknowledged + unknown}"
            );
        }
    }
}

/// <summary>Checks the SIS ledgers against every stored entity (read through the clean route).</summary>
internal static class SisLedgerCheck
{
    public static async Task<string> RunAsync(
        SisClient clean,
        IReadOnlyList<SisWorker> workers,
        List<string> problems
    )
    {
        var docs = new List<JsonElement>();
        await foreach (var doc in clean.Entities(SisWorker.Schema).FetchAllAsync(pageSize: 500))
        {
            docs.Add(doc);
        }
        var byKey = docs.GroupBy(d => SisWorker.KeyOf(d) ?? "")
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var creates = workers.SelectMany(w => w.Creates).ToList();
        var updates = workers
            .SelectMany(w => w.Updates)
            .GroupBy(u => u.Id)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var c in creates)
        {
            var found = byKey.GetValueOrDefault(c.Key) ?? [];
            var ok = c.Outcome switch
            {
                Outcome.Acknowledged => found.Count == 1,
                Outcome.Failed => found.Count == 0,
                _ => found.Count <= 1,
            };
            if (!ok)
            {
                problems.Add($"entity {c.Key} ({c.Outcome}): found {found.Count}");
                continue;
            }
            if (found.Count == 0)
            {
                continue;
            }
            var doc = found[0];
            if (
                !doc.TryGetProperty("seq", out var seq)
                || seq.GetInt64() != c.Seq
                || (c.Id is not null && SisWorker.IdOf(doc) != c.Id)
            )
            {
                problems.Add($"entity {c.Key} is {doc}, written seq {c.Seq} id {c.Id}");
            }
            var allowed = AllowedValues(c, updates.GetValueOrDefault(c.Id ?? "") ?? []);
            if (SisWorker.ValueOf(doc) is not { } value || !allowed.Contains(value))
            {
                problems.Add(
                    $"entity {c.Key} has value {SisWorker.ValueOf(doc)}, allowed {string.Join(",", allowed)}"
                );
            }
        }
        var known = creates.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in byKey.Keys.Where(k => !known.Contains(k)))
        {
            problems.Add($"entity {key} was never written");
        }
        var ack = creates.Count(c => c.Outcome == Outcome.Acknowledged);
        var unknown = creates.Count(c => c.Outcome == Outcome.Unknown);
        OnePlatformLedgerCheck.CheckBounds("entities", ack, docs.Count, unknown, problems);
        var allUpdates = updates.Values.SelectMany(u => u).ToList();
        return $"sis entities acknowledged/unknown/stored = {ack}/{unknown}/{docs.Count}, "
            + $"updates acknowledged/unknown/failed = {allUpdates.Count(u => u.Outcome == Outcome.Acknowledged)}/"
            + $"{allUpdates.Count(u => u.Outcome == Outcome.Unknown)}/{allUpdates.Count(u => u.Outcome == Outcome.Failed)}";
    }

    /// <summary>
    /// The values the entity may hold: the last acknowledged one (the created value when no update was acknowledged),
    /// any unknown update after it, and any update that timed out (it may have landed late).
    /// </summary>
    private static System.Collections.Generic.HashSet<long> AllowedValues(
        EntityCreate create,
        List<EntityUpdate> updates
    )
    {
        var allowed = new System.Collections.Generic.HashSet<long> { create.Value };
        foreach (var u in updates)
        {
            if (u.Outcome == Outcome.Acknowledged)
            {
                allowed.Clear();
                allowed.Add(u.Value);
            }
            else if (u.Outcome == Outcome.Unknown)
            {
                allowed.Add(u.Value);
            }
        }
        foreach (var u in updates.Where(u => u.Late))
        {
            allowed.Add(u.Value);
        }
        return allowed;
    }
}
