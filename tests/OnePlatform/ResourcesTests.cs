using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

/// <summary>Golden arguments and validation of the resource builders (create, move, update, info, listing, drop, usage).</summary>
public class ResourcesTests
{
    private const string ZeroLimits =
        """{"client":0,"dataport":0,"datarule":0,"disk":0,"dispatch":0,"email":0,"email_bucket":0,"http":0,"http_bucket":0,"share":0,"sms":0,"sms_bucket":0,"xmpp":0,"xmpp_bucket":0}""";

    private const string InfiniteRetention = """{"count":"infinity","duration":"infinity"}""";

    private static ResourceId Parent => ResourceId.Rid(Rpc.Rid);

    private static string Args<T>(Validation<ApiError, RpcCall<T>> call) =>
        Rpc.Valid(call).ArgumentsJson;

    // ---- create: client ------------------------------------------------------------------------

    [Fact]
    public void Create_client_golden_envelope_with_defaults_filled()
    {
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Rpc.Cik}}"},"calls":[{"id":3,"procedure":"create","arguments":["{{Rpc.Rid}}","client",{"limits":{{ZeroLimits}},"locked":false,"meta":"","name":"","public":false}]}]}""",
            Rpc.Envelope(Resources.Create(Parent, ClientDescription.Default), id: 3)
        );
    }

    [Fact]
    public void Create_client_writes_typed_keys_then_extra_keys_and_escapes_non_ascii()
    {
        var description = ClientDescription
            .Default.WithName("Gerät 你好")
            .WithMeta("""{"k":1}""")
            .WithLocked(true)
            .WithPublic(true)
            .WithLimits(
                ClientLimits
                    .Default.WithDataport(10)
                    .WithClient(Limit.Inherit)
                    .WithEmailBucket(5)
                    .WithExtra("io", Rpc.Element("\"inherit\""))
            )
            .WithExtra("writeinterval", Rpc.Element("\"inherit\""))
            .WithExtra("visibility", Rpc.Element("\"parent\""));
        Assert.Equal(
            """[{"alias":""},"client",{"limits":{"client":"inherit","dataport":10,"datarule":0,"disk":0,"dispatch":0,"email":0,"email_bucket":5,"http":0,"http_bucket":0,"share":0,"sms":0,"sms_bucket":0,"xmpp":0,"xmpp_bucket":0,"io":"inherit"},"locked":true,"meta":"{\u0022k\u0022:1}","name":"Ger\u00E4t \u4F60\u597D","public":true,"visibility":"parent","writeinterval":"inherit"}]""",
            Args(Resources.Create(ResourceId.Self, description))
        );
    }

    [Fact]
    public void Create_client_inherit_all_limits()
    {
        var json = Args(
            Resources.Create(
                ResourceId.Alias("dev"),
                ClientDescription.Default.WithLimits(ClientLimits.InheritAll)
            )
        );
        Assert.Contains("\"xmpp_bucket\":\"inherit\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain(":0", json, StringComparison.Ordinal);
        Assert.StartsWith("""[{"alias":"dev"},"client",""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_pyonep_form_sends_type_and_description_only()
    {
        Assert.Equal(
            $$"""["client",{"limits":{{ZeroLimits}},"locked":false,"meta":"","name":"","public":false}]""",
            Args(Resources.Create(ResourceId.Self, ClientDescription.Default, ArgumentForm.Pyonep))
        );
        Assert.Equal(
            $$"""["dataport",{"format":"string","meta":"","name":"","preprocess":[],"public":false,"retention":{{InfiniteRetention}},"subscribe":null}]""",
            Args(
                Resources.Create(
                    ResourceId.Self,
                    DataportDescription.Of(DataFormat.String),
                    ArgumentForm.Pyonep
                )
            )
        );
    }

    [Fact]
    public void Create_pyonep_form_rejects_a_parent_other_than_the_caller()
    {
        Assert.Equal(
            ["parent"],
            Rpc.Fields(
                    Resources.Create(
                        Parent,
                        DataportDescription.Of(DataFormat.Float),
                        ArgumentForm.Pyonep
                    )
                )
                .ToArray()
        );
    }

    [Fact]
    public void Create_client_reports_every_bad_field_at_once()
    {
        var description = ClientDescription.Default with
        {
            Name = null!,
            Limits = ClientLimits.Default.WithDataport(-1).WithSmsBucket(-3),
        };
        Assert.Equal(
            [
                "parent",
                "description.limits.dataport",
                "description.limits.sms_bucket",
                "description.name",
            ],
            Rpc.Fields(Resources.Create(ResourceId.Rid("ABC"), description)).ToArray()
        );
    }

    [Fact]
    public void Create_rejects_extra_keys_that_repeat_typed_keys_or_are_not_json()
    {
        var description = ClientDescription
            .Default.WithExtra("name", Rpc.Element("\"x\""))
            .WithExtra("bad", default);
        Assert.Equal(
            ["description.bad", "description.name"],
            Rpc.Fields(Resources.Create(ResourceId.Self, description)).ToArray()
        );
    }

    [Fact]
    public void Create_with_null_arguments_reports_them()
    {
        Assert.Equal(
            ["parent", "description"],
            Rpc.Fields(Resources.Create(null!, (ClientDescription)null!)).ToArray()
        );
    }

    // ---- create: dataport ----------------------------------------------------------------------

    [Fact]
    public void Create_dataport_golden_with_defaults_filled()
    {
        Assert.Equal(
            $$"""["{{Rpc.Rid}}","dataport",{"format":"float","meta":"","name":"","preprocess":[],"public":false,"retention":{{InfiniteRetention}},"subscribe":null}]""",
            Args(Resources.Create(Parent, DataportDescription.Of(DataFormat.Float)))
        );
    }

    [Fact]
    public void Create_dataport_with_every_key_and_legacy_limits()
    {
        var description = DataportDescription
            .Of(DataFormat.Integer)
            .WithName("température")
            .WithMeta("m")
            .AddPreprocess(PreprocessOperator.Mul, 2)
            .AddPreprocess(PreprocessOperator.Add, 0.5)
            .AddPreprocess(PreprocessOperator.Geq, ResourceId.Alias("threshold"))
            .AddPreprocess(PreprocessOperator.Value, ResourceId.Rid(Rpc.Rid2))
            .WithPublic(true)
            .WithRetention(Retention.Infinite.WithCount(4))
            .WithSubscribe(ResourceId.Rid(Rpc.Rid2))
            .WithExtra("limits", Rpc.Element("""{"io":"inherit"}"""));
        Assert.Equal(
            $$$"""[{"alias":""},"dataport",{"format":"integer","meta":"m","name":"temp\u00E9rature","preprocess":[["mul",2],["add",0.5],["geq",{"alias":"threshold"}],["value","{{{Rpc.Rid2}}}"]],"public":true,"retention":{"count":4,"duration":"infinity"},"subscribe":"{{{Rpc.Rid2}}}","limits":{"io":"inherit"}}]""",
            Args(Resources.Create(ResourceId.Self, description))
        );
    }

    [Fact]
    public void Create_dataport_reports_every_bad_field_at_once()
    {
        var description = new DataportDescription()
            .WithPreprocess(
                Seq(
                    new PreprocessStep(PreprocessOperator.Div, double.NaN),
                    new PreprocessStep((PreprocessOperator)99, ResourceId.Rid("nothex"))
                )
            )
            .WithRetention(new Retention(-1, -2))
            .WithSubscribe(ResourceId.Rid("short"));
        Assert.Equal(
            [
                "description.format",
                "description.preprocess[0].operand",
                "description.preprocess[1].op",
                "description.preprocess[1].operand",
                "description.retention.count",
                "description.retention.duration",
                "description.subscribe",
            ],
            Rpc.Fields(Resources.Create(ResourceId.Self, description)).ToArray()
        );
    }

    [Fact]
    public void Retention_zero_count_is_allowed()
    {
        Assert.Contains(
            "\"retention\":{\"count\":0,\"duration\":24}",
            Args(
                Resources.Create(
                    ResourceId.Self,
                    DataportDescription
                        .Of(DataFormat.String)
                        .WithRetention(Retention.Infinite.WithCount(0).WithDuration(24))
                )
            ),
            StringComparison.Ordinal
        );
    }

    // ---- create: datarule ----------------------------------------------------------------------

    [Fact]
    public void Create_datarule_golden_for_every_rule_kind()
    {
        string Rule(DataruleRule rule) =>
            Args(
                Resources.Create(
                    Parent,
                    DataruleDescription
                        .Of(DataFormat.Float, rule)
                        .WithSubscribe(ResourceId.Rid(Rpc.Rid2))
                )
            );
        string Expected(string rule) =>
            $$"""["{{Rpc.Rid}}","datarule",{"format":"float","meta":"","name":"","preprocess":[],"public":false,"retention":{{InfiniteRetention}},"rule":{{rule}},"subscribe":"{{Rpc.Rid2}}"}]""";

        Assert.Equal(
            Expected("""{"simple":{"comparison":"gt","constant":30,"repeat":false}}"""),
            Rule(new DataruleRule.Simple(RuleComparison.Gt, 30))
        );
        Assert.Equal(
            Expected("""{"timeout":{"timeout":600,"repeat":true}}"""),
            Rule(new DataruleRule.Timeout(600, Repeat: true))
        );
        Assert.Equal(
            Expected(
                """{"interval":{"comparison":"leq","constant":1.5,"timeout":60,"repeat":false}}"""
            ),
            Rule(new DataruleRule.Interval(RuleComparison.Leq, 1.5, 60))
        );
        Assert.Equal(
            Expected(
                """{"duration":{"comparison":"neq","constant":0,"timeout":30,"repeat":true}}"""
            ),
            Rule(new DataruleRule.Duration(RuleComparison.Neq, 0, 30, true))
        );
        Assert.Equal(
            Expected(
                """{"count":{"comparison":"eq","constant":1,"count":3,"timeout":120,"repeat":false}}"""
            ),
            Rule(new DataruleRule.Count(RuleComparison.Eq, 1, 3, 120))
        );
    }

    [Fact]
    public void Create_script_datarule_uses_string_format_and_escapes_the_source()
    {
        Assert.Equal(
            $$"""[{"alias":""},"datarule",{"format":"string","meta":"","name":"\u00FCber","preprocess":[],"public":false,"retention":{{InfiniteRetention}},"rule":{"script":"local x = \u0022\u00E9\u0022\nreturn x"},"subscribe":null}]""",
            Args(
                Resources.Create(
                    ResourceId.Self,
                    DataruleDescription.ForScript("local x = \"é\"\nreturn x").WithName("über")
                )
            )
        );
    }

    [Fact]
    public void Create_datarule_reports_every_bad_field_at_once()
    {
        Assert.Equal(
            ["description.format", "description.rule"],
            Rpc.Fields(Resources.Create(ResourceId.Self, new DataruleDescription())).ToArray()
        );
        Assert.Equal(
            [
                "description.rule.count.comparison",
                "description.rule.count.constant",
                "description.rule.count.count",
                "description.rule.count.timeout",
            ],
            Rpc.Fields(
                    Resources.Create(
                        ResourceId.Self,
                        DataruleDescription.Of(
                            DataFormat.Integer,
                            new DataruleRule.Count(
                                (RuleComparison)42,
                                double.PositiveInfinity,
                                -1,
                                -1
                            )
                        )
                    )
                )
                .ToArray()
        );
        Assert.Equal(
            ["description.rule.script"],
            Rpc.Fields(Resources.Create(ResourceId.Self, DataruleDescription.ForScript("")))
                .ToArray()
        );
    }

    // ---- create: dispatch ----------------------------------------------------------------------

    [Fact]
    public void Create_dispatch_golden_with_defaults_filled()
    {
        Assert.Equal(
            $$"""["{{Rpc.Rid}}","dispatch",{"locked":false,"message":"","meta":"","method":"http_post","name":"","preprocess":[],"public":false,"recipient":"https://example.com/hook","retention":{{InfiniteRetention}},"subject":"","subscribe":null}]""",
            Args(
                Resources.Create(
                    Parent,
                    DispatchDescription.Of(DispatchMethod.HttpPost, "https://example.com/hook")
                )
            )
        );
    }

    [Fact]
    public void Create_dispatch_with_every_key()
    {
        var description = DispatchDescription
            .Of(DispatchMethod.Email, "ops@example.com")
            .WithSubject("Alarm ⚠")
            .WithMessage("Temperature high")
            .WithLocked(true)
            .WithName("alarm")
            .WithRetention(Retention.Infinite.WithDuration(48))
            .WithSubscribe(ResourceId.Rid(Rpc.Rid2))
            .WithExtra("zz", Rpc.Element("[1,2]"));
        Assert.Equal(
            $$"""[{"alias":""},"dispatch",{"locked":true,"message":"Temperature high","meta":"","method":"email","name":"alarm","preprocess":[],"public":false,"recipient":"ops@example.com","retention":{"count":"infinity","duration":48},"subject":"Alarm \u26A0","subscribe":"{{Rpc.Rid2}}","zz":[1,2]}]""",
            Args(Resources.Create(ResourceId.Self, description))
        );
    }

    [Theory]
    [InlineData(DispatchMethod.HttpGet, "http_get")]
    [InlineData(DispatchMethod.HttpPut, "http_put")]
    [InlineData(DispatchMethod.Sms, "sms")]
    [InlineData(DispatchMethod.Xmpp, "xmpp")]
    public void Create_dispatch_method_wire_names(DispatchMethod method, string name)
    {
        Assert.Contains(
            $"\"method\":\"{name}\"",
            Args(Resources.Create(ResourceId.Self, DispatchDescription.Of(method, "x"))),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Create_dispatch_reports_every_bad_field_at_once()
    {
        var description = new DispatchDescription() with { Subject = null! };
        Assert.Equal(
            ["description.method", "description.recipient", "description.subject"],
            Rpc.Fields(Resources.Create(ResourceId.Self, description)).ToArray()
        );
    }

    // ---- create: clone -------------------------------------------------------------------------

    [Fact]
    public void Create_clone_by_rid_and_by_code()
    {
        Assert.Equal(
            $$"""["{{Rpc.Rid}}","clone",{"rid":"{{Rpc.Rid2}}","noaliases":false,"nohistorical":false}]""",
            Args(Resources.Create(Parent, CloneDescription.FromRid(Rpc.Rid2)))
        );
        Assert.Equal(
            $$"""[{"alias":""},"clone",{"code":"{{Rpc.Cik}}","noaliases":true,"nohistorical":true}]""",
            Args(
                Resources.Create(
                    ResourceId.Self,
                    CloneDescription.FromCode(Rpc.Cik).WithNoAliases().WithNoHistorical()
                )
            )
        );
        Assert.Equal(
            $$"""["clone",{"rid":"{{Rpc.Rid2}}","noaliases":false,"nohistorical":false}]""",
            Args(
                Resources.Create(
                    ResourceId.Self,
                    CloneDescription.FromRid(Rpc.Rid2),
                    ArgumentForm.Pyonep
                )
            )
        );
    }

    [Fact]
    public void Create_clone_requires_exactly_one_of_rid_and_code()
    {
        var both = CloneDescription.FromRid(Rpc.Rid2) with { Code = Rpc.Cik };
        Assert.Equal(
            ["description.code"],
            Rpc.Fields(Resources.Create(ResourceId.Self, both)).ToArray()
        );
        Assert.Equal(
            ["description.rid"],
            Rpc.Fields(Resources.Create(ResourceId.Self, new CloneDescription())).ToArray()
        );
    }

    [Fact]
    public void Clone_code_is_secret_in_errors_and_to_string()
    {
        var badCode = "Z" + Rpc.Cik[1..];
        var error = Rpc.Errors(
                Resources.Create(ResourceId.Self, CloneDescription.FromCode(badCode))
            )
            .Single();
        Assert.DoesNotContain(badCode, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(
            Rpc.Cik,
            CloneDescription.FromCode(Rpc.Cik).ToString(),
            StringComparison.Ordinal
        );
    }

    // ---- move / update / drop ------------------------------------------------------------------

    [Fact]
    public void Move_golden_with_default_and_explicit_aliases()
    {
        Assert.Equal(
            $$"""["{{Rpc.Rid2}}",{"alias":""},{"aliases":true}]""",
            Args(Resources.Move(ResourceId.Rid(Rpc.Rid2), ResourceId.Self))
        );
        Assert.Equal(
            $$"""[{"alias":"sensor"},"{{Rpc.Rid}}",{"aliases":false}]""",
            Args(Resources.Move(ResourceId.Alias("sensor"), Parent, aliases: false))
        );
    }

    [Fact]
    public void Move_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "destination"],
            Rpc.Fields(Resources.Move(ResourceId.Self, ResourceId.Rid("nope"))).ToArray()
        );
    }

    [Fact]
    public void Update_sends_only_the_keys_set()
    {
        Assert.Equal(
            """[{"alias":"temp"},{"name":"Temp\u00E9rature"}]""",
            Args(
                Resources.Update(
                    ResourceId.Alias("temp"),
                    ResourceUpdate.Empty.WithName("Température")
                )
            )
        );
        Assert.Equal(
            $$"""["{{Rpc.Rid}}",{}]""",
            Args(Resources.Update(Parent, ResourceUpdate.Empty))
        );
    }

    [Fact]
    public void Update_with_every_key_in_wire_order()
    {
        var update = ResourceUpdate
            .Empty.WithSubscribe(ResourceId.Alias("src"))
            .WithSubject("s")
            .WithRule(new DataruleRule.Simple(RuleComparison.Lt, -1))
            .WithRetention(Retention.Infinite.WithCount(10))
            .WithRecipient("r")
            .WithPublic(false)
            .WithPreprocess(Seq1(new PreprocessStep(PreprocessOperator.Sub, 1)))
            .WithName("n")
            .WithMethod(DispatchMethod.Sms)
            .WithMeta("m")
            .WithMessage("msg")
            .WithLocked(true)
            .WithLimits(ClientLimits.Default.WithShare(Limit.Inherit))
            .WithExtra("writeinterval", Rpc.Element("5"));
        Assert.Equal(
            $$$"""["{{{Rpc.Rid}}}",{"limits":{"client":0,"dataport":0,"datarule":0,"disk":0,"dispatch":0,"email":0,"email_bucket":0,"http":0,"http_bucket":0,"share":"inherit","sms":0,"sms_bucket":0,"xmpp":0,"xmpp_bucket":0},"locked":true,"message":"msg","meta":"m","method":"sms","name":"n","preprocess":[["sub",1]],"public":false,"recipient":"r","retention":{"count":10,"duration":"infinity"},"rule":{"simple":{"comparison":"lt","constant":-1,"repeat":false}},"subject":"s","subscribe":{"alias":"src"},"writeinterval":5}]""",
            Args(Resources.Update(Parent, update))
        );
    }

    [Fact]
    public void Update_can_send_partial_limits_and_a_null_subscribe()
    {
        Assert.Equal(
            $$$"""["{{{Rpc.Rid}}}",{"subscribe":null,"limits":{"dataport":10}}]""",
            Args(
                Resources.Update(
                    Parent,
                    ResourceUpdate
                        .Empty.WithoutSubscribe()
                        .WithExtra("limits", Rpc.Element("""{"dataport":10}"""))
                )
            )
        );
    }

    [Fact]
    public void Update_reports_every_bad_field_at_once()
    {
        var update = ResourceUpdate
            .Empty.WithLimits(ClientLimits.Default.WithDisk(-1))
            .WithRetention(new Retention(None, -5))
            .WithRecipient("")
            .WithName("typed")
            .WithExtra("name", Rpc.Element("\"x\""))
            .WithExtra("meta", Rpc.Element("\"allowed: meta is not set\""));
        Assert.Equal(
            [
                "resource",
                "description.limits.disk",
                "description.recipient",
                "description.retention.duration",
                "description.name",
            ],
            Rpc.Fields(Resources.Update(ResourceId.Self, update)).ToArray()
        );
    }

    [Fact]
    public void Drop_golden_and_validation()
    {
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Rpc.Cik}}"},"calls":[{"id":0,"procedure":"drop","arguments":["{{Rpc.Rid2}}"]}]}""",
            Rpc.Envelope(Resources.Drop(ResourceId.Rid(Rpc.Rid2)))
        );
        Assert.Equal(["resource"], Rpc.Fields(Resources.Drop(ResourceId.Rid(""))).ToArray());
    }

    // ---- info ----------------------------------------------------------------------------------

    [Fact]
    public void Info_all_sends_an_empty_object_and_is_read_only()
    {
        var call = Rpc.Valid(Resources.Info(ResourceId.Self, InfoOptions.All));
        Assert.Equal("""[{"alias":""},{}]""", call.ArgumentsJson);
        Assert.True(call.IsReadOnly);
    }

    [Fact]
    public void Info_sends_only_the_parts_requested_in_wire_order()
    {
        Assert.Equal(
            $$"""["{{Rpc.Rid}}",{"key":true}]""",
            Args(Resources.Info(Parent, InfoOptions.OnlyKey))
        );
        var every = InfoOptions
            .All.WithUsage()
            .WithTags()
            .WithTagged()
            .WithSubscribers()
            .WithStorage()
            .WithShares()
            .WithKey()
            .WithDescription()
            .WithCounts()
            .WithComments()
            .WithBasic()
            .WithAliases();
        Assert.Equal(
            """[{"alias":"x"},{"aliases":true,"basic":true,"comments":true,"counts":true,"description":true,"key":true,"shares":true,"storage":true,"subscribers":true,"tagged":true,"tags":true,"usage":true}]""",
            Args(Resources.Info(ResourceId.Alias("x"), every))
        );
        Assert.Equal(
            """[{"alias":"x"},{"basic":true}]""",
            Args(
                Resources.Info(
                    ResourceId.Alias("x"),
                    InfoOptions.OnlyBasic.WithKey().WithKey(false)
                )
            )
        );
    }

    [Fact]
    public void Info_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "options"],
            Rpc.Fields(Resources.Info(ResourceId.Rid("x"), null!)).ToArray()
        );
    }

    // ---- listing -------------------------------------------------------------------------------

    [Fact]
    public void Listing_documented_form_golden()
    {
        var call = Rpc.Valid(
            Resources.Listing(
                ResourceId.Self,
                Seq(ResourceType.Client, ResourceType.Dataport),
                ListingOptions.Default
            )
        );
        Assert.Equal("""[{"alias":""},["client","dataport"],{}]""", call.ArgumentsJson);
        Assert.True(call.IsReadOnly);
        Assert.Equal(
            $$"""["{{Rpc.Rid}}",["datarule","dispatch","token"],{"activated":true,"aliased":true,"owned":true,"public":true,"tagged":["a","\u00E9t\u00E9"]}]""",
            Args(
                Resources.Listing(
                    Parent,
                    Seq(ResourceType.Datarule, ResourceType.Dispatch, ResourceType.Token),
                    ListingOptions
                        .Default.WithPublic()
                        .WithOwned()
                        .WithAliased()
                        .WithActivated()
                        .WithTagged(Seq("a", "été"))
                )
            )
        );
    }

    [Fact]
    public void Listing_deprecated_forms()
    {
        Assert.Equal(
            """[["client","dataport"],{"owned":true}]""",
            Args(
                Resources.Listing(
                    ResourceId.Self,
                    Seq(ResourceType.Client, ResourceType.Dataport),
                    ListingOptions.Default.WithOwned(),
                    ArgumentForm.Pyonep
                )
            )
        );
        // pyonep sends the three-argument form whenever a resource is named.
        Assert.Equal(
            $$"""["{{Rpc.Rid}}",["client"],{}]""",
            Args(
                Resources.Listing(
                    Parent,
                    Seq1(ResourceType.Client),
                    ListingOptions.Default,
                    ArgumentForm.Pyonep
                )
            )
        );
        var oneArgument = Rpc.Valid(Resources.Listing(Seq1(ResourceType.Dataport)));
        Assert.Equal("""[["dataport"]]""", oneArgument.ArgumentsJson);
        Assert.True(oneArgument.IsReadOnly);
    }

    [Fact]
    public void Listing_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["client", "types[1]", "types[2]", "options.tagged[0]"],
            Rpc.Fields(
                    Resources.Listing(
                        ResourceId.Rid("x"),
                        Seq(ResourceType.Client, (ResourceType)77, ResourceType.Client),
                        ListingOptions.Default.WithTagged(Seq1(""))
                    )
                )
                .ToArray()
        );
        Assert.Equal(["types"], Rpc.Fields(Resources.Listing(Seq<ResourceType>())).ToArray());
    }

    // ---- usage ---------------------------------------------------------------------------------

    [Fact]
    public void Usage_golden_for_every_metric()
    {
        var names = new[]
        {
            (UsageMetric.Client, "client"),
            (UsageMetric.Dataport, "dataport"),
            (UsageMetric.Datarule, "datarule"),
            (UsageMetric.Dispatch, "dispatch"),
            (UsageMetric.Share, "share"),
            (UsageMetric.Email, "email"),
            (UsageMetric.Http, "http"),
            (UsageMetric.Sms, "sms"),
            (UsageMetric.Xmpp, "xmpp"),
        };
        foreach (var (metric, name) in names)
            Assert.Equal(
                $$"""[{"alias":""},"{{name}}",1000,2000]""",
                Args(Resources.Usage(ResourceId.Self, metric, 1000, 2000))
            );
        var call = Rpc.Valid(
            Resources.Usage(
                Parent,
                UsageMetric.Sms,
                DateTimeOffset.FromUnixTimeSeconds(5),
                DateTimeOffset.FromUnixTimeSeconds(6)
            )
        );
        Assert.Equal($$"""["{{Rpc.Rid}}","sms",5,6]""", call.ArgumentsJson);
        Assert.True(call.IsReadOnly);
    }

    [Fact]
    public void Usage_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["client", "metric", "startTime", "endTime"],
            Rpc.Fields(Resources.Usage(ResourceId.Rid("x"), (UsageMetric)50, -1, -2)).ToArray()
        );
        Assert.Equal(
            ["endTime"],
            Rpc.Fields(Resources.Usage(ResourceId.Self, UsageMetric.Client, 10, 5)).ToArray()
        );
    }

    [Fact]
    public void Mutating_procedures_are_not_read_only()
    {
        Assert.False(Rpc.Valid(Resources.Drop(Parent)).IsReadOnly);
        Assert.False(Rpc.Valid(Resources.Move(Parent, ResourceId.Self)).IsReadOnly);
        Assert.False(Rpc.Valid(Resources.Update(Parent, ResourceUpdate.Empty)).IsReadOnly);
        Assert.False(Rpc.Valid(Resources.Create(Parent, ClientDescription.Default)).IsReadOnly);
    }
}
