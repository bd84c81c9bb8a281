using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Functional.Emulators.Sis.Hooks;
using Functional.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Functional.Tests.Emulators.Sis;

/// <summary>Outbound hook calls (spec §2.8.3) against a real listener on 127.0.0.1.</summary>
public sealed class HookDispatcherTests : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ManualClock clock = new(DateTimeOffset.FromUnixTimeSeconds(1_000_000));

    public void Dispose() => http.Dispose();

    private static JsonObject Hook(
        string name,
        Uri url,
        string action = "POST",
        string entityType = "s",
        string events = """["insert","update","delete"]""",
        int retryCount = 0,
        int retryDelay = 1
    ) =>
        JsonNode
            .Parse(
                $$"""{"name":"{{name}}","entity_type":"{{entityType}}","target":{"url":"{{url}}","action":"{{action}}"},"events":{{events}},"retry_count":{{retryCount}},"retry_delay":{{retryDelay}}}"""
            )!
            .AsObject();

    private static JsonObject Doc(string json) => JsonNode.Parse(json)!.AsObject();

    private static async Task Until(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, guard.Token);
        }
    }

    private static Task<CannedServer> Answering(params int[] statuses)
    {
        var count = 0;
        return CannedServer.StartAsync(
            (context, _) =>
            {
                var n = Interlocked.Increment(ref count) - 1;
                return CannedServer.WriteJsonAsync(
                    context,
                    "{}",
                    statuses[Math.Min(n, statuses.Length - 1)]
                );
            }
        );
    }

    [Fact]
    public async Task Post_hook_gets_the_json_payload_with_old_value_for_a_single_update()
    {
        await using var server = await Answering(200);
        await using var dispatcher = new HookDispatcher(http, clock);
        var url = new Uri(server.BaseUri, "hook");
        var hooks = new[]
        {
            Hook("other_type", url, entityType: "t"),
            Hook("insert_only", url, events: """["insert"]"""),
            Hook("mine", url),
        };
        var started = dispatcher.Dispatch(
            hooks,
            new HookEvent("s", "update", Doc("""{"n":2}"""), Doc("""{"n":1}"""), false)
        );
        await dispatcher.DrainAsync();

        Assert.Equal(1, started);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook", request.RawTarget);
        Assert.StartsWith(
            "application/json",
            request.Header("content-type"),
            StringComparison.Ordinal
        );
        Assert.Equal(
            """{"hook":"mine","entity_type":"s","event":"update","data":{"n":2},"is_bulk":false,"old_value":{"n":1}}""",
            request.BodyText
        );
    }

    [Fact]
    public async Task Put_hook_gets_a_bulk_payload_without_old_value()
    {
        await using var server = await Answering(204);
        await using var dispatcher = new HookDispatcher(http, clock);
        dispatcher.Dispatch(
            [Hook("bulk", new Uri(server.BaseUri, "b"), action: "PUT")],
            new HookEvent("s", "update", JsonNode.Parse("""[{"n":1},{"n":2}]"""), null, true)
        );
        await dispatcher.DrainAsync();

        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal(
            """{"hook":"bulk","entity_type":"s","event":"update","data":[{"n":1},{"n":2}],"is_bulk":true}""",
            request.BodyText
        );
    }

    [Fact]
    public async Task Get_hook_gets_the_payload_qs_encoded_with_data_as_a_json_string()
    {
        await using var server = await Answering(200);
        await using var dispatcher = new HookDispatcher(http, clock);
        dispatcher.Dispatch(
            [Hook("g", new Uri(server.BaseUri, "get?x=1"), action: "GET")],
            new HookEvent("s", "insert", Doc("""{"name":"a b","n":1}"""), null, false)
        );
        await dispatcher.DrainAsync();

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(
            "/get?x=1&data%5Bhook%5D=g&data%5Bentity_type%5D=s&data%5Bevent%5D=insert"
                + "&data%5Bdata%5D=%7B%22name%22%3A%22a%20b%22%2C%22n%22%3A1%7D&data%5Bis_bulk%5D=false",
            request.RawTarget
        );
        var query = QueryHelpers.ParseQuery(request.Query);
        Assert.Equal("s", query["data[entity_type]"]);
        Assert.Equal("""{"name":"a b","n":1}""", query["data[data]"]);
        Assert.Empty(request.Body);
    }

    [Fact]
    public void Get_of_a_single_update_sends_old_and_new_in_data_and_old_value_as_nested_keys()
    {
        var request = HookDispatcher.Request(
            Hook("g", new Uri("http://127.0.0.1:1/h"), action: "GET"),
            new HookEvent(
                "s",
                "update",
                Doc("""{"n":2}"""),
                Doc("""{"n":1,"a":[true,null]}"""),
                false
            )
        );
        Assert.NotNull(request);
        Assert.Null(request.Value.JsonBody);
        var query = QueryHelpers.ParseQuery(request.Value.Uri.Query);
        Assert.Equal("""[{"n":1,"a":[true,null]},{"n":2}]""", query["data[data]"]);
        Assert.Equal("1", query["data[old_value][n]"]);
        Assert.Equal("true", query["data[old_value][a][0]"]);
        Assert.Equal("", query["data[old_value][a][1]"]);
    }

    [Fact]
    public void Targets_that_cannot_be_called_are_skipped()
    {
        var change = new HookEvent("s", "insert", Doc("{}"), null, false);
        Assert.Null(HookDispatcher.Request(Hook("a", new Uri("ftp://host/x")), change));
        Assert.Null(
            HookDispatcher.Request(Hook("b", new Uri("http://host/x"), action: "DELETE"), change)
        );
    }

    [Fact]
    public async Task Failing_first_answer_is_retried_after_retry_delay_on_the_clock()
    {
        await using var server = await Answering(400, 200);
        await using var dispatcher = new HookDispatcher(http, clock);
        dispatcher.Dispatch(
            [Hook("r", new Uri(server.BaseUri, "r"), retryCount: 3, retryDelay: 5)],
            new HookEvent("s", "insert", Doc("""{"n":1}"""), null, false)
        );
        await Until(() => server.Requests.Count == 1);
        Assert.Equal(1, dispatcher.Pending);
        await Until(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            return server.Requests.Count == 2;
        });
        await dispatcher.DrainAsync();

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].BodyText, server.Requests[1].BodyText);
        Assert.Equal(0, dispatcher.Pending);
    }

    [Fact]
    public async Task Retries_stop_after_retry_count()
    {
        await using var server = await Answering(500);
        var logger = new ListLogger();
        await using var dispatcher = new HookDispatcher(http, clock, logger);
        dispatcher.Dispatch(
            [Hook("fails", new Uri(server.BaseUri, "f"), retryCount: 2, retryDelay: 1)],
            new HookEvent("s", "delete", Doc("""{"n":1}"""), null, false)
        );
        await Until(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return dispatcher.Pending == 0;
        });

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains(
            logger.Messages,
            m => m == "Hook fails: giving up after 3 attempt(s) (status 500)"
        );
    }

    [Fact]
    public async Task Transport_errors_count_as_failures()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var logger = new ListLogger();
        await using var dispatcher = new HookDispatcher(http, clock, logger);
        dispatcher.Dispatch(
            [Hook("down", new Uri($"http://127.0.0.1:{port}/x"))],
            new HookEvent("s", "insert", Doc("{}"), null, false)
        );
        await dispatcher.DrainAsync();

        Assert.Contains(
            logger.Messages,
            m =>
                m.StartsWith(
                    "Hook down: giving up after 1 attempt(s) (transport error",
                    StringComparison.Ordinal
                )
        );
    }

    [Fact]
    public async Task Dispose_cancels_deliveries_waiting_to_retry()
    {
        await using var server = await Answering(503);
        var dispatcher = new HookDispatcher(http, clock);
        dispatcher.Dispatch(
            [Hook("w", new Uri(server.BaseUri, "w"), retryCount: 5, retryDelay: 60)],
            new HookEvent("s", "insert", Doc("{}"), null, false)
        );
        await Until(() => server.Requests.Count == 1);
        await dispatcher.DisposeAsync();

        Assert.Equal(0, dispatcher.Pending);
        Assert.Equal(
            0,
            dispatcher.Dispatch(
                [Hook("w", new Uri(server.BaseUri, "w"))],
                new HookEvent("s", "insert", Doc("{}"), null, false)
            )
        );
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Pending_deliveries_are_bounded()
    {
        await using var server = await Answering(500);
        await using var dispatcher = new HookDispatcher(http, clock, maxPending: 2);
        var hook = Hook("b", new Uri(server.BaseUri, "b"), retryCount: 1, retryDelay: 60);
        var change = new HookEvent("s", "insert", Doc("{}"), null, false);
        var started = dispatcher.Dispatch([hook, hook, hook], change);

        Assert.Equal(2, started);
    }

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<string> messages = new();

        public IReadOnlyCollection<string> Messages => messages.ToArray();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        ) => messages.Enqueue(formatter(state, exception));
    }
}
