using Functional.Core.OnePlatform;

namespace Functional.Facade.OnePlatform;

/// <summary>Settings of a <see cref="OnePlatformClient"/>.</summary>
public sealed record OnePlatformClientOptions
{
    /// <summary>The platform's base address. Default <c>https://m2.exosite.com</c>.</summary>
    public Uri Endpoint { get; init; } = new("https://m2.exosite.com");

    /// <summary>The RPC path. Default <c>/onep:v1/rpc/process</c> (the legacy <c>/api:v1/rpc/process</c> also works).</summary>
    public string RpcPath { get; init; } = RpcEndpoint.DefaultPath;

    /// <summary>A <c>User-Agent</c> to send (recommended: your application and a contact).</summary>
    public string? UserAgent { get; init; }

    /// <summary>Time allowed for one HTTP request and its answer. Default 30 s; <c>wait</c> calls get the long-poll time they need.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The id of the first call this client sends; later calls count up from it. Default 0.</summary>
    public long StartId { get; init; }

    /// <summary>The most calls sent in one HTTP request; larger batches are split. Default 25.</summary>
    public int ChunkSize { get; init; } = RpcEndpoint.DefaultChunkSize;

    /// <summary>The argument shape of procedures that have a deprecated form. Default: the documented form.</summary>
    public ArgumentForm ArgumentForm { get; init; } = ArgumentForm.Documented;

    /// <summary>A copy with the given endpoint.</summary>
    public OnePlatformClientOptions WithEndpoint(Uri endpoint) => this with { Endpoint = endpoint };

    /// <summary>A copy with the given timeout.</summary>
    public OnePlatformClientOptions WithTimeout(TimeSpan timeout) =>
        this with
        {
            Timeout = timeout,
        };

    internal RpcEndpoint ToRpcEndpoint() =>
        new(RpcPath, UserAgent is null ? None : Some(UserAgent), ChunkSize);
}
