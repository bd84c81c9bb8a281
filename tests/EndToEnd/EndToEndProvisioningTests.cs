using System.Text;
using Functional.Core.Provisioning;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// The real <see cref="ProvisioningClient"/> and <see cref="OnePlatformClient"/> against the emulator over sockets:
/// the provisioning flow of spec §3.8 and §4.3 items 12–22.
/// </summary>
public sealed class EndToEndProvisioningTests
{
    private const string Vendor = ProvisioningSession.VendorName;

    // §3.8, §4.3 items 12–19
    [Fact]
    public async Task A_serial_number_goes_from_model_to_activated_device_to_expired()
    {
        await using var s = await ProvisioningSession.StartAsync();
        var code = await s.ModelAsync("sensor");

        Assert.Equal(["sensor"], await s.Provisioning.ListModelsAsync(s.Vendor));
        var model = await s.Provisioning.GetModelAsync(s.Vendor, "sensor");
        Assert.Equal(ModelTemplate.FromShareCode(code), model.Template);
        Assert.Equal(ModelOptions.Default.WithAliases(false), model.Options);

        await s.Provisioning.AddSerialNumberAsync(s.Vendor, "sensor", "sn-001", "first");
        await s.Provisioning.AddSerialNumbersAsync(
            s.Vendor,
            "sensor",
            ["sn-002", "sn-003", "sn-006", "sn-007"]
        );
        await s.Provisioning.AddSerialNumbersCsvAsync(
            s.Vendor,
            "sensor",
            [new SerialNumberEntry("sn-004", "csv"), new SerialNumberEntry("sn-005", "")]
        );

        var all = await s.Provisioning.ListSerialNumbersAsync(s.Vendor, "sensor");
        Assert.Equal(
            ["sn-001", "sn-002", "sn-003", "sn-004", "sn-005"],
            all.Select(r => r.SerialNumber)
        );
        Assert.Equal("first", all[0].Extra);
        Assert.Equal("csv", all[3].Extra);
        var page = await s.Provisioning.ListSerialNumbersAsync(
            s.Vendor,
            "sensor",
            SerialNumberListOptions.Default.WithPage(ProvisioningPage.Of(1, 2))
        );
        // A limit below 5 is clamped to 5 (spec §3.2); pages are disjoint and in SN order.
        Assert.Equal(
            ["sn-002", "sn-003", "sn-004", "sn-005", "sn-006"],
            page.Select(r => r.SerialNumber)
        );
        var last = await s.Provisioning.ListSerialNumbersAsync(
            s.Vendor,
            "sensor",
            SerialNumberListOptions.Default.WithPage(ProvisioningPage.Of(5, 5))
        );
        Assert.Equal(["sn-006", "sn-007"], last.Select(r => r.SerialNumber));

        var owner = await s.Rpc.CreateClientAsync(
            s.Root,
            ResourceId.Self,
            ClientDescription.Default.WithName("owner").WithLimits(ClientLimits.InheritAll)
        );
        var device = await s.Provisioning.EnableSerialNumberAsync(
            s.Vendor,
            "sensor",
            "sn-001",
            owner
        );
        Assert.True(EndToEndHarness.IsId(device));
        Assert.Equal(ResourceStatus.NotActivated, await s.StatusAsync(device));
        var withStatus = await s.Provisioning.ListSerialNumbersAsync(
            s.Vendor,
            "sensor",
            SerialNumberListOptions
                .Default.WithStatusColumn(true)
                .WithPage(ProvisioningPage.Of(0, 5))
        );
        Assert.Equal(5, withStatus.Count);
        var row = withStatus[0];
        Assert.Equal("sn-001", row.SerialNumber);
        Assert.Equal(Some("notactivated"), row.Status);
        Assert.Equal(Some(device), row.Rid);

        var cik = await s.Provisioning.ActivateAsync(Vendor, "sensor", "sn-001");
        Assert.True(EndToEndHarness.IsId(cik));
        var again = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.ActivateAsync(Vendor, "sensor", "sn-001")
        );
        Assert.True(again.IsConflict);
        Assert.Equal(409, again.Status);
        Assert.Equal(ResourceStatus.Activated, await s.StatusAsync(device));

        // The device writes and reads with its new CIK; the model copied no aliases.
        var listing = await s.Rpc.ListingAsync(
            Auth.Cik(cik),
            ResourceId.Self,
            [ResourceType.Dataport]
        );
        var dataport = ResourceId.Rid(Assert.Single(listing.Dataports));
        await s.Rpc.WriteAsync(Auth.Cik(cik), dataport, 21L);
        Assert.Equal(
            PointValue.Of(21L),
            Assert.Single(await s.Rpc.ReadAsync(Auth.Cik(cik), dataport)).Value
        );
        await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            s.Rpc.ReadAsync(Auth.Cik(cik), ResourceId.Alias("temp"))
        );

        await s.Provisioning.RegenerateSerialNumberAsync(s.Vendor, "sensor", "sn-001");
        var old = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            s.Rpc.ReadAsync(Auth.Cik(cik), dataport)
        );
        Assert.Equal(401, old.Code);
        var fresh = await s.Provisioning.ActivateAsync(Vendor, "sensor", "sn-001");
        Assert.NotEqual(cik, fresh);
        Assert.Equal(
            PointValue.Of(21L),
            Assert.Single(await s.Rpc.ReadAsync(Auth.Cik(fresh), dataport)).Value
        );

        await s.Provisioning.DisableSerialNumberAsync(s.Vendor, "sensor", "sn-001");
        Assert.Equal(ResourceStatus.Expired, await s.StatusAsync(device));

        await s.Provisioning.RemoveSerialNumbersAsync(s.Vendor, "sensor", ["sn-002", "sn-003"]);
        await s.Provisioning.RemoveSerialNumbersCsvAsync(s.Vendor, "sensor", ["sn-004"]);
        Assert.Equal(
            ["sn-001", "sn-005", "sn-006", "sn-007"],
            (await s.Provisioning.ListSerialNumbersAsync(s.Vendor, "sensor")).Select(r =>
                r.SerialNumber
            )
        );
        await s.Provisioning.DeleteModelAsync(s.Vendor, "sensor");
        Assert.Empty(await s.Provisioning.ListModelsAsync(s.Vendor));
    }

    // §3.4, §3.7, §4.3 items 20–21
    [Fact]
    public async Task Content_is_uploaded_and_downloaded_by_the_device_with_a_byte_range()
    {
        await using var s = await ProvisioningSession.StartAsync();
        await s.ModelAsync("sensor");
        await s.Provisioning.AddSerialNumberAsync(s.Vendor, "sensor", "sn-1");
        var owner = await s.Rpc.CreateClientAsync(
            s.Root,
            ResourceId.Self,
            ClientDescription.Default.WithName("owner").WithLimits(ClientLimits.InheritAll)
        );
        await s.Provisioning.EnableSerialNumberAsync(s.Vendor, "sensor", "sn-1", owner);
        var cik = await s.Provisioning.ActivateAsync(Vendor, "sensor", "sn-1");

        var bytes = Encoding.ASCII.GetBytes("0123456789abcdef");
        await s.Provisioning.CreateContentAsync(s.Vendor, "sensor", "firmware", "v1.2");
        await s.Provisioning.UploadContentAsync(
            s.Vendor,
            "sensor",
            "firmware",
            bytes,
            "application/octet-stream"
        );
        Assert.Equal(["firmware"], await s.Provisioning.ListContentAsync(s.Vendor, "sensor"));
        var info = await s.Provisioning.GetContentInfoAsync(s.Vendor, "sensor", "firmware");
        Assert.Equal("application/octet-stream", info.ContentType);
        Assert.Equal(16, info.Size);
        Assert.Equal("v1.2", info.Meta);
        Assert.Equal(Some(false), info.Protected);

        Assert.Equal(
            ["firmware"],
            await s.Provisioning.DeviceListContentAsync(cik, Vendor, "sensor")
        );
        var deviceInfo = await s.Provisioning.DeviceContentInfoAsync(
            cik,
            Vendor,
            "sensor",
            "firmware"
        );
        Assert.Equal(16, deviceInfo.Size);
        var whole = await s.Provisioning.DeviceDownloadAsync(cik, Vendor, "sensor", "firmware");
        Assert.Equal(200, whole.Status);
        Assert.Equal(bytes, whole.Bytes.ToArray());
        var part = await s.Provisioning.DeviceDownloadAsync(
            cik,
            Vendor,
            "sensor",
            "firmware",
            ByteRange.Between(2, 5)
        );
        Assert.True(part.IsPartial);
        Assert.Equal("2345", Encoding.ASCII.GetString(part.Bytes.Span));
        Assert.Equal(Some("bytes 2-5/16"), part.ContentRange);
        var tail = await s.Provisioning.DownloadContentAsync(
            s.Vendor,
            "sensor",
            "firmware",
            ByteRange.Last(3)
        );
        Assert.Equal("def", Encoding.ASCII.GetString(tail.Bytes.Span));

        await s.Provisioning.DeleteContentAsync(s.Vendor, "sensor", "firmware");
        Assert.Empty(await s.Provisioning.ListContentAsync(s.Vendor, "sensor"));
        var gone = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.DeviceDownloadAsync(cik, Vendor, "sensor", "firmware")
        );
        // The device side documents only 403 for a download it cannot have (spec §3.7).
        Assert.Equal(403, gone.Status);
        Assert.True(gone.IsForbidden);
        await s.Provisioning.DeleteModelAsync(s.Vendor, "sensor");
    }

    // §3 error statuses
    [Fact]
    public async Task A_wrong_vendor_token_is_403_and_an_unknown_model_is_404()
    {
        await using var s = await ProvisioningSession.StartAsync();
        var forbidden = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.ListModelsAsync(s.Provisioning.Auth(new string('f', 40)))
        );
        Assert.Equal(403, forbidden.Status);
        Assert.True(forbidden.IsForbidden);

        var missing = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.GetModelAsync(s.Vendor, "nope")
        );
        Assert.Equal(404, missing.Status);
        Assert.True(missing.IsNotFound);
        var noSerials = await Assert.ThrowsAsync<ProvisioningException>(() =>
            s.Provisioning.ListSerialNumbersAsync(s.Vendor, "nope")
        );
        Assert.Equal(404, noSerials.Status);
    }
}
