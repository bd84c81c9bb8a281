namespace Functional.Emulators.Faults;

/// <summary>What kind of fault a <see cref="Fault"/> is; the key of <see cref="FaultCounts"/>.</summary>
public enum FaultKind
{
    /// <summary><see cref="Fault.Latency"/>: the request waits before it is processed.</summary>
    Latency,

    /// <summary><see cref="Fault.ServerError"/>: a 5xx answer instead of processing.</summary>
    ServerError,

    /// <summary><see cref="Fault.ResetBefore"/>: the connection is dropped before the request is processed.</summary>
    ResetBefore,

    /// <summary><see cref="Fault.ResetAfter"/>: the request is processed, then the connection is dropped.</summary>
    ResetAfter,

    /// <summary><see cref="Fault.TruncatedBody"/>: the request is processed and only the first half of the answer is sent.</summary>
    TruncatedBody,

    /// <summary><see cref="Fault.SlowBody"/>: the request is processed and the answer is dribbled out slowly.</summary>
    SlowBody,

    /// <summary><see cref="Fault.GarbageBody"/>: the request is processed and the answer's body is replaced by bytes that are not JSON.</summary>
    GarbageBody,
}

/// <summary>
/// One fault the emulators can inject (a closed family). Faults that act "after" let the emulator process the request
/// first (its state changes), with the answer buffered, and then lose or mangle the answer.
/// </summary>
public abstract record Fault
{
    private protected Fault() { }

    /// <summary>The kind of this fault.</summary>
    public abstract FaultKind Kind { get; }

    /// <summary>Whether the request is processed (state changed) before the fault acts on the answer.</summary>
    public abstract bool ActsAfterProcessing { get; }

    /// <summary>
    /// Waits <paramref name="Delay"/> before processing. Unlike the other faults, latency adds up with them: every
    /// latency rule that fires adds its delay, and rule evaluation goes on.
    /// </summary>
    /// <param name="Delay">The added delay (not negative).</param>
    public sealed record Latency(TimeSpan Delay) : Fault
    {
        /// <inheritdoc />
        public override FaultKind Kind => FaultKind.Latency;

        /// <inheritdoc />
        public override bool ActsAfterProcessing => false;
    }

    /// <summary>Answers <paramref name="Status"/> with a short plain-text body without processing the request.</summary>
    /// <param name="Status">The HTTP status, 500 to 599.</param>
    public sealed record ServerError(int Status) : Fault
    {
        /// <inheritdoc />
        public override FaultKind Kind => FaultKind.ServerError;

        /// <inheritdoc />
        public override bool ActsAfterProcessing => false;
    }

    /// <summary>Drops the connection (<c>HttpContext.Abort()</c>) before the request is processed: nothing changes.</summary>
    public sealed record ResetBefore : Fault
    {
        /// <inheritdoc />
        public override FaultKind Kind => FaultKind.ResetBefore;

        /// <inheritdoc />
        public override bool ActsAfterProcessing => false;
    }

    /// <summary>
    /// Processes the request (its changes are applied and kept), then drops the connection instead of answering: the
    /// answer is lost and the client cannot know whether its request was applied.
    /// </summary>
    public sealed record ResetAfter : Fault
    {
        /// <inheritdoc />
        public override FaultKind Kind => FaultKind.ResetAfter;

        /// <inheritdoc />
        public override bool ActsAfterProcessing => true;
    }

    /// <summary>
    /// Processes the request, then sends only the first half of the answer's body (rounded down) as a complete HTTP
    /// message: the status and headers are the real ones and <c>Content-Length</c> matches the cut body.
    /// </summary>
    public sealed record TruncatedBody : Fault
    {
        /// <inheritdoc />
        public override FaultKind Kind => FaultKind.TruncatedBody;

        /// <inheritdoc />
        public override bool ActsAfterProcessing => true;
    }

    /// <summary>
    /// Processes the request, then sends the status and headers at once and the body <paramref name="ChunkBytes"/> bytes
    /// at a time, waiting <paramref name="Interval"/> before each chunk.
    /// </summary>
    /// <param name="Interval">The wait before each chunk (not negative).</param>
    /// <param name="ChunkBytes">Bytes per chunk (at least 1; default 1).</param>
    public sealed record SlowBody(TimeSpan Interval, int ChunkBytes = 1) : Fault
    {
        /// <inheritdoc />
        public override FaultKind Kind => FaultKind.SlowBody;

        /// <inheritdoc />
        public override bool ActsAfterProcessing => true;
    }

    /// <summary>
    /// Processes the request, then replaces the answer's body by bytes that are neither JSON nor valid UTF-8; the
    /// status and headers (a JSON content type included) stay the real ones.
    /// </summary>
    public sealed record GarbageBody : Fault
    {
        /// <inheritdoc />
        public override FaultKind Kind => FaultKind.GarbageBody;

        /// <inheritdoc />
        public override bool ActsAfterProcessing => true;
    }
}
