using Functional.Facade.OnePlatform;
using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

public class SharesAndKeysTests
{
    private const string R = "\"" + Rpc.Rid + "\"";
    private const string Code = "00112233445566778899aabbccddeeff00112233";
    private const string Token = "ffeeddccbbaa99887766554433221100ffeeddcc";

    /// <summary>A wrong code whose text is easy to spot in a message.</summary>
    private const string BadSecret = "SECRETSECRETSECRETSECRETSECRETSECRET9999";

    private static string Args<T>(Validation<ApiError, RpcCall<T>> call) =>
        Rpc.Valid(call).ArgumentsJson;

    private static ApiError.RpcCall CallError<T>(Either<ApiError, T> outcome) =>
        Assert.IsType<ApiError.RpcCall>(Rpc.Left(outcome));

    private static void NeverEchoes<T>(Validation<ApiError, T> built, string secret)
    {
        foreach (var e in Rpc.Errors(built))
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
        }
    }

    private static Map<string, Seq<string>> Perms(params (string, Seq<string>)[] entries) =>
        toMap(entries);

    // ---- share -----------------------------------------------------------------------------------

    [Fact]
    public void Share_golden_arguments()
    {
        Assert.Equal(
            $$"""[{{R}},{}]""",
            Args(SharesAndKeys.Share(ResourceId.Rid(Rpc.Rid), ShareOptions.Default))
        );
        Assert.Equal(
            $$"""[{"alias":"t"},{"meta":"[\u0022vendor\u0022, \u0022model\u0022] \u4F60\u597D","code":"{{Code}}"}]""",
            Args(
                SharesAndKeys.Share(
                    ResourceId.Alias("t"),
                    ShareOptions.Default.WithCode(Code).WithMeta("[\"vendor\", \"model\"] 你好")
                )
            )
        );
        Assert.False(
            Rpc.Valid(SharesAndKeys.Share(ResourceId.Self, ShareOptions.Default)).IsReadOnly
        );
    }

    [Fact]
    public void Share_reports_every_bad_argument_at_once_without_echoing_the_code()
    {
        var built = SharesAndKeys.Share(
            ResourceId.Rid("r"),
            ShareOptions.Default.WithCode(BadSecret)
        );
        Assert.Equal(["resource", "options.code"], Rpc.Fields(built).ToArray());
        NeverEchoes(built, "SECRET");
        Assert.Equal(
            ["resource", "options"],
            Rpc.Fields(SharesAndKeys.Share(null!, null!)).ToArray()
        );
    }

    [Fact]
    public void ShareOptions_never_print_the_code()
    {
        var text = ShareOptions.Default.WithMeta("m").WithCode(Code).ToString();
        Assert.DoesNotContain(Code, text, StringComparison.Ordinal);
        Assert.Contains("\"m\"", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Share_parses_the_code_and_rejects_other_results()
    {
        var call = SharesAndKeys.Share(ResourceId.Self, ShareOptions.Default);
        Assert.Equal(
            Code,
            Rpc.Right(Rpc.ParseOne(call, $$"""[{"id":0,"status":"ok","result":"{{Code}}"}]"""))
        );
        var malformed = Assert.IsType<ApiError.MalformedResponse>(
            Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":"ok","result":"SECRET-ish"}]"""))
        );
        Assert.DoesNotContain("SECRET", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(
            Some("restricted"),
            CallError(Rpc.ParseOne(call, """[{"id":0,"status":"restricted"}]""")).StatusText
        );
    }

    // ---- revoke ----------------------------------------------------------------------------------

    [Fact]
    public void Revoke_golden_arguments()
    {
        Assert.Equal(
            $$"""["client","{{Code}}"]""",
            Args(SharesAndKeys.Revoke(CodeType.Client, Code))
        );
        Assert.Equal(
            $$"""["share","{{Code}}"]""",
            Args(SharesAndKeys.Revoke(CodeType.Share, Code))
        );
    }

    [Fact]
    public void Revoke_reports_every_bad_argument_at_once_without_echoing_the_code()
    {
        var built = SharesAndKeys.Revoke((CodeType)9, BadSecret);
        Assert.Equal(["codeType", "code"], Rpc.Fields(built).ToArray());
        NeverEchoes(built, "SECRET");
        Assert.Equal(["code"], Rpc.Fields(SharesAndKeys.Revoke(CodeType.Share, null!)).ToArray());
    }

    [Fact]
    public void Revoke_keeps_invalid_and_noauth()
    {
        var call = SharesAndKeys.Revoke(CodeType.Client, Code);
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]""")));
        foreach (var status in new[] { "invalid", "noauth" })
        {
            var error = CallError(Rpc.ParseOne(call, $$"""[{"id":0,"status":"{{status}}"}]"""));
            Assert.Equal(Some(status), error.StatusText);
            Assert.Contains(status, error.Message, StringComparison.Ordinal);
        }
    }

    // ---- activate / deactivate -------------------------------------------------------------------

    [Fact]
    public void Activate_and_deactivate_documented_and_pyonep_forms()
    {
        Assert.Equal(
            $$"""[{"alias":""},"share","{{Code}}"]""",
            Args(SharesAndKeys.Activate(ResourceId.Self, CodeType.Share, Code))
        );
        Assert.Equal(
            $$"""[{{R}},"client","{{Code}}"]""",
            Args(SharesAndKeys.Activate(ResourceId.Rid(Rpc.Rid), CodeType.Client, Code))
        );
        Assert.Equal(
            $$"""["share","{{Code}}"]""",
            Args(SharesAndKeys.Activate(ResourceId.Self, CodeType.Share, Code, ArgumentForm.Pyonep))
        );
        Assert.Equal(
            $$"""[{"alias":"c"},"share","{{Code}}"]""",
            Args(SharesAndKeys.Deactivate(ResourceId.Alias("c"), CodeType.Share, Code))
        );
        Assert.Equal(
            $$"""["client","{{Code}}"]""",
            Args(
                SharesAndKeys.Deactivate(
                    ResourceId.Self,
                    CodeType.Client,
                    Code,
                    ArgumentForm.Pyonep
                )
            )
        );
        Assert.Equal(
            "deactivate",
            Rpc.Valid(SharesAndKeys.Deactivate(ResourceId.Self, CodeType.Share, Code)).Procedure
        );
    }

    [Fact]
    public void Activate_and_deactivate_report_every_bad_argument_at_once()
    {
        var activate = SharesAndKeys.Activate(
            ResourceId.Rid(Rpc.Rid),
            (CodeType)5,
            BadSecret,
            ArgumentForm.Pyonep
        );
        Assert.Equal(["client", "codeType", "code"], Rpc.Fields(activate).ToArray());
        NeverEchoes(activate, "SECRET");
        var deactivate = SharesAndKeys.Deactivate(null!, CodeType.Client, Code.ToUpperInvariant());
        Assert.Equal(["client", "code"], Rpc.Fields(deactivate).ToArray());
        NeverEchoes(deactivate, Code.ToUpperInvariant());
    }

    [Fact]
    public void Activate_keeps_invalid_and_noauth_with_the_error_object()
    {
        var call = SharesAndKeys.Activate(ResourceId.Self, CodeType.Share, Code);
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]""")));
        var invalid = CallError(
            Rpc.ParseOne(
                call,
                """[{"id":0,"status":"invalid","error":{"code":400,"message":"already activated"}}]"""
            )
        );
        Assert.Equal(Some("invalid"), invalid.StatusText);
        Assert.Equal(Some(new RpcErrorDetail(400, "already activated", None)), invalid.Detail);
        Assert.Equal(
            Some("noauth"),
            CallError(Rpc.ParseOne(call, """[{"id":0,"status":"noauth"}]""")).StatusText
        );
    }

    // ---- grant -----------------------------------------------------------------------------------

    [Fact]
    public void Grant_golden_arguments_with_and_without_ttl()
    {
        var perms = Perms((Rpc.Rid2, Seq("read", "write")), (Rpc.Rid, Seq1("info")));
        Assert.Equal(
            $$"""[{{R}},{"{{Rpc.Rid}}":["info"],"{{Rpc.Rid2}}":["read","write"]}]""",
            Args(SharesAndKeys.Grant(ResourceId.Rid(Rpc.Rid), perms))
        );
        Assert.Equal(
            $$"""[{"alias":""},{"{{Rpc.Rid}}":["info"],"{{Rpc.Rid2}}":["read","write"]},{"ttl":1000}]""",
            Args(SharesAndKeys.Grant(ResourceId.Self, perms, 1000))
        );
        Assert.Equal(
            $$"""[{"alias":""},{"{{Rpc.Rid}}":["info"],"{{Rpc.Rid2}}":["read","write"]},{"ttl":2}]""",
            Args(SharesAndKeys.Grant(ResourceId.Self, perms, TimeSpan.FromMilliseconds(1500)))
        );
        Assert.Equal(
            $$"""[{"alias":""},{"{{Rpc.Rid}}":["info"],"{{Rpc.Rid2}}":["read","write"]}]""",
            Args(SharesAndKeys.Grant(ResourceId.Self, perms, Option<long>.None))
        );
        Assert.False(Rpc.Valid(SharesAndKeys.Grant(ResourceId.Self, perms)).IsReadOnly);
    }

    [Fact]
    public void Grant_reports_every_bad_argument_at_once()
    {
        var built = SharesAndKeys.Grant(
            ResourceId.Rid("bad"),
            Perms(
                (Rpc.Rid, Seq<string>()),
                (Rpc.Rid2, Seq("read", "", "Write", null!)),
                ("not-a-rid", Seq1("read"))
            ),
            0
        );
        Assert.Equal(
            [
                "resource",
                "permissions[0].procedures",
                "permissions[1].procedures[1]",
                "permissions[1].procedures[2]",
                "permissions[1].procedures[3]",
                "permissions[2]",
                "ttl",
            ],
            Rpc.Fields(built).ToArray()
        );
        Assert.Equal(
            ["resource", "permissions", "ttl"],
            Rpc.Fields(
                    SharesAndKeys.Grant(null!, Map<string, Seq<string>>(), TimeSpan.FromSeconds(-3))
                )
                .ToArray()
        );
    }

    [Fact]
    public void Grant_parses_the_token()
    {
        var call = SharesAndKeys.Grant(ResourceId.Self, Perms((Rpc.Rid, Seq1("read"))), 1000);
        Assert.Equal(
            Token,
            Rpc.Right(Rpc.ParseOne(call, $$"""[{"id":0,"status":"ok","result":"{{Token}}"}]"""))
        );
        var malformed = Assert.IsType<ApiError.MalformedResponse>(
            Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":"ok","result":"short-token"}]"""))
        );
        Assert.DoesNotContain("short-token", malformed.Message, StringComparison.Ordinal);
        foreach (var status in new[] { "invalid", "restricted", "noauth" })
        {
            Assert.Equal(
                Some(status),
                CallError(Rpc.ParseOne(call, $$"""[{"id":0,"status":"{{status}}"}]""")).StatusText
            );
        }
    }

    // ---- facade ----------------------------------------------------------------------------------

    [Fact]
    public async Task GrantAsync_sends_permissions_and_ttl_and_returns_the_token()
    {
        var (client, handler) = CannedRpcHandler.Client(
            $$"""[{"id":0,"status":"ok","result":"{{Token}}"}]"""
        );
        var token = await client.GrantAsync(
            Auth.Cik(Rpc.Cik),
            ResourceId.Rid(Rpc.Rid),
            new Dictionary<string, IReadOnlyList<string>> { [Rpc.Rid] = ["read", "write"] },
            TimeSpan.FromSeconds(1000)
        );
        Assert.Equal(Token, token);
        Assert.Equal(
            $$"""[{{R}},{"{{Rpc.Rid}}":["read","write"]},{"ttl":1000}]""",
            handler.SentArguments()
        );
    }

    [Fact]
    public async Task Facade_honours_the_pyonep_argument_form()
    {
        var (client, handler) = CannedRpcHandler.Client(
            """[{"id":0,"status":"ok"}]""",
            ArgumentForm.Pyonep
        );
        await client.ActivateAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, CodeType.Share, Code);
        Assert.Equal($$"""["share","{{Code}}"]""", handler.SentArguments());

        (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        await client.DeactivateAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, CodeType.Share, Code);
        Assert.Equal($$"""[{"alias":""},"share","{{Code}}"]""", handler.SentArguments());
    }

    [Fact]
    public async Task Facade_validation_never_echoes_codes_and_sends_nothing()
    {
        var (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        var ex = await Assert.ThrowsAsync<OnePlatformValidationException>(() =>
            client.RevokeAsync(Auth.Cik(Rpc.Cik), CodeType.Client, BadSecret)
        );
        Assert.Equal("code", Assert.Single(ex.Problems).Field);
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Bodies);
    }

    [Fact]
    public async Task Facade_throws_call_statuses()
    {
        var (client, _) = CannedRpcHandler.Client("""[{"id":0,"status":"noauth"}]""");
        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            client.ShareAsync(Auth.Cik(Rpc.Cik), ResourceId.Alias("t"))
        );
        Assert.Equal("noauth", ex.StatusText);
        Assert.Equal("share", ex.Procedure);
    }

    [Fact]
    public async Task Batch_carries_share_and_key_calls()
    {
        var (client, handler) = CannedRpcHandler.Client(
            $$"""[{"id":0,"status":"ok","result":"{{Code}}"},{"id":1,"status":"ok"},{"id":2,"status":"invalid"},{"id":3,"status":"ok"},{"id":4,"status":"ok","result":"{{Token}}"}]""",
            ArgumentForm.Pyonep
        );
        var results = await client
            .Batch(Auth.Cik(Rpc.Cik))
            .Share(ResourceId.Alias("t"), ShareOptions.Default.WithMeta("m"))
            .Revoke(CodeType.Share, Code)
            .Activate(ResourceId.Self, CodeType.Share, Code)
            .Deactivate(ResourceId.Self, CodeType.Share, Code)
            .Grant(
                ResourceId.Self,
                new Dictionary<string, IReadOnlyList<string>> { [Rpc.Rid] = ["read"] }
            )
            .SendAsync();
        Assert.Equal(Code, results[0].GetValue<string>());
        Assert.Equal(Some("invalid"), Assert.IsType<ApiError.RpcCall>(results[2].Error).StatusText);
        Assert.Equal(Token, results[4].GetValue<string>());
        Assert.Contains(
            $$"""procedure":"activate","arguments":["share","{{Code}}"]""",
            Assert.Single(handler.Bodies),
            StringComparison.Ordinal
        );
    }
}
