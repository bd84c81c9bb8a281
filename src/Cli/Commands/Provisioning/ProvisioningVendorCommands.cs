using System.CommandLine;
using System.Text.Json.Nodes;
using static Functional.Cli.Commands.Provisioning.ProvisioningCli;

namespace Functional.Cli.Commands.Provisioning;

/// <summary>
/// <c>fxo provision vendor</c> (show, register, unregister, token list|create|show|delete; spec §3.6) and
/// <c>fxo provision activate</c> (spec §3.7). Tokens and CIKs are printed through <c>Output.Secret</c>:
/// <c>token create|show</c> → <c>{"id", "token"}</c>, <c>activate</c> → <c>{"vendor", "model", "sn", "cik"}</c>.
/// </summary>
internal static class ProvisioningVendorCommands
{
    /// <summary>The <c>vendor</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "vendor",
            "The vendor behind the credentials, vendor names and vendor tokens."
        );
        group.Subcommands.Add(Show(host));
        group.Subcommands.Add(
            Registration(host, "register", "Register a vendor name for the credentials' client.")
        );
        group.Subcommands.Add(Registration(host, "unregister", "Unregister a vendor name."));
        group.Subcommands.Add(Tokens(host));
        return group;
    }

    private static Command Show(CliHost host)
    {
        var command = new Command("show", "Show the vendor name the credentials belong to.");
        command.SetAction(
            Action(
                host,
                _ => "vendor",
                async (context, target, ct) =>
                {
                    var name = await target
                        .Client.ShowVendorAsync(target.Auth, ct)
                        .ConfigureAwait(false);
                    Fields(context, [("Vendor", name)], new JsonObject { ["vendor"] = name });
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Registration(CliHost host, string verb, string description)
    {
        var vendor = new Argument<string>("vendor") { Description = "The vendor name." };
        var command = new Command(verb, description) { vendor };
        command.SetAction(
            Action(
                host,
                p => $"vendor '{p.GetValue(vendor)}'",
                async (context, target, ct) =>
                {
                    var name = context.Parse.GetRequiredValue(vendor);
                    if (verb == "register")
                    {
                        await target
                            .Client.RegisterVendorAsync(target.Auth, name, ct)
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        await target
                            .Client.UnregisterVendorAsync(target.Auth, name, ct)
                            .ConfigureAwait(false);
                    }
                    Changed(context, "vendor", "vendor", name, verb + "ed");
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    private static Command Tokens(CliHost host)
    {
        var group = new Command("token", "Vendor tokens (secrets: masked unless --reveal).");

        var list = new Command("list", "List the vendor's token ids.");
        list.SetAction(
            Action(
                host,
                _ => "vendor tokens",
                async (context, target, ct) =>
                {
                    Column(
                        context,
                        "ID",
                        await target.Client.ListTokensAsync(target.Auth, ct).ConfigureAwait(false)
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        group.Subcommands.Add(list);

        group.Subcommands.Add(
            TokenCommand(
                host,
                "create",
                "Create a vendor token with this id and print it (masked unless --reveal).",
                (target, id, ct) => target.Client.CreateTokenAsync(target.Auth, id, ct)
            )
        );
        group.Subcommands.Add(
            TokenCommand(
                host,
                "show",
                "Print the vendor token with this id (masked unless --reveal).",
                (target, id, ct) => target.Client.GetTokenAsync(target.Auth, id, ct)
            )
        );

        var deleteId = new Argument<string>("id") { Description = "The token's id." };
        var delete = new Command("delete", "Delete a vendor token.") { deleteId };
        delete.SetAction(
            Action(
                host,
                p => $"token '{p.GetValue(deleteId)}'",
                async (context, target, ct) =>
                {
                    var id = context.Parse.GetRequiredValue(deleteId);
                    await target.Client.DeleteTokenAsync(target.Auth, id, ct).ConfigureAwait(false);
                    Changed(context, "token", "id", id, "deleted");
                    return ExitCodes.Ok;
                }
            )
        );
        group.Subcommands.Add(delete);
        return group;
    }

    private static Command TokenCommand(
        CliHost host,
        string name,
        string description,
        Func<Targets.ProvisioningTarget, string, CancellationToken, Task<string>> call
    )
    {
        var id = new Argument<string>("id") { Description = "The token's id." };
        var command = new Command(name, description) { id };
        command.SetAction(
            Action(
                host,
                p => $"token '{p.GetValue(id)}'",
                async (context, target, ct) =>
                {
                    var tokenId = context.Parse.GetRequiredValue(id);
                    var token = context.Output.Secret(
                        await call(target, tokenId, ct).ConfigureAwait(false)
                    );
                    Fields(
                        context,
                        [("ID", tokenId), ("Token", token)],
                        new JsonObject { ["id"] = tokenId, ["token"] = token }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }

    /// <summary><c>fxo provision activate &lt;vendor&gt; &lt;model&gt; &lt;sn&gt;</c>: activates a device as the device would.</summary>
    public static Command Activate(CliHost host)
    {
        var vendor = new Argument<string>("vendor")
        {
            Description = "The vendor name (see 'fxo provision vendor show').",
        };
        var model = ModelArgument();
        var sn = SerialArgument();
        var command = new Command(
            "activate",
            "Activate a device (as the device does): prints its new CIK, masked unless --reveal. Needs no vendor credentials."
        )
        {
            vendor,
            model,
            sn,
        };
        command.SetAction(
            CliRun.Action(
                host,
                async (context, ct) =>
                {
                    var parse = context.Parse;
                    var v = parse.GetRequiredValue(vendor);
                    var m = parse.GetRequiredValue(model);
                    var s = parse.GetRequiredValue(sn);
                    await using var target = await context
                        .OpenProvisioningAsync(parse.GetValue(VendorToken), null, ct)
                        .ConfigureAwait(false);
                    string cik;
                    try
                    {
                        cik = await target.Client.ActivateAsync(v, m, s, ct).ConfigureAwait(false);
                    }
                    catch (Facade.Provisioning.ProvisioningException e)
                    {
                        var why =
                            e.Status == 409
                                ? $"not activated: the serial number is not enabled, was already activated, or its activation window expired ({e.Message})"
                                : Explain(e);
                        await context
                            .Host.Error.WriteLineAsync(
                                $"fxo: vendor '{v}', model '{m}', sn '{s}': {why}"
                            )
                            .ConfigureAwait(false);
                        return ExitCodes.ApiError;
                    }
                    var shown = context.Output.Secret(cik);
                    Fields(
                        context,
                        [("Vendor", v), ("Model", m), ("SN", s), ("CIK", shown)],
                        new JsonObject
                        {
                            ["vendor"] = v,
                            ["model"] = m,
                            ["sn"] = s,
                            ["cik"] = shown,
                        }
                    );
                    return ExitCodes.Ok;
                }
            )
        );
        return command;
    }
}
