using System.CommandLine;
using System.Text.Json.Nodes;
using Functional.Core.Provisioning;
using static Functional.Cli.Commands.Provisioning.ProvisioningCli;

namespace Functional.Cli.Commands.Provisioning;

/// <summary>
/// <c>fxo provision model</c>: list (<c>--shared</c>), show, create, update, delete, share, unshare, shares (spec §3.1,
/// §3.6). <c>show</c> prints <c>{"model", "rid", "code", "aliases", "comments", "historical"}</c> (code masked).
/// </summary>
internal static class ProvisioningModelCommands
{
    /// <summary>The <c>model</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "model",
            "Client models: templates that enabled serial numbers are cloned from."
        );
        group.Subcommands.Add(List(host));
        group.Subcommands.Add(Show(host));
        group.Subcommands.Add(Create(host));
        group.Subcommands.Add(Update(host));
        group.Subcommands.Add(Delete(host));
        group.Subcommands.Add(Share(host));
        group.Subcommands.Add(Unshare(host));
        group.Subcommands.Add(Shares(host));
        return group;
    }

    private static Command List(CliHost host)
    {
        var shared = new Option<bool>("--shared")
        {
            Description = "List the models other vendors share with this vendor (Vendor, Model).",
        };
        var command = new Command("list", "List the vendor's models.") { shared };
        command.SetAction(
            Action(
                host,
                _ => "models",
                async (context, target, ct) =>
                {
                    if (context.Parse.GetValue(shared))
                    {
                        var models = await target
                            .Client.ListSharedModelsAsync(target.Auth, ct)
                            .ConfigureAwait(false);
                        context.Output.Table(
                            ["Vendor", "Model"],
                            models.Select(m => (IReadOnlyList<string>)[m.Vendor, m.Model])
                        );
                    }
                    else
                    {
                        Column(
                            context,
                            "Model",
                            await target
                                .Client.ListModelsAsync(target.Auth, ct)
                                .ConfigureAwait(false)
                        );
                    }
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Show(CliHost host)
    {
        var model = ModelArgument();
        var command = new Command(
            "show",
            "Show a model's template (RID, or share code masked unless --reveal) and what clones copy."
        )
        {
            model,
        };
        command.SetAction(
            Action(
                host,
                p => $"model '{p.GetValue(model)}'",
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var info = await target
                        .Client.GetModelAsync(target.Auth, name, ct)
                        .ConfigureAwait(false);
                    var rid = info.Template is ModelTemplate.Rid r ? r.Value : null;
                    var code = info.Template is ModelTemplate.ShareCode c
                        ? context.Output.Secret(c.Code)
                        : null;
                    Fields(
                        context,
                        [
                            ("Model", name),
                            rid is null ? ("Share code", code ?? "") : ("Template RID", rid),
                            ("Aliases", YesNo(info.Options.Aliases)),
                            ("Comments", YesNo(info.Options.Comments)),
                            ("Historical", YesNo(info.Options.Historical)),
                        ],
                        new JsonObject
                        {
                            ["model"] = name,
                            ["rid"] = ProvisioningCli.Json(rid),
                            ["code"] = ProvisioningCli.Json(code),
                            ["aliases"] = info.Options.Aliases,
                            ["comments"] = info.Options.Comments,
                            ["historical"] = info.Options.Historical,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private sealed record TemplateOptions(
        Option<string?> Rid,
        Option<string?> Code,
        Option<bool> NoAliases,
        Option<bool> NoComments,
        Option<bool> NoHistorical
    )
    {
        public static TemplateOptions Add(Command command)
        {
            var o = new TemplateOptions(
                new Option<string?>("--rid")
                {
                    Description =
                        "The template client's RID (a client in the vendor's own subtree).",
                },
                new Option<string?>("--code")
                {
                    Description = "A share code of the template client (instead of --rid).",
                },
                new Option<bool>("--no-aliases") { Description = "Clones do not copy aliases." },
                new Option<bool>("--no-comments") { Description = "Clones do not copy comments." },
                new Option<bool>("--no-historical")
                {
                    Description = "Clones do not copy historical data.",
                }
            );
            command.Options.Add(o.Rid);
            command.Options.Add(o.Code);
            command.Options.Add(o.NoAliases);
            command.Options.Add(o.NoComments);
            command.Options.Add(o.NoHistorical);
            return o;
        }

        public ModelTemplate? Template(ParseResult parse)
        {
            var rid = parse.GetValue(Rid);
            var code = parse.GetValue(Code);
            return (rid, code) switch
            {
                (not null, not null) => throw new CliUsageException(
                    "--rid, --code: give only one template"
                ),
                (not null, _) => ModelTemplate.FromRid(rid),
                (_, not null) => ModelTemplate.FromShareCode(code),
                _ => null,
            };
        }
    }

    private static Command Create(CliHost host)
    {
        var model = ModelArgument();
        var command = new Command(
            "create",
            "Create a model from a template client (--rid, or --code with a share code of it)."
        )
        {
            model,
        };
        var options = TemplateOptions.Add(command);
        command.SetAction(
            Action(
                host,
                p => $"model '{p.GetValue(model)}'",
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    var template =
                        options.Template(context.Parse)
                        ?? throw new CliUsageException(
                            "--rid: required (or --code): the template client the model clones"
                        );
                    var copy = ModelOptions
                        .Default.WithAliases(!context.Parse.GetValue(options.NoAliases))
                        .WithComments(!context.Parse.GetValue(options.NoComments))
                        .WithHistorical(!context.Parse.GetValue(options.NoHistorical));
                    await target
                        .Client.CreateModelAsync(target.Auth, name, template, copy, ct)
                        .ConfigureAwait(false);
                    Changed(context, "model", "model", name, "created");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Update(CliHost host)
    {
        var model = ModelArgument();
        var command = new Command(
            "update",
            "Change a model's template and what clones copy; what is not given stays as it is."
        )
        {
            model,
        };
        var options = TemplateOptions.Add(command);
        var aliases = new Option<bool>("--aliases") { Description = "Clones copy aliases again." };
        var comments = new Option<bool>("--comments")
        {
            Description = "Clones copy comments again.",
        };
        var historical = new Option<bool>("--historical")
        {
            Description = "Clones copy historical data again.",
        };
        command.Options.Add(aliases);
        command.Options.Add(comments);
        command.Options.Add(historical);
        command.SetAction(
            Action(
                host,
                p => $"model '{p.GetValue(model)}'",
                async (context, target, ct) =>
                {
                    var parse = context.Parse;
                    var name = parse.GetRequiredValue(model);
                    bool Flag(Option<bool> on, Option<bool> off, string what, bool current) =>
                        (parse.GetValue(on), parse.GetValue(off)) switch
                        {
                            (true, true) => throw new CliUsageException(
                                $"--{what}, --no-{what}: give only one"
                            ),
                            (true, _) => true,
                            (_, true) => false,
                            _ => current,
                        };
                    var current = await target
                        .Client.GetModelAsync(target.Auth, name, ct)
                        .ConfigureAwait(false);
                    var copy = new ModelOptions(
                        Flag(aliases, options.NoAliases, "aliases", current.Options.Aliases),
                        Flag(comments, options.NoComments, "comments", current.Options.Comments),
                        Flag(
                            historical,
                            options.NoHistorical,
                            "historical",
                            current.Options.Historical
                        )
                    );
                    await target
                        .Client.UpdateModelAsync(
                            target.Auth,
                            name,
                            options.Template(parse) ?? current.Template,
                            copy,
                            ct
                        )
                        .ConfigureAwait(false);
                    Changed(context, "model", "model", name, "updated");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Delete(CliHost host)
    {
        var model = ModelArgument();
        var command = new Command("delete", "Delete a model with its serial numbers and content.")
        {
            model,
        };
        command.SetAction(
            Action(
                host,
                p => $"model '{p.GetValue(model)}'",
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(model);
                    await target
                        .Client.DeleteModelAsync(target.Auth, name, ct)
                        .ConfigureAwait(false);
                    Changed(context, "model", "model", name, "deleted");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Share(CliHost host) =>
        ShareChange(host, "share", "Share a model with another vendor.", unshare: false);

    private static Command Unshare(CliHost host) =>
        ShareChange(host, "unshare", "Stop sharing a model with a vendor.", unshare: true);

    private static Command ShareChange(CliHost host, string name, string description, bool unshare)
    {
        var model = ModelArgument();
        var vendor = new Argument<string>("vendor") { Description = "The other vendor's name." };
        var command = new Command(name, description) { model, vendor };
        command.SetAction(
            Action(
                host,
                p => $"model '{p.GetValue(model)}', vendor '{p.GetValue(vendor)}'",
                async (context, target, ct) =>
                {
                    var m = context.Parse.GetRequiredValue(model);
                    var v = context.Parse.GetRequiredValue(vendor);
                    if (unshare)
                    {
                        await target
                            .Client.UnshareModelAsync(target.Auth, m, v, ct)
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        await target
                            .Client.ShareModelAsync(target.Auth, m, v, ct)
                            .ConfigureAwait(false);
                    }
                    var verb = unshare ? "unshared" : "shared";
                    Done(
                        context,
                        $"model '{m}' {verb} {(unshare ? "from" : "with")} vendor '{v}'",
                        new JsonObject
                        {
                            ["model"] = m,
                            ["vendor"] = v,
                            ["done"] = verb,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Shares(CliHost host)
    {
        var model = ModelArgument();
        var command = new Command("shares", "List the vendors a model is shared with.") { model };
        command.SetAction(
            Action(
                host,
                p => $"model '{p.GetValue(model)}'",
                async (context, target, ct) =>
                {
                    Column(
                        context,
                        "Vendor",
                        await target
                            .Client.ListSharesAsync(
                                target.Auth,
                                context.Parse.GetRequiredValue(model),
                                ct
                            )
                            .ConfigureAwait(false)
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
