using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Cli.Targets;
using Functional.Core.OnePlatform;
using LE = LanguageExt;

namespace Functional.Cli.Commands.OnePlatform;

/// <summary>One resource of a client hierarchy, as <c>tree</c>, <c>info --recursive</c> and <c>copy</c> walk it.</summary>
internal sealed class TreeNode(string rid, string? parent, ResourceType type, int depth)
{
    public string Rid { get; } = rid;

    public string? Parent { get; } = parent;

    public ResourceType Type { get; } = type;

    public int Depth { get; } = depth;

    public List<TreeNode> Children { get; } = [];

    public IReadOnlyList<string> Aliases { get; set; } = [];

    /// <summary>The description (from info), when fetched.</summary>
    public JsonElement? Description { get; set; }

    /// <summary>The aliases this client gives its children.</summary>
    public LE.Map<string, LE.Seq<string>> ChildAliases { get; set; }

    public string Name =>
        Description is { ValueKind: JsonValueKind.Object } d
        && d.TryGetProperty("name", out var n)
        && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : "";

    public string? Format =>
        Description is { ValueKind: JsonValueKind.Object } d
        && d.TryGetProperty("format", out var f)
        && f.ValueKind == JsonValueKind.String
            ? f.GetString()
            : null;
}

/// <summary>tree and copy (and the walk that info --recursive uses).</summary>
internal static partial class OnePlatformCommands
{
    /// <summary>
    /// Walks the hierarchy below the client <paramref name="rootRid"/> (null: the caller itself): per client one batch of
    /// listing + its own info (aliases, description), then, with <paramref name="details"/>, one batch of the children's
    /// descriptions. Returns every node, parents before children; the root first.
    /// </summary>
    internal static async Task<List<TreeNode>> WalkAsync(
        CliContext context,
        OnePlatformTarget target,
        string rootRid,
        int? maxDepth,
        CancellationToken ct,
        bool details = false,
        bool rootIsCaller = false
    )
    {
        var root = new TreeNode(rootRid, null, ResourceType.Client, 0);
        var all = new List<TreeNode> { root };
        using var bar = context.Progress("walking", null);
        async Task ExpandAsync(TreeNode client)
        {
            var auth =
                client == root && rootIsCaller ? target.Auth : AsClient(target.Auth, client.Rid);
            var answers = await target
                .Client.Batch(auth)
                .Listing(ResourceId.Self, AllTypes)
                .Info(ResourceId.Self, InfoOptions.OnlyAliases.WithDescription())
                .SendAsync(ct)
                .ConfigureAwait(false);
            var listing = answers[0].GetValue<Listing>();
            var info = answers[1].GetValue<ResourceInfo>();
            client.ChildAliases = info.Aliases.Case is InfoAliases.Known k
                ? k.ByResource
                : LE.Map<string, LE.Seq<string>>.Empty;
            if (client == root)
            {
                client.Description = info.Description.Case is ResourceDescription d ? d.Json : null;
            }
            foreach (var type in AllTypes)
            {
                foreach (var rid in listing[type])
                {
                    client.Children.Add(
                        new TreeNode(rid, client.Rid, type, client.Depth + 1)
                        {
                            Aliases = client
                                .ChildAliases.Find(rid)
                                .IfNone(LE.Seq<string>.Empty)
                                .ToArray(),
                        }
                    );
                }
            }
            if (details && client.Children.Count > 0)
            {
                var batch = target.Client.Batch(auth);
                foreach (var child in client.Children)
                {
                    batch = batch.Info(ResourceId.Rid(child.Rid), InfoOptions.OnlyDescription);
                }
                var infos = await batch.SendAsync(ct).ConfigureAwait(false);
                for (var i = 0; i < infos.Count; i++)
                {
                    if (
                        infos[i].IsOk
                        && infos[i].GetValue<ResourceInfo>().Description.Case
                            is ResourceDescription d
                    )
                    {
                        client.Children[i].Description = d.Json;
                    }
                }
            }
            bar.Advance(1 + client.Children.Count);
            foreach (var child in client.Children)
            {
                all.Add(child);
                if (
                    child.Type == ResourceType.Client
                    && (maxDepth is null || child.Depth < maxDepth)
                )
                {
                    await ExpandAsync(child).ConfigureAwait(false);
                }
            }
        }
        await ExpandAsync(root).ConfigureAwait(false);
        return all;
    }

    private static Command Tree(CliHost host)
    {
        var client = ResourceArgument("client", "The client at the top (default: the caller).");
        var depth = new Option<int?>("--depth")
        {
            Description = "Levels below the top to show (default: all).",
        };
        depth.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--depth: must be at least 1");
            }
        });
        var command = new Command(
            "tree",
            "Show a client's hierarchy (clients, dataports, datarules, dispatches) with names, formats and aliases as an indented tree. --json: {\"rid\", \"type\", \"name\", \"format\"?, \"aliases\": [...], \"children\": [...]}."
        )
        {
            client,
            depth,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var text = context.Parse.GetValue(client);
                    var rootRid = await RidOfAsync(target, text, ct).ConfigureAwait(false);
                    var nodes = await WalkAsync(
                            context,
                            target,
                            rootRid,
                            context.Parse.GetValue(depth),
                            ct,
                            details: true,
                            rootIsCaller: text is null
                        )
                        .ConfigureAwait(false);
                    var root = nodes[0];
                    if (context.Output.Json)
                    {
                        context.Output.WriteJson(NodeJson(root));
                        return ExitCodes.Ok;
                    }
                    foreach (var n in nodes)
                    {
                        context.Output.Line(NodeLine(n));
                    }
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static string NodeLine(TreeNode n)
    {
        var indent = n.Depth == 0 ? "" : new string(' ', (n.Depth - 1) * 3) + "└─ ";
        var name = n.Name.Length > 0 ? n.Name : "(no name)";
        var type = TypeName(n.Type) + (n.Format is { } f ? "/" + f : "");
        var aliases = n.Aliases.Count > 0 ? "  alias: " + string.Join(", ", n.Aliases) : "";
        return $"{indent}{name}  {type}  {n.Rid}{aliases}";
    }

    private static JsonObject NodeJson(TreeNode n)
    {
        var o = new JsonObject
        {
            ["rid"] = n.Rid,
            ["type"] = TypeName(n.Type),
            ["name"] = n.Name,
        };
        if (n.Format is { } f)
        {
            o["format"] = f;
        }
        o["aliases"] = new JsonArray(
            n.Aliases.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()
        );
        if (n.Type == ResourceType.Client)
        {
            o["children"] = new JsonArray(n.Children.Select(c => (JsonNode?)NodeJson(c)).ToArray());
        }
        return o;
    }

    private static Command Copy(CliHost host)
    {
        var source = RequiredResource("source", "The client to copy (RID or alias).");
        var destination = ResourceArgument(
            "destination",
            "The client to create the copy under (default: the caller)."
        );
        var values = new Option<string>("--values")
        {
            Description = "Dataport values to copy: none (default), latest or all.",
            DefaultValueFactory = _ => "none",
        };
        values.AcceptOnlyFromAmong("none", "latest", "all");
        var name = new Option<string?>("--name")
        {
            Description = "Name of the copy (default: the source's name).",
        };
        var command = new Command(
            "copy",
            "Copy a client's hierarchy client-side: a new client under the destination with matching children, descriptions and aliases (subscriptions re-pointed), optionally with dataport values. Table: Source, Copy, Type, Name; --json: {\"rid\", \"resources\": [{\"source\", \"copy\", \"type\"}]}."
        )
        {
            source,
            destination,
            values,
            name,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var sourceRid = await RidOfAsync(target, p.GetRequiredValue(source), ct)
                        .ConfigureAwait(false);
                    var destText = p.GetValue(destination);
                    var destRid = await RidOfAsync(target, destText, ct).ConfigureAwait(false);
                    var nodes = await WalkAsync(context, target, sourceRid, null, ct, details: true)
                        .ConfigureAwait(false);
                    var root = nodes[0];
                    var map = new Dictionary<string, string>(StringComparer.Ordinal);
                    var rows = new List<(TreeNode Node, string Copy)>();
                    string Remap(JsonElement description)
                    {
                        var json = description.GetRawText();
                        foreach (var (from, to) in map)
                        {
                            json = json.Replace(from, to, StringComparison.Ordinal);
                        }
                        return json;
                    }
                    var rootDesc = root.Description is { } rd
                        ? JsonNode.Parse(rd.GetRawText())!.AsObject()
                        : [];
                    if (p.GetValue(name) is { } newName)
                    {
                        rootDesc["name"] = newName;
                    }
                    using (var doc = JsonDocument.Parse(rootDesc.ToJsonString()))
                    {
                        var cd = OnePlatformDescriptions.Client(
                            doc.RootElement,
                            "source description"
                        );
                        var destAuth = destText is null
                            ? target.Auth
                            : AsClient(target.Auth, destRid);
                        var newRoot = await target
                            .Client.CreateClientAsync(destAuth, ResourceId.Self, cd, ct)
                            .ConfigureAwait(false);
                        map[root.Rid] = newRoot;
                        rows.Add((root, newRoot));
                    }
                    using var bar = context.Progress("copying", nodes.Count);
                    bar.Advance(1);
                    async Task CopyChildrenAsync(TreeNode client)
                    {
                        var auth = AsClient(target.Auth, map[client.Rid]);
                        ResourceType[] order =
                        [
                            ResourceType.Dataport,
                            ResourceType.Datarule,
                            ResourceType.Dispatch,
                            ResourceType.Client,
                        ];
                        foreach (var type in order)
                        {
                            var children = client.Children.Where(c => c.Type == type).ToList();
                            if (children.Count == 0)
                            {
                                continue;
                            }
                            var batch = target.Client.Batch(auth);
                            foreach (var child in children)
                            {
                                using var doc = JsonDocument.Parse(
                                    child.Description is { } d ? Remap(d) : "{}"
                                );
                                var e = doc.RootElement;
                                var f = $"description of {child.Rid}";
                                batch = type switch
                                {
                                    ResourceType.Dataport => batch.CreateDataport(
                                        ResourceId.Self,
                                        OnePlatformDescriptions.Dataport(e, f)
                                    ),
                                    ResourceType.Datarule => batch.CreateDatarule(
                                        ResourceId.Self,
                                        OnePlatformDescriptions.Datarule(e, f)
                                    ),
                                    ResourceType.Dispatch => batch.CreateDispatch(
                                        ResourceId.Self,
                                        OnePlatformDescriptions.Dispatch(e, f)
                                    ),
                                    _ => batch.CreateClient(
                                        ResourceId.Self,
                                        OnePlatformDescriptions.Client(e, f)
                                    ),
                                };
                            }
                            var created = await batch.SendAsync(ct).ConfigureAwait(false);
                            for (var i = 0; i < children.Count; i++)
                            {
                                var rid = created[i].GetValue<string>();
                                map[children[i].Rid] = rid;
                                rows.Add((children[i], rid));
                            }
                            bar.Advance(children.Count);
                        }
                        var aliases = target.Client.Batch(auth);
                        foreach (var child in client.Children)
                        {
                            foreach (var alias in child.Aliases)
                            {
                                aliases = aliases.Map(ResourceId.Rid(map[child.Rid]), alias);
                            }
                        }
                        if (aliases.Count > 0)
                        {
                            foreach (var a in await aliases.SendAsync(ct).ConfigureAwait(false))
                            {
                                a.GetValue<LE.Unit>();
                            }
                        }
                        await CopyValuesAsync(
                                context,
                                target,
                                client,
                                auth,
                                map,
                                p.GetValue(values)!,
                                ct
                            )
                            .ConfigureAwait(false);
                        foreach (
                            var child in client.Children.Where(c => c.Type == ResourceType.Client)
                        )
                        {
                            await CopyChildrenAsync(child).ConfigureAwait(false);
                        }
                    }
                    await CopyChildrenAsync(root).ConfigureAwait(false);
                    if (context.Output.Json)
                    {
                        var list = new JsonArray();
                        foreach (var (n, c) in rows)
                        {
                            list.Add(
                                new JsonObject
                                {
                                    ["source"] = n.Rid,
                                    ["copy"] = c,
                                    ["type"] = TypeName(n.Type),
                                }
                            );
                        }
                        context.Output.WriteJson(
                            new JsonObject { ["rid"] = map[root.Rid], ["resources"] = list }
                        );
                        return ExitCodes.Ok;
                    }
                    context.Output.Table(
                        ["Source", "Copy", "Type", "Name"],
                        rows.Select(r =>
                            (IReadOnlyList<string>)
                                [r.Node.Rid, r.Copy, TypeName(r.Node.Type), r.Node.Name]
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static async Task CopyValuesAsync(
        CliContext context,
        OnePlatformTarget target,
        TreeNode client,
        Auth copyAuth,
        Dictionary<string, string> map,
        string values,
        CancellationToken ct
    )
    {
        var dataports = client.Children.Where(c => c.Type == ResourceType.Dataport).ToList();
        if (values == "none" || dataports.Count == 0)
        {
            return;
        }
        var options =
            values == "latest"
                ? ReadOptions.Latest
                : ReadOptions
                    .Latest.WithStartTime(0)
                    .WithLimit(1_000_000)
                    .WithSort(SortOrder.Ascending);
        var readBatch = target.Client.Batch(AsClient(target.Auth, client.Rid));
        foreach (var d in dataports)
        {
            readBatch = readBatch.Read(ResourceId.Rid(d.Rid), options);
        }
        var read = await readBatch.SendAsync(ct).ConfigureAwait(false);
        var write = target.Client.Batch(copyAuth);
        for (var i = 0; i < dataports.Count; i++)
        {
            var points = read[i].GetValue<IReadOnlyList<Point>>();
            if (points.Count > 0)
            {
                write = write.RecordBatch(
                    ResourceId.Rid(map[dataports[i].Rid]),
                    points.Select(pt => (pt.Timestamp, pt.Value))
                );
            }
        }
        if (write.Count == 0)
        {
            return;
        }
        var answers = await write.SendAsync(ct).ConfigureAwait(false);
        var rejected = answers.Sum(a => a.GetValue<LE.Seq<RejectedEntry>>().Count);
        if (rejected > 0)
        {
            await context
                .Host.Error.WriteLineAsync($"fxo: {rejected} value(s) were rejected while copying")
                .ConfigureAwait(false);
        }
    }
}
