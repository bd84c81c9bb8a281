using Functional.Core.OnePlatform;
using Functional.Facade.OnePlatform;

namespace Functional.Extensions;

/// <summary>
/// The bindable settings of the <see cref="OnePlatformClient"/> that <c>AddOnePlatformClient</c> registers (the
/// configuration section <see cref="DefaultSection"/> by default). Checked at start-up; see
/// <see cref="OnePlatformClientOptions"/> for the meaning of each value.
/// </summary>
public sealed class OnePlatformClientSettings
{
    /// <summary>The configuration section read by default: <c>Functional:OnePlatform</c>.</summary>
    public const string DefaultSection = "Functional:OnePlatform";

    /// <summary>The platform's base address (absolute http or https). Default <c>https://m2.exosite.com</c>.</summary>
    public Uri? Endpoint { get; set; } = new("https://m2.exosite.com");

    /// <summary>The RPC path. Default <c>/onep:v1/rpc/process</c>.</summary>
    public string? RpcPath { get; set; } = RpcEndpoint.DefaultPath;

    /// <summary>A <c>User-Agent</c> to send, or null.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Time allowed for one request and its answer. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most calls sent in one HTTP request. Default 25.</summary>
    public int ChunkSize { get; set; } = RpcEndpoint.DefaultChunkSize;

    /// <summary>The argument shape of procedures with a deprecated form. Default: the documented form.</summary>
    public ArgumentForm ArgumentForm { get; set; } = ArgumentForm.Documented;

    /// <summary>The immutable client options these settings describe (call after validation).</summary>
    public OnePlatformClientOptions ToOptions() =>
        new()
        {
            Endpoint = Endpoint ?? new OnePlatformClientOptions().Endpoint,
            RpcPath = RpcPath ?? RpcEndpoint.DefaultPath,
            UserAgent = UserAgent,
            Timeout = Timeout,
            ChunkSize = ChunkSize,
            ArgumentForm = ArgumentForm,
        };
}
