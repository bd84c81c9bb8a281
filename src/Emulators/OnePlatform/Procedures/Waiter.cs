using Functional.Emulators.OnePlatform.Model;

namespace Functional.Emulators.OnePlatform.Procedures;

/// <summary>
/// A parked <c>wait</c> call: completed with the first qualifying point, or with null when its timeout (measured on
/// the emulator's <see cref="TimeProvider"/>) expires.
/// </summary>
internal sealed class Waiter(string rid, long? since)
{
    private readonly TaskCompletionSource<(long Timestamp, DataValue Value)?> completion = new(
        TaskCreationOptions.RunContinuationsAsynchronously
    );

    public string Rid { get; } = rid;

    /// <summary>Only points with a timestamp after this qualify; null = any point stored after the call arrived.</summary>
    public long? Since { get; } = since;

    /// <summary>The timeout timer; disposed when the waiter completes.</summary>
    public ITimer? Timer { get; set; }

    public Task<(long Timestamp, DataValue Value)?> Task => completion.Task;

    public bool Accepts(long timestamp) => Since is not long s || timestamp > s;

    public bool Complete(long timestamp, DataValue value)
    {
        Timer?.Dispose();
        return completion.TrySetResult((timestamp, value));
    }

    public bool Expire()
    {
        Timer?.Dispose();
        return completion.TrySetResult(null);
    }

    public void Cancel()
    {
        Timer?.Dispose();
        completion.TrySetCanceled();
    }
}
