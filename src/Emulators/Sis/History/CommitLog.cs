using System.Globalization;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.History;

/// <summary>What a commit records (spec §2.8.7).</summary>
internal enum CommitAction
{
    /// <summary>The object was created; <c>commit_data</c> is the new object.</summary>
    Insert,

    /// <summary>The object changed; <c>commit_data</c> is the jsondiffpatch delta old → new.</summary>
    Update,

    /// <summary>The object was deleted; <c>commit_data</c> is the old object.</summary>
    Delete,
}

/// <summary>
/// The history of SIS objects (spec §2.8.7): per (type, entity id) the commits, each with a full snapshot of the
/// object after it (the deleted object for deletions), so revisions need no patch replay. Thread-safe.
/// </summary>
internal sealed class CommitLog
{
    private readonly object gate = new();
    private readonly Func<string> newObjectId;
    private readonly TimeProvider clock;
    private readonly Dictionary<(string Type, string Id), List<Entry>> commits = [];
    private long sequence;

    /// <summary>A commit log making commit ids with <paramref name="newObjectId"/> and stamping <c>_sis</c> with <paramref name="clock"/>.</summary>
    /// <param name="newObjectId">Makes a new 24-hex ObjectId.</param>
    /// <param name="clock">Time for the commits' own <c>_sis._created_at</c>/<c>_updated_at</c>.</param>
    public CommitLog(Func<string> newObjectId, TimeProvider clock)
    {
        this.newObjectId = newObjectId;
        this.clock = clock;
    }

    /// <summary>
    /// Records a commit and returns it (a copy), or null when nothing is recorded: an update whose delta only touches
    /// keys starting with <c>_</c> (or nothing at all).
    /// </summary>
    /// <param name="type">Schema name for entities, else <c>sis_schemas</c>, <c>sis_hooks</c>, <c>sis_hiera</c>, <c>sis_scripts</c>.</param>
    /// <param name="entityId"><c>_id</c> for entities, <c>name</c> for the others.</param>
    /// <param name="entityOid">The object's <c>_id</c>.</param>
    /// <param name="action">Insert, update or delete.</param>
    /// <param name="oldDoc">The object before (update, delete).</param>
    /// <param name="newDoc">The object after (insert, update).</param>
    /// <param name="dateModified">The new object's <c>_sis._updated_at</c>, or the deletion time (epoch ms).</param>
    /// <param name="modifiedBy">The user's name, or null when auth is off (the field is then left out).</param>
    public JsonObject? Add(
        string type,
        string entityId,
        string entityOid,
        CommitAction action,
        JsonObject? oldDoc,
        JsonObject? newDoc,
        long dateModified,
        string? modifiedBy
    )
    {
        JsonNode? data;
        JsonObject? state;
        switch (action)
        {
            case CommitAction.Insert:
                ArgumentNullException.ThrowIfNull(newDoc);
                data = newDoc.DeepClone();
                state = (JsonObject)newDoc.DeepClone();
                break;
            case CommitAction.Delete:
                ArgumentNullException.ThrowIfNull(oldDoc);
                data = oldDoc.DeepClone();
                state = (JsonObject)oldDoc.DeepClone();
                break;
            default:
                ArgumentNullException.ThrowIfNull(oldDoc);
                ArgumentNullException.ThrowIfNull(newDoc);
                data = JsonDiffPatch.Diff(oldDoc, newDoc);
                if (data is not JsonObject delta || !delta.Any(p => !p.Key.StartsWith('_')))
                {
                    return null;
                }
                state = (JsonObject)newDoc.DeepClone();
                break;
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var commit = new JsonObject
        {
            ["_id"] = newObjectId(),
            ["_v"] = 0,
            ["type"] = type,
            ["entity_id"] = entityId,
            ["entity_oid"] = entityOid,
            ["action"] = ActionName(action),
            ["commit_data"] = data,
            ["date_modified"] = dateModified,
        };
        if (modifiedBy is not null)
        {
            commit["modified_by"] = modifiedBy;
        }
        commit["_sis"] = new JsonObject { ["_created_at"] = now, ["_updated_at"] = now };
        lock (gate)
        {
            Append(type, entityId, new Entry(commit, state, dateModified, action, entityOid));
        }
        return (JsonObject)commit.DeepClone();
    }

    /// <summary>The commits of one object, newest first (<c>date_modified</c> descending); empty for unknown objects.</summary>
    public IReadOnlyList<JsonObject> List(string type, string entityId)
    {
        lock (gate)
        {
            if (!commits.TryGetValue((type, entityId), out var entries))
            {
                return [];
            }
            return
            [
                .. entries
                    .OrderByDescending(e => e.Date)
                    .ThenByDescending(e => e.Sequence)
                    .Select(e => (JsonObject)e.Commit.DeepClone()),
            ];
        }
    }

    /// <summary>
    /// One commit of an object plus <c>value_at</c> (the object as of that commit); 404
    /// <c>commit &lt;id&gt; does not exist</c> when it is unknown or belongs to another object.
    /// </summary>
    public Outcome<JsonObject> Get(string type, string entityId, string commitId)
    {
        lock (gate)
        {
            var entry = commits.TryGetValue((type, entityId), out var entries)
                ? entries.Find(e =>
                    string.Equals(
                        e.Commit["_id"]?.GetValue<string>(),
                        commitId,
                        StringComparison.Ordinal
                    )
                )
                : null;
            if (entry is null)
            {
                return SisProblem.NotFound("commit", commitId);
            }
            var result = (JsonObject)entry.Commit.DeepClone();
            result["value_at"] = entry.State?.DeepClone();
            return Outcome.Ok(result);
        }
    }

    /// <summary>
    /// The object as of <paramref name="utcMillis"/> (spec's <c>revision/&lt;utc&gt;</c>): the state after the last
    /// commit at or before that time, counted from the latest insert (a re-created object starts afresh); the deleted
    /// object after a delete; the current state for future times. 404 <c>commit at time &lt;utc&gt; does not exist</c>
    /// before the first insert.
    /// </summary>
    /// <param name="type">The commit type.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="utcMillis">The time, epoch ms (may be fractional).</param>
    /// <param name="utcText">The time as written in the request, for the error message (defaults to the number).</param>
    public Outcome<JsonObject> At(
        string type,
        string entityId,
        double utcMillis,
        string? utcText = null
    )
    {
        var notFound = SisProblem.NotFoundMessage(
            $"commit at time {utcText ?? utcMillis.ToString(CultureInfo.InvariantCulture)} does not exist"
        );
        lock (gate)
        {
            if (!commits.TryGetValue((type, entityId), out var entries))
            {
                return notFound;
            }
            var insert = entries
                .Where(e => e.Action == CommitAction.Insert && e.Date <= utcMillis)
                .OrderByDescending(e => e.Date)
                .ThenByDescending(e => e.Sequence)
                .FirstOrDefault();
            if (insert is null)
            {
                return notFound;
            }
            var last = entries
                .Where(e =>
                    string.Equals(e.Oid, insert.Oid, StringComparison.Ordinal)
                    && e.Date >= insert.Date
                    && e.Date <= utcMillis
                    && e.Sequence >= insert.Sequence
                )
                .OrderBy(e => e.Date)
                .ThenBy(e => e.Sequence)
                .Last();
            return last.State is null ? notFound : Outcome.Ok((JsonObject)last.State.DeepClone());
        }
    }

    /// <summary>The whole log as JSON for persistence: <c>{"commits":[{"commit":…,"state":…},…]}</c> in recording order.</summary>
    public JsonObject ToJson()
    {
        lock (gate)
        {
            var list = new JsonArray();
            foreach (var entry in commits.Values.SelectMany(e => e).OrderBy(e => e.Sequence))
            {
                list.Add(
                    new JsonObject
                    {
                        ["commit"] = entry.Commit.DeepClone(),
                        ["state"] = entry.State?.DeepClone(),
                    }
                );
            }
            return new JsonObject { ["commits"] = list };
        }
    }

    /// <summary>
    /// A log restored from <see cref="ToJson"/>'s output (null or a missing <c>commits</c> gives an empty log).
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON does not have the shape <see cref="ToJson"/> writes.</exception>
    public static CommitLog FromJson(JsonNode? json, Func<string> newObjectId, TimeProvider clock)
    {
        var log = new CommitLog(newObjectId, clock);
        if (json is null)
        {
            return log;
        }
        if (json is not JsonObject root || root["commits"] is not (null or JsonArray))
        {
            throw new InvalidDataException("The commit log must be {\"commits\":[…]}.");
        }
        foreach (var item in root["commits"]?.AsArray() ?? [])
        {
            if (
                item is not JsonObject { } pair
                || pair["commit"] is not JsonObject commit
                || pair["state"] is not (null or JsonObject)
                || Text(commit, "type") is not { } type
                || Text(commit, "entity_id") is not { } id
                || Text(commit, "entity_oid") is not { } oid
                || Text(commit, "_id") is null
                || ParseAction(Text(commit, "action")) is not { } action
                || commit["date_modified"] is not JsonValue date
                || !date.TryGetValue<long>(out var dateModified)
            )
            {
                throw new InvalidDataException("A commit log entry is malformed.");
            }
            log.Append(
                type,
                id,
                new Entry(
                    (JsonObject)commit.DeepClone(),
                    (JsonObject?)pair["state"]?.DeepClone(),
                    dateModified,
                    action,
                    oid
                )
            );
        }
        return log;
    }

    private void Append(string type, string entityId, Entry entry)
    {
        entry.Sequence = ++sequence;
        if (!commits.TryGetValue((type, entityId), out var entries))
        {
            entries = [];
            commits[(type, entityId)] = entries;
        }
        entries.Add(entry);
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string ActionName(CommitAction action) =>
        action switch
        {
            CommitAction.Insert => "insert",
            CommitAction.Update => "update",
            _ => "delete",
        };

    private static CommitAction? ParseAction(string? name) =>
        name switch
        {
            "insert" => CommitAction.Insert,
            "update" => CommitAction.Update,
            "delete" => CommitAction.Delete,
            _ => null,
        };

    private sealed class Entry(
        JsonObject commit,
        JsonObject? state,
        long date,
        CommitAction action,
        string oid
    )
    {
        public JsonObject Commit { get; } = commit;

        public JsonObject? State { get; } = state;

        public long Date { get; } = date;

        public CommitAction Action { get; } = action;

        public string Oid { get; } = oid;

        public long Sequence { get; set; }
    }
}
