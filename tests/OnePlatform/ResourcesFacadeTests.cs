using System.Net;
using System.Text;
using System.Text.Json;
using Functional.Facade.OnePlatform;
using Functional.Tests.Support;

namespace Functional.Tests.OnePlatform;

/// <summary>The facade's resource methods against an in-memory HTTP handler (no sockets).</summary>
public class ResourcesFacadeTests
{
    /// <summary>Answers every request with <c>answer(request body)</c> and records the bodies.</summary>
    private sealed class FakeHandler(Func<JsonElement, string> answer) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken
        )
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Bodies.Add(body);
            using var doc = JsonDocument.Parse(body);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    answer(doc.RootElement),
                    Encoding.UTF8,
                    "application/json"
                ),
            };
        }
    }

    private static (OnePlatformClient Client, FakeHandler Handler) Make(
        Func<JsonElement, string> answer,
        ArgumentForm form = ArgumentForm.Documented
    )
    {
        var handler = new FakeHandler(answer);
        var http = new HttpClient(handler);
        return (
            new OnePlatformClient(http, new OnePlatformClientOptions { ArgumentForm = form }),
            handler
        );
    }

    private static Auth Auth => Auth.Cik(Rpc.Cik);

    [Fact]
    public async Task CreateDataportAsync_with_the_pyonep_form_sends_type_and_description()
    {
        var (client, handler) = Make(
            _ => $$"""[{"id":0,"status":"ok","result":"{{Rpc.Rid2}}"}]""",
            ArgumentForm.Pyonep
        );
        var rid = await client.CreateDataportAsync(
            Auth,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.String).WithRetention(Retention.Infinite)
        );
        Assert.Equal(Rpc.Rid2, rid);
        Assert.Contains(
            """arguments":["dataport",{"format":"string",""",
            handler.Bodies.Single(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task InfoAsync_throws_the_call_status()
    {
        var (client, _) = Make(_ => """[{"id":0,"status":"restricted"}]""");
        var ex = await Assert.ThrowsAsync<OnePlatformCallException>(() =>
            client.InfoAsync(Auth, ResourceId.Rid(Rpc.Rid2))
        );
        Assert.Equal("restricted", ex.StatusText);
        Assert.Equal("info", ex.Procedure);
    }

    [Fact]
    public async Task ListingAsync_and_UsageAsync_return_typed_results()
    {
        var (client, handler) = Make(request =>
        {
            var call = request.GetProperty("calls")[0];
            var id = call.GetProperty("id").GetInt64();
            return call.GetProperty("procedure").GetString() == "listing"
                ? $$$"""[{"id":{{{id}}},"status":"ok","result":{"client":[],"dataport":["{{{Rpc.Rid2}}}"]}}]"""
                : $$"""[{"id":{{id}},"status":"ok","result":42}]""";
        });
        var listing = await client.ListingAsync(
            Auth,
            ResourceId.Self,
            [ResourceType.Client, ResourceType.Dataport]
        );
        Assert.Equal(new[] { Rpc.Rid2 }, listing.Dataports.ToArray());
        Assert.Equal(42, await client.UsageAsync(Auth, ResourceId.Self, UsageMetric.Http, 0, 100));
        Assert.Contains(
            """arguments":[{"alias":""},["client","dataport"],{}]""",
            handler.Bodies[0],
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Bad_arguments_throw_before_anything_is_sent()
    {
        var (client, handler) = Make(_ => "[]");
        var ex = await Assert.ThrowsAsync<OnePlatformValidationException>(() =>
            client.MoveAsync(Auth, ResourceId.Self, ResourceId.Rid("bad"))
        );
        Assert.Equal(["resource", "destination"], ex.Problems.Select(p => p.Field).ToArray());
        Assert.Empty(handler.Bodies);
    }

    [Fact]
    public async Task A_batch_of_resource_calls_returns_each_outcome()
    {
        var (client, handler) = Make(_ =>
            $$"""[{"id":0,"status":"ok","result":"{{Rpc.Rid2}}"},{"id":1,"status":"ok"},{"id":2,"status":"invalid"},{"id":3,"status":"ok","result":7}]"""
        );
        var results = await client
            .Batch(Auth)
            .CreateClient(ResourceId.Self)
            .Drop(ResourceId.Rid(Rpc.Rid2))
            .Info(ResourceId.Alias("missing"), InfoOptions.OnlyBasic)
            .Usage(ResourceId.Self, UsageMetric.Client, 0, 1)
            .SendAsync();
        Assert.Equal(Rpc.Rid2, results[0].GetValue<string>());
        Assert.True(results[1].IsOk);
        Assert.False(results[2].IsOk);
        Assert.Equal(7L, results[3].GetValue<long>());
        Assert.Single(handler.Bodies);
    }
}
