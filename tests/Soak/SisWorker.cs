using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Core.Sis;
using Functional.Facade.Sis;

namespace Functional.Tests.Soak;

/// <summary>An entity creation (single or in a bulk insert) as the worker saw it; keys are unique across the soak.</summary>
internal sealed record EntityCreate(string Key, long Seq, long Value, Outcome Outcome, string? Id);

/// <summary>An update of an acknowledged entity's <c>value</c>; <c>Late</c> when it timed out (it may land later).</summary>
internal sealed record EntityUpdate(string Id, long Value, Outcome Outcome, bool Late);

/// <summary>
/// One SIS worker: creates entities of the soak schema (single and bulk), updates its own entities, gets them and
/// queries them by key; keeps a ledger of every write and checks what it reads as it goes.
/// </summary>
internal sealed class SisWorker(int index, SisClient client, SoakCounters counters)
{
    public const string Schema = "soak";

    private readonly Random random = new(2000 + index);
    private readonly List<EntityCreate> acknowledged = [];
    private long nextSeq;
    private long nextValue = index * 1_000_000L;

    public List<EntityCreate> Creates { get; } = [];

    public List<EntityUpdate> Updates { get; } = [];

    /// <summary>Problems seen during the run (duplicates, wrong documents).</summary>
    public List<string> Violations { get; } = [];

    private SisEndpointClient Entities => client.Entities(Schema);

    public async Task RunAsync(Func<bool> keepGoing, int maxOperations, CancellationToken ct)
    {
        for (var n = 0; n < maxOperations && keepGoing(); n++)
        {
            counters.Operation();
            var roll = random.Next(100);
            if (acknowledged.Count < 2 || roll < 25)
            {
                await CreateAsync(ct);
            }
            else if (roll < 40)
            {
                await BulkCreateAsync(ct);
            }
            else if (roll < 65)
            {
                await UpdateAsync(ct);
            }
            else if (roll < 85)
            {
                await GetAsync(ct);
            }
            else
            {
                await QueryAsync(ct);
            }
        }
    }

    private JsonObject NewEntity(out string key, out long seq, out long value)
    {
        seq = nextSeq++;
        key = $"w{index}-k{seq}";
        value = nextValue++;
        return new JsonObject
        {
            ["key"] = key,
            ["worker"] = index,
            ["seq"] = seq,
            ["value"] = value,
        };
    }

    private void Book(EntityCreate create)
    {
        counters.Write(create.Outcome);
        Creates.Add(create);
        if (create is { Outcome: Outcome.Acknowledged, Id: not null })
        {
            acknowledged.Add(create);
        }
    }

    private async Task CreateAsync(CancellationToken ct)
    {
        var body = NewEntity(out var key, out var seq, out var value);
        try
        {
            var created = await Entities.CreateAsync(body, ct);
            var id = IdOf(created.Json);
            if (id is null || KeyOf(created.Json) != key)
            {
                Violations.Add($"create {key} answered {created.Json}");
            }
            Book(new EntityCreate(key, seq, value, Outcome.Acknowledged, id));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var verdict = counters.Classify(SoakCounters.ErrorOf(ex), "create");
            Book(new EntityCreate(key, seq, value, verdict.Outcome, null));
        }
    }

    private async Task BulkCreateAsync(CancellationToken ct)
    {
        var items = Enumerable
            .Range(0, 3 + random.Next(4))
            .Select(_ =>
            {
                var body = NewEntity(out var key, out var seq, out var value);
                return (
                    Key: key,
                    Seq: seq,
                    Value: value,
                    Json: JsonSerializer.SerializeToElement(body)
                );
            })
            .ToArray();
        try
        {
            var result = await Entities.CreateManyAsync(items.Select(i => i.Json), false, ct);
            var inserted = result
                .Success.Where(d => KeyOf(d) is not null)
                .ToDictionary(d => KeyOf(d)!, IdOf, StringComparer.Ordinal);
            foreach (var error in result.Errors)
            {
                Violations.Add($"bulk insert refused a valid item: {error}");
            }
            foreach (var item in items)
            {
                if (inserted.TryGetValue(item.Key, out var id))
                {
                    Book(
                        new EntityCreate(item.Key, item.Seq, item.Value, Outcome.Acknowledged, id)
                    );
                }
                else
                {
                    // Refused items were not inserted (reported above as violations).
                    Book(new EntityCreate(item.Key, item.Seq, item.Value, Outcome.Failed, null));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var verdict = counters.Classify(SoakCounters.ErrorOf(ex), "bulk create");
            foreach (var item in items)
            {
                Book(new EntityCreate(item.Key, item.Seq, item.Value, verdict.Outcome, null));
            }
        }
    }

    private async Task UpdateAsync(CancellationToken ct)
    {
        var target = acknowledged[random.Next(acknowledged.Count)];
        var value = nextValue++;
        Outcome outcome;
        var late = false;
        try
        {
            var updated = await Entities.UpdateAsync(
                target.Id!,
                new JsonObject { ["value"] = value },
                null,
                ct
            );
            if (ValueOf(updated.Json) != value)
            {
                Violations.Add($"update of {target.Key} to {value} answered {updated.Json}");
            }
            outcome = Outcome.Acknowledged;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var error = SoakCounters.ErrorOf(ex);
            outcome = counters.Classify(error, "update").Outcome;
            late = error is ApiError.Timeout;
        }
        counters.Write(outcome);
        Updates.Add(new EntityUpdate(target.Id!, value, outcome, late));
    }

    private async Task GetAsync(CancellationToken ct)
    {
        var target = acknowledged[random.Next(acknowledged.Count)];
        try
        {
            var got = await Entities.GetAsync(target.Id!, null, ct);
            counters.Read(null, "get");
            if (KeyOf(got.Json) != target.Key)
            {
                Violations.Add($"get {target.Id} gave {got.Json}, expected key {target.Key}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            counters.Read(SoakCounters.ErrorOf(ex), "get");
        }
    }

    /// <summary>An acknowledged key is stored exactly once.</summary>
    private async Task QueryAsync(CancellationToken ct)
    {
        var target = acknowledged[random.Next(acknowledged.Count)];
        try
        {
            var page = await Entities.FetchPageAsync(
                SisQuery.Where(SisFilter.Eq("key", target.Key)),
                ct
            );
            counters.Read(null, "query");
            if (page.Items.Count != 1)
            {
                Violations.Add($"query key={target.Key} found {page.Items.Count} entities");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            counters.Read(SoakCounters.ErrorOf(ex), "query");
        }
    }

    public static string? IdOf(JsonElement doc) =>
        doc.ValueKind == JsonValueKind.Object
        && doc.TryGetProperty("_id", out var id)
        && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    public static string? KeyOf(JsonElement doc) =>
        doc.ValueKind == JsonValueKind.Object
        && doc.TryGetProperty("key", out var key)
        && key.ValueKind == JsonValueKind.String
            ? key.GetString()
            : null;

    public static long? ValueOf(JsonElement doc) =>
        doc.ValueKind == JsonValueKind.Object
        && doc.TryGetProperty("value", out var v)
        && v.TryGetInt64(out var n)
            ? n
            : null;
}
