using Functional.Facade.OnePlatform;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// The same behaviours with <see cref="ArgumentForm.Pyonep"/>: the deprecated <c>create [type, desc]</c>,
/// <c>listing [[types], options]</c>, 3-argument <c>write</c>, <c>lookup [type, x]</c>, <c>unmap ["alias", name]</c>
/// and <c>activate</c>/<c>deactivate [type, code]</c> (spec §2.5, §7).
/// </summary>
public sealed class EndToEndPyonepFormTests
{
    [Fact]
    public async Task Create_listing_write_read_and_lookup_in_the_pyonep_form()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var py = e2e.Pyonep;

        var client = await py.CreateClientAsync(
            owner.Auth,
            ResourceId.Self,
            ClientDescription.Default.WithName("py").WithLimits(ClientLimits.InheritAll)
        );
        var dataport = await py.CreateDataportAsync(
            owner.Auth,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.String)
        );
        await py.MapAsync(owner.Auth, ResourceId.Rid(dataport), "message");
        await py.WriteAsync(owner.Auth, ResourceId.Alias("message"), "你好");
        var points = await py.ReadAsync(owner.Auth, ResourceId.Alias("message"));
        var listing = await py.ListingAsync(
            owner.Auth,
            ResourceId.Self,
            [ResourceType.Client, ResourceType.Dataport],
            ListingOptions.Default
        );
        var self = await py.LookupAsync(owner.Auth, ResourceId.Self, LookupKind.Alias, "");
        var byAlias = await py.LookupAsync(
            owner.Auth,
            ResourceId.Self,
            LookupKind.Alias,
            "message"
        );

        Assert.True(EndToEndHarness.IsId(client));
        Assert.Equal(PointValue.Of("你好"), Assert.Single(points).Value);
        Assert.Equal(new[] { client }, listing.Clients);
        Assert.Equal(new[] { dataport }, listing.Dataports);
        Assert.Equal(owner.Rid, self);
        Assert.Equal(dataport, byAlias);
    }

    [Fact]
    public async Task Unmap_in_the_pyonep_form_removes_the_alias_and_is_idempotent()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer, "gone");

        await e2e.Pyonep.UnmapAsync(owner.Auth, ResourceId.Self, "gone");
        await e2e.Pyonep.UnmapAsync(owner.Auth, ResourceId.Self, "gone");

        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Pyonep.LookupAsync(owner.Auth, ResourceId.Self, LookupKind.Alias, "gone")
        );
        Assert.Equal("invalid", ex.StatusText);
    }

    [Fact]
    public async Task Activate_and_deactivate_a_share_in_the_pyonep_form()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var activator = await e2e.NewAccountAsync("activator");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);
        var code = await e2e.Pyonep.ShareAsync(owner.Auth, ResourceId.Rid(rid));

        await e2e.Pyonep.ActivateAsync(activator.Auth, ResourceId.Self, CodeType.Share, code);
        var activated = await e2e.Pyonep.ListingAsync(
            activator.Auth,
            ResourceId.Self,
            [ResourceType.Dataport],
            ListingOptions.Default.WithActivated()
        );
        await e2e.Pyonep.DeactivateAsync(activator.Auth, ResourceId.Self, CodeType.Share, code);
        var deactivated = await e2e.Pyonep.ListingAsync(
            activator.Auth,
            ResourceId.Self,
            [ResourceType.Dataport],
            ListingOptions.Default.WithActivated()
        );

        Assert.Equal(new[] { rid }, activated.Dataports);
        Assert.Empty(deactivated.Dataports);
    }

    [Fact]
    public async Task A_bad_cik_is_a_general_401_in_the_pyonep_form_too()
    {
        await using var e2e = await EndToEndHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Pyonep.CreateDataportAsync(
                Auth.Cik(new string('c', 40)),
                ResourceId.Self,
                DataportDescription.Of(DataFormat.Integer)
            )
        );

        Assert.Equal(401, ex.Code);
        Assert.Equal("Authorization failed", ex.ServerMessage);
    }
}
