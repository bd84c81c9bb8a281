using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.History;
using Functional.Emulators.Sis.Hooks;
using Functional.Emulators.Sis.Store;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Sis.Resources;

/// <summary>Records commits and looks them up (the history part's <see cref="CommitLog"/>).</summary>
internal sealed class HistoryAdapter(CommitLog log)
{
    /// <summary>The log (for persistence).</summary>
    public CommitLog Log { get; set; } = log;

    /// <summary>
    /// Records an insert (<paramref name="old"/> null), update or delete (<paramref name="updated"/> null) of stored
    /// documents, which must not change afterwards.
    /// </summary>
    public void Record(
        string type,
        string entityId,
        JsonObject? old,
        JsonObject? updated,
        string? user,
        long time
    )
    {
        var action =
            old is null ? CommitAction.Insert
            : updated is null ? CommitAction.Delete
            : CommitAction.Update;
        var oid = SisJson.Str(updated ?? old, "_id") ?? "";
        // Stored documents are never changed in place (a write stores a new document), so the log keeps them.
        Log.RecordUnchanging(type, entityId, oid, action, old, updated, time, user);
    }

    /// <summary>The commits of one object, newest first.</summary>
    public IReadOnlyList<JsonObject> List(string type, string entityId) => Log.List(type, entityId);

    /// <summary>One commit with <c>value_at</c>.</summary>
    public Outcome<JsonObject> Get(string type, string entityId, string commitId) =>
        Log.Get(type, entityId, commitId);

    /// <summary>The object at a time (epoch ms text).</summary>
    public Outcome<JsonObject> At(string type, string entityId, string utc) =>
        double.TryParse(utc, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            ? Log.At(type, entityId, millis, utc)
            : SisProblem.NotFoundMessage("commit at time " + utc + " does not exist");
}

/// <summary>
/// Fires hooks through the history part's <see cref="HookDispatcher"/>. Changes made while a request is handled are
/// held back until the request's work is done (<see cref="Flush"/>), then delivered in the background.
/// </summary>
internal sealed class HookAdapter(HookDispatcher dispatcher, Func<IEnumerable<JsonObject>> hooks)
{
    private static readonly AsyncLocal<List<Change>?> Held = new();

    /// <summary>Starts holding changes for the current request.</summary>
    public static void Hold() => Held.Value = [];

    /// <summary>Fires every hook of <paramref name="type"/> listening to <paramref name="eventName"/>.</summary>
    public void Fire(
        string type,
        string eventName,
        JsonNode? data,
        JsonObject? oldValue,
        bool isBulk
    ) => Fire(new Change(type, eventName, () => data, oldValue, isBulk));

    /// <summary>
    /// Fires every hook of <paramref name="type"/> listening to <paramref name="eventName"/> with the payload made by
    /// <paramref name="data"/> — called only when a hook listens, so it must read nothing that changes (e.g. copy
    /// stored documents, which are never changed in place).
    /// </summary>
    public void FireWith(string type, string eventName, Func<JsonNode?> data, bool isBulk) =>
        Fire(new Change(type, eventName, data, null, isBulk));

    /// <summary>Starts delivering the held changes (once the request's work is done).</summary>
    public void Flush()
    {
        var held = Held.Value;
        Held.Value = null;
        foreach (var change in held ?? [])
        {
            Dispatch(change);
        }
    }

    private void Fire(Change change)
    {
        if (Held.Value is { } held)
        {
            held.Add(change);
        }
        else
        {
            Dispatch(change);
        }
    }

    private void Dispatch(Change change)
    {
        var all = hooks();
        if (HookDispatcher.Select(all, change.Type, change.Event).Count == 0)
        {
            return; // no hook listens: the payload is not even made
        }
        dispatcher.Dispatch(
            all,
            new HookEvent(change.Type, change.Event, change.Data(), change.OldValue, change.IsBulk)
        );
    }

    /// <summary>A change whose payload is made when it is delivered.</summary>
    private sealed record Change(
        string Type,
        string Event,
        Func<JsonNode?> Data,
        JsonObject? OldValue,
        bool IsBulk
    );
}

/// <summary>The services every resource model and the API share.</summary>
internal sealed class SisContext(
    SisStore store,
    TimeProvider time,
    bool authEnabled,
    ILogger logger
)
{
    public SisStore Store { get; } = store;

    public TimeProvider Time { get; } = time;

    public bool AuthEnabled { get; } = authEnabled;

    public ILogger Logger { get; } = logger;

    public required HistoryAdapter History { get; init; }

    public required HookAdapter Hooks { get; init; }

    /// <summary>Now in epoch milliseconds.</summary>
    public long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
