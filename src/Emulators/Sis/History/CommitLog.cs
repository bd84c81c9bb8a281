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
    /// keys starting with <c>_</c> (or nothing at all). The documents are copied: the caller may change them later.
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
    ) =>
        Record(
            type,
            entityId,
            entityOid,
            action,
            (JsonObject?)oldDoc?.DeepClone(),
            (JsonObject?)newDoc?.DeepClone(),
            dateModified,
            modifiedBy
        )
            ?.ToCommit();

    /// <summary>
    /// Records a commit like <see cref="Add"/> but keeps the documents themselves, without copying them: they must
    /// never change afterwards (stored documents, which are replaced and never changed in place). Returns false when
    /// nothing is recorded.
    /// </summary>
    /// <param name="type">The commit type (see <see cref="Add"/>).</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="entityOid">The object's <c>_id</c>.</param>
    /// <param name="action">Insert, update or delete.</param>
    /// <param name="oldDoc">The object before (update, delete), kept as it is.</param>
    /// <param name="newDoc">The object after (insert, update), kept as it is.</param>
    /// <param name="dateModified">The commit's <c>date_modified</c> (epoch ms).</param>
    /// <param name="modifiedBy">The user's name, or null when auth is off.</param>
    public bool RecordUnchanging(
        string type,
        string entityId,
        string entityOid,
        CommitAction action,
        JsonObject? oldDoc,
        JsonObject? newDoc,
        long dateModified,
        string? modifiedBy
    ) =>
        Record(type, entityId, entityOid, action, oldDoc, newDoc, dateModified, modifiedBy)
            is not null;

    private Entry? Record(
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
        // The commit's data and the state after it are kept once, by reference, and copied when read: nothing
        // changes them (the documents are the caller's own copies or stored documents; a delta is made here).
        JsonNode? data;
        JsonObject? state;
        switch (action)
        {
            case CommitAction.Insert:
                ArgumentNullException.ThrowIfNull(newDoc);
                data = newDoc;
                state = newDoc;
                break;
            case CommitAction.Delete:
                ArgumentNullException.ThrowIfNull(oldDoc);
                data = oldDoc;
                state = oldDoc;
                break;
            default:
                ArgumentNullException.ThrowIfNull(oldDoc);
                ArgumentNullException.ThrowIfNull(newDoc);
                data = JsonDiffPatch.Diff(oldDoc, newDoc);
                if (data is not JsonObject delta || !delta.Any(p => !p.Key.StartsWith('_')))
                {
                    return null;
                }
                state = newDoc;
                break;
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var entry = new Entry(
            new Parts(newObjectId(), type, entityId, data, modifiedBy, now),
            state,
            dateModified,
            action,
            entityOid
        );
        lock (gate)
        {
            Append(type, entityId, entry);
        }
        return entry;
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
                    .Select(e => e.ToCommit()),
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
                ? entries.Find(e => string.Equals(e.Id, commitId, StringComparison.Ordinal))
                : null;
            if (entry is null)
            {
                return SisProblem.NotFound("commit", commitId);
            }
            var result = entry.ToCommit();
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
                        ["commit"] = entry.ToCommit(),
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

    /// <summary>
    /// A recorded commit: either as it was restored (<see cref="FromJson"/>) or its parts, turned into the commit
    /// object <c>{_id,_v,type,entity_id,entity_oid,action,commit_data,date_modified,[modified_by],_sis}</c> when read.
    /// </summary>
    private sealed class Entry
    {
        private readonly JsonObject? restored;
        private readonly Parts? parts;

        public Entry(
            JsonObject restored,
            JsonObject? state,
            long date,
            CommitAction action,
            string oid
        )
            : this(state, date, action, oid)
        {
            this.restored = restored;
            Id = restored["_id"]?.GetValue<string>();
        }

        public Entry(Parts parts, JsonObject? state, long date, CommitAction action, string oid)
            : this(state, date, action, oid)
        {
            this.parts = parts;
            Id = parts.Id;
        }

        private Entry(JsonObject? state, long date, CommitAction action, string oid)
        {
            State = state;
            Date = date;
            Action = action;
            Oid = oid;
        }

        /// <summary>The commit's <c>_id</c>.</summary>
        public string? Id { get; }

        /// <summary>The object after the commit (the deleted object for a delete); never changed.</summary>
        public JsonObject? State { get; }

        public long Date { get; }

        public CommitAction Action { get; }

        public string Oid { get; }

        public long Sequence { get; set; }

        /// <summary>A new copy of the commit object.</summary>
        public JsonObject ToCommit()
        {
            if (restored is not null)
            {
                return (JsonObject)restored.DeepClone();
            }
            var p = parts!;
            var commit = new JsonObject
            {
                ["_id"] = p.Id,
                ["_v"] = 0,
                ["type"] = p.Type,
                ["entity_id"] = p.EntityId,
                ["entity_oid"] = Oid,
                ["action"] = ActionName(Action),
                ["commit_data"] = p.Data?.DeepClone(),
                ["date_modified"] = Date,
            };
            if (p.ModifiedBy is not null)
            {
                commit["modified_by"] = p.ModifiedBy;
            }
            commit["_sis"] = new JsonObject { ["_created_at"] = p.Now, ["_updated_at"] = p.Now };
            return commit;
        }
    }

    /// <summary>What a recorded commit is made of (its data is kept by reference and copied when read).</summary>
    private sealed record Parts(
        string Id,
        string Type,
        string EntityId,
        JsonNode? Data,
        string? ModifiedBy,
        long Now
    );
}
