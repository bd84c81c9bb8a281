using System.Diagnostics.CodeAnalysis;
using Functional.Emulators.OnePlatform.Datarules;
using Functional.Emulators.OnePlatform.Model;
using Functional.Emulators.OnePlatform.Persistence;
using Functional.Emulators.OnePlatform.Procedures;
using Functional.Emulators.Provisioning;
using Microsoft.Extensions.Logging;

namespace Functional.Emulators.OnePlatform;

/// <summary>
/// The emulator's mutable core: the resource tree behind one lock, parked <c>wait</c> calls, the clock-driven rule
/// ticker and state-file persistence. Every read or write of <see cref="Tree"/> happens while holding
/// <see cref="Gate"/>; waiting never holds it.
/// </summary>
internal sealed class EmulatorState : IDisposable
{
    private readonly Dictionary<string, List<Waiter>> waiters = new(StringComparer.Ordinal);
    private readonly string? statePath;
    private readonly ILogger logger;
    private ITimer? ticker;

    public EmulatorState(
        ResourceTree tree,
        ProvisioningState provisioning,
        TimeProvider time,
        string? statePath,
        ILogger logger
    )
    {
        Tree = tree;
        Provisioning = provisioning;
        Time = time;
        this.statePath = statePath;
        this.logger = logger;
        Tree.PointStored += OnPointStored;
    }

    public Lock Gate { get; } = new();

    public ResourceTree Tree { get; }

    /// <summary>The Provisioning API's vendors, models, serial numbers, content and groups (same lock, same file).</summary>
    public ProvisioningState Provisioning { get; }

    public TimeProvider Time { get; }

    /// <summary>Unix seconds from the emulator's clock.</summary>
    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Number of <c>wait</c> calls currently parked (their timeout timers are armed).</summary>
    public int PendingWaits
    {
        get
        {
            lock (Gate)
            {
                return waiters.Values.Sum(list => list.Count);
            }
        }
    }

    /// <summary>Starts the one-second ticker that evaluates clock-driven datarules between requests.</summary>
    public void StartTicker() =>
        ticker = Time.CreateTimer(
            _ => TickFromTimer(),
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1)
        );

    /// <summary>Parks a wait call (under the lock); its timeout runs on <see cref="Time"/>.</summary>
    public Waiter Park(string rid, long? since, TimeSpan timeout)
    {
        var waiter = new Waiter(rid, since);
        if (!waiters.TryGetValue(rid, out var list))
        {
            list = [];
            waiters[rid] = list;
        }
        list.Add(waiter);
        waiter.Timer = Time.CreateTimer(
            _ =>
            {
                lock (Gate)
                {
                    Unpark(waiter);
                }
                waiter.Expire();
            },
            null,
            timeout,
            Timeout.InfiniteTimeSpan
        );
        return waiter;
    }

    /// <summary>Forgets a parked waiter (under the lock).</summary>
    public void Unpark(Waiter waiter)
    {
        if (waiters.TryGetValue(waiter.Rid, out var list))
        {
            list.Remove(waiter);
            if (list.Count == 0)
            {
                waiters.Remove(waiter.Rid);
            }
        }
    }

    /// <summary>Evaluates clock-driven datarules up to now (under the lock).</summary>
    public void Tick() => RuleEngine.Tick(Tree, Now);

    /// <summary>Writes the state file if anything changed (under the lock). Failures are logged, never thrown.</summary>
    public void Commit()
    {
        if (!Tree.Dirty)
        {
            return;
        }
        Tree.Dirty = false;
        if (statePath is null)
        {
            return;
        }
        try
        {
            StateStore.Save(Tree, ProvisioningStore.ToJson(Provisioning), statePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.StateSaveFailed(logger, statePath, ex);
        }
    }

    public void Dispose()
    {
        ticker?.Dispose();
        List<Waiter> parked;
        lock (Gate)
        {
            parked = [.. waiters.Values.SelectMany(list => list)];
            waiters.Clear();
        }
        foreach (var waiter in parked)
        {
            waiter.Expire();
        }
    }

    private void OnPointStored(Resource resource, long timestamp, DataValue value)
    {
        if (!waiters.TryGetValue(resource.Rid, out var list))
        {
            return;
        }
        foreach (var waiter in list.Where(w => w.Accepts(timestamp)).ToList())
        {
            list.Remove(waiter);
            waiter.Complete(timestamp, value);
        }
        if (list.Count == 0)
        {
            waiters.Remove(resource.Rid);
        }
    }

    [SuppressMessage(
        "Design",
        "CA1031:Do not catch general exception types",
        Justification = "A timer callback must never bring the emulator process down."
    )]
    private void TickFromTimer()
    {
        try
        {
            lock (Gate)
            {
                Tick();
                Commit();
            }
        }
        catch (Exception ex)
        {
            Log.TickFailed(logger, ex);
        }
    }
}
