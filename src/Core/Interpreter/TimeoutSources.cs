namespace Functional.Core.Interpreter;

/// <summary>
/// The cancellation sources that time requests out. When the caller's token cannot be cancelled (the usual case) a
/// source that ended without firing is reset and kept for the thread's next request, so a request does not allocate
/// a source and a timer each time; with a caller's token the source is linked to it and disposed after use.
/// </summary>
internal static class TimeoutSources
{
    [ThreadStatic]
    private static CancellationTokenSource? spare;

    /// <summary>A source for one request, linked to <paramref name="caller"/> when that can be cancelled.</summary>
    public static CancellationTokenSource Rent(CancellationToken caller)
    {
        if (caller.CanBeCanceled)
            return CancellationTokenSource.CreateLinkedTokenSource(caller);
        var source = spare;
        if (source is null)
            return new CancellationTokenSource();
        spare = null;
        return source;
    }

    /// <summary>
    /// Ends a request's use of <paramref name="source"/>: kept for reuse when it is unlinked, did not fire and could be
    /// reset (its timer stopped, registrations dropped); disposed otherwise.
    /// </summary>
    public static void Return(CancellationTokenSource source, CancellationToken caller)
    {
        if (!caller.CanBeCanceled && spare is null && source.TryReset())
        {
            spare = source;
            return;
        }
        source.Dispose();
    }
}
