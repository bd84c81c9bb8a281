using System.Text.Json;
using Functional.Core.Provisioning;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;

namespace Functional.Tests.Security;

/// <summary>
/// Ids with path syntax in them (<c>/</c>, <c>..</c>, <c>%2F</c>, <c>?</c>, <c>#</c>) go over real sockets as one
/// escaped segment: each reaches the emulator as exactly that name and touches only its own resource, never a
/// neighbour whose name is a piece of it.
/// </summary>
public sealed class PathEscapingTests
{
    /// <summary>Names that would address something else if sent unescaped.</summary>
    private static readonly string[] Tricky =
    [
        "a/b",
        "a/../victim",
        "..",
        "../victim",
        "%2F",
        "a%2Fb",
        "victim%2F..",
        "q?name=victim",
        "frag#victim",
        "a b+c&d=e;f",
    ];

    /// <summary>Resources whose names are pieces of the tricky ones.</summary>
    private static readonly string[] Decoys = ["victim", "a", "b", "q", "frag", "."];

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Hiera(string name, string value) =>
        JsonSerializer.Serialize(new { name, hieradata = new { v = value } });

    [Fact]
    public async Task Sis_ids_with_path_syntax_reach_the_emulator_as_one_segment()
    {
        await using var sis = await SisEmulator.StartAsync(
            new SisEmulatorOptions { AuthEnabled = false, Seed = 1 }
        );
        using var http = new HttpClient();
        var client = new SisClient(http, new SisClientOptions(sis.BaseUri));
        // Dot segments cannot be escaped (servers normalise them): the builders refuse them as ids.
        foreach (var dots in new[] { ".", ".." })
            await Assert.ThrowsAsync<SisValidationException>(() => client.Hiera.GetAsync(dots));
        var tricky = Tricky.Where(n => n != "..").ToArray();
        var decoys = Decoys.Where(n => n != ".").ToArray();
        foreach (var decoy in decoys)
            await client.Hiera.CreateAsync(Json(Hiera(decoy, "decoy-" + decoy)));

        foreach (var name in tricky)
        {
            // Create by body, then read, update and read again by path.
            await client.Hiera.CreateAsync(Json(Hiera(name, "v1")));
            var got = await client.Hiera.GetAsync(name);
            Assert.Equal("v1", got.Json.GetProperty(name).GetProperty("v").GetString());
            var updated = await client.Hiera.UpdateAsync(name, Json(Hiera(name, "v2")));
            Assert.Equal(name, updated.Json.GetProperty("name").GetString());
            got = await client.Hiera.GetAsync(name);
            Assert.Equal("v2", got.Json.GetProperty(name).GetProperty("v").GetString());
        }

        var names = (await client.Hiera.FetchPageAsync())
            .Items.Select(i => i.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(decoys.Concat(tricky).Order(StringComparer.Ordinal), names);
        await AssertDecoysUntouchedAsync(client, decoys);

        foreach (var name in tricky)
        {
            var deleted = await client.Hiera.DeleteAsync(name);
            Assert.Equal(name, deleted.Json.GetProperty("name").GetString());
        }
        names = (await client.Hiera.FetchPageAsync())
            .Items.Select(i => i.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(decoys.Order(StringComparer.Ordinal), names);
        await AssertDecoysUntouchedAsync(client, decoys);
    }

    private static async Task AssertDecoysUntouchedAsync(SisClient client, string[] decoys)
    {
        foreach (var decoy in decoys)
        {
            var got = await client.Hiera.GetAsync(decoy);
            Assert.Equal(
                "decoy-" + decoy,
                got.Json.GetProperty(decoy).GetProperty("v").GetString()
            );
        }
    }

    [Fact]
    public async Task Provisioning_model_names_with_path_syntax_reach_the_emulator_as_one_segment()
    {
        const string token = "2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b";
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Seed = 2,
                Vendor = "acme",
                VendorToken = token,
            }
        );
        using var http = new HttpClient();
        var rpc = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = onep.BaseUri }
        );
        var provisioning = new ProvisioningClient(
            http,
            new ProvisioningClientOptions { Endpoint = onep.BaseUri, ManageByCik = false }
        );
        var vendor = provisioning.Auth(token);
        var root = Auth.Cik(onep.RootCik);
        var template = await rpc.CreateClientAsync(
            root,
            ResourceId.Self,
            ClientDescription.Default.WithName("template").WithLimits(ClientLimits.InheritAll)
        );
        var code = await rpc.ShareAsync(root, ResourceId.Rid(template));
        // "." and ".." are not usable model names for any server (dot segments); the rest are.
        var models = Tricky.Where(n => n != "..").ToArray();
        var decoys = Decoys.Where(n => n != ".").ToArray();
        foreach (var name in decoys.Concat(models))
            await provisioning.CreateModelAsync(vendor, name, ModelTemplate.FromShareCode(code));

        foreach (var name in models)
        {
            await provisioning.AddSerialNumberAsync(vendor, name, "sn-" + name);
            var serials = await provisioning.ListSerialNumbersAsync(vendor, name);
            Assert.Equal("sn-" + name, Assert.Single(serials).SerialNumber);
            await provisioning.GetModelAsync(vendor, name);
        }
        foreach (var decoy in decoys)
            Assert.Empty(await provisioning.ListSerialNumbersAsync(vendor, decoy));

        foreach (var name in models)
            await provisioning.DeleteModelAsync(vendor, name);
        Assert.Equal(
            decoys.Order(StringComparer.Ordinal),
            (await provisioning.ListModelsAsync(vendor)).Order(StringComparer.Ordinal)
        );
    }
}
