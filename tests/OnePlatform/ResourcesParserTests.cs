using System.Text.Json;
using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

/// <summary>Parsers of the resource procedures' results (§2.5–§2.7) and their per-call failures.</summary>
public class ResourcesParserTests
{
    private static ResourceId Child => ResourceId.Rid(Rpc.Rid2);

    private static string Ok(string result) => $$"""[{"id":0,"status":"ok","result":{{result}}}]""";

    // ---- create --------------------------------------------------------------------------------

    [Fact]
    public void Create_result_is_the_new_rid()
    {
        Assert.Equal(
            Rpc.Rid2,
            Rpc.Right(
                Rpc.ParseOne(
                    Resources.Create(ResourceId.Self, DataportDescription.Of(DataFormat.Float)),
                    Ok($"\"{Rpc.Rid2}\"")
                )
            )
        );
    }

    [Theory]
    [InlineData("\"ABCDEF0123456789ABCDEF0123456789ABCDEF01\"")]
    [InlineData("\"0123\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"rid\":\"x\"}")]
    public void Create_result_that_is_not_a_rid_is_malformed(string result)
    {
        var error = Rpc.Left(
            Rpc.ParseOne(Resources.Create(ResourceId.Self, ClientDescription.Default), Ok(result))
        );
        Assert.IsType<ApiError.MalformedResponse>(error);
    }

    [Fact]
    public void Create_without_a_result_is_malformed()
    {
        Assert.IsType<ApiError.MalformedResponse>(
            Rpc.Left(
                Rpc.ParseOne(
                    Resources.Create(ResourceId.Self, ClientDescription.Default),
                    """[{"id":0,"status":"ok"}]"""
                )
            )
        );
    }

    // ---- per-call failures ---------------------------------------------------------------------

    [Theory]
    [InlineData("restricted")]
    [InlineData("invalid")]
    [InlineData("locked")]
    [InlineData("noauth")]
    public void Failure_statuses_are_kept_as_rpc_call_errors(string status)
    {
        var body = $$"""[{"id":4,"status":"{{status}}"}]""";
        void Check<T>(Validation<ApiError, RpcCall<T>> call, string procedure)
        {
            var error = Assert.IsType<ApiError.RpcCall>(Rpc.Left(Rpc.ParseOne(call, body, id: 4)));
            Assert.Equal(Some(status), error.StatusText);
            Assert.Equal(procedure, error.Procedure);
            Assert.Equal(RpcCallId.Of(4), error.CallId);
        }
        Check(Resources.Drop(Child), "drop");
        Check(Resources.Info(Child, InfoOptions.All), "info");
        Check(Resources.Create(ResourceId.Self, ClientDescription.Default), "create");
        Check(Resources.Move(Child, ResourceId.Self), "move");
        Check(Resources.Update(Child, ResourceUpdate.Empty.WithName("x")), "update");
        Check(Resources.Usage(Child, UsageMetric.Client, 0, 1), "usage");
        Check(
            Resources.Listing(Child, Seq1(ResourceType.Client), ListingOptions.Default),
            "listing"
        );
    }

    [Fact]
    public void Listing_error_status_keeps_the_error_object()
    {
        var error = Assert.IsType<ApiError.RpcCall>(
            Rpc.Left(
                Rpc.ParseOne(
                    Resources.Listing(
                        ResourceId.Self,
                        Seq1(ResourceType.Client),
                        ListingOptions.Default
                    ),
                    """[{"id":0,"status":"error","result":"invalid type","error":{"code":501,"message":"Error","context":"arguments"}}]"""
                )
            )
        );
        Assert.Equal(Some("error"), error.StatusText);
        Assert.Equal(Some(new RpcErrorDetail(501, "Error", Some("arguments"))), error.Detail);
    }

    [Fact]
    public void Procedures_without_a_result_give_unit()
    {
        const string body = """[{"id":0,"status":"ok"}]""";
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(Resources.Drop(Child), body)));
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(Resources.Move(Child, ResourceId.Self), body)));
        Assert.Equal(
            unit,
            Rpc.Right(
                Rpc.ParseOne(Resources.Update(Child, ResourceUpdate.Empty.WithMeta("m")), body)
            )
        );
    }

    // ---- info ----------------------------------------------------------------------------------

    private const string FullInfo = $$"""
        {
          "aliases": {"{{Rpc.Rid2}}": ["temp", "température"], "{{Rpc.Rid}}": "undefined"},
          "basic": {"modified": 1400000000, "status": "activated", "subscribers": 2, "type": "client"},
          "comments": [["public", "hello"], ["private", "secret note"]],
          "counts": {"client": 1, "dataport": 3, "datarule": 0, "disk": 12.7, "dispatch": 0, "email": 0, "http": 5, "share": 1, "sms": 0, "xmpp": 0},
          "description": {"limits": {"client": "inherit", "dataport": 10, "io": "inherit"}, "locked": false, "meta": "", "name": "Gerät", "public": false},
          "key": "{{Rpc.Cik}}",
          "shares": [{"activator": null, "code": "{{Rpc.Cik}}", "meta": "m"}, {"activator": "{{Rpc.Rid2}}", "code": "{{Rpc.Rid}}", "meta": ""}],
          "storage": {"count": 0, "first": null, "last": null, "size": 0},
          "subscribers": ["{{Rpc.Rid2}}"],
          "tagged": [],
          "tags": ["t1"],
          "usage": {"client": 2, "dataport": 7, "datarule": 1, "dispatch": 0, "share": 1, "disk": 100, "email": 0, "http": 9, "sms": 0, "xmpp": 0},
          "future": {"anything": [1, 2]}
        }
        """;

    [Fact]
    public void Info_with_every_part()
    {
        var info = Rpc.Right(
            Rpc.ParseOne(Resources.Info(ResourceId.Self, InfoOptions.All), Ok(FullInfo))
        );

        var aliases = Assert.IsType<InfoAliases.Known>((InfoAliases)info.Aliases);
        Assert.Equal(new[] { "temp", "température" }, aliases.ByResource[Rpc.Rid2].ToArray());
        Assert.Equal(new[] { Rpc.Rid }, aliases.UndefinedFor.ToArray());

        var basic = (InfoBasic)info.Basic;
        Assert.Equal(Some(1400000000L), basic.Modified);
        Assert.Equal(Some(ResourceStatus.Activated), basic.Status);
        Assert.Equal(Some(2L), basic.Subscribers);
        Assert.Equal(Some(ResourceType.Client), basic.Type);
        Assert.Equal(Some(DateTimeOffset.FromUnixTimeSeconds(1400000000)), basic.ModifiedTime);

        Assert.Equal(
            new[] { new InfoComment("public", "hello"), new InfoComment("private", "secret note") },
            ((Seq<InfoComment>)info.Comments).ToArray()
        );

        var counts = (ResourceCounts)info.Counts;
        Assert.Equal(
            (1L, 3L, 12L, 5L, 1L),
            (counts.Client, counts.Dataport, counts.Disk, counts.Http, counts.Share)
        );

        var description = (ResourceDescription)info.Description;
        Assert.Equal(Some("Gerät"), description.Name);
        Assert.Equal(Some(false), description.Locked);
        var limits = (ClientLimits)description.Limits;
        Assert.Equal(Limit.Inherit, limits.Client);
        Assert.Equal(Limit.Of(10), limits.Dataport);
        Assert.Equal(Limit.Zero, limits.Sms);
        Assert.True(limits.Extra.ContainsKey("io"));

        Assert.Equal(Some(Rpc.Cik), info.Key);

        var shares = ((Seq<InfoShare>)info.Shares).ToArray();
        Assert.Equal(2, shares.Length);
        Assert.True(shares[0].Activator.IsNone);
        Assert.Equal(Rpc.Cik, shares[0].Code);
        Assert.Equal("m", shares[0].Meta);
        Assert.Equal(Some(Rpc.Rid2), shares[1].Activator);

        Assert.Equal(new InfoStorage(0, None, None, 0), (InfoStorage)info.Storage);
        Assert.Equal(new[] { Rpc.Rid2 }, ((Seq<string>)info.Subscribers).ToArray());
        Assert.Empty((Seq<string>)info.Tagged);
        Assert.Equal(new[] { "t1" }, ((Seq<string>)info.Tags).ToArray());
        Assert.Equal(
            (7L, 100L),
            (((ResourceCounts)info.Usage).Dataport, ((ResourceCounts)info.Usage).Disk)
        );

        Assert.Equal(
            new[]
            {
                "aliases",
                "basic",
                "comments",
                "counts",
                "description",
                "key",
                "shares",
                "storage",
                "subscribers",
                "tagged",
                "tags",
                "usage",
            },
            info.Parts.ToArray()
        );
        Assert.Equal("""{"anything": [1, 2]}""", info.Extra["future"].GetRawText());
    }

    [Fact]
    public void Info_to_string_hides_the_key_and_share_codes()
    {
        var info = Rpc.Right(
            Rpc.ParseOne(Resources.Info(ResourceId.Self, InfoOptions.All), Ok(FullInfo))
        );
        var text = info.ToString();
        Assert.DoesNotContain(Rpc.Cik, text, StringComparison.Ordinal);
        Assert.Contains("key = ***", text, StringComparison.Ordinal);
        foreach (var share in (Seq<InfoShare>)info.Shares)
            Assert.DoesNotContain(share.Code, share.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_with_one_part_has_only_that_part()
    {
        var info = Rpc.Right(
            Rpc.ParseOne(
                Resources.Info(Child, InfoOptions.OnlyKey),
                Ok($$"""{"key":"{{Rpc.Cik}}"}""")
            )
        );
        Assert.Equal(Some(Rpc.Cik), info.Key);
        Assert.Equal(new[] { "key" }, info.Parts.ToArray());
        Assert.True(info.Basic.IsNone && info.Description.IsNone && info.Extra.IsEmpty);
    }

    [Fact]
    public void Info_of_a_dataport_reads_description_storage_and_basic_without_status()
    {
        var info = Rpc.Right(
            Rpc.ParseOne(
                Resources.Info(Child, InfoOptions.OnlyDescription.WithStorage().WithBasic()),
                Ok(
                    """
                    {"basic": {"modified": 5, "subscribers": 0, "type": "dataport"},
                     "description": {"name":"", "format":"string", "subscribe":null, "meta":"", "preprocess":[], "public":false, "retention":{"count":4,"duration":"infinity"}},
                     "storage": {"count": 3, "first": 10, "last": 30, "size": 96}}
                    """
                )
            )
        );
        var basic = (InfoBasic)info.Basic;
        Assert.True(basic.Status.IsNone);
        Assert.Equal(Some(ResourceType.Dataport), basic.Type);
        var description = (ResourceDescription)info.Description;
        Assert.Equal(Some(DataFormat.String), description.Format);
        Assert.Equal(Some(new Retention(4, None)), description.Retention);
        Assert.True(description.Subscribe.IsNone);
        Assert.Equal(Some(false), description.Public);
        Assert.Equal(new InfoStorage(3, Some(10L), Some(30L), 96), (InfoStorage)info.Storage);
    }

    [Fact]
    public void Info_keeps_unknown_status_and_type_text()
    {
        var basic = (InfoBasic)
            Rpc.Right(
                Rpc.ParseOne(
                    Resources.Info(Child, InfoOptions.OnlyBasic),
                    Ok("""{"basic": {"status": "hibernating", "type": "widget"}}""")
                )
            ).Basic;
        Assert.Equal(Some(ResourceStatus.Unknown), basic.Status);
        Assert.Equal(Some("hibernating"), basic.StatusName);
        Assert.True(basic.Type.IsNone);
        Assert.Equal(Some("widget"), basic.TypeName);
        Assert.True(basic.Modified.IsNone);
    }

    [Theory]
    [InlineData("notactivated", ResourceStatus.NotActivated)]
    [InlineData("expired", ResourceStatus.Expired)]
    [InlineData("locked", ResourceStatus.Locked)]
    public void Info_reads_every_documented_status(string wire, ResourceStatus status)
    {
        var basic = (InfoBasic)
            Rpc.Right(
                Rpc.ParseOne(
                    Resources.Info(Child, InfoOptions.OnlyBasic),
                    Ok($$$"""{"basic": {"status": "{{{wire}}}", "type": "dispatch"}}""")
                )
            ).Basic;
        Assert.Equal(Some(status), basic.Status);
        Assert.Equal(Some(ResourceType.Dispatch), basic.Type);
    }

    [Fact]
    public void Info_aliases_may_be_the_undefined_marker()
    {
        var info = Rpc.Right(
            Rpc.ParseOne(
                Resources.Info(Child, InfoOptions.OnlyAliases),
                Ok("""{"aliases": "undefined"}""")
            )
        );
        Assert.IsType<InfoAliases.Undefined>((InfoAliases)info.Aliases);
    }

    [Fact]
    public void Info_null_part_counts_as_absent()
    {
        var info = Rpc.Right(
            Rpc.ParseOne(
                Resources.Info(Child, InfoOptions.All),
                Ok("""{"key": null, "tags": []}""")
            )
        );
        Assert.True(info.Key.IsNone);
        Assert.Equal(new[] { "tags" }, info.Parts.ToArray());
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"basic": 5}""")]
    [InlineData("""{"aliases": {"x": 5}}""")]
    [InlineData("""{"shares": [{"meta": "no code"}]}""")]
    [InlineData("""{"comments": [["public"]]}""")]
    [InlineData("""{"key": 42}""")]
    [InlineData("""{"description": "text"}""")]
    [InlineData("""{"storage": []}""")]
    [InlineData("""{"counts": "many"}""")]
    public void Info_with_a_known_part_in_the_wrong_shape_is_malformed(string result)
    {
        var error = Rpc.Left(Rpc.ParseOne(Resources.Info(Child, InfoOptions.All), Ok(result)));
        Assert.IsType<ApiError.MalformedResponse>(error);
    }

    [Fact]
    public void Info_description_outlives_the_response()
    {
        var info = Rpc.Right(
            Rpc.ParseOne(
                Resources.Info(Child, InfoOptions.OnlyDescription),
                Ok("""{"description": {"name": "n", "format": "integer"}}""")
            )
        );
        // The response document is disposed after parsing; a cloned element is still readable.
        var description = (ResourceDescription)info.Description;
        Assert.Equal(JsonValueKind.Object, description.Json.ValueKind);
        Assert.Equal(Some("n"), description.Name);
        Assert.Equal(Some(DataFormat.Integer), description.Format);
        Assert.Equal(
            new ResourceDescription(Rpc.Element("""{"name": "n", "format": "integer"}""")),
            description
        );
    }

    // ---- listing -------------------------------------------------------------------------------

    [Fact]
    public void Listing_reads_the_dictionary_form()
    {
        var listing = Rpc.Right(
            Rpc.ParseOne(
                Resources.Listing(
                    ResourceId.Self,
                    Seq(ResourceType.Client, ResourceType.Dataport),
                    ListingOptions.Default
                ),
                Ok($$"""{"client": [], "dataport": ["{{Rpc.Rid2}}"], "widget": [1]}""")
            )
        );
        Assert.Empty(listing.Clients);
        Assert.Equal(new[] { Rpc.Rid2 }, listing.Dataports.ToArray());
        Assert.Empty(listing[ResourceType.Dispatch]);
        Assert.Equal(2, listing.ByType.Count);
    }

    [Fact]
    public void Listing_reads_the_deprecated_list_of_lists_in_type_order()
    {
        var listing = Rpc.Right(
            Rpc.ParseOne(
                Resources.Listing(Seq(ResourceType.Dataport, ResourceType.Client)),
                Ok($$"""[["{{Rpc.Rid}}", "{{Rpc.Rid2}}"], []]""")
            )
        );
        Assert.Equal(new[] { Rpc.Rid, Rpc.Rid2 }, listing.Dataports.ToArray());
        Assert.Empty(listing.Clients);
        Assert.True(listing.ByType.ContainsKey(ResourceType.Client));
    }

    [Theory]
    [InlineData("""[[]]""")]
    [InlineData("""[[], [], []]""")]
    [InlineData("""[[1], []]""")]
    [InlineData("""{"dataport": "x"}""")]
    [InlineData("""{"client": [null]}""")]
    [InlineData("""5""")]
    public void Listing_in_another_shape_is_malformed(string result)
    {
        var error = Rpc.Left(
            Rpc.ParseOne(
                Resources.Listing(Seq(ResourceType.Dataport, ResourceType.Client)),
                Ok(result)
            )
        );
        Assert.IsType<ApiError.MalformedResponse>(error);
    }

    // ---- usage ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("0", 0)]
    [InlineData("86400", 86400)]
    [InlineData("12.0", 12)]
    public void Usage_result_is_a_number(string result, long expected)
    {
        Assert.Equal(
            expected,
            Rpc.Right(
                Rpc.ParseOne(
                    Resources.Usage(ResourceId.Self, UsageMetric.Dataport, 0, 10),
                    Ok(result)
                )
            )
        );
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("\"12\"")]
    [InlineData("null")]
    public void Usage_result_that_is_not_a_whole_number_is_malformed(string result)
    {
        Assert.IsType<ApiError.MalformedResponse>(
            Rpc.Left(
                Rpc.ParseOne(Resources.Usage(ResourceId.Self, UsageMetric.Email, 0, 10), Ok(result))
            )
        );
    }

    // ---- batches -------------------------------------------------------------------------------

    [Fact]
    public void A_batch_of_resource_calls_keeps_each_outcome()
    {
        var calls = Seq(
            Resources
                .Create(ResourceId.Self, DataportDescription.Of(DataFormat.Float))
                .Map(c => c.Boxed()),
            Resources.Drop(Child).Map(c => c.Boxed()),
            Resources.Info(Child, InfoOptions.OnlyBasic).Map(c => c.Boxed())
        );
        var effectSend = RpcBatch.Send(RpcEndpoint.Default, Auth.Cik(Rpc.Cik), 10, calls);
        Assert.True(effectSend.IsSuccess);
        var numbered = Seq(
            (10L, Rpc.Valid(calls[0])),
            (11L, Rpc.Valid(calls[1])),
            (12L, Rpc.Valid(calls[2]))
        );
        var results = Rpc.Right(
            RpcBatch.Parse(
                Rpc.Json(
                    $$"""[{"id":12,"status":"restricted"},{"id":10,"status":"ok","result":"{{Rpc.Rid2}}"},{"id":11,"status":"ok"}]"""
                ),
                numbered
            )
        );
        Assert.Equal(Rpc.Rid2, Rpc.Right(results[0].Outcome));
        Assert.True(results[1].IsOk);
        Assert.Equal(
            Some("restricted"),
            Assert.IsType<ApiError.RpcCall>(Rpc.Left(results[2].Outcome)).StatusText
        );
    }
}
