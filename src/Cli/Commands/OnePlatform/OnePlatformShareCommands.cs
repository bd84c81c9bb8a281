using System.CommandLine;
using System.Text.Json.Nodes;
using Functional.Core.OnePlatform;
using LE = LanguageExt;

namespace Functional.Cli.Commands.OnePlatform;

/// <summary>Shares, keys and annotations: share, revoke, activate, deactivate, grant, tag and comment.</summary>
internal static partial class OnePlatformCommands
{
    private static Option<string> CodeTypeOption(string description)
    {
        var option = new Option<string>("--type")
        {
            Description = description,
            DefaultValueFactory = _ => "share",
        };
        option.AcceptOnlyFromAmong("share", "client");
        return option;
    }

    private static CodeType CodeTypeOf(string text) =>
        text == "client" ? CodeType.Client : CodeType.Share;

    private static Command Share(CliHost host)
    {
        var resource = ResourceArgument("resource", "The resource to share (default: the caller).");
        var meta = new Option<string?>("--meta") { Description = "Meta text of the share." };
        var code = new Option<string?>("--code")
        {
            Description = "An existing share code whose meta to update instead.",
        };
        var command = new Command(
            "share",
            "Share a resource; prints the share code (masked unless --reveal). --json: {\"code\"}."
        )
        {
            resource,
            meta,
            code,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var options = ShareOptions.Default;
                    if (context.Parse.GetValue(meta) is { } m)
                    {
                        options = options.WithMeta(m);
                    }
                    if (context.Parse.GetValue(code) is { } c)
                    {
                        options = options.WithCode(c);
                    }
                    var shared = await target
                        .Client.ShareAsync(
                            target.Auth,
                            Resource(context.Parse.GetValue(resource)),
                            options,
                            ct
                        )
                        .ConfigureAwait(false);
                    var shown = context.Output.Secret(shared);
                    Result(context, new JsonObject { ["code"] = shown }, [("code", shown)]);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Revoke(CliHost host)
    {
        var code = new Argument<string>("code")
        {
            Description = "The share code, or the client key (CIK) with --type client.",
        };
        var type = CodeTypeOption(
            "share (default) or client (the client gets a new key to activate)."
        );
        var command = new Command(
            "revoke",
            "Revoke a share code or a client key. --json: {\"ok\": true}."
        )
        {
            code,
            type,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var kind = context.Parse.GetValue(type)!;
                    await target
                        .Client.RevokeAsync(
                            target.Auth,
                            CodeTypeOf(kind),
                            context.Parse.GetRequiredValue(code),
                            ct
                        )
                        .ConfigureAwait(false);
                    Done(context, $"revoked the {kind} code");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Activate(CliHost host) =>
        Activation(host, "activate", "Activate a share code or a client key for a client.");

    private static Command Deactivate(CliHost host) =>
        Activation(
            host,
            "deactivate",
            "Deactivate a client key, or remove a client's activation of a share."
        );

    private static Command Activation(CliHost host, string name, string description)
    {
        var code = new Argument<string>("code")
        {
            Description = "The share code, or the client key (CIK) with --type client.",
        };
        var type = CodeTypeOption("share (default) or client.");
        var client = new Option<string?>("--client")
        {
            Description = "The client to act for (default: the caller).",
        };
        var command = new Command(name, description + " --json: {\"ok\": true}.")
        {
            code,
            type,
            client,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var kind = CodeTypeOf(context.Parse.GetValue(type)!);
                    var id = Resource(context.Parse.GetValue(client));
                    var value = context.Parse.GetRequiredValue(code);
                    if (name == "activate")
                    {
                        await target
                            .Client.ActivateAsync(target.Auth, id, kind, value, ct)
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        await target
                            .Client.DeactivateAsync(target.Auth, id, kind, value, ct)
                            .ConfigureAwait(false);
                    }
                    Done(context, $"{name}d the {context.Parse.GetValue(type)} code");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Grant(CliHost host)
    {
        var resource = ResourceArgument(
            "resource",
            "The client the token acts as (default: the caller)."
        );
        var permit = new Option<string[]>("--permit", "-p")
        {
            Description =
                "<resource>=<procedure>[,<procedure>...] (resource as RID or alias of the caller), e.g. temp=read,write; repeatable.",
            Required = true,
        };
        var ttl = new Option<long?>("--ttl") { Description = "Seconds until the token expires." };
        var command = new Command(
            "grant",
            "Grant a token allowed to call the listed procedures; prints the token (masked unless --reveal). --json: {\"token\"}."
        )
        {
            resource,
            permit,
            ttl,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var permissions = new Dictionary<string, IReadOnlyList<string>>(
                        StringComparer.Ordinal
                    );
                    foreach (var entry in context.Parse.GetValue(permit) ?? [])
                    {
                        var eq = entry.IndexOf('=', StringComparison.Ordinal);
                        if (eq <= 0 || eq == entry.Length - 1)
                        {
                            throw new CliUsageException(
                                $"--permit: expected <resource>=<procedure>[,<procedure>] (got '{entry}')"
                            );
                        }
                        var rid = await RidOfAsync(target, entry[..eq], ct).ConfigureAwait(false);
                        permissions[rid] = entry[(eq + 1)..]
                            .Split(
                                ',',
                                StringSplitOptions.RemoveEmptyEntries
                                    | StringSplitOptions.TrimEntries
                            );
                    }
                    if (context.Parse.GetValue(ttl) is <= 0)
                    {
                        throw new CliUsageException("--ttl: must be a positive number of seconds");
                    }
                    var token = await target
                        .Client.GrantAsync(
                            target.Auth,
                            Resource(context.Parse.GetValue(resource)),
                            permissions,
                            context.Parse.GetValue(ttl) is { } t ? TimeSpan.FromSeconds(t) : null,
                            ct
                        )
                        .ConfigureAwait(false);
                    var shown = context.Output.Secret(token);
                    Result(context, new JsonObject { ["token"] = shown }, [("token", shown)]);
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Tag(CliHost host)
    {
        var resource = RequiredResource("resource", "The resource to tag (RID or alias).");
        var add = new Option<string[]>("--add") { Description = "Tag to add (repeatable)." };
        var remove = new Option<string[]>("--remove")
        {
            Description = "Tag to remove (repeatable).",
        };
        var command = new Command(
            "tag",
            "Add or remove tags on a resource (batched). --json: {\"ok\": true}."
        )
        {
            resource,
            add,
            remove,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    var id = Resource(context.Parse.GetRequiredValue(resource));
                    var batch = target.Client.Batch(target.Auth);
                    foreach (var t in context.Parse.GetValue(add) ?? [])
                    {
                        batch = batch.Tag(id, TagAction.Add, t);
                    }
                    foreach (var t in context.Parse.GetValue(remove) ?? [])
                    {
                        batch = batch.Tag(id, TagAction.Remove, t);
                    }
                    if (batch.Count == 0)
                    {
                        throw new CliUsageException("--add: give --add or --remove");
                    }
                    foreach (var a in await batch.SendAsync(ct).ConfigureAwait(false))
                    {
                        a.GetValue<LE.Unit>();
                    }
                    Done(context, $"tagged {context.Parse.GetRequiredValue(resource)}");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Comment(CliHost host)
    {
        var resource = RequiredResource("resource", "The resource to comment on (RID or alias).");
        var text = new Argument<string>("text") { Description = "The comment." };
        var isPrivate = new Option<bool>("--private")
        {
            Description = "A private comment (default public).",
        };
        var command = new Command(
            "comment",
            "Attach a comment to a resource (deprecated procedure; see info --include comments). --json: {\"ok\": true}."
        )
        {
            resource,
            text,
            isPrivate,
        };
        command.SetAction(
            Run(
                host,
                async (context, target, ct) =>
                {
                    await target
                        .Client.CommentAsync(
                            target.Auth,
                            Resource(context.Parse.GetRequiredValue(resource)),
                            context.Parse.GetValue(isPrivate)
                                ? CommentVisibility.Private
                                : CommentVisibility.Public,
                            context.Parse.GetRequiredValue(text),
                            ct
                        )
                        .ConfigureAwait(false);
                    Done(context, "commented");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
