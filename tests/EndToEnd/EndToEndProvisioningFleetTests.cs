using System.Text;
using Functional.Core.Provisioning;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// Fleet management through the real <see cref="ProvisioningClient"/> against the emulator over sockets: vendor
/// registration and tokens, model shares with <c>X-Exosite-Vendor</c>, groups granting protected content, the
/// documented error statuses as typed exceptions, and paging of serial numbers at scale (spec §3.1–§3.7).
/// </summary>
public sealed class EndToEndProvisioningFleetTests
{
    private const string Acme = ProvisioningSession.VendorName;

    /// <summary>A client under the root with its own CIK, able to own clients of its own.</summary>
    private static async Task<(string Rid, string Cik)> ClientAsync(
        ProvisioningSession s,
        string name
    )
    {
        var rid = await s.Rpc.CreateClientAsync(
            s.Root,
            ResourceId.Self,
            ClientDescription.Default.WithName(name).WithLimits(ClientLimits.InheritAll)
        );
        var cik = (string)
            (await s.Rpc.InfoAsync(s.Root, ResourceId.Rid(rid), InfoOptions.OnlyKey)).Key;
        return (rid, cik);
    }

    [Fact]
    public async Task A_client_registers_a_vendor_and_manages_it_by_CIK_and_by_its_own_tokens()
    {
        await using var s = await ProvisioningSession.StartAsync();
        var (_, globexCik) = await ClientAsync(s, "globex portal");
        var byCik = ProvisioningAuth.Cik(globexCik);

        var unregistered = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.ListModelsAsync(byCik)
        );
        Assert.True(unregistered.IsForbidden);

        await s.Provisioning.RegisterVendorAsync(byCik, "globex");
        Assert.Equal("globex", await s.Provisioning.ShowVendorAsync(byCik));
        var taken = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.RegisterVendorAsync(byCik, Acme)
        );
        Assert.True(taken.IsConflict);

        var token = await s.Provisioning.CreateTokenAsync(byCik, "ci");
        Assert.True(EndToEndHarness.IsId(token));
        Assert.Equal(["ci"], await s.Provisioning.ListTokensAsync(byCik));
        Assert.Equal(token, await s.Provisioning.GetTokenAsync(byCik, "ci"));
        var byToken = ProvisioningAuth.Token(token);
        Assert.Equal("globex", await s.Provisioning.ShowVendorAsync(byToken));

        // A template by RID must be a client of globex's own subtree; acme's template is refused.
        var (acmeTemplate, _) = await s.TemplateAsync();
        var foreign = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.CreateModelAsync(byToken, "gadget", ModelTemplate.FromRid(acmeTemplate))
        );
        Assert.Equal(400, foreign.Status);
        var own = await s.Rpc.CreateClientAsync(
            Auth.Cik(globexCik),
            ResourceId.Self,
            ClientDescription.Default.WithName("gadget template")
        );
        await s.Provisioning.CreateModelAsync(byToken, "gadget", ModelTemplate.FromRid(own));
        Assert.Equal(["gadget"], await s.Provisioning.ListModelsAsync(byToken));
        Assert.DoesNotContain("gadget", await s.Provisioning.ListModelsAsync(s.Vendor));

        await s.Provisioning.DeleteTokenAsync(byCik, "ci");
        Assert.Empty(await s.Provisioning.ListTokensAsync(byCik));
        var revoked = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.ListModelsAsync(byToken)
        );
        Assert.True(revoked.IsForbidden);
        Assert.Equal(403, revoked.Status);

        await s.Provisioning.UnregisterVendorAsync(byCik, "globex");
        Assert.True(
            (
                await Assert.ThrowsAsync<ProvisioningException>(() =>
                    s.Provisioning.ListModelsAsync(byCik)
                )
            ).IsForbidden
        );
    }

    [Fact]
    public async Task A_shared_model_lets_the_other_vendor_enable_disable_and_regenerate_its_own_devices_only()
    {
        await using var s = await ProvisioningSession.StartAsync();
        await s.ModelAsync("sensor");
        await s.Provisioning.AddSerialNumberAsync(s.Vendor, "sensor", "sn-1", "acme secret");
        await s.Provisioning.AddSerialNumberAsync(s.Vendor, "sensor", "sn-2", "other");
        var (_, globexCik) = await ClientAsync(s, "globex portal");
        var globex = ProvisioningAuth.Cik(globexCik);
        await s.Provisioning.RegisterVendorAsync(globex, "globex");
        var shared = globex.WithSharedVendor(Acme);

        var notYet = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.ListSerialNumbersAsync(shared, "sensor")
        );
        Assert.True(notYet.IsForbidden);

        await s.Provisioning.ShareModelAsync(s.Vendor, "sensor", "globex");
        Assert.True(await s.Provisioning.IsModelSharedAsync(s.Vendor, "sensor", "globex"));
        Assert.Equal(["globex"], await s.Provisioning.ListSharesAsync(s.Vendor, "sensor"));
        Assert.Equal(
            [new SharedModel(Acme, "sensor")],
            await s.Provisioning.ListSharedModelsAsync(globex)
        );
        Assert.Empty(await s.Provisioning.ListSerialNumbersAsync(shared, "sensor"));

        // The owner must descend from globex's own client.
        var (acmeOwner, _) = await ClientAsync(s, "acme owner");
        var outside = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.EnableSerialNumberAsync(shared, "sensor", "sn-1", acmeOwner)
        );
        Assert.True(outside.IsForbidden);
        var globexOwner = await s.Rpc.CreateClientAsync(
            Auth.Cik(globexCik),
            ResourceId.Self,
            ClientDescription.Default.WithName("globex fleet").WithLimits(ClientLimits.InheritAll)
        );
        var device = await s.Provisioning.EnableSerialNumberAsync(
            shared,
            "sensor",
            "sn-1",
            globexOwner
        );
        var listed = Assert.Single(await s.Provisioning.ListSerialNumbersAsync(shared, "sensor"));
        Assert.Equal(("sn-1", Some(device), ""), (listed.SerialNumber, listed.Rid, listed.Extra));
        var cik = await s.Provisioning.ActivateAsync(Acme, "sensor", "sn-1");
        Assert.Equal(ResourceStatus.Activated, await s.StatusAsync(device));

        await s.Provisioning.DisableSerialNumberAsync(shared, "sensor", "sn-1");
        Assert.Equal(ResourceStatus.Expired, await s.StatusAsync(device));
        await s.Provisioning.RegenerateSerialNumberAsync(shared, "sensor", "sn-1");
        Assert.NotEqual(cik, await s.Provisioning.ActivateAsync(Acme, "sensor", "sn-1"));

        foreach (
            var refused in new Func<Task>[]
            {
                () => s.Provisioning.AddSerialNumberAsync(shared, "sensor", "sn-3"),
                () => s.Provisioning.GetSerialNumberInfoAsync(shared, "sensor", "sn-1"),
                () => s.Provisioning.DeleteSerialNumberAsync(shared, "sensor", "sn-2"),
            }
        )
        {
            Assert.True((await Assert.ThrowsAsync<ProvisioningException>(refused)).IsForbidden);
        }
        // X-Exosite-Vendor addresses serial numbers only: the model itself is not globex's.
        Assert.True(
            (
                await Assert.ThrowsAsync<ProvisioningException>(() =>
                    s.Provisioning.GetModelAsync(shared, "sensor")
                )
            ).IsNotFound
        );

        // The owner still sees every serial number with its extra.
        Assert.Equal(
            [("sn-1", "acme secret"), ("sn-2", "other")],
            (await s.Provisioning.ListSerialNumbersAsync(s.Vendor, "sensor")).Select(r =>
                (r.SerialNumber, r.Extra)
            )
        );
        await s.Provisioning.UnshareModelAsync(s.Vendor, "sensor", "globex");
        Assert.False(await s.Provisioning.IsModelSharedAsync(s.Vendor, "sensor", "globex"));
        Assert.True(
            (
                await Assert.ThrowsAsync<ProvisioningException>(() =>
                    s.Provisioning.DisableSerialNumberAsync(shared, "sensor", "sn-1")
                )
            ).IsForbidden
        );
    }

    [Fact]
    public async Task Groups_grant_protected_content_to_the_serial_numbers_they_hold()
    {
        await using var s = await ProvisioningSession.StartAsync();
        await s.ModelAsync("sensor");
        await s.Provisioning.AddSerialNumberAsync(s.Vendor, "sensor", "sn-1");
        var (owner, _) = await ClientAsync(s, "owner");
        await s.Provisioning.EnableSerialNumberAsync(s.Vendor, "sensor", "sn-1", owner);
        var cik = await s.Provisioning.ActivateAsync(Acme, "sensor", "sn-1");
        await s.Provisioning.CreateContentAsync(s.Vendor, "sensor", "public", "for all");
        await s.Provisioning.CreateContentAsync(
            s.Vendor,
            "sensor",
            "firmware",
            "v2",
            isProtected: true
        );
        var image = Encoding.UTF8.GetBytes("firmware image v2");
        await s.Provisioning.UploadContentAsync(
            s.Vendor,
            "sensor",
            "firmware",
            image,
            "application/octet-stream"
        );
        Assert.Equal(["public"], await s.Provisioning.DeviceListContentAsync(cik, Acme, "sensor"));
        Assert.Empty(await s.Provisioning.ListGroupsAsync(s.Vendor, "sensor"));

        await s.Provisioning.CreateGroupAsync(s.Vendor, "sensor", "beta", "beta testers, wave 1");
        await s.Provisioning.CreateGroupAsync(s.Vendor, "sensor", "fw", "firmware v2");
        await s.Provisioning.AddGroupMembersAsync(s.Vendor, "sensor", "beta", "sn", ["sn-1"]);
        await s.Provisioning.AddGroupMembersAsync(
            s.Vendor,
            "sensor",
            "fw",
            "content",
            ["firmware"]
        );
        Assert.Equal(["public"], await s.Provisioning.DeviceListContentAsync(cik, Acme, "sensor"));

        // fw holds the content and, through the nested group beta, the serial number.
        await s.Provisioning.AddGroupMembersAsync(s.Vendor, "sensor", "fw", "group", ["beta"]);
        Assert.Equal(
            ["firmware", "public"],
            await s.Provisioning.DeviceListContentAsync(cik, Acme, "sensor")
        );
        Assert.Equal(
            image,
            (
                await s.Provisioning.DeviceDownloadAsync(cik, Acme, "sensor", "firmware")
            ).Bytes.ToArray()
        );
        Assert.Equal(
            [new GroupRow("beta", "beta testers, wave 1"), new GroupRow("fw", "firmware v2")],
            await s.Provisioning.ListGroupsAsync(s.Vendor, "sensor")
        );
        Assert.Equal(
            new GroupInfo("beta testers, wave 1", 1),
            await s.Provisioning.GetGroupInfoAsync(s.Vendor, "sensor", "beta")
        );
        Assert.Equal(
            ["fw"],
            await s.Provisioning.ListParentGroupsAsync(s.Vendor, "sensor", "beta")
        );
        Assert.Equal(
            ["beta"],
            await s.Provisioning.ListSerialNumberGroupsAsync(s.Vendor, "sensor", "sn-1")
        );
        Assert.Equal(
            ["fw"],
            await s.Provisioning.ListContentGroupsAsync(s.Vendor, "sensor", "firmware")
        );
        Assert.Equal(
            [("content", "firmware"), ("group", "beta")],
            (await s.Provisioning.ListGroupMembersAsync(s.Vendor, "sensor", "fw")).Select(m =>
                (m.Type, m.MemberId)
            )
        );

        await s.Provisioning.RemoveGroupMembersAsync(s.Vendor, "sensor", "fw", "group", ["beta"]);
        Assert.Equal(["public"], await s.Provisioning.DeviceListContentAsync(cik, Acme, "sensor"));
        var hidden = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.DeviceDownloadAsync(cik, Acme, "sensor", "firmware")
        );
        Assert.True(hidden.IsForbidden);
        await s.Provisioning.DeleteGroupAsync(s.Vendor, "sensor", "beta");
        Assert.Empty(await s.Provisioning.ListSerialNumberGroupsAsync(s.Vendor, "sensor", "sn-1"));
    }

    [Fact]
    public async Task Every_documented_error_status_arrives_as_a_typed_exception_or_as_the_raw_response()
    {
        await using var s = await ProvisioningSession.StartAsync();
        await s.ModelAsync("sensor");
        await s.Provisioning.AddSerialNumberAsync(s.Vendor, "sensor", "sn-1");
        await s.Provisioning.CreateContentAsync(s.Vendor, "sensor", "doc", "meta");
        await s.Provisioning.CreateGroupAsync(s.Vendor, "sensor", "g", "meta");
        var (owner, _) = await ClientAsync(s, "owner");
        var (template, _) = await s.TemplateAsync();

        async Task<ProvisioningException> Fails(Func<Task> call) =>
            await Assert.ThrowsAsync<ProvisioningException>(call);

        var forbidden = await Fails(() =>
            s.Provisioning.ListModelsAsync(ProvisioningAuth.Token(new string('e', 40)))
        );
        Assert.Equal(
            (403, "Forbidden", true),
            (forbidden.Status, forbidden.Reason, forbidden.IsForbidden)
        );

        foreach (
            var missing in new Func<Task>[]
            {
                () => s.Provisioning.GetModelAsync(s.Vendor, "nope"),
                () => s.Provisioning.GetSerialNumberInfoAsync(s.Vendor, "sensor", "sn-404"),
                () => s.Provisioning.GetContentInfoAsync(s.Vendor, "sensor", "nope"),
                () => s.Provisioning.GetGroupInfoAsync(s.Vendor, "sensor", "nope"),
                () => s.Provisioning.ActivateAsync(Acme, "sensor", "sn-404"),
                () => s.Provisioning.ActivateAsync("no-such-vendor", "sensor", "sn-1"),
            }
        )
        {
            var e = await Fails(missing);
            Assert.Equal((404, "Not Found", true), (e.Status, e.Reason, e.IsNotFound));
        }

        foreach (
            var conflict in new Func<Task>[]
            {
                () =>
                    s.Provisioning.CreateModelAsync(
                        s.Vendor,
                        "sensor",
                        ModelTemplate.FromRid(template)
                    ),
                () => s.Provisioning.AddSerialNumberAsync(s.Vendor, "sensor", "sn-1"),
                () => s.Provisioning.CreateContentAsync(s.Vendor, "sensor", "doc", "again"),
                () => s.Provisioning.CreateGroupAsync(s.Vendor, "sensor", "g", "again"),
                () => s.Provisioning.ActivateAsync(Acme, "sensor", "sn-1"), // not enabled
            }
        )
        {
            var e = await Fails(conflict);
            Assert.Equal((409, "Conflict", true), (e.Status, e.Reason, e.IsConflict));
        }
        await s.Provisioning.EnableSerialNumberAsync(s.Vendor, "sensor", "sn-1", owner);
        Assert.True(
            (
                await Fails(() =>
                    s.Provisioning.EnableSerialNumberAsync(s.Vendor, "sensor", "sn-1", owner)
                )
            ).IsConflict
        );

        var bad = await Fails(() => s.Provisioning.ListContentAsync(s.Vendor, "nope"));
        Assert.Equal((400, "Bad Request"), (bad.Status, bad.Reason));

        await s.Provisioning.UploadContentAsync(
            s.Vendor,
            "sensor",
            "doc",
            new byte[10],
            "text/plain"
        );
        var range = await Fails(() =>
            s.Provisioning.DownloadContentAsync(s.Vendor, "sensor", "doc", ByteRange.From(50))
        );
        Assert.Equal(416, range.Status);

        // The raw response instead of an exception: status, reason and body as the server sent them.
        var raw = await s.Provisioning.SendRawAsync(
            Functional.Core.Provisioning.SerialNumbers.Add(s.Vendor, "sensor", "sn-1", None)
        );
        Assert.Equal((409, "Conflict"), (raw.Status, raw.Reason));
        var ok = await s.Provisioning.SendRawAsync(Models.List(s.Vendor));
        Assert.Equal((200, "sensor\r\n"), (ok.Status, ok.BodyText));
    }

    [Fact]
    public async Task Thousands_of_serial_numbers_page_in_order_without_gaps_or_repeats()
    {
        await using var s = await ProvisioningSession.StartAsync();
        await s.ModelAsync("sensor");
        var all = Enumerable
            .Range(0, 2500)
            .Select(i => new SerialNumberEntry($"sn-{i:D5}", i % 7 == 0 ? $"batch,{i}" : ""))
            .ToArray();
        await s.Provisioning.AddSerialNumbersCsvAsync(s.Vendor, "sensor", all);

        var seen = new List<SerialNumberRow>();
        var sizes = new List<int>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await s.Provisioning.ListSerialNumbersAsync(
                s.Vendor,
                "sensor",
                SerialNumberListOptions.Default.WithPage(ProvisioningPage.Of(offset, 1000))
            );
            sizes.Add(page.Count);
            if (page.Count == 0)
            {
                break;
            }
            seen.AddRange(page);
        }
        Assert.Equal([1000, 1000, 500, 0], sizes);
        Assert.Equal(all.Select(e => e.SerialNumber), seen.Select(r => r.SerialNumber));
        Assert.Equal(all.Select(e => e.Extra), seen.Select(r => r.Extra));
        // Without a page the server's default limit (5) applies; a limit above 1000 is refused before sending.
        Assert.Equal(5, (await s.Provisioning.ListSerialNumbersAsync(s.Vendor, "sensor")).Count);
        await Assert.ThrowsAsync<ProvisioningValidationException>(() =>
            s.Provisioning.ListSerialNumbersAsync(
                s.Vendor,
                "sensor",
                SerialNumberListOptions.Default.WithPage(ProvisioningPage.Of(0, 5000))
            )
        );
    }

    [Fact]
    public async Task Serial_number_ranges_round_trip_and_their_members_enable_and_activate()
    {
        await using var s = await ProvisioningSession.StartAsync();
        await s.ModelAsync("sensor");
        var mac = SerialNumberRange.Mac(
            SerialNumberFormat.MacColon,
            0x010203040500,
            0x0102030405ff,
            SerialNumberCasing.Lower
        );
        var numbers = SerialNumberRange.Base10(1, 999, None); // no length: no padding
        await s.Provisioning.AddSerialNumberRangesAsync(s.Vendor, "sensor", [mac, numbers]);
        Assert.Equal(
            [mac, numbers],
            await s.Provisioning.ListSerialNumberRangesAsync(s.Vendor, "sensor")
        );

        var sn = mac.SerialNumberOf(0x01020304050a).Match(x => x, e => e.Message);
        Assert.Equal("01:02:03:04:05:0a", sn);
        // A range member is not listed until it is used.
        Assert.Empty(await s.Provisioning.ListSerialNumbersAsync(s.Vendor, "sensor"));
        var (owner, _) = await ClientAsync(s, "owner");
        var device = await s.Provisioning.EnableSerialNumberAsync(s.Vendor, "sensor", sn, owner);
        var cik = await s.Provisioning.ActivateAsync(Acme, "sensor", sn);
        Assert.True(EndToEndHarness.IsId(cik));
        Assert.Equal(
            (sn, Some(device)),
            (await s.Provisioning.ListSerialNumbersAsync(s.Vendor, "sensor"))
                .Select(r => (r.SerialNumber, r.Rid))
                .Single()
        );
        var outside = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.ActivateAsync(Acme, "sensor", "01:02:03:04:06:00")
        );
        Assert.True(outside.IsNotFound);

        await s.Provisioning.RemoveSerialNumberRangesAsync(s.Vendor, "sensor", [numbers]);
        Assert.Equal([mac], await s.Provisioning.ListSerialNumberRangesAsync(s.Vendor, "sensor"));
    }

    [Fact]
    public async Task The_pyonep_spellings_are_understood_by_the_emulator()
    {
        await using var s = await ProvisioningSession.StartAsync();
        var pyonep = new ProvisioningClient(
            s.Http,
            new ProvisioningClientOptions { Endpoint = s.Emulator.BaseUri }.WithArgumentForm(
                ArgumentForm.Pyonep
            )
        );
        var (template, _) = await s.TemplateAsync();
        var root = ProvisioningAuth.Cik(s.Emulator.RootCik);
        await pyonep.CreateModelAsync(root, "legacy", ModelTemplate.FromRid(template));
        await pyonep.AddSerialNumberAsync(root, "legacy", "a1", "extra");
        await pyonep.AddSerialNumbersAsync(root, "legacy", ["a2", "a3"]);
        await pyonep.RemoveSerialNumbersAsync(root, "legacy", ["a2"]); // remove=true
        Assert.Equal(
            ["a1", "a3"],
            (await pyonep.ListSerialNumbersAsync(root, "legacy")).Select(r => r.SerialNumber)
        );
        // vendor_show sends the vendor CIK in X-Exosite-Token.
        Assert.Equal(Acme, await pyonep.ShowVendorAsync(root));
        await pyonep.DeleteModelAsync(root, "legacy"); // DELETE with delete=true&model=&confirm=true
        Assert.Empty(await pyonep.ListModelsAsync(root));
    }
}
