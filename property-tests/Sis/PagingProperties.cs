using System.Net;
using System.Text.Json;
using Functional.Core.Sis;
using Functional.Facade.Sis;
using CoreSis = Functional.Core.Sis.Sis;

namespace Functional.PropertyTests.Sis;

/// <summary>
/// Paging of SIS lists (spec sis.md §1.3 <c>fetch_all</c>, §2.4 <c>limit</c>/<c>offset</c>/<c>x-total-count</c>):
/// Core's <c>Sis.FetchAll</c> (run with <see cref="HttpInterpreter.Run{A}"/>) and the facade's lazy
/// <see cref="SisEndpointClient.FetchAllAsync(SisQuery?, int, CancellationToken)"/> (over an in-memory
/// <see cref="HttpMessageHandler"/>) against generated servers: honest, with a missing or lying count, a
/// collection that shrinks or grows between pages, or that ignore offset or limit.
/// </summary>
public class PagingProperties
{
    private static readonly SisEndpoint Things = SisEndpoint.Entities("thing");

    private static int N(JsonElement item) => item.GetProperty("n").GetInt32();

    private static string Id(JsonElement item) => item.GetProperty("_id").GetString()!;

    /// <summary>The number of requests an honest-but-for-the-count server on a fixed collection needs.</summary>
    private static int ExpectedRequests(PagingCase c)
    {
        var avail = Math.Max(0, c.Size - (c.Offset ?? 0));
        var limitReached = c.Limit is { } l && l <= avail;
        var m = Math.Min(avail, c.Limit ?? int.MaxValue);
        var pages = (m + c.PageSize - 1) / c.PageSize;
        if (m == 0)
            return 1;
        if (c.Count == CountMode.Exact || limitReached)
            return pages;
        // No usable count: an exact multiple of the page size needs one more, empty, page.
        return m % c.PageSize == 0 ? pages + 1 : pages;
    }

    /// <summary>Runs Core's FetchAll against a fresh server for the case.</summary>
    private static (int[] Items, string[] Ids, PagingServer Server) RunCore(PagingCase c)
    {
        var server = new PagingServer(c);
        var effect = CoreSis
            .FetchAll(SisSettings.Default, Things, c.Query, c.PageSize)
            .Match(
                e => e,
                errors => throw new InvalidOperationException(string.Join("; ", errors))
            );
        var items = HttpInterpreter
            .Run(
                effect,
                request =>
                {
                    Assert.Equal("GET", request.Method);
                    Assert.Equal("/api/v1.1/entities/thing", request.Path);
                    return server.Handle(request.Query);
                }
            )
            .Match(r => r, e => throw new InvalidOperationException(e.ToString()));
        return ([.. items.Map(N)], [.. items.Map(Id)], server);
    }

    /// <summary>The properties every run must have, whatever the server does.</summary>
    private static void AssertSafe(PagingCase c, int[] items, string[] ids, PagingServer server)
    {
        // Terminates: every page that does not end the run hands out at least one item never seen before.
        Assert.InRange(server.Requests.Count, 1, server.EverExisted + 1);
        // At most once.
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        // Only items that existed.
        Assert.All(items, n => Assert.InRange(n, 0, server.EverExisted - 1));
        // The caller's limit holds, for the items and for what was asked.
        if (c.Limit is { } limit)
        {
            Assert.True(items.Length <= limit, $"{items.Length} items for a limit of {limit}");
            Assert.True(
                server.Requests.Sum(r => (long)(r.Limit ?? 10_000)) <= limit,
                "the pages asked for more than the caller's limit"
            );
        }
        // Every page asks for 1..pageSize items from at or after the caller's offset, offsets increasing.
        Assert.All(server.Requests, r => Assert.InRange(r.Limit ?? -1, 1, c.PageSize));
        Assert.All(server.Requests, r => Assert.True((r.Offset ?? 0) >= (c.Offset ?? 0)));
        for (var i = 1; i < server.Requests.Count; i++)
            Assert.True(server.Requests[i].Offset > server.Requests[i - 1].Offset);
    }

    /// <summary>What a server that applies offset and limit to a fixed collection must give.</summary>
    private static void AssertFaithful(PagingCase c, int[] items, PagingServer server)
    {
        var expected = c.Expected.ToArray();
        if (!c.Static || !c.Obeys)
            return;
        if (c.Count == CountMode.Lower)
        {
            // A count that is too low may end the run early: what was read is still a prefix, in order.
            Assert.Equal(expected.Take(items.Length), items);
            return;
        }
        // Exact, missing, garbage or too high: exactly the items from the offset up to the limit, in order.
        Assert.Equal(expected, items);
        Assert.Equal(ExpectedRequests(c), server.Requests.Count);
    }

    [Property(MaxTest = 300)]
    public Property FetchAll_terminates_returns_each_item_at_most_once_within_the_limit_and_all_when_honest() =>
        Prop.ForAll(
            Arb.From(SisGenerators.Paging, SisGenerators.ShrinkPaging),
            c =>
            {
                var (items, ids, server) = RunCore(c);
                AssertSafe(c, items, ids, server);
                AssertFaithful(c, items, server);
                if (c.Honest)
                    Assert.Equal(c.Expected, items);
                // Offsets honoured and nothing inserted in front: items come in collection order.
                if (!c.IgnoreOffset && c.Change != Change.GrowFront)
                    for (var i = 1; i < items.Length; i++)
                        Assert.True(
                            items[i - 1] < items[i],
                            $"item {items[i]} after {items[i - 1]}"
                        );
            }
        );

    /// <summary>An <see cref="HttpMessageHandler"/> in front of a <see cref="PagingServer"/>.</summary>
    private sealed class Handler(PagingServer server) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken
        )
        {
            Assert.Equal(HttpMethod.Get, request.Method);
            Assert.Equal("/api/v1.1/entities/thing", request.RequestUri!.AbsolutePath);
            var answer = server.Handle(QueryString.Decode(request.RequestUri.Query));
            var message = new HttpResponseMessage((HttpStatusCode)answer.Status)
            {
                Content = new ByteArrayContent(answer.Body.ToArray()),
            };
            message.Content.Headers.ContentType = new("application/json");
            foreach (var header in answer.Headers)
                message.Headers.TryAddWithoutValidation(header.Name, header.Value);
            return Task.FromResult(message);
        }
    }

    /// <summary>Runs the facade's FetchAllAsync against a fresh server, reading at most <paramref name="take"/> items.</summary>
    private static (int[] Items, string[] Ids, PagingServer Server) RunFacade(
        PagingCase c,
        int take
    ) =>
        Task.Run(async () =>
            {
                var server = new PagingServer(c);
                using var http = new HttpClient(new Handler(server));
                var client = new SisClient(http, new SisClientOptions(new Uri("http://sis.test")));
                var items = new List<JsonElement>();
                if (take > 0)
                {
                    await foreach (
                        var item in client.Entities("thing").FetchAllAsync(c.Query, c.PageSize)
                    )
                    {
                        items.Add(item);
                        if (items.Count >= take)
                            break;
                    }
                }
                return (items.Select(N).ToArray(), items.Select(Id).ToArray(), server);
            })
            .GetAwaiter()
            .GetResult();

    [Property(MaxTest = 200)]
    public Property Facade_FetchAllAsync_reads_what_Core_reads_and_stops_requesting_when_the_caller_stops() =>
        Prop.ForAll(
            Arb.From(
                from c in SisGenerators.Paging
                from stopAfter in Gen.Frequency(
                    (2, Gen.Constant(int.MaxValue)),
                    (1, Gen.Choose(1, Math.Max(1, c.Size)))
                )
                select (Case: c, StopAfter: stopAfter)
            ),
            x =>
            {
                var c = x.Case;
                var (coreItems, _, coreServer) = RunCore(c);
                var (items, ids, server) = RunFacade(c, int.MaxValue);
                // Whole run: the same items and the same requests as Core, so the same guarantees.
                Assert.Equal(coreItems, items);
                Assert.Equal(coreServer.Requests, server.Requests);
                AssertSafe(c, items, ids, server);
                AssertFaithful(c, items, server);

                // Lazy: stopping after k items stops the requests (one page in flight at most).
                if (x.StopAfter < items.Length && c.Honest)
                {
                    var (some, _, lazyServer) = RunFacade(c, x.StopAfter);
                    Assert.Equal(items.Take(x.StopAfter), some);
                    Assert.Equal(
                        (x.StopAfter + c.PageSize - 1) / c.PageSize,
                        lazyServer.Requests.Count
                    );
                }
            }
        );
}
