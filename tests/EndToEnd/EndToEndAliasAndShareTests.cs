using Functional.Facade.OnePlatform;

namespace Functional.Tests.EndToEnd;

/// <summary>Aliases, lookups, shares and keys (spec §2.5, §4.3 items 26–29).</summary>
public sealed class EndToEndAliasAndShareTests
{
    // §4.3 item 26
    [Fact]
    public async Task Unmap_of_a_missing_alias_is_ok_and_info_by_an_unknown_alias_is_invalid()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer, "kept");

        await e2e.Client.UnmapAsync(owner.Auth, ResourceId.Self, "never-mapped");

        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.InfoAsync(owner.Auth, ResourceId.Alias("never-mapped"))
        );
        Assert.Equal("invalid", ex.StatusText);
        // The unmap touched nothing else; unmapping a mapped alias removes exactly that alias.
        Assert.Equal(
            dataport,
            await e2e.Client.LookupAsync(owner.Auth, ResourceId.Self, LookupKind.Alias, "kept")
        );
        await e2e.Client.UnmapAsync(owner.Auth, ResourceId.Self, "kept");
        await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.InfoAsync(owner.Auth, ResourceId.Alias("kept"))
        );
        await e2e.Client.UnmapAsync(owner.Auth, ResourceId.Self, "kept");
    }

    // §4.3 item 27
    [Fact]
    public async Task Lookup_finds_the_owner_the_caller_and_a_shared_resource()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var middle = await e2e.NewAccountAsync("middle", owner.Auth);
        var leaf = await e2e.NewDataportAsync(middle.Auth, DataFormat.Integer);
        var other = await e2e.NewAccountAsync("other");

        var ownerOfLeaf = await e2e.Client.LookupAsync(
            owner.Auth,
            ResourceId.Self,
            LookupKind.Owner,
            leaf
        );
        var ownerOfMiddle = await e2e.Client.LookupAsync(
            owner.Auth,
            ResourceId.Self,
            LookupKind.Owner,
            middle.Rid
        );
        var self = await e2e.Client.LookupAsync(middle.Auth, ResourceId.Self, LookupKind.Alias, "");
        var code = await e2e.Client.ShareAsync(middle.Auth, ResourceId.Rid(leaf));
        var shared = await e2e.Client.LookupAsync(
            other.Auth,
            ResourceId.Self,
            LookupKind.Shared,
            code
        );

        Assert.Equal(middle.Rid, ownerOfLeaf);
        Assert.Equal(owner.Rid, ownerOfMiddle);
        Assert.Equal(middle.Rid, self);
        Assert.Equal(leaf, shared);
    }

    // §4.3 item 28, §2.5 shares and keys
    [Fact]
    public async Task A_share_has_one_read_only_activator_listed_as_activated_until_revoked()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var activator = await e2e.NewAccountAsync("activator");
        var latecomer = await e2e.NewAccountAsync("latecomer");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);
        var dataport = ResourceId.Rid(rid);
        await e2e.Client.WriteAsync(owner.Auth, dataport, 5L);

        var code = await e2e.Client.ShareAsync(
            owner.Auth,
            dataport,
            ShareOptions.Default.WithMeta("for the activator")
        );
        Assert.True(EndToEndHarness.IsId(code));
        await e2e.Client.ActivateAsync(activator.Auth, ResourceId.Self, CodeType.Share, code);

        // A second activator is refused.
        var second = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.ActivateAsync(latecomer.Auth, ResourceId.Self, CodeType.Share, code)
        );
        Assert.Equal("invalid", second.StatusText);

        // The activator sees it only with {"activated": true}.
        var activated = await e2e.Client.ListingAsync(
            activator.Auth,
            ResourceId.Self,
            [ResourceType.Dataport],
            ListingOptions.Default.WithActivated()
        );
        Assert.Equal(new[] { rid }, activated.Dataports);
        var owned = await e2e.Client.ListingAsync(
            activator.Auth,
            ResourceId.Self,
            [ResourceType.Dataport]
        );
        Assert.Empty(owned.Dataports);

        // It may read by RID but not write.
        var read = Assert.Single(await e2e.Client.ReadAsync(activator.Auth, dataport));
        Assert.Equal(PointValue.Of(5L), read.Value);
        await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.WriteAsync(activator.Auth, dataport, 6L)
        );
        Assert.Equal(
            PointValue.Of(5L),
            Assert.Single(await e2e.Client.ReadAsync(owner.Auth, dataport)).Value
        );

        // The owner sees who activated it.
        var info = await e2e.Client.InfoAsync(owner.Auth, dataport, InfoOptions.OnlyShares);
        var share = Assert.Single((Seq<InfoShare>)info.Shares);
        Assert.Equal(code, share.Code);
        Assert.Equal("for the activator", share.Meta);
        Assert.Equal(activator.Rid, (string)share.Activator);

        // Deactivating removes it from the activator's listing.
        await e2e.Client.DeactivateAsync(activator.Auth, ResourceId.Self, CodeType.Share, code);
        var after = await e2e.Client.ListingAsync(
            activator.Auth,
            ResourceId.Self,
            [ResourceType.Dataport],
            ListingOptions.Default.WithActivated()
        );
        Assert.Empty(after.Dataports);

        // After revoke, activation fails.
        await e2e.Client.RevokeAsync(owner.Auth, CodeType.Share, code);
        var revoked = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.ActivateAsync(latecomer.Auth, ResourceId.Self, CodeType.Share, code)
        );
        Assert.Equal("invalid", revoked.StatusText);
    }

    // §2.5 revoke/activate: invalid for an unknown code, noauth for a client the caller does not own
    [Fact]
    public async Task Unknown_codes_are_invalid_and_keys_of_foreign_clients_are_noauth()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var stranger = await e2e.NewAccountAsync("stranger");
        var child = await e2e.NewAccountAsync("child", owner.Auth);
        var unknown = new string('b', 40);

        var revoke = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.RevokeAsync(owner.Auth, CodeType.Share, unknown)
        );
        var activate = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.ActivateAsync(owner.Auth, ResourceId.Self, CodeType.Share, unknown)
        );
        var foreign = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.RevokeAsync(stranger.Auth, CodeType.Client, child.Cik)
        );

        Assert.Equal("invalid", revoke.StatusText);
        Assert.Equal("invalid", activate.StatusText);
        Assert.Equal("noauth", foreign.StatusText);
        // The child's key still works.
        Assert.Equal(
            child.Rid,
            await e2e.Client.LookupAsync(child.Auth, ResourceId.Self, LookupKind.Alias, "")
        );
    }

    // §4.3 item 29 (RPC side), §2.5 revoke client, §3.8 steps 3–5
    [Fact]
    public async Task Revoking_a_client_key_invalidates_the_old_cik_until_the_new_one_is_activated()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var device = await e2e.NewAccountAsync("device", owner.Auth);
        Assert.Equal(
            device.Rid,
            await e2e.Client.LookupAsync(device.Auth, ResourceId.Self, LookupKind.Alias, "")
        );

        await e2e.Client.RevokeAsync(owner.Auth, CodeType.Client, device.Cik);

        var old = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Client.LookupAsync(device.Auth, ResourceId.Self, LookupKind.Alias, "")
        );
        Assert.Equal(401, old.Code);
        Assert.Equal("Authorization failed", old.ServerMessage);
        var info = await e2e.Client.InfoAsync(
            owner.Auth,
            device.Id,
            InfoOptions.OnlyKey.WithBasic()
        );
        var newKey = (string)info.Key;
        Assert.True(EndToEndHarness.IsId(newKey));
        Assert.NotEqual(device.Cik, newKey);
        Assert.Equal(ResourceStatus.NotActivated, (ResourceStatus)((InfoBasic)info.Basic).Status);

        await e2e.Client.ActivateAsync(owner.Auth, ResourceId.Self, CodeType.Client, newKey);

        var basic = await e2e.Client.InfoAsync(owner.Auth, device.Id, InfoOptions.OnlyBasic);
        Assert.Equal(ResourceStatus.Activated, (ResourceStatus)((InfoBasic)basic.Basic).Status);
        Assert.Equal(
            device.Rid,
            await e2e.Client.LookupAsync(Auth.Cik(newKey), ResourceId.Self, LookupKind.Alias, "")
        );
        await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Client.LookupAsync(device.Auth, ResourceId.Self, LookupKind.Alias, "")
        );
    }
}
