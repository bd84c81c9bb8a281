using System.Text.Json;
using Functional.Facade.OnePlatform;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// The real facade client against the independent emulator over real sockets: the resource behaviours of
/// spec §4.3 items 1–11, 23 and 30.
/// </summary>
public sealed class EndToEndResourceTests
{
    internal static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    // §4.3 item 1
    [Fact]
    public async Task Create_client_with_legacy_keys_returns_a_40_hex_rid()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var description = ClientDescription
            .Default.WithName("legacy")
            .WithLimits(ClientLimits.InheritAll.WithExtra("io", Json("\"inherit\"")))
            .WithExtra("writeinterval", Json("\"inherit\""))
            .WithExtra("visibility", Json("\"parent\""));

        var rid = await e2e.Client.CreateClientAsync(e2e.Root, ResourceId.Self, description);

        Assert.True(EndToEndHarness.IsId(rid), rid);
        var listing = await e2e.Client.ListingAsync(
            e2e.Root,
            ResourceId.Self,
            [ResourceType.Client]
        );
        Assert.Contains(rid, listing.Clients);
        var info = await e2e.Client.InfoAsync(
            e2e.Root,
            ResourceId.Rid(rid),
            InfoOptions.OnlyDescription
        );
        Assert.Equal("legacy", (string)((ResourceDescription)info.Description).Name);
    }

    // §4.3 item 2
    [Fact]
    public async Task Create_dataport_tolerates_extra_keys_such_as_limits()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");
        var description = DataportDescription
            .Of(DataFormat.Integer)
            .WithRetention(Retention.Infinite.WithCount(10))
            .WithExtra("limits", Json("""{"io":"inherit"}"""));

        var rid = await e2e.Client.CreateDataportAsync(child.Auth, ResourceId.Self, description);

        Assert.True(EndToEndHarness.IsId(rid), rid);
        var info = await e2e.Client.InfoAsync(
            child.Auth,
            ResourceId.Rid(rid),
            InfoOptions.OnlyBasic.WithDescription()
        );
        Assert.Equal(ResourceType.Dataport, (ResourceType)((InfoBasic)info.Basic).Type);
        var stored = (ResourceDescription)info.Description;
        Assert.Equal(DataFormat.Integer, (DataFormat)stored.Format);
        Assert.Equal(Retention.Infinite.WithCount(10), (Retention)stored.Retention);
    }

    // §4.3 item 3
    [Fact]
    public async Task CreateDataport_in_the_pyonep_form_creates_under_the_caller()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");

        var rid = await e2e.Pyonep.CreateDataportAsync(
            child.Auth,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.String).WithRetention(Retention.Infinite)
        );

        Assert.Equal(40, rid.Length);
        Assert.True(EndToEndHarness.IsId(rid), rid);
        var listing = await e2e.Client.ListingAsync(
            child.Auth,
            ResourceId.Self,
            [ResourceType.Dataport]
        );
        Assert.Equal(new[] { rid }, listing.Dataports);
    }

    // §4.3 item 4
    [Fact]
    public async Task Info_key_of_a_child_gives_a_cik_that_authenticates()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var rid = await e2e.Client.CreateClientAsync(
            e2e.Root,
            ResourceId.Self,
            ClientDescription.Default.WithLimits(ClientLimits.InheritAll)
        );

        var info = await e2e.Client.InfoAsync(e2e.Root, ResourceId.Rid(rid), InfoOptions.OnlyKey);

        var key = (string)info.Key;
        Assert.True(EndToEndHarness.IsId(key));
        Assert.Equal(new[] { "key" }, info.Parts);
        var self = await e2e.Client.LookupAsync(
            Auth.Cik(key),
            ResourceId.Self,
            LookupKind.Alias,
            ""
        );
        Assert.Equal(rid, self);
        var dataport = await e2e.NewDataportAsync(Auth.Cik(key), DataFormat.Integer);
        Assert.True(EndToEndHarness.IsId(dataport));
    }

    // §4.3 item 5
    [Fact]
    public async Task Listing_after_creating_one_dataport_has_no_client_and_one_dataport()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");
        var dataport = await e2e.NewDataportAsync(child.Auth, DataFormat.Float);

        var listing = await e2e.Client.ListingAsync(
            child.Auth,
            ResourceId.Self,
            [ResourceType.Client, ResourceType.Dataport],
            ListingOptions.Default
        );

        Assert.True(listing.ByType.ContainsKey(ResourceType.Client));
        Assert.Empty(listing.Clients);
        Assert.Equal(new[] { dataport }, listing.Dataports);
    }

    // §4.3 item 6
    [Fact]
    public async Task Info_basic_of_a_fresh_client_is_activated()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");

        var info = await e2e.Client.InfoAsync(child.Auth, ResourceId.Self, InfoOptions.OnlyBasic);

        var basic = (InfoBasic)info.Basic;
        Assert.Equal(ResourceStatus.Activated, (ResourceStatus)basic.Status);
        Assert.Equal("activated", (string)basic.StatusName);
        Assert.Equal(ResourceType.Client, (ResourceType)basic.Type);
        Assert.Equal(new[] { "basic" }, info.Parts);
    }

    // §4.3 item 7
    [Fact]
    public async Task Grant_returns_a_40_character_token()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");

        var token = await e2e.Client.GrantAsync(
            e2e.Root,
            child.Id,
            new Dictionary<string, IReadOnlyList<string>> { [child.Rid] = ["read", "write"] },
            TimeSpan.FromSeconds(1000)
        );

        Assert.Equal(40, token.Length);
        Assert.True(EndToEndHarness.IsId(token));
    }

    // §4.3 item 8
    [Fact]
    public async Task A_token_writes_and_reads_unicode_through_an_alias_of_the_granted_client()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");
        await e2e.NewDataportAsync(child.Auth, DataFormat.String, "message");
        var token = await e2e.Client.GrantAsync(
            e2e.Root,
            child.Id,
            new Dictionary<string, IReadOnlyList<string>> { [child.Rid] = ["read", "write"] },
            TimeSpan.FromSeconds(1000)
        );
        var byToken = Auth.Token(token);

        await e2e.Client.WriteAsync(byToken, ResourceId.Alias("message"), "你好");
        var points = await e2e.Client.ReadAsync(
            byToken,
            ResourceId.Alias("message"),
            ReadOptions.Latest.WithLimit(1)
        );

        var point = Assert.Single(points);
        Assert.Equal(PointValue.Of("你好"), point.Value);
        // The owner sees the same point, so the token acted as the granted client.
        var seen = await e2e.Client.ReadAsync(child.Auth, ResourceId.Alias("message"));
        Assert.Equal(points, seen);
    }

    // §4.3 item 9
    [Fact]
    public async Task Move_gives_a_grandchild_to_the_caller_and_it_is_listed_there()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var middle = await e2e.NewAccountAsync("middle", owner.Auth);
        var grandchild = await e2e.Client.CreateClientAsync(
            owner.Auth,
            middle.Id,
            ClientDescription.Default.WithName("grandchild").WithLimits(ClientLimits.InheritAll)
        );
        var before = await e2e.Client.ListingAsync(owner.Auth, middle.Id, [ResourceType.Client]);
        Assert.Equal(new[] { grandchild }, before.Clients);

        await e2e.Client.MoveAsync(owner.Auth, ResourceId.Rid(grandchild), owner.Id);

        var destination = await e2e.Client.ListingAsync(
            owner.Auth,
            ResourceId.Self,
            [ResourceType.Client]
        );
        Assert.Equal(
            new[] { middle.Rid, grandchild }.Order(StringComparer.Ordinal),
            destination.Clients.Order(StringComparer.Ordinal)
        );
        var source = await e2e.Client.ListingAsync(owner.Auth, middle.Id, [ResourceType.Client]);
        Assert.Empty(source.Clients);
        var newOwner = await e2e.Client.LookupAsync(
            owner.Auth,
            ResourceId.Self,
            LookupKind.Owner,
            grandchild
        );
        Assert.Equal(owner.Rid, newOwner);
    }

    // §4.3 item 10
    [Fact]
    public async Task Drop_then_info_is_restricted()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");
        await e2e.Client.InfoAsync(e2e.Root, child.Id, InfoOptions.OnlyBasic);

        await e2e.Client.DropAsync(e2e.Root, child.Id);

        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.InfoAsync(e2e.Root, child.Id)
        );
        Assert.Equal("restricted", ex.StatusText);
        Assert.Equal("info", ex.Procedure);
    }

    // §4.3 item 11
    [Fact]
    public async Task Map_makes_alias_calls_resolve_and_drop_removes_descendants()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);

        await e2e.Client.MapAsync(owner.Auth, ResourceId.Rid(dataport), "temp");

        Assert.Equal(
            dataport,
            await e2e.Client.LookupAsync(owner.Auth, ResourceId.Self, LookupKind.Alias, "temp")
        );
        await e2e.Client.WriteAsync(owner.Auth, ResourceId.Alias("temp"), 21L);
        var byRid = await e2e.Client.ReadAsync(owner.Auth, ResourceId.Rid(dataport));
        Assert.Equal(PointValue.Of(21L), Assert.Single(byRid).Value);
        var info = await e2e.Client.InfoAsync(
            owner.Auth,
            ResourceId.Alias("temp"),
            InfoOptions.OnlyBasic
        );
        Assert.Equal(ResourceType.Dataport, (ResourceType)((InfoBasic)info.Basic).Type);

        var sub = await e2e.NewAccountAsync("sub", owner.Auth);
        var subDataport = await e2e.NewDataportAsync(sub.Auth, DataFormat.String);
        var grandchild = await e2e.NewAccountAsync("grandchild", sub.Auth);
        await e2e.Client.DropAsync(owner.Auth, sub.Id);

        foreach (var gone in new[] { sub.Rid, subDataport, grandchild.Rid })
        {
            var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
                e2e.Client.InfoAsync(owner.Auth, ResourceId.Rid(gone), InfoOptions.OnlyBasic)
            );
            Assert.Equal("restricted", ex.StatusText);
        }
        var left = await e2e.Client.ListingAsync(
            owner.Auth,
            ResourceId.Self,
            [ResourceType.Client, ResourceType.Dataport]
        );
        Assert.Empty(left.Clients);
        Assert.Equal(new[] { dataport }, left.Dataports);
    }

    // §4.3 item 23, §2.6
    [Fact]
    public async Task Info_with_no_options_returns_every_part_and_one_option_only_that_part()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var child = await e2e.NewAccountAsync("child");

        var all = await e2e.Client.InfoAsync(e2e.Root, child.Id, InfoOptions.All);

        foreach (
            var part in new[]
            {
                "aliases",
                "basic",
                "counts",
                "description",
                "key",
                "shares",
                "subscribers",
                "tags",
                "usage",
            }
        )
            Assert.Contains(part, all.Parts);
        Assert.Equal(child.Cik, (string)all.Key);

        foreach (
            var (options, part) in new[]
            {
                (InfoOptions.OnlyBasic, "basic"),
                (InfoOptions.OnlyDescription, "description"),
                (InfoOptions.OnlyCounts, "counts"),
            }
        )
        {
            var one = await e2e.Client.InfoAsync(e2e.Root, child.Id, options);
            Assert.Equal(new[] { part }, one.Parts);
            Assert.True(one.Extra.IsEmpty);
        }
    }

    // §4.3 item 30, §2.3
    [Fact]
    public async Task A_bad_cik_is_a_general_401_authorization_failed()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var unknown = Auth.Cik(new string('a', 40));

        var ex = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Client.InfoAsync(unknown, ResourceId.Self, InfoOptions.OnlyBasic)
        );

        Assert.Equal(401, ex.Code);
        Assert.Equal("Authorization failed", ex.ServerMessage);
        var batch = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Client.Batch(unknown).Read(ResourceId.Alias("x")).SendAsync()
        );
        Assert.Equal(401, batch.Code);
    }
}
