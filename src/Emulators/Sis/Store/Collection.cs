using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Functional.Emulators.Sis.Store;

/// <summary>
/// One MongoDB-like collection: documents in insertion (natural) order, unique indexes, copy-on-write storage.
/// Readers take <see cref="Snapshot"/> without locking (stored documents are never changed in place); writers hold
/// <see cref="Gate"/> (<c>lock</c>) for their whole read-check-write step, so writes to one collection are serial.
/// Unique and <c>index</c> fields have a hash index of their string values (guarded by <see cref="Gate"/>): a unique
/// check costs the same whatever the collection's size, and <see cref="Candidates"/> narrows an equality query on an
/// indexed field to the documents that can match. Values that are not strings are kept in a list compared one by one.
/// </summary>
internal sealed class Collection(string name)
{
    private ImmutableList<JsonObject> documents = [];
    private ImmutableArray<string> uniqueFields = [];
    private ImmutableArray<string> indexedFields = [];
    private Dictionary<string, FieldIndex> indexes = new(StringComparer.Ordinal);

    // Natural-order position of every stored document (a replacement takes the old one's), to sort index hits.
    private readonly Dictionary<JsonObject, long> order = new(ReferenceEqualityComparer.Instance);
    private long nextOrder;

    /// <summary>The collection name (model name for SIS objects, schema name for entities).</summary>
    public string Name { get; } = name;

    /// <summary>Lock this while writing (and while reading for a write decision).</summary>
    public object Gate { get; } = new();

    /// <summary>The current documents, in insertion order; never changes afterwards.</summary>
    public ImmutableList<JsonObject> Snapshot => Volatile.Read(ref documents);

    /// <summary>Dotted paths with a unique index (a missing value counts as null, so at most one document may lack it).</summary>
    public ImmutableArray<string> UniqueFields
    {
        get => uniqueFields;
        set
        {
            if (!uniqueFields.SequenceEqual(value, StringComparer.Ordinal))
            {
                lock (Gate)
                {
                    uniqueFields = value;
                    Reindex();
                }
            }
        }
    }

    /// <summary>Top-level fields declared <c>index</c> (or <c>unique</c>) that <see cref="Candidates"/> may use.</summary>
    public ImmutableArray<string> IndexedFields
    {
        get => indexedFields;
        set
        {
            if (!indexedFields.SequenceEqual(value, StringComparer.Ordinal))
            {
                lock (Gate)
                {
                    indexedFields = value;
                    Reindex();
                }
            }
        }
    }

    /// <summary>The first document whose <paramref name="field"/> is the string <paramref name="value"/>.</summary>
    public JsonObject? Find(string field, string value) =>
        Snapshot.FirstOrDefault(d =>
            d[field] is JsonValue v && v.TryGetValue<string>(out var s) && s == value
        );

    /// <summary>
    /// The documents that can match <paramref name="query"/>, in natural order: when the query has a top-level
    /// <c>{field: "text"}</c> on an indexed field for which <paramref name="exactString"/> holds (a query string is
    /// compared as it is, not cast), only the documents whose value is that string or not a string at all (arrays,
    /// missing); otherwise every document. The caller still applies the whole filter.
    /// </summary>
    public IReadOnlyList<JsonObject> Candidates(JsonObject query, Func<string, bool> exactString)
    {
        if (indexedFields.IsEmpty)
        {
            return Snapshot;
        }
        lock (Gate)
        {
            List<JsonObject>? best = null;
            foreach (var (key, value) in query)
            {
                if (
                    !key.StartsWith('$')
                    && indexes.TryGetValue(key, out var index)
                    && indexedFields.Contains(key, StringComparer.Ordinal)
                    && FieldIndex.StringOf(value) is { } text
                    && exactString(key)
                )
                {
                    var hits = index.Candidates(text).ToList();
                    if (best is null || hits.Count < best.Count)
                    {
                        best = hits;
                    }
                }
            }
            if (best is null)
            {
                return documents;
            }
            best.Sort((a, b) => order[a].CompareTo(order[b]));
            return best;
        }
    }

    /// <summary>Inserts (caller holds <see cref="Gate"/>); a unique index violation is a 500 E11000.</summary>
    public Outcome<JsonObject> Insert(JsonObject document)
    {
        if (Violation(document, null) is { } problem)
        {
            return problem;
        }
        SisJson.Freeze(document);
        documents = documents.Add(document);
        order[document] = nextOrder++;
        Index(document);
        return Outcome.Ok(document);
    }

    /// <summary>Inserts many at once (caller holds <see cref="Gate"/>); each is checked against the others too.</summary>
    public bool CanInsert(JsonObject document) => Violation(document, null) is null;

    /// <summary>Replaces <paramref name="old"/> with <paramref name="replacement"/> (caller holds <see cref="Gate"/>).</summary>
    public Outcome<JsonObject> Replace(JsonObject old, JsonObject replacement)
    {
        var index = documents.IndexOf(old, ReferenceEqualityComparer.Instance);
        if (index < 0)
        {
            return SisProblem.Internal("Document was changed concurrently.");
        }
        if (Violation(replacement, old) is { } problem)
        {
            return problem;
        }
        SisJson.Freeze(replacement);
        documents = documents.SetItem(index, replacement);
        Unindex(old);
        order.Remove(old, out var position);
        order[replacement] = position;
        Index(replacement);
        return Outcome.Ok(replacement);
    }

    /// <summary>Removes a document (caller holds <see cref="Gate"/>); false when it is no longer stored.</summary>
    public bool Remove(JsonObject document)
    {
        var next = documents.Remove(document, ReferenceEqualityComparer.Instance);
        var removed = !ReferenceEquals(next, documents);
        documents = next;
        if (removed)
        {
            Unindex(document);
            order.Remove(document);
        }
        return removed;
    }

    /// <summary>Replaces everything (state loading, schema field removal); caller holds <see cref="Gate"/>.</summary>
    public void Reset(IEnumerable<JsonObject> replacement)
    {
        var list = replacement.ToImmutableList();
        foreach (var d in list)
        {
            SisJson.Freeze(d);
        }
        lock (Gate)
        {
            documents = list;
            Reindex();
        }
    }

    private void Reindex()
    {
        indexes = new Dictionary<string, FieldIndex>(StringComparer.Ordinal);
        foreach (var field in uniqueFields.Concat(indexedFields))
        {
            indexes.TryAdd(field, new FieldIndex(field));
        }
        order.Clear();
        nextOrder = 0;
        foreach (var d in documents)
        {
            order[d] = nextOrder++;
            Index(d);
        }
    }

    private void Index(JsonObject document)
    {
        foreach (var index in indexes.Values)
        {
            index.Add(document);
        }
    }

    private void Unindex(JsonObject document)
    {
        foreach (var index in indexes.Values)
        {
            index.Remove(document);
        }
    }

    private SisProblem? Violation(JsonObject document, JsonObject? self)
    {
        foreach (var field in uniqueFields)
        {
            var value = SisJson.Path(document, field);
            foreach (var other in indexes[field].Candidates(FieldIndex.StringOf(value)))
            {
                if (ReferenceEquals(other, self))
                {
                    continue;
                }
                if (JsonNode.DeepEquals(SisJson.Path(other, field), value))
                {
                    return SisProblem.Internal(
                        $"MongoError: E11000 duplicate key error index: sis.{Name}.${field}_1 dup key: {{ : {SisJson.Text(value)} }}"
                    );
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The documents of one field: those whose value is a string by that string (a string only equals the same
    /// string), the others (missing, null, numbers, objects, arrays) in one list compared one by one.
    /// </summary>
    private sealed class FieldIndex(string field)
    {
        private readonly Dictionary<string, List<JsonObject>> byString = new(
            StringComparer.Ordinal
        );
        private readonly List<JsonObject> others = [];

        /// <summary>The documents that may hold <paramref name="text"/> (null: a value that is not a string).</summary>
        public IEnumerable<JsonObject> Candidates(string? text) =>
            text is null ? others
            : byString.TryGetValue(text, out var list) ? list.Concat(others)
            : others;

        public void Add(JsonObject document)
        {
            if (StringOf(SisJson.Path(document, field)) is { } s)
            {
                if (!byString.TryGetValue(s, out var list))
                {
                    byString[s] = list = [];
                }
                list.Add(document);
            }
            else
            {
                others.Add(document);
            }
        }

        public void Remove(JsonObject document)
        {
            if (StringOf(SisJson.Path(document, field)) is { } s)
            {
                if (byString.TryGetValue(s, out var list))
                {
                    list.Remove(document);
                    if (list.Count == 0)
                    {
                        byString.Remove(s);
                    }
                }
            }
            else
            {
                others.Remove(document);
            }
        }

        public static string? StringOf(JsonNode? value) =>
            value is JsonValue v
            && v.GetValueKind() == JsonValueKind.String
            && v.TryGetValue<string>(out var s)
                ? s
                : null;
    }
}
