using System.Text;
using Functional.Core.Interpreter;
using Functional.Facade.OnePlatform;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// The emulator's answers to malformed envelopes as the client's own parsing sees them (spec §2.1–§2.3): the
/// request is sent by the Core interpreter over a real socket and its answer goes through <c>RpcBatch.Parse</c>
/// and the facade's error table. Also the transport rule that a connection is closed after 100 requests.
/// </summary>
public sealed class EndToEndEnvelopeTests
{
    /// <summary>A call whose answer the parser expects (id 0), so a per-call answer could be matched.</summary>
    private static readonly Seq<(long Id, RpcCall<string> Call)> LookupSelf = Seq1(
        (
            0L,
            Aliases
                .Lookup(ResourceId.Self, LookupKind.Alias, "")
                .Match(c => c, _ => throw new InvalidOperationException("builder"))
        )
    );

    private static async Task<Either<ApiError, Seq<RpcResult<string>>>> SendRawAsync(
        EndToEndHarness e2e,
        string body,
        string path = RpcEndpoint.DefaultPath
    )
    {
        var request = HttpRequest
            .Create("POST", path)
            .WithBody(
                HttpBody.FromBytes(Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8")
            );
        var effect = HttpEffect.Send(request, response => RpcBatch.Parse(response, LookupSelf));
        return await HttpInterpreter.RunAsync(
            effect,
            e2e.Http,
            HttpInterpreterOptions.Default.WithBaseAddress(e2e.Emulator.BaseUri)
        );
    }

    private static OnePlatformGeneralException General(
        Either<ApiError, Seq<RpcResult<string>>> answer
    )
    {
        var error = answer.Match(
            r =>
                throw new Xunit.Sdk.XunitException(
                    $"expected a general error, got {r.Count} results"
                ),
            e => e
        );
        return Assert.IsType<OnePlatformGeneralException>(OnePlatformErrors.ToException(error));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_general_error_minus_one()
    {
        await using var e2e = await EndToEndHarness.StartAsync();

        var ex = General(await SendRawAsync(e2e, "this is not json {"));

        Assert.Equal(-1, ex.Code);
    }

    [Fact]
    public async Task Calls_that_are_not_a_list_are_general_400_with_context_calls()
    {
        await using var e2e = await EndToEndHarness.StartAsync();

        var ex = General(
            await SendRawAsync(
                e2e,
                $$$"""{"auth":{"cik":"{{{e2e.Emulator.RootCik}}}"},"calls":{"id":0}}"""
            )
        );

        Assert.Equal(400, ex.Code);
        Assert.Equal("calls", ex.Context);
    }

    [Fact]
    public async Task A_missing_or_misshapen_auth_is_general_400_with_context_auth()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        const string Calls = """
            "calls":[{"id":0,"procedure":"lookup","arguments":[{"alias":""},"alias",""]}]
            """;

        var missing = General(await SendRawAsync(e2e, "{" + Calls + "}"));
        var notAnObject = General(await SendRawAsync(e2e, """{"auth":"cik",""" + Calls + "}"));

        Assert.Equal(400, missing.Code);
        Assert.Equal("auth", missing.Context);
        Assert.Equal(400, notAnObject.Code);
        Assert.Equal("auth", notAnObject.Context);
    }

    [Fact]
    public async Task A_call_without_procedure_is_general_400_with_context_procedure()
    {
        await using var e2e = await EndToEndHarness.StartAsync();

        var ex = General(
            await SendRawAsync(
                e2e,
                $$"""{"auth":{"cik":"{{e2e.Emulator.RootCik}}"},"calls":[{"id":0,"arguments":[]}]}"""
            )
        );

        Assert.Equal(400, ex.Code);
        Assert.Equal("procedure", ex.Context);
    }

    [Fact]
    public async Task A_well_formed_raw_envelope_is_parsed_like_the_clients_own()
    {
        await using var e2e = await EndToEndHarness.StartAsync();

        var answer = await SendRawAsync(
            e2e,
            $$"""{"auth":{"cik":"{{e2e.Emulator.RootCik}}"},"calls":[{"id":0,"procedure":"lookup","arguments":[{"alias":""},"alias",""]}]}""",
            "/api:v1/rpc/process"
        );

        var results = answer.Match(r => r, e => throw new Xunit.Sdk.XunitException(e.Message));
        Assert.Equal(e2e.RootRid, results.Single().Outcome.Match(r => r, e => e.Message));
    }

    [Fact]
    public async Task Calls_without_ids_get_no_body_which_the_client_reports_as_unusable()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var body =
            $$"""{"auth":{"cik":"{{e2e.Emulator.RootCik}}"},"calls":[{"procedure":"create","arguments":[{"alias":""},"dataport",{"format":"integer"}]}]}""";

        using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
        using (var raw = await e2e.Http.PostAsync(e2e.Emulator.RpcUri, content))
        {
            Assert.Equal(200, (int)raw.StatusCode);
            Assert.Empty(await raw.Content.ReadAsByteArrayAsync());
        }
        var answer = await SendRawAsync(e2e, body);

        var error = answer.Match(
            r => throw new Xunit.Sdk.XunitException($"expected an error, got {r.Count} results"),
            e => e
        );
        Assert.IsType<ApiError.MalformedResponse>(error);
        Assert.IsType<OnePlatformResponseException>(OnePlatformErrors.ToException(error));
        // The calls still ran: two dataports were created.
        var listing = await e2e.Client.ListingAsync(
            e2e.Root,
            ResourceId.Self,
            [ResourceType.Dataport]
        );
        Assert.Equal(2, listing.Dataports.Count);
    }

    [Fact]
    public async Task An_unknown_procedure_fails_only_its_own_call()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var unknown = RpcCall.NoResult("nosuchprocedure", w => w.WriteStringValue("x"));
        var badArguments = RpcCall.NoResult("read", w => w.WriteNumberValue(1));

        var results = await e2e
            .Client.Batch(e2e.Root)
            .Add(Success<ApiError, RpcCall<Unit>>(unknown))
            .Add(Success<ApiError, RpcCall<Unit>>(badArguments))
            .Lookup(ResourceId.Self, LookupKind.Alias, "")
            .SendAsync();

        Assert.Equal(new[] { false, false, true }, results.Select(r => r.IsOk));
        Assert.IsType<ApiError.RpcCall>(results[0].Error);
        Assert.IsType<ApiError.RpcCall>(results[1].Error);
        Assert.Equal(e2e.RootRid, results[2].GetValue<string>());
    }

    [Fact]
    public async Task The_client_sends_to_the_legacy_path_when_asked()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        var legacy = e2e.NewClient(o => o with { RpcPath = "/api:v1/rpc/process" });

        var self = await legacy.LookupAsync(e2e.Root, ResourceId.Self, LookupKind.Alias, "");

        Assert.Equal(e2e.RootRid, self);
    }

    // §2.1: the server closes a keep-alive connection after 100 requests; clients must reconnect
    [Fact]
    public async Task The_server_closes_a_connection_after_100_requests_and_the_client_reconnects()
    {
        await using var e2e = await EndToEndHarness.StartAsync();
        e2e.Counter.Reset();

        for (var i = 0; i < 250; i++)
        {
            var self = await e2e.Client.LookupAsync(
                e2e.Root,
                ResourceId.Self,
                LookupKind.Alias,
                ""
            );
            Assert.Equal(e2e.RootRid, self);
        }

        Assert.Equal(250, e2e.Counter.Requests);
        Assert.Equal(2, e2e.Counter.ConnectionCloses);
        Assert.Equal(3, e2e.Counter.Connections);
    }
}
