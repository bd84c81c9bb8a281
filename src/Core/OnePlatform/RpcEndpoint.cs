using Functional.Core.Errors;

namespace Functional.Core.OnePlatform;

/// <summary>Where and how One Platform requests are sent.</summary>
/// <param name="Path">The RPC path (<c>/onep:v1/rpc/process</c>; the legacy <c>/api:v1/rpc/process</c> also works).</param>
/// <param name="UserAgent">A <c>User-Agent</c> header to send, if any.</param>
/// <param name="ChunkSize">The most calls sent in one HTTP request; larger batches are split (exoline uses 25).</param>
public sealed record RpcEndpoint(string Path, Option<string> UserAgent, int ChunkSize)
{
    /// <summary>The documented RPC path.</summary>
    public const string DefaultPath = "/onep:v1/rpc/process";

    /// <summary>The default chunk size.</summary>
    public const int DefaultChunkSize = 25;

    /// <summary><c>/onep:v1/rpc/process</c>, no user agent, chunks of 25.</summary>
    public static RpcEndpoint Default { get; } = new(DefaultPath, None, DefaultChunkSize);

    /// <summary>A copy with the given path.</summary>
    public RpcEndpoint WithPath(string path) => this with { Path = path };

    /// <summary>A copy with the given user agent.</summary>
    public RpcEndpoint WithUserAgent(string userAgent) => this with { UserAgent = Some(userAgent) };

    /// <summary>A copy with the given chunk size.</summary>
    public RpcEndpoint WithChunkSize(int chunkSize) => this with { ChunkSize = chunkSize };

    /// <summary>Checks the settings.</summary>
    public Validation<ApiError, RpcEndpoint> Validate() =>
        IsValid ? Success<ApiError, RpcEndpoint>(this) : Problems();

    /// <summary>True when <see cref="Problems"/> would find nothing (checked on every request, so without allocating).</summary>
    private bool IsValid =>
        Path is { Length: > 0 }
        && Path.StartsWith('/')
        && Path.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') < 0
        && Path.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') < 0
        && (
            UserAgent.IsNone
            || ((string)UserAgent).AsSpan().IndexOfAnyExceptInRange('\u0020', '\u007e') < 0
        )
        && ChunkSize >= 1;

    private Validation<ApiError, RpcEndpoint> Problems() =>
        (
            Path is { Length: > 0 } && Path.StartsWith('/') && !Path.Any(char.IsControl)
                ? Success<ApiError, string>(Path)
                : Fail<ApiError, string>(
                    new ApiError.InvalidArgument(
                        "endpoint.path",
                        "must start with '/' and contain no control characters"
                    )
                ),
            UserAgent.Match(
                ua =>
                    ua.Any(char.IsControl)
                        ? Fail<ApiError, Unit>(
                            new ApiError.InvalidArgument(
                                "endpoint.userAgent",
                                "must not contain control characters"
                            )
                        )
                    // A header carries bytes: anything above '~' would be rejected or mangled on the wire.
                    : ua.Any(c => c > '\u007e')
                        ? Fail<ApiError, Unit>(
                            new ApiError.InvalidArgument(
                                "endpoint.userAgent",
                                "must be printable ASCII (a header carries bytes, not text)"
                            )
                        )
                    : Success<ApiError, Unit>(unit),
                () => Success<ApiError, Unit>(unit)
            ),
            ChunkSize >= 1
                ? Success<ApiError, int>(ChunkSize)
                : Fail<ApiError, int>(
                    new ApiError.InvalidArgument("endpoint.chunkSize", "must be at least 1")
                )
        ).Apply((_, _, _) => this);
}
