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

    /// <summary>Records an insert (<paramref name="old"/> null), update or delete (<paramref name="updated"/> null).</summary>
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
        Log.Add(type, entityId, oid, action, old, updated, time, user);
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
    private static readonly AsyncLocal<List<HookEvent>?> Held = new();

    /// <summary>Starts holding changes for the current request.</summary>
    public static void Hold() => Held.Value = [];

    /// <summary>Fires every hook of <paramref name="type"/> listening to <paramref name="eventName"/>.</summary>
    public void Fire(
        string type,
        string eventName,
        JsonNode? data,
        JsonObject? oldValue,
        bool isBulk
    )
    {
        var change = new HookEvent(type, eventName, data, oldValue, isBulk);
        if (Held.Value is { } held)
        {
            held.Add(change);
        }
        else
        {
            dispatcher.Dispatch(hooks(), change);
        }
    }

    /// <summary>Starts delivering the held changes (once the request's work is done).</summary>
    public void Flush()
    {
        var held = Held.Value;
        Held.Value = null;
        foreach (var change in held ?? [])
        {
            dispatcher.Dispatch(hooks(), change);
        }
    }
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
