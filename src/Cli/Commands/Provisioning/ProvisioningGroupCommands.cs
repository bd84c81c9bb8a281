using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Functional.Core.Provisioning;
using static Functional.Cli.Commands.Provisioning.ProvisioningCli;

namespace Functional.Cli.Commands.Provisioning;

/// <summary>
/// <c>fxo provision group</c>: a model's groups (spec §3.5) — list (<c>[{"id", "meta"}]</c>), create, info
/// (<c>{"id", "meta", "count", "parents"}</c>), delete, and members list (<c>[{"type", "id", "expire", "meta"}]</c>),
/// add, remove (as arguments with <c>--type</c>, or CSV with <c>--file</c>).
/// </summary>
internal static class ProvisioningGroupCommands
{
    /// <summary>The <c>group</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "group",
            "Groups of serial numbers, content and other groups within a model."
        );
        group.Subcommands.Add(List(host));
        group.Subcommands.Add(Create(host));
        group.Subcommands.Add(Info(host));
        group.Subcommands.Add(Delete(host));
        group.Subcommands.Add(Members(host));
        return group;
    }

    private static Argument<string> GroupArgument() =>
        new("group") { Description = "The group id." };

    private static string Subject(
        ParseResult p,
        Argument<string> model,
        Argument<string>? group = null
    ) => ModelSubject(p, model, "group", group);

    private static Command List(CliHost host)
    {
        var model = ModelArgument();
        var offset = OffsetOption();
        var limit = LimitOption();
        var command = new Command("list", "List a model's groups.") { model, offset, limit };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var rows = await PagedAsync(
                            context,
                            "groups",
                            context.Parse.GetValue(offset),
                            context.Parse.GetValue(limit),
                            page => target.Client.ListGroupsAsync(target.Auth, name, page, ct)
                        )
                        .ConfigureAwait(false);
                    context.Output.Table(
                        ["ID", "Meta"],
                        rows.Select(g => (IReadOnlyList<string>)[g.Id, g.Meta])
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Create(CliHost host)
    {
        var model = ModelArgument();
        var group = GroupArgument();
        var meta = new Option<string?>("--meta")
        {
            Description = "Description text (default empty).",
        };
        var command = new Command("create", "Create a group.") { model, group, meta };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, group),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var id = context.Parse.GetRequiredValue(group);
                    await target
                        .Client.CreateGroupAsync(
                            target.Auth,
                            name,
                            id,
                            context.Parse.GetValue(meta) ?? "",
                            ct
                        )
                        .ConfigureAwait(false);
                    ModelItemDone(context, name, "group", "group", id, "created", "in");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Info(CliHost host)
    {
        var model = ModelArgument();
        var group = GroupArgument();
        var command = new Command("info", "Show a group's meta, member count and parent groups.")
        {
            model,
            group,
        };
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, group),
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var id = context.Parse.GetRequiredValue(group);
                    var info = await target
                        .Client.GetGroupInfoAsync(target.Auth, name, id, ct)
                        .ConfigureAwait(false);
                    var parents = await PagedAsync(
                            context,
                            "parent groups",
                            0,
                            null,
                            page =>
                                target.Client.ListParentGroupsAsync(target.Auth, name, id, page, ct)
                        )
                        .ConfigureAwait(false);
                    Fields(
                        context,
                        [
                            ("ID", id),
                            ("Meta", info.Meta),
                            ("Members", info.Count.ToString(CultureInfo.InvariantCulture)),
                            ("Parents", string.Join(", ", parents)),
                        ],
                        new JsonObject
                        {
                            ["id"] = id,
                            ["meta"] = info.Meta,
                            ["count"] = info.Count,
                            ["parents"] = new JsonArray(
                                parents.Select(g => (JsonNode)JsonValue.Create(g)).ToArray()
                            ),
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Delete(CliHost host) =>
        DeleteModelItem(
            host,
            "Delete a group.",
            GroupArgument(),
            "group",
            "group",
            (target, model, id, ct) => target.Client.DeleteGroupAsync(target.Auth, model, id, ct)
        );

    private static Command Members(CliHost host)
    {
        var members = new Command(
            "members",
            "A group's members: serial numbers, content or groups, by type."
        );

        var model = ModelArgument();
        var group = GroupArgument();
        var type = new Option<string?>("--type")
        {
            Description = "Only members of this type (e.g. sn, content, group).",
        };
        var id = new Option<string?>("--id") { Description = "Only the member with this id." };
        var offset = OffsetOption();
        var limit = LimitOption();
        var list = new Command("list", "List a group's members.")
        {
            model,
            group,
            type,
            id,
            offset,
            limit,
        };
        list.SetAction(
            Action(
                host,
                p => Subject(p, model, group),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    var groupId = parse.GetRequiredValue(group);
                    var rows = await PagedAsync(
                            context,
                            "members",
                            parse.GetValue(offset),
                            parse.GetValue(limit),
                            page =>
                                target.Client.ListGroupMembersAsync(
                                    target.Auth,
                                    name,
                                    groupId,
                                    parse.GetValue(type),
                                    parse.GetValue(id),
                                    page,
                                    ct
                                )
                        )
                        .ConfigureAwait(false);
                    context.Output.Table(
                        ["Type", "ID", "Expire", "Meta"],
                        rows.Select(m =>
                            (IReadOnlyList<string>)[m.Type, m.MemberId, m.Expire, m.Meta]
                        )
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        members.Subcommands.Add(list);
        members.Subcommands.Add(Change(host, add: true));
        members.Subcommands.Add(Change(host, add: false));
        return members;
    }

    private static Command Change(CliHost host, bool add)
    {
        var model = ModelArgument();
        var group = GroupArgument();
        var ids = new Argument<string[]>("id")
        {
            Description = "Member ids (with --type).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var type = new Option<string?>("--type")
        {
            Description = "The members' type (e.g. sn, content, group).",
        };
        var file = new Option<string?>("--file", "-f")
        {
            Description = add
                ? "Read members from this CSV file ('-' for standard input): lines '<type>,<id>[,<expire>[,<meta>]]'."
                : "Read members from this CSV file ('-' for standard input): lines '<type>,<id>'.",
        };
        var command = new Command(
            add ? "add" : "remove",
            add
                ? "Add members to a group: ids of one --type as arguments, or any types from a CSV file (--file)."
                : "Remove members from a group: ids of one --type as arguments, or any types from a CSV file (--file)."
        )
        {
            model,
            group,
            ids,
            type,
            file,
        };
        var expire = new Option<string?>("--expire")
        {
            Description = "When membership expires (as the server takes it).",
        };
        var meta = new Option<string?>("--meta") { Description = "Membership description text." };
        if (add)
        {
            command.Options.Add(expire);
            command.Options.Add(meta);
        }
        command.SetAction(
            Action(
                host,
                p => Subject(p, model, group),
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    var groupId = parse.GetRequiredValue(group);
                    var given = parse.GetValue(ids) ?? [];
                    var path = parse.GetValue(file);
                    int count;
                    if (path is not null)
                    {
                        if (given.Length > 0 || parse.GetValue(type) is not null)
                        {
                            throw new CliUsageException(
                                "--file: give members as --type and ids, or in a file, not both"
                            );
                        }
                        var rows = Csv(
                            await ReadTextAsync(context, path, ct).ConfigureAwait(false),
                            "--file"
                        );
                        if (rows.FirstOrDefault(r => r.Count < 2) is { } bad)
                        {
                            throw new CliUsageException(
                                $"--file: line '{string.Join(",", bad)}' is not '<type>,<id>,…'"
                            );
                        }
                        if (add)
                        {
                            await target
                                .Client.AddGroupMembersCsvAsync(
                                    target.Auth,
                                    name,
                                    groupId,
                                    rows.Select(r => new GroupMember(
                                        r[0],
                                        r[1],
                                        r.Count > 2 ? r[2] : "",
                                        r.Count > 3 ? r[3] : ""
                                    )),
                                    ct
                                )
                                .ConfigureAwait(false);
                        }
                        else
                        {
                            await target
                                .Client.RemoveGroupMembersCsvAsync(
                                    target.Auth,
                                    name,
                                    groupId,
                                    rows.Select(r => new GroupMemberRef(r[0], r[1])),
                                    ct
                                )
                                .ConfigureAwait(false);
                        }
                        count = rows.Count;
                    }
                    else
                    {
                        var memberType =
                            parse.GetValue(type)
                            ?? throw new CliUsageException(
                                "--type: required with member ids (or use --file)"
                            );
                        if (given.Length == 0)
                        {
                            throw new CliUsageException(
                                "id: give at least one member id, or --file"
                            );
                        }
                        if (add)
                        {
                            await target
                                .Client.AddGroupMembersAsync(
                                    target.Auth,
                                    name,
                                    groupId,
                                    memberType,
                                    given,
                                    parse.GetValue(expire),
                                    parse.GetValue(meta),
                                    ct
                                )
                                .ConfigureAwait(false);
                        }
                        else
                        {
                            await target
                                .Client.RemoveGroupMembersAsync(
                                    target.Auth,
                                    name,
                                    groupId,
                                    memberType,
                                    given,
                                    ct
                                )
                                .ConfigureAwait(false);
                        }
                        count = given.Length;
                    }
                    var done = add ? "added" : "removed";
                    Done(
                        context,
                        $"{count} member{(count == 1 ? "" : "s")} {done} ({(add ? "to" : "from")} group '{groupId}' of model '{name}')",
                        new JsonObject
                        {
                            ["model"] = name,
                            ["group"] = groupId,
                            ["count"] = count,
                            ["done"] = done,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
