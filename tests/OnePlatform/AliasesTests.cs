using Functional.Facade.OnePlatform;
using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

public class AliasesTests
{
    private const string R = "\"" + Rpc.Rid + "\"";
    private const string Code = "00112233445566778899aabbccddeeff00112233";

    private static string Args<T>(Validation<ApiError, RpcCall<T>> call) =>
        Rpc.Valid(call).ArgumentsJson;

    // ---- map -------------------------------------------------------------------------------------

    [Fact]
    public void Map_golden_arguments()
    {
        Assert.Equal(
            $$"""["alias",{{R}},"temp"]""",
            Args(Aliases.Map(ResourceId.Rid(Rpc.Rid), "temp"))
        );
        Assert.Equal(
            """["alias",{"alias":"old"},"\u4F60\u597D"]""",
            Args(Aliases.Map(ResourceId.Alias("old"), "你好"))
        );
        Assert.Equal(
            $$"""{"auth":{"cik":"{{Rpc.Cik}}"},"calls":[{"id":1,"procedure":"map","arguments":["alias",{{R}},"a b"]}]}""",
            Rpc.Envelope(Aliases.Map(ResourceId.Rid(Rpc.Rid), "a b"), id: 1)
        );
        Assert.False(Rpc.Valid(Aliases.Map(ResourceId.Rid(Rpc.Rid), "x")).IsReadOnly);
    }

    [Fact]
    public void Map_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["resource", "alias"],
            Rpc.Fields(Aliases.Map(ResourceId.Rid("12"), "")).ToArray()
        );
        var errors = Rpc.Errors(Aliases.Map(null!, "tab\there"));
        Assert.Equal(
            [
                new ApiError.InvalidArgument("resource", "is required"),
                new ApiError.InvalidArgument("alias", "must not contain control characters"),
            ],
            errors.ToArray()
        );
        Assert.Equal(["alias"], Rpc.Fields(Aliases.Map(ResourceId.Self, null!)).ToArray());
    }

    [Fact]
    public void Map_parses_ok_and_keeps_statuses()
    {
        var call = Aliases.Map(ResourceId.Rid(Rpc.Rid), "x");
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]""")));
        var error = Assert.IsType<ApiError.RpcCall>(
            Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":"invalid"}]"""))
        );
        Assert.Equal(Some("invalid"), error.StatusText);
    }

    // ---- unmap -----------------------------------------------------------------------------------

    [Fact]
    public void Unmap_documented_and_pyonep_forms()
    {
        Assert.Equal(
            """[{"alias":""},"alias","temp"]""",
            Args(Aliases.Unmap(ResourceId.Self, "temp"))
        );
        Assert.Equal(
            $$"""[{{R}},"alias","\u4F60\u597D"]""",
            Args(Aliases.Unmap(ResourceId.Rid(Rpc.Rid), "你好"))
        );
        Assert.Equal(
            """["alias","temp"]""",
            Args(Aliases.Unmap(ResourceId.Self, "temp", ArgumentForm.Pyonep))
        );
    }

    [Fact]
    public void Unmap_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["client", "alias"],
            Rpc.Fields(Aliases.Unmap(ResourceId.Rid(Rpc.Rid), "a\u0000", ArgumentForm.Pyonep))
                .ToArray()
        );
        Assert.Equal(["client", "alias"], Rpc.Fields(Aliases.Unmap(null!, null!)).ToArray());
    }

    [Fact]
    public void Unmap_parses_ok_and_keeps_statuses()
    {
        var call = Aliases.Unmap(ResourceId.Self, "missing");
        Assert.Equal(unit, Rpc.Right(Rpc.ParseOne(call, """[{"id":0,"status":"ok"}]""")));
        Assert.Equal(
            Some("restricted"),
            Assert
                .IsType<ApiError.RpcCall>(
                    Rpc.Left(Rpc.ParseOne(call, """[{"id":0,"status":"restricted"}]"""))
                )
                .StatusText
        );
    }

    // ---- lookup ----------------------------------------------------------------------------------

    [Fact]
    public void Lookup_documented_and_pyonep_forms()
    {
        Assert.Equal(
            """[{"alias":""},"alias",""]""",
            Args(Aliases.Lookup(ResourceId.Self, LookupKind.Alias, ""))
        );
        Assert.Equal(
            $$"""[{"alias":""},"owner",{{R}}]""",
            Args(Aliases.Lookup(ResourceId.Self, LookupKind.Owner, Rpc.Rid))
        );
        Assert.Equal(
            $$"""[{{R}},"shared","{{Code}}"]""",
            Args(Aliases.Lookup(ResourceId.Rid(Rpc.Rid), LookupKind.Shared, Code))
        );
        Assert.Equal(
            """["alias","\u4F60\u597D"]""",
            Args(Aliases.Lookup(ResourceId.Self, LookupKind.Alias, "你好", ArgumentForm.Pyonep))
        );
        Assert.Equal(
            $$"""["owner",{{R}}]""",
            Args(Aliases.Lookup(ResourceId.Self, LookupKind.Owner, Rpc.Rid, ArgumentForm.Pyonep))
        );
        Assert.Equal(
            $$"""["shared","{{Code}}"]""",
            Args(Aliases.Lookup(ResourceId.Self, LookupKind.Shared, Code, ArgumentForm.Pyonep))
        );
        Assert.True(Rpc.Valid(Aliases.Lookup(ResourceId.Self, LookupKind.Alias, "x")).IsReadOnly);
    }

    [Fact]
    public void Lookup_reports_every_bad_argument_at_once()
    {
        Assert.Equal(
            ["client", "kind"],
            Rpc.Fields(
                    Aliases.Lookup(ResourceId.Alias("x"), (LookupKind)42, "v", ArgumentForm.Pyonep)
                )
                .ToArray()
        );
        Assert.Equal(
            ["client", "value"],
            Rpc.Fields(Aliases.Lookup(ResourceId.Rid("g"), LookupKind.Owner, "not-a-rid")).ToArray()
        );
        Assert.Equal(
            ["value"],
            Rpc.Fields(Aliases.Lookup(ResourceId.Self, LookupKind.Alias, "\n")).ToArray()
        );
    }

    [Fact]
    public void Lookup_shows_a_bad_rid_but_never_a_bad_share_code()
    {
        var owner = Rpc.Errors(Aliases.Lookup(ResourceId.Self, LookupKind.Owner, "abc123"));
        Assert.Contains("abc123", Assert.Single(owner).Message, StringComparison.Ordinal);
        const string secret = "SECRETSECRETSECRETSECRETSECRETSECRET1234";
        var shared = Assert.Single(
            Rpc.Errors(Aliases.Lookup(ResourceId.Self, LookupKind.Shared, secret))
        );
        Assert.Equal("value", Assert.IsType<ApiError.InvalidArgument>(shared).Field);
        Assert.DoesNotContain("SECRET", shared.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", shared.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_parses_the_rid()
    {
        var call = Aliases.Lookup(ResourceId.Self, LookupKind.Alias, "");
        Assert.Equal(
            Rpc.Rid2,
            Rpc.Right(Rpc.ParseOne(call, $$"""[{"id":0,"status":"ok","result":"{{Rpc.Rid2}}"}]"""))
        );
    }

    [Fact]
    public void Lookup_rejects_results_that_are_not_rids()
    {
        var call = Aliases.Lookup(ResourceId.Self, LookupKind.Alias, "");
        foreach (
            var body in new[]
            {
                """[{"id":0,"status":"ok","result":"ABCDEF"}]""",
                """[{"id":0,"status":"ok","result":42}]""",
                """[{"id":0,"status":"ok"}]""",
            }
        )
        {
            Assert.IsType<ApiError.MalformedResponse>(Rpc.Left(Rpc.ParseOne(call, body)));
        }
    }

    [Fact]
    public void Lookup_keeps_failure_statuses()
    {
        var call = Aliases.Lookup(ResourceId.Self, LookupKind.Owner, Rpc.Rid);
        foreach (var status in new[] { "invalid", "restricted", "noauth" })
        {
            var error = Assert.IsType<ApiError.RpcCall>(
                Rpc.Left(Rpc.ParseOne(call, $$"""[{"id":0,"status":"{{status}}"}]"""))
            );
            Assert.Equal(Some(status), error.StatusText);
            Assert.Equal("lookup", error.Procedure);
        }
    }

    // ---- facade ----------------------------------------------------------------------------------

    [Fact]
    public async Task Facade_honours_the_pyonep_argument_form()
    {
        var (client, handler) = CannedRpcHandler.Client(
            $$"""[{"id":0,"status":"ok","result":"{{Rpc.Rid2}}"}]""",
            ArgumentForm.Pyonep
        );
        Assert.Equal(
            Rpc.Rid2,
            await client.LookupAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, LookupKind.Alias, "t")
        );
        Assert.Equal("""["alias","t"]""", handler.SentArguments());

        (client, handler) = CannedRpcHandler.Client(
            """[{"id":0,"status":"ok"}]""",
            ArgumentForm.Pyonep
        );
        await client.UnmapAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, "t");
        Assert.Equal("""["alias","t"]""", handler.SentArguments());
    }

    [Fact]
    public async Task Facade_sends_the_documented_form_by_default()
    {
        var (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        await client.UnmapAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, "t");
        Assert.Equal("""[{"alias":""},"alias","t"]""", handler.SentArguments());

        (client, handler) = CannedRpcHandler.Client("""[{"id":0,"status":"ok"}]""");
        await client.MapAsync(Auth.Cik(Rpc.Cik), ResourceId.Rid(Rpc.Rid), "t");
        Assert.Equal($$"""["alias",{{R}},"t"]""", handler.SentArguments());
    }

    [Fact]
    public async Task Facade_throws_the_call_status()
    {
        var (client, _) = CannedRpcHandler.Client("""[{"id":0,"status":"invalid"}]""");
        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            client.LookupAsync(Auth.Cik(Rpc.Cik), ResourceId.Self, LookupKind.Alias, "nope")
        );
        Assert.Equal("invalid", ex.StatusText);
        Assert.Equal("lookup", ex.Procedure);
    }

    [Fact]
    public async Task Batch_carries_alias_calls_in_the_clients_form()
    {
        var (client, handler) = CannedRpcHandler.Client(
            $$"""[{"id":0,"status":"ok"},{"id":1,"status":"ok"},{"id":2,"status":"ok","result":"{{Rpc.Rid2}}"}]""",
            ArgumentForm.Pyonep
        );
        var results = await client
            .Batch(Auth.Cik(Rpc.Cik))
            .Map(ResourceId.Rid(Rpc.Rid), "t")
            .Unmap(ResourceId.Self, "old")
            .Lookup(ResourceId.Self, LookupKind.Alias, "t")
            .SendAsync();
        Assert.Equal(Rpc.Rid2, results[2].GetValue<string>());
        Assert.Contains(
            """procedure":"unmap","arguments":["alias","old"]""",
            Assert.Single(handler.Bodies),
            StringComparison.Ordinal
        );
    }
}
