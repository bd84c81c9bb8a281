using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Cli.Targets;
using Functional.Core.OnePlatform;
using LE = LanguageExt;

namespace Functional.Cli.Commands.OnePlatform;

/// <summary>The resource commands: create, clone, listing, info, update, drop, move, usage, map, unmap and lookup.</summary>
internal static partial class OnePlatformCommands
{
    private static readonly string[] CreateTypes = ["client", "dataport", "datarule", "dispatch"];

    private static Command Create(CliHost host)
    {
        var type = new Argument<string>("type")
        {
            Description = "client, dataport, datarule or dispatch.",
        };
        type.AcceptOnlyFromAmong(CreateTypes);
        var parent = ResourceArgument(
            "parent",
            "The client to create under (default: the caller)."
        );
        var file = new Option<string?>("--file")
        {
            Description =
                "The full JSON description from a file ('-' for standard input); shorthand options are applied on top.",
        };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var meta = new Option<string?>("--meta") { Description = "Meta text." };
        var alias = new Option<string?>("--alias")
        {
            Description = "Map this alias to the new resource in the parent.",
        };
        var format = new Option<string?>("--format")
        {
            Description = "float, integer or string (dataport, datarule).",
        };
        format.AcceptOnlyFromAmong("float", "integer", "string");
        var isPublic = new Option<bool>("--public") { Description = "Make it public." };
        var locked = new Option<bool>("--locked")
        {
            Description = "Create it locked (client, dispatch).",
        };
        var count = new Option<long?>("--retention-count")
        {
            Description = "Keep at most this many points.",
        };
        var duration = new Option<long?>("--retention-duration")
        {
            Description = "Keep points at most this many hours.",
        };
        var subscribe = new Option<string?>("--subscribe")
        {
            Description = "Resource whose values this one receives (RID or alias).",
        };
        var preprocess = new Option<string[]>("--preprocess")
        {
            Description = "Preprocess step op:operand (e.g. mul:10); repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var rule = new Option<string?>("--rule")
        {
            Description =
                "Datarule rule as JSON, e.g. {\"simple\":{\"comparison\":\"gt\",\"constant\":10}}.",
        };
        var script = new Option<string?>("--script")
        {
            Description = "Datarule Lua script file ('-' for standard input); sets format string.",
        };
        var method = new Option<string?>("--method")
        {
            Description = "Dispatch method: email, http_get, http_post, http_put, sms, xmpp.",
        };
        var recipient = new Option<string?>("--recipient") { Description = "Dispatch recipient." };
        var subject = new Option<string?>("--subject") { Description = "Dispatch subject." };
        var message = new Option<string?>("--message") { Description = "Dispatch message." };
        var limit = new Option<string[]>("--limit")
        {
            Description =
                "Client limit key=value (value a number or inherit), e.g. dataport=10; repeatable.",
        };
        var inherit = new Option<bool>("--inherit-limits")
        {
            Description = "Client: every limit 'inherit' (draw from the parent's).",
        };
        var command = new Command(
            "create",
            "Create a client, dataport, datarule or dispatch from shorthand options or a full JSON description. Prints the new RID (and a client's CIK, masked). --json: {\"rid\", \"type\", \"alias\"?, \"cik\"?}."
        )
        {
            type,
            parent,
            file,
            name,
            meta,
            alias,
            format,
            isPublic,
            locked,
            count,
            duration,
            subscribe,
            preprocess,
            rule,
            script,
            method,
            recipient,
            subject,
            message,
            limit,
            inherit,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var kind = p.GetRequiredValue(type);
                    var json = p.GetValue(file) is { } path
                        ? ParseObject(
                            await ReadInputAsync(context, path, "--file").ConfigureAwait(false),
                            "--file"
                        )
                        : (JsonElement?)null;
                    var scriptText = p.GetValue(script) is { } sp
                        ? await ReadInputAsync(context, sp, "--script").ConfigureAwait(false)
                        : null;
                    var obj = json is { } j ? JsonNode.Parse(j.GetRawText())!.AsObject() : [];
                    void Set(string key, JsonNode? value) => obj[key] = value;
                    if (p.GetValue(name) is { } n)
                        Set("name", n);
                    if (p.GetValue(meta) is { } m)
                        Set("meta", m);
                    if (p.GetValue(isPublic))
                        Set("public", true);
                    if (p.GetValue(locked))
                    {
                        RequireType(kind, "--locked", "client", "dispatch");
                        Set("locked", true);
                    }
                    if (p.GetValue(format) is { } f)
                    {
                        RequireType(kind, "--format", "dataport", "datarule");
                        Set("format", f);
                    }
                    if (p.GetValue(count) is not null || p.GetValue(duration) is not null)
                    {
                        RequireType(
                            kind,
                            "--retention-count/--retention-duration",
                            "dataport",
                            "datarule",
                            "dispatch"
                        );
                        if (obj["retention"] is not JsonObject r)
                        {
                            r = [];
                            obj["retention"] = r;
                        }
                        if (p.GetValue(count) is { } rc)
                            r["count"] = rc;
                        if (p.GetValue(duration) is { } rd)
                            r["duration"] = rd;
                    }
                    if (p.GetValue(subscribe) is { } s)
                    {
                        RequireType(kind, "--subscribe", "dataport", "datarule", "dispatch");
                        Set("subscribe", s);
                    }
                    var steps = p.GetValue(preprocess) ?? [];
                    if (steps.Length > 0)
                    {
                        RequireType(kind, "--preprocess", "dataport", "datarule", "dispatch");
                    }
                    if (p.GetValue(rule) is { } ruleText)
                    {
                        RequireType(kind, "--rule", "datarule");
                        Set("rule", JsonNode.Parse(ParseObject(ruleText, "--rule").GetRawText()));
                    }
                    if (scriptText is not null)
                    {
                        RequireType(kind, "--script", "datarule");
                        Set("rule", new JsonObject { ["script"] = scriptText });
                        obj.TryAdd("format", "string");
                    }
                    if (p.GetValue(method) is { } me)
                    {
                        RequireType(kind, "--method", "dispatch");
                        Set("method", me);
                    }
                    if (p.GetValue(recipient) is { } re)
                    {
                        RequireType(kind, "--recipient", "dispatch");
                        Set("recipient", re);
                    }
                    if (p.GetValue(subject) is { } su)
                    {
                        RequireType(kind, "--subject", "dispatch");
                        Set("subject", su);
                    }
                    if (p.GetValue(message) is { } mg)
                    {
                        RequireType(kind, "--message", "dispatch");
                        Set("message", mg);
                    }
                    var limits = p.GetValue(limit) ?? [];
                    if (limits.Length > 0 || p.GetValue(inherit))
                    {
                        RequireType(kind, "--limit/--inherit-limits", "client");
                    }
                    var field = json is null ? "description" : "--file";
                    using var doc = JsonDocument.Parse(obj.ToJsonString());
                    var desc = doc.RootElement;
                    var parentId = Resource(p.GetValue(parent));
                    string rid;
                    switch (kind)
                    {
                        case "client":
                            var cd = OnePlatformDescriptions.Client(desc, field);
                            if (p.GetValue(inherit))
                            {
                                cd = cd.WithLimits(ClientLimits.InheritAll);
                            }
                            foreach (var l in limits)
                            {
                                var eq = l.IndexOf('=', StringComparison.Ordinal);
                                if (eq <= 0)
                                {
                                    throw new CliUsageException(
                                        $"--limit: expected key=value (got '{l}')"
                                    );
                                }
                                cd = cd.WithLimits(
                                    OnePlatformDescriptions.WithLimit(
                                        cd.Limits,
                                        l[..eq],
                                        OnePlatformDescriptions.Limit(l[(eq + 1)..], "--limit"),
                                        "--limit"
                                    )
                                );
                            }
                            rid = await target
                                .Client.CreateClientAsync(target.Auth, parentId, cd, ct)
                                .ConfigureAwait(false);
                            break;
                        case "dataport":
                            if (!desc.TryGetProperty("format", out _))
                            {
                                throw new CliUsageException(
                                    "--format: is required for a dataport (float, integer or string)"
                                );
                            }
                            var dp = OnePlatformDescriptions.Dataport(desc, field);
                            dp = dp.WithPreprocess(
                                dp.Preprocess
                                    + LE.Prelude.toSeq(
                                        steps.Select(
                                            (x, i) =>
                                                OnePlatformDescriptions.Step(
                                                    x,
                                                    $"--preprocess[{i}]"
                                                )
                                        )
                                    )
                            );
                            rid = await target
                                .Client.CreateDataportAsync(target.Auth, parentId, dp, ct)
                                .ConfigureAwait(false);
                            break;
                        case "datarule":
                            if (!desc.TryGetProperty("format", out _))
                            {
                                throw new CliUsageException(
                                    "--format: is required for a datarule (float, integer or string)"
                                );
                            }
                            if (!desc.TryGetProperty("rule", out _))
                            {
                                throw new CliUsageException(
                                    "--rule: is required for a datarule (or --script)"
                                );
                            }
                            var dr = OnePlatformDescriptions.Datarule(desc, field);
                            dr = dr.WithPreprocess(
                                dr.Preprocess
                                    + LE.Prelude.toSeq(
                                        steps.Select(
                                            (x, i) =>
                                                OnePlatformDescriptions.Step(
                                                    x,
                                                    $"--preprocess[{i}]"
                                                )
                                        )
                                    )
                            );
                            rid = await target
                                .Client.CreateDataruleAsync(target.Auth, parentId, dr, ct)
                                .ConfigureAwait(false);
                            break;
                        default:
                            if (!desc.TryGetProperty("method", out _))
                            {
                                throw new CliUsageException("--method: is required for a dispatch");
                            }
                            if (!desc.TryGetProperty("recipient", out _))
                            {
                                throw new CliUsageException(
                                    "--recipient: is required for a dispatch"
                                );
                            }
                            var di = OnePlatformDescriptions.Dispatch(desc, field);
                            di = di.WithPreprocess(
                                di.Preprocess
                                    + LE.Prelude.toSeq(
                                        steps.Select(
                                            (x, i) =>
                                                OnePlatformDescriptions.Step(
                                                    x,
                                                    $"--preprocess[{i}]"
                                                )
                                        )
                                    )
                            );
                            rid = await target
                                .Client.CreateDispatchAsync(target.Auth, parentId, di, ct)
                                .ConfigureAwait(false);
                            break;
                    }
                    var result = new JsonObject { ["rid"] = rid, ["type"] = kind };
                    var rows = new List<(string, string)> { ("rid", rid), ("type", kind) };
                    var batch = target.Client.Batch(
                        ParentAuth(target.Auth, parentId, p.GetValue(parent))
                    );
                    if (p.GetValue(alias) is { } a)
                    {
                        batch = batch.Map(ResourceId.Rid(rid), a);
                    }
                    if (kind == "client")
                    {
                        batch = batch.Info(ResourceId.Rid(rid), InfoOptions.OnlyKey);
                    }
                    if (batch.Count > 0)
                    {
                        var answers = await batch.SendAsync(ct).ConfigureAwait(false);
                        var i = 0;
                        if (p.GetValue(alias) is { } al)
                        {
                            answers[i++].GetValue<LE.Unit>();
                            result["alias"] = al;
                            rows.Add(("alias", al));
                        }
                        if (
                            kind == "client"
                            && answers[i].IsOk
                            && OrNull(answers[i].GetValue<ResourceInfo>().Key) is { } key
                        )
                        {
                            result["cik"] = context.Output.Secret(key);
                            rows.Add(("cik", context.Output.Secret(key)));
                        }
                    }
                    Result(context, result, rows);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    /// <summary>The credentials acting as <paramref name="parent"/> (to map an alias there and read a new client's key).</summary>
    private static Auth ParentAuth(Auth auth, ResourceId parent, string? text) =>
        parent is ResourceId.ByRid r ? AsClient(auth, r.Value)
        : parent is ResourceId.ByAlias
            ? throw new CliUsageException(
                $"parent: give the parent client '{text}' as a RID to use --alias with it"
            )
        : auth;

    private static void RequireType(string kind, string option, params string[] types)
    {
        if (!types.Contains(kind))
        {
            throw new CliUsageException(
                $"{option}: applies to {string.Join(" and ", types)}, not {kind}"
            );
        }
    }

    private static Command Clone(CliHost host)
    {
        var source = new Argument<string>("source")
        {
            Description = "The client to copy: its RID, or a non-activated share code with --code.",
        };
        var parent = ResourceArgument(
            "parent",
            "The client to create the copy under (default: the caller)."
        );
        var code = new Option<bool>("--code") { Description = "The source is a share code." };
        var noAliases = new Option<bool>("--no-aliases") { Description = "Do not copy aliases." };
        var noHistory = new Option<bool>("--no-historical")
        {
            Description = "Do not copy stored points.",
        };
        var command = new Command(
            "clone",
            "Clone a client (server side). Prints the new client's RID. --json: {\"rid\"}."
        )
        {
            source,
            parent,
            code,
            noAliases,
            noHistory,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var from = p.GetRequiredValue(source);
                    var desc = (
                        p.GetValue(code)
                            ? CloneDescription.FromCode(from)
                            : CloneDescription.FromRid(from.ToLowerInvariant())
                    )
                        .WithNoAliases(p.GetValue(noAliases))
                        .WithNoHistorical(p.GetValue(noHistory));
                    var rid = await target
                        .Client.CloneAsync(target.Auth, Resource(p.GetValue(parent)), desc, ct)
                        .ConfigureAwait(false);
                    Result(context, new JsonObject { ["rid"] = rid }, [("rid", rid)]);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Listing(CliHost host)
    {
        var client = ResourceArgument(
            "client",
            "The client whose resources to list (default: the caller)."
        );
        var types = new Option<string[]>("--type", "-t")
        {
            Description = "client, dataport, datarule, dispatch (repeatable; default all four).",
        };
        types.AcceptOnlyFromAmong(["client", "dataport", "datarule", "dispatch", "token"]);
        var owned = new Option<bool>("--owned")
        {
            Description = "Resources it owns (the default).",
        };
        var activated = new Option<bool>("--activated") { Description = "Shares it activated." };
        var aliased = new Option<bool>("--aliased") { Description = "Resources it aliased." };
        var isPublic = new Option<bool>("--public") { Description = "Public resources." };
        var tagged = new Option<string[]>("--tagged")
        {
            Description = "Resources with this tag (repeatable).",
        };
        var command = new Command(
            "listing",
            "List a client's resources by type. Table: Type, RID, Aliases; --json: {\"client\": [rids], \"dataport\": [...], ...}."
        )
        {
            client,
            types,
            owned,
            activated,
            aliased,
            isPublic,
            tagged,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var chosen = (
                        p.GetValue(types) is { Length: > 0 } t
                            ? t
                            : AllTypes.Select(TypeName).ToArray()
                    )
                        .Distinct()
                        .Select(x => Enum.Parse<ResourceType>(x, ignoreCase: true))
                        .ToArray();
                    var options = ListingOptions
                        .Default.WithOwned(p.GetValue(owned))
                        .WithActivated(p.GetValue(activated))
                        .WithAliased(p.GetValue(aliased))
                        .WithPublic(p.GetValue(isPublic))
                        .WithTagged(LE.Prelude.toSeq(p.GetValue(tagged) ?? []));
                    var id = Resource(p.GetValue(client));
                    var answers = await target
                        .Client.Batch(target.Auth)
                        .Listing(id, chosen, options)
                        .Info(id, InfoOptions.OnlyAliases)
                        .SendAsync(ct)
                        .ConfigureAwait(false);
                    var listing = answers[0].GetValue<Listing>();
                    var aliases =
                        answers[1].IsOk
                        && answers[1].GetValue<ResourceInfo>().Aliases.Case is InfoAliases.Known k
                            ? k.ByResource
                            : LE.Map<string, LE.Seq<string>>.Empty;
                    if (context.Output.Json)
                    {
                        var o = new JsonObject();
                        foreach (var type in chosen)
                        {
                            o[TypeName(type)] = new JsonArray(
                                listing[type].Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()
                            );
                        }
                        context.Output.WriteJson(o);
                        return ExitCodes.Ok;
                    }
                    context.Output.Table(
                        ["Type", "RID", "Aliases"],
                        chosen.SelectMany(type =>
                            listing[type]
                                .Select(rid =>
                                    (IReadOnlyList<string>)
                                        [
                                            TypeName(type),
                                            rid,
                                            string.Join(
                                                ", ",
                                                aliases.Find(rid).IfNone(LE.Seq<string>.Empty)
                                            ),
                                        ]
                                )
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static readonly string[] InfoKeys =
    [
        "aliases",
        "basic",
        "comments",
        "counts",
        "description",
        "key",
        "shares",
        "storage",
        "subscribers",
        "tagged",
        "tags",
        "usage",
    ];

    private static Command Info(CliHost host)
    {
        var resource = ResourceArgument("resource", "The resource (default: the caller).");
        var include = new Option<string[]>("--include")
        {
            Description =
                "Only these parts (repeatable or comma-separated): "
                + string.Join(", ", InfoKeys)
                + ".",
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Every part but these (repeatable or comma-separated).",
        };
        var recursive = new Option<bool>("--recursive", "-r")
        {
            Description = "Also every resource below a client (batched).",
        };
        var command = new Command(
            "info",
            "Show a resource's info parts (the key and share codes masked unless --reveal). Table: Part, Value; --json: the info object ({\"basic\": {...}, \"description\": {...}, ...}); with --recursive: [{\"rid\", \"parent\", \"info\"}, ...]."
        )
        {
            resource,
            include,
            exclude,
            recursive,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var inc = Keys(p.GetValue(include), "--include");
                    var exc = Keys(p.GetValue(exclude), "--exclude");
                    if (inc.Length > 0 && exc.Length > 0)
                    {
                        throw new CliUsageException("--exclude: cannot be combined with --include");
                    }
                    // --exclude asks for every part ({}) and leaves the excluded ones out: the server refuses some
                    // parts (key) for some types when they are asked for by name.
                    var options = InfoOptionsOf(inc);
                    JsonObject Shown(ResourceInfo info)
                    {
                        var json = InfoJson(context, info);
                        foreach (var k in exc)
                        {
                            json.Remove(k);
                        }
                        return json;
                    }
                    var text = p.GetValue(resource);
                    if (!p.GetValue(recursive))
                    {
                        var info = await target
                            .Client.InfoAsync(target.Auth, Resource(text), options, ct)
                            .ConfigureAwait(false);
                        var json = Shown(info);
                        if (context.Output.Json)
                        {
                            context.Output.WriteJson(json);
                        }
                        else
                        {
                            context.Output.Table(
                                ["Part", "Value"],
                                json.Select(kv =>
                                    (IReadOnlyList<string>)
                                        [kv.Key, kv.Value?.ToJsonString() ?? "null"]
                                )
                            );
                        }
                        return ExitCodes.Ok;
                    }
                    var rootRid = await RidOfAsync(target, text, ct).ConfigureAwait(false);
                    var nodes = await WalkAsync(
                            context,
                            target,
                            rootRid,
                            null,
                            ct,
                            rootIsCaller: text is null
                        )
                        .ConfigureAwait(false);
                    using var bar = context.Progress("info", nodes.Count);
                    var results = new List<(TreeNode Node, ResourceInfo Info)>();
                    foreach (var group in nodes.GroupBy(n => n.Parent ?? ""))
                    {
                        var auth =
                            group.Key.Length == 0 ? target.Auth : AsClient(target.Auth, group.Key);
                        var batch = target.Client.Batch(auth);
                        foreach (var n in group)
                        {
                            batch =
                                n.Parent is null && text is null
                                    ? batch.Info(ResourceId.Self, options)
                                    : batch.Info(ResourceId.Rid(n.Rid), options);
                        }
                        var answers = await batch.SendAsync(ct).ConfigureAwait(false);
                        results.AddRange(
                            group.Zip(answers, (n, a) => (n, a.GetValue<ResourceInfo>()))
                        );
                        bar.Advance(group.Count());
                    }
                    if (context.Output.Json)
                    {
                        var array = new JsonArray();
                        foreach (var (n, info) in results)
                        {
                            array.Add(
                                new JsonObject
                                {
                                    ["rid"] = n.Rid,
                                    ["parent"] = n.Parent,
                                    ["info"] = Shown(info),
                                }
                            );
                        }
                        context.Output.WriteJson(array);
                        return ExitCodes.Ok;
                    }
                    context.Output.Table(
                        ["RID", "Part", "Value"],
                        results.SelectMany(r =>
                            Shown(r.Info)
                                .Select(kv =>
                                    (IReadOnlyList<string>)
                                        [r.Node.Rid, kv.Key, kv.Value?.ToJsonString() ?? "null"]
                                )
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static string[] Keys(string[]? given, string option)
    {
        var keys = (given ?? [])
            .SelectMany(g =>
                g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            )
            .Distinct()
            .ToArray();
        foreach (var k in keys)
        {
            if (!InfoKeys.Contains(k))
            {
                throw new CliUsageException(
                    $"{option}: '{k}' is not an info part ({string.Join(", ", InfoKeys)})"
                );
            }
        }
        return keys;
    }

    private static InfoOptions InfoOptionsOf(IEnumerable<string> parts)
    {
        var o = InfoOptions.All;
        foreach (var part in parts)
        {
            o = part switch
            {
                "aliases" => o.WithAliases(),
                "basic" => o.WithBasic(),
                "comments" => o.WithComments(),
                "counts" => o.WithCounts(),
                "description" => o.WithDescription(),
                "key" => o.WithKey(),
                "shares" => o.WithShares(),
                "storage" => o.WithStorage(),
                "subscribers" => o.WithSubscribers(),
                "tagged" => o.WithTagged(),
                "tags" => o.WithTags(),
                _ => o.WithUsage(),
            };
        }
        return o;
    }

    /// <summary>Info as JSON in the API's shape, secrets masked unless --reveal.</summary>
    internal static JsonObject InfoJson(CliContext context, ResourceInfo info)
    {
        var o = new JsonObject();
        static JsonArray Strings(IEnumerable<string> xs) =>
            new(xs.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
        static JsonObject Counts(ResourceCounts c)
        {
            var r = new JsonObject();
            foreach (var (k, v) in c.Values)
            {
                r[k] = v;
            }
            return r;
        }
        info.Aliases.IfSome(a =>
        {
            if (a is InfoAliases.Known k)
            {
                var r = new JsonObject();
                foreach (var (rid, names) in k.ByResource)
                {
                    r[rid] = Strings(names);
                }
                foreach (var rid in k.UndefinedFor)
                {
                    r[rid] = "undefined";
                }
                o["aliases"] = r;
            }
            else
            {
                o["aliases"] = "undefined";
            }
        });
        info.Basic.IfSome(b =>
        {
            var r = new JsonObject();
            if (b.Modified.Case is long m)
                r["modified"] = context.Output.TimestampJson(m);
            if (b.StatusName.Case is string s)
                r["status"] = s;
            if (b.Subscribers.Case is long n)
                r["subscribers"] = n;
            if (b.TypeName.Case is string t)
                r["type"] = t;
            o["basic"] = r;
        });
        info.Comments.IfSome(cs =>
            o["comments"] = new JsonArray(
                cs.Select(c => (JsonNode?)new JsonArray(c.Visibility, c.Text)).ToArray()
            )
        );
        info.Counts.IfSome(c => o["counts"] = Counts(c));
        info.Description.IfSome(d => o["description"] = JsonNode.Parse(d.Json.GetRawText()));
        info.Key.IfSome(k => o["key"] = context.Output.Secret(k));
        info.Shares.IfSome(ss =>
            o["shares"] = new JsonArray(
                ss.Select(s =>
                        (JsonNode?)
                            new JsonObject
                            {
                                ["activator"] = OrNull(s.Activator),
                                ["code"] = context.Output.Secret(s.Code),
                                ["meta"] = s.Meta,
                            }
                    )
                    .ToArray()
            )
        );
        info.Storage.IfSome(s =>
        {
            var r = new JsonObject { ["count"] = s.Count };
            r["first"] = s.First.Case is long f ? context.Output.TimestampJson(f) : null;
            r["last"] = s.Last.Case is long l ? context.Output.TimestampJson(l) : null;
            r["size"] = s.Size;
            o["storage"] = r;
        });
        info.Subscribers.IfSome(s => o["subscribers"] = Strings(s));
        info.Tagged.IfSome(s => o["tagged"] = Strings(s));
        info.Tags.IfSome(s => o["tags"] = Strings(s));
        info.Usage.IfSome(c => o["usage"] = Counts(c));
        foreach (var (k, v) in info.Extra)
        {
            o[k] = JsonNode.Parse(v.GetRawText());
        }
        return o;
    }

    private static Command Update(CliHost host)
    {
        var resource = ResourceArgument(
            "resource",
            "The resource to update (default: the caller)."
        );
        var file = new Option<string?>("--file")
        {
            Description =
                "JSON object of keys to merge into the description ('-' for standard input).",
        };
        var name = new Option<string?>("--name") { Description = "New name." };
        var meta = new Option<string?>("--meta") { Description = "New meta." };
        var isPublic = new Option<bool?>("--public") { Description = "true or false." };
        var locked = new Option<bool?>("--locked")
        {
            Description = "true or false (client, dispatch).",
        };
        var count = new Option<string?>("--retention-count")
        {
            Description = "Points to keep (a number or infinity).",
        };
        var duration = new Option<string?>("--retention-duration")
        {
            Description = "Hours to keep (a number or infinity).",
        };
        var subscribe = new Option<string?>("--subscribe")
        {
            Description = "Resource to receive values from (RID or alias), or 'none'.",
        };
        var command = new Command(
            "update",
            "Merge keys into a resource's description (name, meta, public, locked, retention, subscribe, or any key with --file). --json: {\"ok\": true}."
        )
        {
            resource,
            file,
            name,
            meta,
            isPublic,
            locked,
            count,
            duration,
            subscribe,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var update = ResourceUpdate.Empty;
                    if (p.GetValue(file) is { } path)
                    {
                        var o = ParseObject(
                            await ReadInputAsync(context, path, "--file").ConfigureAwait(false),
                            "--file"
                        );
                        foreach (var prop in o.EnumerateObject())
                        {
                            update = update.WithExtra(prop.Name, prop.Value);
                        }
                    }
                    if (p.GetValue(name) is { } n)
                        update = update.WithName(n);
                    if (p.GetValue(meta) is { } m)
                        update = update.WithMeta(m);
                    if (p.GetValue(isPublic) is { } pub)
                        update = update.WithPublic(pub);
                    if (p.GetValue(locked) is { } l)
                        update = update.WithLocked(l);
                    if (p.GetValue(count) is not null || p.GetValue(duration) is not null)
                    {
                        var r = Retention.Infinite;
                        if (p.GetValue(count) is { } c && c != "infinity")
                        {
                            r = r.WithCount(
                                long.TryParse(c, out var v)
                                    ? v
                                    : throw new CliUsageException(
                                        $"--retention-count: '{c}' is not a number or infinity"
                                    )
                            );
                        }
                        if (p.GetValue(duration) is { } d && d != "infinity")
                        {
                            r = r.WithDuration(
                                long.TryParse(d, out var v)
                                    ? v
                                    : throw new CliUsageException(
                                        $"--retention-duration: '{d}' is not a number or infinity"
                                    )
                            );
                        }
                        update = update.WithRetention(r);
                    }
                    if (p.GetValue(subscribe) is { } s)
                    {
                        update =
                            s == "none"
                                ? update.WithoutSubscribe()
                                : update.WithSubscribe(Resource(s));
                    }
                    if (update.IsEmpty)
                    {
                        throw new CliUsageException(
                            "update: nothing to change (give --name, --meta, --public, --locked, --retention-*, --subscribe or --file)"
                        );
                    }
                    var text = p.GetValue(resource);
                    await target
                        .Client.UpdateAsync(target.Auth, Resource(text), update, ct)
                        .ConfigureAwait(false);
                    Done(context, $"updated {Label(text)}");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Drop(CliHost host)
    {
        var resources = new Argument<string[]>("resource")
        {
            Description = "Resources to drop (RID or alias).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var allChildren = new Option<bool>("--all-children")
        {
            Description = "Drop every child of the given client (default: the caller) instead.",
        };
        var command = new Command(
            "drop",
            "Delete resources (a client with its whole subtree). --json: {\"ok\": true, \"dropped\": [rids or names]}."
        )
        {
            resources,
            allChildren,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var names = context.Parse.GetValue(resources) ?? [];
                    var batch = target.Client.Batch(target.Auth);
                    var dropped = new List<string>();
                    if (context.Parse.GetValue(allChildren))
                    {
                        if (names.Length > 1)
                        {
                            throw new CliUsageException("--all-children: give at most one client");
                        }
                        var parent = Resource(names.FirstOrDefault());
                        var auth =
                            parent is ResourceId.Caller
                                ? target.Auth
                                : AsClient(
                                    target.Auth,
                                    await RidOfAsync(target, names[0], ct).ConfigureAwait(false)
                                );
                        var listing = await target
                            .Client.ListingAsync(auth, ResourceId.Self, AllTypes, null, ct)
                            .ConfigureAwait(false);
                        batch = target.Client.Batch(auth);
                        foreach (var rid in AllTypes.SelectMany(t => listing[t]))
                        {
                            batch = batch.Drop(ResourceId.Rid(rid));
                            dropped.Add(rid);
                        }
                    }
                    else
                    {
                        if (names.Length == 0)
                        {
                            throw new CliUsageException(
                                "resource: give the resources to drop (or --all-children)"
                            );
                        }
                        foreach (var n in names)
                        {
                            batch = batch.Drop(Resource(n));
                            dropped.Add(n);
                        }
                    }
                    if (batch.Count > 0)
                    {
                        using var bar = context.Progress("dropping", batch.Count);
                        var answers = await batch.SendAsync(ct).ConfigureAwait(false);
                        bar.Advance(batch.Count);
                        foreach (var a in answers)
                        {
                            a.GetValue<LE.Unit>();
                        }
                    }
                    Done(
                        context,
                        $"dropped {dropped.Count} resource(s)",
                        new JsonObject
                        {
                            ["dropped"] = new JsonArray(
                                dropped.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()
                            ),
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Move(CliHost host)
    {
        var resource = RequiredResource("resource", "The resource to move (RID or alias).");
        var destination = RequiredResource("destination", "The new owner client (RID or alias).");
        var noAliases = new Option<bool>("--no-aliases")
        {
            Description = "Do not re-create the aliases in the new owner.",
        };
        var command = new Command(
            "move",
            "Give a resource a new owner client. --json: {\"ok\": true}."
        )
        {
            resource,
            destination,
            noAliases,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var r = context.Parse.GetRequiredValue(resource);
                    var d = context.Parse.GetRequiredValue(destination);
                    await target
                        .Client.MoveAsync(
                            target.Auth,
                            Resource(r),
                            Resource(d),
                            !context.Parse.GetValue(noAliases),
                            ct
                        )
                        .ConfigureAwait(false);
                    Done(context, $"moved {r} to {d}");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Usage(CliHost host)
    {
        var client = ResourceArgument("client", "The client (default: the caller).");
        var metrics = new Option<string[]>("--metric", "-m")
        {
            Description =
                "client, dataport, datarule, dispatch, share, email, http, sms, xmpp (repeatable; default all).",
        };
        metrics.AcceptOnlyFromAmong(
            Enum.GetNames<UsageMetric>().Select(n => n.ToLowerInvariant()).ToArray()
        );
        var start = TimeOption("--start", "Window start (default: 30 days before --end).");
        var end = TimeOption("--end", "Window end (default: now).");
        var command = new Command(
            "usage",
            "Resource and consumable usage of a client in a window (batched). Table: Metric, Usage; --json: {\"<metric>\": n, ...}."
        )
        {
            client,
            metrics,
            start,
            end,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var to = p.GetValue(end) is { } e
                        ? ParseTime(e, "--end")
                        : DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                    var from = p.GetValue(start) is { } s
                        ? ParseTime(s, "--start")
                        : to - (30 * 86400);
                    var chosen = (
                        p.GetValue(metrics) is { Length: > 0 } m
                            ? m
                            : Enum.GetNames<UsageMetric>()
                                .Select(n => n.ToLowerInvariant())
                                .ToArray()
                    )
                        .Distinct()
                        .ToArray();
                    var id = Resource(p.GetValue(client));
                    var batch = target.Client.Batch(target.Auth);
                    foreach (var metric in chosen)
                    {
                        batch = batch.Usage(
                            id,
                            Enum.Parse<UsageMetric>(metric, ignoreCase: true),
                            from,
                            to
                        );
                    }
                    var answers = await batch.SendAsync(ct).ConfigureAwait(false);
                    var values = answers.Select(a => a.GetValue<long>()).ToArray();
                    if (context.Output.Json)
                    {
                        var o = new JsonObject();
                        for (var i = 0; i < chosen.Length; i++)
                        {
                            o[chosen[i]] = values[i];
                        }
                        context.Output.WriteJson(o);
                        return ExitCodes.Ok;
                    }
                    context.Output.Table(
                        ["Metric", "Usage"],
                        chosen.Select(
                            (x, i) =>
                                (IReadOnlyList<string>)
                                    [
                                        x,
                                        values[i]
                                            .ToString(
                                                System.Globalization.CultureInfo.InvariantCulture
                                            ),
                                    ]
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Map(CliHost host)
    {
        var resource = RequiredResource("resource", "The resource to name (RID).");
        var alias = new Argument<string>("alias") { Description = "The alias." };
        var command = new Command(
            "map",
            "Give a resource an alias in the calling client. --json: {\"ok\": true}."
        )
        {
            resource,
            alias,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var a = context.Parse.GetRequiredValue(alias);
                    await target
                        .Client.MapAsync(
                            target.Auth,
                            Resource(context.Parse.GetRequiredValue(resource)),
                            a,
                            ct
                        )
                        .ConfigureAwait(false);
                    Done(context, $"mapped {a}");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Unmap(CliHost host)
    {
        var alias = new Argument<string>("alias") { Description = "The alias to remove." };
        var client = new Option<string?>("--client")
        {
            Description = "The client the alias belongs to (default: the caller).",
        };
        var command = new Command(
            "unmap",
            "Remove an alias (removing a missing alias succeeds). --json: {\"ok\": true}."
        )
        {
            alias,
            client,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var a = context.Parse.GetRequiredValue(alias);
                    await target
                        .Client.UnmapAsync(
                            target.Auth,
                            Resource(context.Parse.GetValue(client)),
                            a,
                            ct
                        )
                        .ConfigureAwait(false);
                    Done(context, $"unmapped {a}");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Lookup(CliHost host)
    {
        var alias = new Argument<string?>("alias")
        {
            Description = "The alias to look up (default: the caller's own RID).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var ownerOf = new Option<string?>("--owner-of")
        {
            Description = "Look up the owner of this RID instead.",
        };
        var share = new Option<string?>("--share")
        {
            Description = "Look up the resource this share code shares instead.",
        };
        var client = new Option<string?>("--client")
        {
            Description = "The client to look in (default: the caller).",
        };
        var command = new Command(
            "lookup",
            "The RID of an alias, of a resource's owner, or of a shared resource. --json: {\"rid\"}."
        )
        {
            alias,
            ownerOf,
            share,
            client,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var p = context.Parse;
                    var a = p.GetValue(alias);
                    var given = new[]
                    {
                        a is not null,
                        p.GetValue(ownerOf) is not null,
                        p.GetValue(share) is not null,
                    }.Count(x => x);
                    if (given > 1)
                    {
                        throw new CliUsageException(
                            "--owner-of: give one of an alias, --owner-of or --share"
                        );
                    }
                    var (kind, value) =
                        p.GetValue(ownerOf) is { } o ? (LookupKind.Owner, o.ToLowerInvariant())
                        : p.GetValue(share) is { } s ? (LookupKind.Shared, s)
                        : (
                            LookupKind.Alias,
                            a is not null && a.StartsWith("alias:", StringComparison.Ordinal)
                                ? a[6..]
                                : a ?? ""
                        );
                    var rid = await target
                        .Client.LookupAsync(
                            target.Auth,
                            Resource(p.GetValue(client)),
                            kind,
                            value,
                            ct
                        )
                        .ConfigureAwait(false);
                    Result(context, new JsonObject { ["rid"] = rid }, [("rid", rid)]);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
