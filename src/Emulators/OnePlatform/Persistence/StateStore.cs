using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Emulators.OnePlatform.Datarules;
using Functional.Emulators.OnePlatform.Json;
using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Persistence;

/// <summary>
/// Saves and loads the whole emulator state as one JSON document. Saving goes through <see cref="AtomicFile"/>
/// (temporary file, flushed to the disk, renamed over the target), so a crash never leaves a half-written state file.
/// </summary>
internal static class StateStore
{
    private const int Version = 1;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 2048 };

    /// <summary>Saves the tree and, under <c>"provisioning"</c>, the Provisioning API's state.</summary>
    public static void Save(ResourceTree tree, JsonObject provisioning, string path)
    {
        var json = ToJson(tree);
        json["provisioning"] = provisioning;
        AtomicFile.Write(path, JsonOut.ToBytes(json));
    }

    /// <summary>
    /// Reads a state file: the tree and the Provisioning API's state (null in files written before it was saved); throws
    /// <see cref="InvalidDataException"/> when it is not a valid state.
    /// </summary>
    public static (ResourceTree Tree, JsonObject? Provisioning) Load(string path, IdGenerator ids)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The state file {path} is not valid JSON.", ex);
        }
        try
        {
            var document = root as JsonObject ?? throw new InvalidDataException("not an object");
            return (
                FromJson(document, ids),
                document["provisioning"] is { } saved
                    ? saved as JsonObject ?? throw new InvalidDataException("provisioning")
                    : null
            );
        }
        catch (Exception ex)
            when (ex
                    is InvalidOperationException
                        or FormatException
                        or KeyNotFoundException
                        or InvalidCastException
                        or ArgumentException
                        or InvalidDataException
            )
        {
            throw new InvalidDataException(
                $"The state file {path} is not a valid emulator state: {ex.Message}",
                ex
            );
        }
    }

    private static JsonObject ToJson(ResourceTree tree)
    {
        var resources = new JsonArray();
        foreach (var r in tree.Subtree(tree.Root))
        {
            var item = new JsonObject
            {
                ["rid"] = r.Rid,
                ["kind"] = r.Kind.Name(),
                ["parent"] = r.ParentRid,
                ["created"] = r.Created,
                ["modified"] = r.Modified,
                ["description"] = r.Description.DeepClone(),
            };
            if (r.IsClient)
            {
                item["cik"] = r.Cik;
                item["status"] = r.Status.Name();
                item["aliases"] = new JsonObject([
                    .. r.Aliases.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)),
                ]);
                item["consumption"] = new JsonArray([
                    .. r.Consumption.Select(c => (JsonNode)new JsonArray(c.Timestamp, c.Kind)),
                ]);
            }
            else
            {
                item["points"] = new JsonArray([
                    .. r.Points.Select(p => (JsonNode)new JsonArray(p.Key, p.Value.ToNode())),
                ]);
            }
            if (r.Kind == ResourceKind.Datarule)
            {
                item["rule"] = new JsonObject
                {
                    ["lastOutput"] = r.Rule.LastOutput,
                    ["lastInput"] = r.Rule.LastInput,
                    ["runStart"] = r.Rule.RunStart,
                    ["lastFire"] = r.Rule.LastFire,
                    ["window"] = new JsonArray([.. r.Rule.Window.Select(t => (JsonNode)t)]),
                };
            }
            item["comments"] = new JsonArray([
                .. r.Comments.Select(c => (JsonNode)new JsonArray(c.Visibility, c.Text)),
            ]);
            item["tags"] = new JsonArray([
                .. r.Tags.Select(t => (JsonNode)new JsonArray(t.Tag, t.TaggedBy)),
            ]);
            resources.Add(item);
        }
        var shares = new JsonArray();
        foreach (var s in tree.Shares.Values)
        {
            shares.Add(
                new JsonObject
                {
                    ["code"] = s.Code,
                    ["rid"] = s.Rid,
                    ["creator"] = s.CreatorRid,
                    ["meta"] = s.Meta,
                    ["created"] = s.Created,
                    ["activator"] = s.ActivatorRid,
                }
            );
        }
        var tokens = new JsonArray();
        foreach (var t in tree.Tokens.Values)
        {
            var permissions = new JsonObject();
            foreach (var (rid, procedures) in t.Permissions)
            {
                permissions[rid] = new JsonArray([.. procedures.Select(p => (JsonNode)p)]);
            }
            tokens.Add(
                new JsonObject
                {
                    ["token"] = t.Token,
                    ["client"] = t.ClientRid,
                    ["permissions"] = permissions,
                    ["expires"] = t.ExpiresAt,
                    ["grantedBy"] = t.GrantedBy,
                }
            );
        }
        return new JsonObject
        {
            ["version"] = Version,
            ["rootRid"] = tree.RootRid,
            ["resources"] = resources,
            ["shares"] = shares,
            ["tokens"] = tokens,
        };
    }

    private static ResourceTree FromJson(JsonObject root, IdGenerator ids)
    {
        if (!JsonArgs.TryLong(root["version"], out var version) || version != Version)
        {
            throw new InvalidDataException("unsupported version");
        }
        var tree = new ResourceTree(ids, Text(root["rootRid"]));
        foreach (var node in Array(root["resources"]))
        {
            var item =
                node as JsonObject ?? throw new InvalidDataException("resource is not an object");
            if (!ResourceKinds.TryParse(Text(item["kind"]), out var kind))
            {
                throw new InvalidDataException("unknown resource kind");
            }
            var parent = item["parent"] is null ? null : Text(item["parent"]);
            if (parent is not null && tree.Find(parent) is null)
            {
                throw new InvalidDataException("resource listed before its owner");
            }
            var description =
                item["description"]?.DeepClone() as JsonObject
                ?? throw new InvalidDataException("description");
            var resource = new Resource(
                Text(item["rid"]),
                kind,
                parent,
                description,
                Long(item["created"])
            )
            {
                Modified = Long(item["modified"]),
            };
            if (kind == ResourceKind.Client)
            {
                resource.Cik = Text(item["cik"]);
                resource.Status = ClientStatuses.Parse(Text(item["status"]));
                foreach (var (alias, target) in item["aliases"] as JsonObject ?? [])
                {
                    resource.Aliases[alias] = Text(target);
                }
                foreach (var c in Array(item["consumption"]))
                {
                    resource.Consumption.Add(new Consumption(Long(c![0]), Text(c[1])));
                }
            }
            else
            {
                var format = resource.Format;
                foreach (var p in Array(item["points"]))
                {
                    if (!ValueCoercion.TryCoerce(p![1], format, out var value))
                    {
                        throw new InvalidDataException("point value does not fit the format");
                    }
                    resource.Points[Long(p[0])] = value;
                }
            }
            if (item["rule"] is JsonObject rule)
            {
                var state = new RuleState
                {
                    LastOutput = rule["lastOutput"] is null ? null : (int)Long(rule["lastOutput"]),
                    LastInput = OptionalLong(rule["lastInput"]),
                    RunStart = OptionalLong(rule["runStart"]),
                    LastFire = OptionalLong(rule["lastFire"]),
                };
                state.Window.AddRange(Array(rule["window"]).Select(Long));
                resource.Rule = state;
            }
            foreach (var c in Array(item["comments"]))
            {
                resource.Comments.Add(new Comment(Text(c![0]), Text(c[1])));
            }
            foreach (var t in Array(item["tags"]))
            {
                resource.Tags.Add(new TagMark(Text(t![0]), Text(t[1])));
            }
            tree.Add(resource);
        }
        if (tree.Find(tree.RootRid) is null)
        {
            throw new InvalidDataException("the root client is missing");
        }
        foreach (var node in Array(root["shares"]))
        {
            var share = new Share(
                Text(node!["code"]),
                Text(node["rid"]),
                Text(node["creator"]),
                Text(node["meta"]),
                Long(node["created"])
            )
            {
                ActivatorRid = node["activator"] is null ? null : Text(node["activator"]),
            };
            tree.Shares[share.Code] = share;
        }
        foreach (var node in Array(root["tokens"]))
        {
            var permissions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (rid, procedures) in node!["permissions"] as JsonObject ?? [])
            {
                permissions[rid] = [.. Array(procedures).Select(Text)];
            }
            var token = new GrantToken(
                Text(node["token"]),
                Text(node["client"]),
                permissions,
                OptionalLong(node["expires"]),
                Text(node["grantedBy"])
            );
            tree.Tokens[token.Token] = token;
        }
        tree.Dirty = false;
        return tree;
    }

    private static string Text(JsonNode? node) =>
        JsonArgs.TryString(node, out var s)
            ? s
            : throw new InvalidDataException("expected a string");

    private static long Long(JsonNode? node) =>
        JsonArgs.TryLong(node, out var l)
            ? l
            : throw new InvalidDataException("expected an integer");

    private static long? OptionalLong(JsonNode? node) => node is null ? null : Long(node);

    private static JsonArray Array(JsonNode? node) => node as JsonArray ?? [];
}
