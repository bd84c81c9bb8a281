namespace Functional.Core.Interpreter;

/// <summary>How the interpreter sends requests.</summary>
/// <param name="BaseAddress">The endpoint; request paths are appended to it. None uses <c>HttpClient.BaseAddress</c>.</param>
/// <param name="Timeout">The default time allowed for one request and its answer; a request's own timeout wins.</param>
public sealed record HttpInterpreterOptions(Option<Uri> BaseAddress, TimeSpan Timeout)
{
    /// <summary>No base address of its own and a 100 s timeout.</summary>
    public static HttpInterpreterOptions Default { get; } = new(None, TimeSpan.FromSeconds(100));

    /// <summary>A copy with the given base address.</summary>
    public HttpInterpreterOptions WithBaseAddress(Uri baseAddress) =>
        this with
        {
            BaseAddress = Some(baseAddress),
        };

    /// <summary>A copy with the given timeout.</summary>
    public HttpInterpreterOptions WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };
}
