using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Functional.Emulators.Sis.Hooks;

/// <summary>
/// A change that may fire hooks (spec §2.8.3).
/// </summary>
/// <param name="EntityType">The schema name for entities, <c>sis_schemas</c> or <c>sis_hiera</c>.</param>
/// <param name="Event"><c>insert</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Data">The object (the new version for updates); for bulk operations the array of affected objects.</param>
/// <param name="OldValue">The object before a single update (sent as <c>old_value</c>); ignored otherwise.</param>
/// <param name="IsBulk">Whether the change came from a bulk operation (then no <c>old_value</c> is sent).</param>
internal sealed record HookEvent(
    string EntityType,
    string Event,
    JsonNode? Data,
    JsonNode? OldValue,
    bool IsBulk
);

/// <summary>
/// Sends hook calls (spec §2.8.3) in the background: JSON POST/PUT <c>{"hook","entity_type","event","data","is_bulk",
/// ["old_value"]}</c>, or GET with the same object qs-encoded as <c>data[…]</c> query parameters; a failure (transport
/// error or status ≥ 300) is retried <c>retry_count</c> times every <c>retry_delay</c> seconds on the given clock.
/// <see cref="Dispatch"/> never blocks on the network; at most a few calls run at once and the number of pending
/// deliveries is bounded (extra ones are dropped and logged). <see cref="DisposeAsync"/> cancels what is pending.
/// </summary>
internal sealed class HookDispatcher : IAsyncDisposable
{
    private static readonly JsonSerializerOptions JsOutput = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HttpClient http;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly int maxPending;
    private readonly SemaphoreSlim concurrency;
    private readonly CancellationTokenSource stopping = new();
    private readonly object sync = new();
    private readonly HashSet<Task> pending = [];
    private bool disposed;

    /// <summary>A dispatcher sending with <paramref name="http"/> (which carries its own timeout; not disposed here).</summary>
    /// <param name="http">The outbound client.</param>
    /// <param name="clock">The clock the retry delays run on.</param>
    /// <param name="logger">Where deliveries, retries and failures are logged (never URLs or payloads).</param>
    /// <param name="maxConcurrency">How many calls may be in flight at once.</param>
    /// <param name="maxPending">How many deliveries (including those waiting to retry) may be pending.</param>
    public HookDispatcher(
        HttpClient http,
        TimeProvider clock,
        ILogger? logger = null,
        int maxConcurrency = 8,
        int maxPending = 1000
    )
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPending, 1);
        this.http = http;
        this.clock = clock;
        this.logger = logger ?? NullLogger.Instance;
        this.maxPending = maxPending;
        concurrency = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <summary>How many deliveries are still running or waiting to retry.</summary>
    public int Pending
    {
        get
        {
            lock (sync)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>
    /// The hooks that fire for a change: <c>entity_type</c> equal to <paramref name="entityType"/> and
    /// <c>events</c> containing <paramref name="eventName"/> (Mongo's <c>{entity_type, events}</c> query).
    /// </summary>
    public static IReadOnlyList<JsonObject> Select(
        IEnumerable<JsonObject> hooks,
        string entityType,
        string eventName
    ) =>
        [
            .. hooks.Where(h =>
                Text(h["entity_type"]) == entityType
                && h["events"] switch
                {
                    JsonArray events => events.Any(e => Text(e) == eventName),
                    var single => Text(single) == eventName,
                }
            ),
        ];

    /// <summary>
    /// Starts one delivery per hook of <paramref name="hooks"/> that fires for <paramref name="change"/> (see
    /// <see cref="Select"/>) and returns how many were started. The payload is captured now; the calls run in the
    /// background. Call it once the answer has been sent (e.g. from <c>Response.OnCompleted</c>).
    /// </summary>
    public int Dispatch(IEnumerable<JsonObject> hooks, HookEvent change)
    {
        var started = 0;
        foreach (var hook in Select(hooks, change.EntityType, change.Event))
        {
            var delivery = Prepare(hook, change);
            if (delivery is null)
            {
                HookLog.BadTarget(logger, Text(hook["name"]) ?? "");
                continue;
            }
            if (Start(delivery))
            {
                started++;
            }
        }
        return started;
    }

    /// <summary>Waits until every pending delivery (including retries) has finished.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task[] snapshot;
            lock (sync)
            {
                snapshot = [.. pending];
            }
            if (snapshot.Length == 0)
            {
                return;
            }
            await Task.WhenAll(snapshot).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting deliveries, cancels pending calls and retry waits, and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (sync)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        stopping.Dispose();
        concurrency.Dispose();
    }

    /// <summary>The body (POST/PUT) or query string (GET) of a hook call — exposed for tests.</summary>
    internal static (HttpMethod Method, Uri Uri, string? JsonBody)? Request(
        JsonObject hook,
        HookEvent change
    ) => Prepare(hook, change) is { } d ? (d.Method, d.Uri, d.Body) : null;

    private bool Start(Delivery delivery)
    {
        lock (sync)
        {
            if (disposed)
            {
                return false;
            }
            if (pending.Count >= maxPending)
            {
                HookLog.Dropped(logger, delivery.Hook, pending.Count);
                return false;
            }
            var task = Task.Run(() => RunAsync(delivery, stopping.Token));
            pending.Add(task);
            _ = task.ContinueWith(
                t =>
                {
                    lock (sync)
                    {
                        pending.Remove(t);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default
            );
            return true;
        }
    }

    private async Task RunAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var attempt = 0;
        try
        {
            while (true)
            {
                attempt++;
                string? failure;
                await concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    failure = await SendAsync(delivery, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    concurrency.Release();
                }
                if (failure is null)
                {
                    return;
                }
                if (attempt > delivery.RetryCount)
                {
                    HookLog.GaveUp(logger, delivery.Hook, attempt, failure);
                    return;
                }
                HookLog.Retrying(
                    logger,
                    delivery.Hook,
                    attempt,
                    failure,
                    delivery.RetryDelay.TotalSeconds
                );
                await Task.Delay(delivery.RetryDelay, clock, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The dispatcher is being disposed.
        }
#pragma warning disable CA1031 // a background delivery must never crash the process
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HookLog.GaveUp(logger, delivery.Hook, attempt, ex.GetType().Name);
        }
    }

    /// <summary>One attempt: null on success, else why it failed.</summary>
    private async Task<string?> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(delivery.Method, delivery.Uri);
        if (delivery.Body is not null)
        {
            request.Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json");
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken)
                .ConfigureAwait(false);
            var status = (int)response.StatusCode;
            HookLog.Delivered(logger, delivery.Hook, delivery.Method.Method, status);
            return status >= 300 ? "status " + status.ToString(CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException ex)
        {
            return "transport error " + (ex.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
    }

    private static Delivery? Prepare(JsonObject hook, HookEvent change)
    {
        var name = Text(hook["name"]) ?? "";
        var target = hook["target"] as JsonObject;
        var url = Text(target?["url"]);
        var action = Text(target?["action"])?.ToUpperInvariant();
        if (
            url is null
            || action is not ("GET" or "POST" or "PUT")
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        )
        {
            return null;
        }
        // SIS: retry_count || 0, retry_delay || 1 (seconds).
        var retryCount = Math.Max(0, (int)Math.Min(Number(hook["retry_count"]) ?? 0, 1000));
        var delay = Number(hook["retry_delay"]) is { } d and > 0 ? d : 1;
        var singleUpdate = change.Event == "update" && !change.IsBulk;
        // JSON.stringify drops undefined keys: an upsert that inserts sends neither data nor old_value.
        var payload = new JsonObject
        {
            ["hook"] = name,
            ["entity_type"] = Text(hook["entity_type"]),
            ["event"] = change.Event,
        };
        if (change.Data is not null)
        {
            payload["data"] = change.Data.DeepClone();
        }
        payload["is_bulk"] = change.IsBulk;
        if (singleUpdate && change.OldValue is not null)
        {
            payload["old_value"] = change.OldValue.DeepClone();
        }
        string? body = null;
        if (action == "GET")
        {
            // SIS sends JSON.stringify(entity) as data[data], where entity is [old, new] for a single update.
            var entity = singleUpdate
                ? new JsonArray(change.OldValue?.DeepClone(), change.Data?.DeepClone())
                : change.Data;
            payload["data"] = entity?.ToJsonString(JsOutput) ?? "null";
            var query = Qs.Stringify("data", payload);
            var builder = new UriBuilder(uri);
            builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + query : query;
            uri = builder.Uri;
        }
        else
        {
            body = payload.ToJsonString(JsOutput);
        }
        return new Delivery(
            name,
            new HttpMethod(action),
            uri,
            body,
            retryCount,
            TimeSpan.FromSeconds(Math.Min(delay, 3600))
        );
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v
        && v.GetValueKind() == JsonValueKind.Number
        && double.TryParse(
            v.ToJsonString(),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var n
        )
            ? n
            : null;

    private sealed record Delivery(
        string Hook,
        HttpMethod Method,
        Uri Uri,
        string? Body,
        int RetryCount,
        TimeSpan RetryDelay
    );
}
