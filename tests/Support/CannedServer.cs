using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Functional.Tests.Support;

/// <summary>One request as a <see cref="CannedServer"/> received it.</summary>
/// <param name="Method">The method.</param>
/// <param name="RawTarget">The request target exactly as sent on the request line (still escaped).</param>
/// <param name="Headers">Every header, names lower-cased, values joined with ", ".</param>
/// <param name="Body">The body bytes.</param>
public sealed record ReceivedRequest(
    string Method,
    string RawTarget,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body
)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) =>
        Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    public string Path => RawTarget.Split('?')[0];

    public string Query => RawTarget.Contains('?') ? RawTarget[(RawTarget.IndexOf('?') + 1)..] : "";
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port that records every request (body read in full) and
/// answers with a canned handler. Dispose it to stop it.
/// </summary>
public sealed class CannedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    private CannedServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => received.ToArray();

    /// <summary>Starts a server that hands every request (already recorded) to <paramref name="handler"/>.</summary>
    public static async Task<CannedServer> StartAsync(
        Func<HttpContext, ReceivedRequest, Task> handler
    )
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(2)
        );
        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        CannedServer? server = null;
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.ToDictionary(
                    h => h.Key.ToLowerInvariant(),
                    h => h.Value.ToString()
                ),
                buffer.ToArray()
            );
            server!.received.Enqueue(request);
            await handler(context, request);
        });
        await app.StartAsync();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        server = new CannedServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>Starts a server that answers every request with <paramref name="answer"/> as a JSON body.</summary>
    public static Task<CannedServer> JsonAsync(
        Func<ReceivedRequest, string> answer,
        int status = 200
    ) => StartAsync((context, request) => WriteJsonAsync(context, answer(request), status));

    /// <summary>Writes a JSON body.</summary>
    public static async Task WriteJsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
