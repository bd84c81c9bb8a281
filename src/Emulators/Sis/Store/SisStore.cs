using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Persistence;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.Sis.Store;

/// <summary>
/// All collections of the emulator plus the id generator. With a state path, the whole store is written after every
/// write, before the write is answered, through <see cref="AtomicFile"/> (temporary file flushed to the disk, then
/// rename), and loaded at start.
/// </summary>
internal sealed class SisStore
{
    /// <summary>The SIS object collections.</summary>
    public const string Schemas = "sis_schemas",
        Hooks = "sis_hooks",
        Hiera = "sis_hiera",
        Users = "sis_users",
        Tokens = "sis_tokens",
        Commits = "sis_commits";

    private const int Version = 1;
    private readonly ConcurrentDictionary<string, Collection> collections = new(
        StringComparer.Ordinal
    );
    private readonly object saveGate = new();
    private readonly string? path;
    private readonly ILogger logger;

    public SisStore(ObjectIdGenerator ids, string? path, ILogger logger)
    {
        Ids = ids;
        this.path = path;
        this.logger = logger;
        foreach (var name in new[] { Schemas, Hooks, Hiera, Users, Tokens })
        {
            Get(name).UniqueFields = ["name"];
        }
    }

    /// <summary>Makes ObjectIds and random hex strings.</summary>
    public ObjectIdGenerator Ids { get; }

    /// <summary>Extra state saved with the collections (e.g. the commit log), provided by its owner.</summary>
    public Func<JsonNode?>? SaveExtra { get; set; }

    /// <summary>The collection of that name (created empty when missing).</summary>
    public Collection Get(string name) => collections.GetOrAdd(name, n => new Collection(n));

    /// <summary>Drops an entity collection (schema deletion).</summary>
    public void Drop(string name) => collections.TryRemove(name, out _);

    /// <summary>Writes the state file if one is configured; failures are logged, never thrown.</summary>
    public void Save()
    {
        if (path is null)
        {
            return;
        }
        lock (saveGate)
        {
            try
            {
                var all = new JsonObject();
                foreach (
                    var (name, collection) in collections.OrderBy(
                        c => c.Key,
                        StringComparer.Ordinal
                    )
                )
                {
                    all[name] = new JsonArray([.. collection.Snapshot.Select(d => d.DeepClone())]);
                }
                var root = new JsonObject
                {
                    ["version"] = Version,
                    ["collections"] = all,
                    ["extra"] = SaveExtra?.Invoke(),
                };
                AtomicFile.Write(path, SisJson.ToBytes(root));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                SisLog.StateSaveFailed(logger, path, ex);
            }
        }
    }

    /// <summary>
    /// Loads the state file when it exists; returns the saved extra state. Throws <see cref="InvalidDataException"/>
    /// for a file that is not a valid state.
    /// </summary>
    public JsonNode? Load()
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: SisJson.Input);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The state file {path} is not valid JSON.", ex);
        }
        if (
            root is not JsonObject o
            || o["collections"] is not JsonObject all
            || all.Any(c => c.Value is not JsonArray a || a.Any(d => d is not JsonObject))
        )
        {
            throw new InvalidDataException(
                $"The state file {path} is not a valid SIS emulator state."
            );
        }
        foreach (var (name, docs) in all)
        {
            var collection = Get(name);
            lock (collection.Gate)
            {
                collection.Reset(((JsonArray)docs!).Select(d => (JsonObject)d!.DeepClone()));
            }
        }
        return o["extra"]?.DeepClone();
    }
}
