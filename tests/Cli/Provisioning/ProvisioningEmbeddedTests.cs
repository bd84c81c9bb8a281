using System.Text.Json.Nodes;
using Functional.Cli.Targets;
using Functional.Emulators.OnePlatform;

namespace Functional.Tests.Cli.Provisioning;

public class ProvisioningEmbeddedTests
{
    [Fact]
    public async Task Without_url_commands_use_the_embedded_emulator_and_its_vendor_token_across_invocations()
    {
        using var fxo = new CliHarness();
        var first = await fxo.OkAsync("provision", "vendor", "show", "--json");
        Assert.Equal("vendor", (string?)first.Json["vendor"]);
        Assert.Contains("embedded", first.Error, StringComparison.Ordinal);

        // A template client in the vendor's subtree, added to the embedded state between invocations.
        var credentials = JsonNode.Parse(
            await File.ReadAllTextAsync(Embedded.CredentialsFile(fxo.Directory))
        )!;
        var token = (string)credentials["vendorToken"]!;
        string template;
        await using (
            var seeding = await OnePlatformEmulator.StartAsync(
                new OnePlatformEmulatorOptions
                {
                    StatePath = Embedded.OnePlatformState(fxo.Directory),
                    VendorToken = token,
                }
            )
        )
        {
            template = seeding.CreateClient(seeding.RootRid, "template").Rid;
        }

        await fxo.OkAsync("provision", "model", "create", "local", "--rid", template);
        await fxo.OkAsync("provision", "sn", "add", "local", "001");
        var enabled = (
            await fxo.OkAsync("provision", "sn", "enable", "local", "001", "--json")
        ).Json;
        Assert.Matches("^[0-9a-f]{40}$", (string)enabled["rid"]!);

        var models = await fxo.OkAsync("provision", "model", "list");
        Assert.Equal(new[] { "Model", "-----", "local" }, models.Lines);
        var activated = await fxo.OkAsync("provision", "activate", "vendor", "local", "001");
        Assert.Contains("CIK", activated.Out, StringComparison.Ordinal);
        foreach (var r in new[] { first, models, activated })
        {
            Assert.DoesNotContain(token, r.Out, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(token, models.Error + activated.Error, StringComparison.Ordinal);
    }
}
