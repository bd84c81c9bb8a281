using System.CommandLine;

namespace Functional.Cli.Commands.Provisioning;

/// <summary>
/// <c>fxo provision</c>: the Provisioning API (spec §3) — <c>model</c>, <c>sn</c>, <c>content</c>, <c>group</c>,
/// <c>vendor</c> and device <c>activate</c>. Credentials: <c>--vendor-token</c> / <c>FXO_VENDOR_TOKEN</c> / config
/// <c>provision.token</c>, or <c>--cik</c>; with neither and no server named, the embedded emulator's vendor token.
/// <para>
/// JSON shapes (<c>--json</c>): lists are arrays of objects keyed by the lower-cased column names (e.g.
/// <c>model list</c> → <c>[{"model": "m"}]</c>, <c>sn list</c> → <c>[{"sn", "status", "rid", "extra"}]</c> with null for
/// blanks); single objects (<c>model show</c>, <c>sn enable</c>, <c>content info</c>, <c>activate</c>, …) are one object
/// documented on each command; changes print <c>{"model": …, "&lt;what&gt;": …, "done": "&lt;verb&gt;"}</c>. Secrets (CIKs,
/// tokens, share codes) are masked in both forms unless <c>--reveal</c>.
/// </para>
/// </summary>
internal static class ProvisioningCommands
{
    /// <summary>The <c>provision</c> group.</summary>
    public static Command Build(CliHost host)
    {
        var group = new Command(
            "provision",
            "Provisioning API: client models, serial numbers, content, groups, vendor tokens and device activation."
        );
        group.Options.Add(ProvisioningCli.VendorToken);
        group.Options.Add(ProvisioningCli.Cik);
        group.Subcommands.Add(ProvisioningModelCommands.Build(host));
        group.Subcommands.Add(ProvisioningSerialNumberCommands.Build(host));
        group.Subcommands.Add(ProvisioningContentCommands.Build(host));
        group.Subcommands.Add(ProvisioningGroupCommands.Build(host));
        group.Subcommands.Add(ProvisioningVendorCommands.Build(host));
        group.Subcommands.Add(ProvisioningVendorCommands.Activate(host));
        return group;
    }
}
