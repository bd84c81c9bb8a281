using Functional.Facade.OnePlatform;
using Functional.Tests.Emulators;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// The rest of §2.5–§2.7 through the real client: every info part parsed, writegroup, update, usage, the other
/// create types, annotations, auth forms, token limits, locked clients and read selections.
/// </summary>
public sealed class EndToEndProcedureTests
{
    private static readonly ReadOptions Everything = ReadOptions
        .Latest.WithSort(SortOrder.Ascending)
        .WithLimit(1000);

    // §2.6: every part of a client's and a dataport's info parses into the client's types
    [Fact]
    public async Task Info_of_a_client_and_a_dataport_has_the_documented_shapes()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer, "temp");
        var other = await e2e.NewDataportAsync(owner.Auth, DataFormat.String);
        await e2e.NewAccountAsync("sub", owner.Auth);
        await e2e.Client.RecordBatchAsync(
            owner.Auth,
            ResourceId.Rid(rid),
            [(1000L, PointValue.Of(1L)), (2000L, PointValue.Of(2L)), (3000L, PointValue.Of(3L))]
        );
        var code = await e2e.Client.ShareAsync(
            owner.Auth,
            ResourceId.Rid(other),
            ShareOptions.Default.WithMeta("m")
        );

        var client = await e2e.Client.InfoAsync(owner.Auth, ResourceId.Self);
        var dataport = await e2e.Client.InfoAsync(owner.Auth, ResourceId.Alias("temp"));

        var aliases = Assert.IsType<InfoAliases.Known>((InfoAliases)client.Aliases);
        Assert.Equal(new[] { "temp" }, aliases.ByResource.Find(rid).IfNone(Seq<string>()));
        var counts = (ResourceCounts)client.Counts;
        Assert.Equal(2, counts.Dataport);
        Assert.Equal(1, counts.Client);
        Assert.True(((ResourceCounts)client.Usage).Dataport >= 2);
        Assert.True(client.Shares.IsSome);
        var shared = await e2e.Client.InfoAsync(
            owner.Auth,
            ResourceId.Rid(other),
            InfoOptions.OnlyShares
        );
        var share = Assert.Single((Seq<InfoShare>)shared.Shares);
        Assert.Equal(code, share.Code);
        Assert.Equal("m", share.Meta);
        Assert.True(share.Activator.IsNone);
        Assert.Equal("owner", (string)((ResourceDescription)client.Description).Name);

        Assert.Equal(ResourceType.Dataport, (ResourceType)((InfoBasic)dataport.Basic).Type);
        var storage = (InfoStorage)dataport.Storage;
        Assert.Equal(3, storage.Count);
        Assert.Equal(1000L, (long)storage.First);
        Assert.Equal(3000L, (long)storage.Last);
        var description = (ResourceDescription)dataport.Description;
        Assert.Equal(DataFormat.Integer, (DataFormat)description.Format);
        Assert.Equal(Retention.Infinite, (Retention)description.Retention);
        Assert.True(description.Subscribe.IsNone);
        Assert.Empty((Seq<string>)dataport.Subscribers);
    }

    // §2.5 writegroup: all points get the same timestamp
    [Fact]
    public async Task Writegroup_stores_every_value_at_one_timestamp()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer, "a");
        await e2e.NewDataportAsync(owner.Auth, DataFormat.String, "b");
        var before = EndToEndHarness.Now;

        await e2e.Client.WriteGroupAsync(
            owner.Auth,
            [(ResourceId.Alias("a"), PointValue.Of(1L)), (ResourceId.Alias("b"), "x")]
        );

        var a = Assert.Single(await e2e.Client.ReadAsync(owner.Auth, ResourceId.Alias("a")));
        var b = Assert.Single(await e2e.Client.ReadAsync(owner.Auth, ResourceId.Alias("b")));
        Assert.Equal(PointValue.Of(1L), a.Value);
        Assert.Equal(PointValue.Of("x"), b.Value);
        Assert.Equal(a.Timestamp, b.Timestamp);
        Assert.InRange(a.Timestamp, before - 5, EndToEndHarness.Now + 5);
    }

    // §2.5 update: given keys are merged, the rest stays
    [Fact]
    public async Task Update_merges_only_the_given_keys()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.Client.CreateDataportAsync(
            owner.Auth,
            ResourceId.Self,
            DataportDescription
                .Of(DataFormat.Float)
                .WithName("before")
                .WithMeta("kept")
                .WithRetention(Retention.Infinite.WithCount(5))
        );

        await e2e.Client.UpdateAsync(
            owner.Auth,
            ResourceId.Rid(rid),
            ResourceUpdate.Empty.WithName("after")
        );

        var info = await e2e.Client.InfoAsync(
            owner.Auth,
            ResourceId.Rid(rid),
            InfoOptions.OnlyDescription
        );
        var description = (ResourceDescription)info.Description;
        Assert.Equal("after", (string)description.Name);
        Assert.Equal("kept", (string)description.Meta);
        Assert.Equal(DataFormat.Float, (DataFormat)description.Format);
        Assert.Equal(Retention.Infinite.WithCount(5), (Retention)description.Retention);
    }

    // §2.5 create: datarule, dispatch and clone
    [Fact]
    public async Task Datarules_dispatches_and_clones_are_created_with_their_types()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var template = await e2e.NewAccountAsync("template", owner.Auth);
        await e2e.NewDataportAsync(template.Auth, DataFormat.Integer, "level");
        var source = await e2e.NewDataportAsync(owner.Auth, DataFormat.Float);

        var rule = await e2e.Client.CreateDataruleAsync(
            owner.Auth,
            ResourceId.Self,
            DataruleDescription
                .Of(DataFormat.Integer, new DataruleRule.Simple(RuleComparison.Gt, 10))
                .WithSubscribe(ResourceId.Rid(source))
        );
        var dispatch = await e2e.Client.CreateDispatchAsync(
            owner.Auth,
            ResourceId.Self,
            DispatchDescription.Of(DispatchMethod.Email, "ops@example.com")
        );
        var clone = await e2e.Client.CloneAsync(
            owner.Auth,
            ResourceId.Self,
            CloneDescription.FromRid(template.Rid)
        );

        async Task<ResourceType> TypeOf(string r) =>
            (ResourceType)
                (
                    (InfoBasic)
                        (
                            await e2e.Client.InfoAsync(
                                owner.Auth,
                                ResourceId.Rid(r),
                                InfoOptions.OnlyBasic
                            )
                        ).Basic
                ).Type;
        Assert.Equal(ResourceType.Datarule, await TypeOf(rule));
        Assert.Equal(ResourceType.Dispatch, await TypeOf(dispatch));
        Assert.Equal(ResourceType.Client, await TypeOf(clone));
        Assert.NotEqual(template.Rid, clone);
        var listing = await e2e.Client.ListingAsync(
            owner.Auth,
            ResourceId.Self,
            [ResourceType.Client, ResourceType.Datarule, ResourceType.Dispatch]
        );
        Assert.Contains(clone, listing.Clients);
        Assert.Equal(new[] { rule }, listing.Datarules);
        Assert.Equal(new[] { dispatch }, listing.Dispatches);
        var cloned = await e2e.Client.ListingAsync(
            owner.Auth,
            ResourceId.Rid(clone),
            [ResourceType.Dataport]
        );
        Assert.Single(cloned.Dataports);
    }

    // §2.5 usage: entity metrics count what existed in the window
    [Fact]
    public async Task Usage_counts_dataports_only_while_they_exist()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using var e2e = await EndToEndHarness.StartAsync(clock);
        var owner = await e2e.NewAccountAsync("owner");
        var created = clock.UnixSeconds;
        await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);
        clock.Advance(TimeSpan.FromSeconds(100));

        var during = await e2e.Client.UsageAsync(
            e2e.Root,
            owner.Id,
            UsageMetric.Dataport,
            created,
            created + 50
        );
        var beforeIt = await e2e.Client.UsageAsync(
            e2e.Root,
            owner.Id,
            UsageMetric.Dataport,
            created - 1000,
            created - 500
        );

        Assert.InRange(during, 49, 51);
        Assert.Equal(0, beforeIt);
    }

    // §2.5 undocumented comment; §2.6 info comments
    [Fact]
    public async Task A_comment_shows_in_info_comments_and_a_tag_is_accepted()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));

        await e2e.Client.CommentAsync(owner.Auth, rid, CommentVisibility.Public, "hello");
        await e2e.Client.TagAsync(owner.Auth, rid, TagAction.Add, "blue");

        var info = await e2e.Client.InfoAsync(owner.Auth, rid, InfoOptions.OnlyComments);
        Assert.Equal(new[] { new InfoComment("public", "hello") }, (Seq<InfoComment>)info.Comments);
    }

    // §2.2 auth forms: client_id acts as that descendant, resource_id as the owner of that resource
    [Fact]
    public async Task Client_id_and_resource_id_auth_act_as_the_named_clients()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var child = await e2e.NewAccountAsync("child", owner.Auth);
        var dataport = await e2e.NewDataportAsync(child.Auth, DataFormat.Integer);

        var asChild = await e2e.Client.LookupAsync(
            Auth.CikAsClient(owner.Cik, child.Rid),
            ResourceId.Self,
            LookupKind.Alias,
            ""
        );
        var asOwnerOf = await e2e.Client.LookupAsync(
            Auth.CikAsOwnerOf(owner.Cik, dataport),
            ResourceId.Self,
            LookupKind.Alias,
            ""
        );
        var outside = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Client.LookupAsync(
                Auth.CikAsClient(child.Cik, owner.Rid),
                ResourceId.Self,
                LookupKind.Alias,
                ""
            )
        );

        Assert.Equal(child.Rid, asChild);
        Assert.Equal(child.Rid, asOwnerOf);
        Assert.Equal(401, outside.Code);
    }

    // §2.5 grant: a token may call only the granted procedures, until its ttl passes
    [Fact]
    public async Task A_token_is_limited_to_its_procedures_and_expires_after_its_ttl()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using var e2e = await EndToEndHarness.StartAsync(clock);
        var owner = await e2e.NewAccountAsync("owner");
        await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer, "level");
        await e2e.Client.WriteAsync(owner.Auth, ResourceId.Alias("level"), 3L);
        var token = Auth.Token(
            await e2e.Client.GrantAsync(
                e2e.Root,
                owner.Id,
                new Dictionary<string, IReadOnlyList<string>> { [owner.Rid] = ["read"] },
                TimeSpan.FromSeconds(10)
            )
        );

        var read = await e2e.Client.ReadAsync(token, ResourceId.Alias("level"));
        await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.WriteAsync(token, ResourceId.Alias("level"), 4L)
        );
        clock.Advance(TimeSpan.FromSeconds(11));
        var expired = await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            e2e.Client.ReadAsync(token, ResourceId.Alias("level"))
        );

        Assert.Equal(PointValue.Of(3L), Assert.Single(read).Value);
        Assert.Equal(401, expired.Code);
        Assert.Equal(
            PointValue.Of(3L),
            Assert.Single(await e2e.Client.ReadAsync(owner.Auth, ResourceId.Alias("level"))).Value
        );
    }

    // §2.4 locked
    [Fact]
    public async Task Every_call_of_a_locked_client_is_locked()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = await e2e.Client.CreateClientAsync(
            owner.Auth,
            ResourceId.Self,
            ClientDescription.Default.WithLocked(true).WithLimits(ClientLimits.InheritAll)
        );
        var key = (string)
            (await e2e.Client.InfoAsync(owner.Auth, ResourceId.Rid(rid), InfoOptions.OnlyKey)).Key;

        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            e2e.Client.LookupAsync(Auth.Cik(key), ResourceId.Self, LookupKind.Alias, "")
        );

        Assert.Equal("locked", ex.StatusText);
    }

    // §2.7 / §2.5 listing: the deprecated one-argument form answers a list of lists in type order
    [Fact]
    public async Task The_one_argument_listing_form_is_parsed_in_type_order()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var dataport = await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer);
        var child = await e2e.NewAccountAsync("child", owner.Auth);

        var listing = await e2e.Client.CallAsync(
            owner.Auth,
            Resources.Listing(Seq(ResourceType.Dataport, ResourceType.Client))
        );

        Assert.Equal(new[] { dataport }, listing.Dataports);
        Assert.Equal(new[] { child.Rid }, listing.Clients);
    }

    // §2.5 read selection: the exoline example for givenwindow
    [Fact]
    public async Task Givenwindow_returns_at_most_one_point_per_sub_window()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.String));
        await e2e.Client.RecordBatchAsync(
            owner.Auth,
            rid,
            [
                (1L, PointValue.Of("a")),
                (2L, PointValue.Of("a")),
                (3L, PointValue.Of("c")),
                (4L, PointValue.Of("d")),
                (5L, PointValue.Of("e")),
                (8L, PointValue.Of("f")),
            ]
        );

        var points = await e2e.Client.ReadAsync(
            owner.Auth,
            rid,
            ReadOptions
                .Latest.WithStartTime(1)
                .WithEndTime(10)
                .WithLimit(2)
                .WithSelection(Selection.GivenWindow)
                .WithSort(SortOrder.Descending)
        );
        var all = await e2e.Client.ReadAsync(
            owner.Auth,
            rid,
            ReadOptions.Latest.WithStartTime(1).WithEndTime(10).WithLimit(2)
        );

        Assert.Equal(new[] { new Point(8, "f"), new Point(1, "a") }, points);
        Assert.Equal(new[] { new Point(8, "f"), new Point(5, "e") }, all);
    }

    // §2.5 recordbatch: a partial refusal is a status listing the refused entries, the rest is stored
    [Fact]
    public async Task Recordbatch_reports_the_entries_it_refused_and_keeps_the_others()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var owner = await e2e.NewAccountAsync("owner");
        var rid = ResourceId.Rid(await e2e.NewDataportAsync(owner.Auth, DataFormat.Integer));

        var rejected = await e2e.Client.RecordBatchAsync(
            owner.Auth,
            rid,
            [(100L, PointValue.Of(1L)), (200L, PointValue.Of("not a number")), (300L, 3L)]
        );

        Assert.Equal(new[] { new RejectedEntry(200, "invalid") }, rejected);
        Assert.Equal(
            new[] { 100L, 300L },
            (await e2e.Client.ReadAsync(owner.Auth, rid, Everything)).Select(p => p.Timestamp)
        );
    }
}
