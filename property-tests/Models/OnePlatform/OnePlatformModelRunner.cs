using System.Globalization;
using System.Text;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;

namespace Functional.PropertyTests.Models.OnePlatform;

/// <summary>A clock that moves only when told to; its timers never fire (no wait calls or clock-driven rules here).</summary>
public sealed class SteppedClock : TimeProvider
{
    private long now;

    /// <summary>Unix seconds.</summary>
    public long Now => Interlocked.Read(ref now);

    /// <summary>Sets the time (Unix seconds).</summary>
    public void Set(long unixSeconds) => Interlocked.Exchange(ref now, unixSeconds);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override ITimer CreateTimer(
        TimerCallback callback,
        object? state,
        TimeSpan dueTime,
        TimeSpan period
    ) => new Inert();

    private sealed class Inert : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() { }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>One emulator (on a stepped clock) and one real facade client for the whole test class.</summary>
public sealed class OnePlatformModelFixture : IAsyncLifetime
{
    private long nextT0 = 1_700_000_000;

    /// <summary>The emulator's clock.</summary>
    public SteppedClock Clock { get; } = new();

    /// <summary>The emulator.</summary>
    public OnePlatformEmulator Emulator { get; private set; } = null!;

    /// <summary>The HTTP client under <see cref="Client"/>.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The library's One Platform client, talking to <see cref="Emulator"/>.</summary>
    public OnePlatformClient Client { get; private set; } = null!;

    /// <summary>Serializes runs: the clock is shared.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>A start time far from every earlier case's.</summary>
    public long NextT0() => Interlocked.Add(ref nextT0, 10_000);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Clock.Set(nextT0);
        Emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 1234, TimeProvider = Clock }
        );
        Http = new HttpClient();
        Client = new OnePlatformClient(
            Http,
            new OnePlatformClientOptions { Endpoint = Emulator.BaseUri }
        );
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
        Gate.Dispose();
    }
}

/// <summary>What the system did: a rendered result, a failure status, a refusal by the client, or something broken.</summary>
/// <param name="Kind">The outcome kind.</param>
/// <param name="Text">Rendered result, status, or message.</param>
/// <param name="Raw">The raw result (a RID for create and lookup).</param>
public sealed record Observed(Observed.Outcome Kind, string Text, string? Raw = null)
{
    /// <summary>Outcome kinds.</summary>
    public enum Outcome
    {
        /// <summary>status ok.</summary>
        Ok,

        /// <summary>A per-call status other than ok.</summary>
        Fail,

        /// <summary>Refused by the client's argument checks; nothing sent.</summary>
        Rejected,

        /// <summary>Any other error (general error, malformed answer, transport).</summary>
        Broken,
    }

    /// <inheritdoc />
    public override string ToString() =>
        Kind switch
        {
            Outcome.Ok => Text.Length == 0 ? "ok" : "ok " + Text,
            Outcome.Fail => "fails " + Text,
            Outcome.Rejected => "rejected by the client: " + Text,
            _ => "BROKEN: " + Text,
        };
}

/// <summary>Thrown when the emulator and the model disagree; the message is the trace of the run.</summary>
public sealed class ModelMismatchException(string message) : Exception(message);

/// <summary>Runs one scenario against the emulator (through the real client) and the model, step by step.</summary>
public sealed class OnePlatformModelRun
{
    private readonly OnePlatformModelFixture fx;
    private readonly List<string> rids = [];
    private readonly Dictionary<string, string> symbols = new(StringComparer.Ordinal);
    private readonly StringBuilder trace = new();
    private OnePlatformModel model = null!;
    private Auth auth = null!;
    private string selfRid = "";

    private OnePlatformModelRun(OnePlatformModelFixture fx) => this.fx = fx;

    private OnePlatformClient Client => fx.Client;

    /// <summary>
    /// Runs <paramref name="scenario"/> in a fresh client and returns the trace; throws
    /// <see cref="ModelMismatchException"/> on the first disagreement.
    /// </summary>
    public static string Check(OnePlatformModelFixture fx, Scenario scenario)
    {
        var run = new OnePlatformModelRun(fx);
        Task.Run(() => run.RunAsync(scenario)).GetAwaiter().GetResult();
        return run.trace.ToString();
    }

    private async Task RunAsync(Scenario scenario)
    {
        await fx.Gate.WaitAsync().ConfigureAwait(false);
        var root = Auth.Cik(fx.Emulator.RootCik);
        try
        {
            var t0 = fx.NextT0();
            fx.Clock.Set(t0);
            var name = "case-" + t0.ToString(CultureInfo.InvariantCulture);
            // A fresh client per case (every limit "inherit"), seeded in-process to save two round trips.
            var (rid, cik) = fx.Emulator.CreateClient(fx.Emulator.RootRid, name);
            selfRid = rid;
            auth = Auth.Cik(cik);
            symbols[selfRid] = "self";
            symbols[fx.Emulator.RootRid] = "root";
            model = new OnePlatformModel(t0, name);
            trace.Append(CultureInfo.InvariantCulture, $"T0 = {t0}; trace:");
            try
            {
                for (var i = 0; i < scenario.Commands.Length; i++)
                    await StepAsync(i + 1, scenario.Commands[i]).ConfigureAwait(false);
            }
            finally
            {
                await Client
                    .TryCallAsync(root, Resources.Drop(ResourceId.Rid(selfRid)))
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            fx.Gate.Release();
        }
    }

    private async Task StepAsync(int n, Command command)
    {
        var expect = model.Expect(command);
        var line = $"\n  {n, 2}. {command}";
        switch (expect)
        {
            case Expect.Skip s:
                trace.Append(line).Append("  (skipped: ").Append(s.Why).Append(')');
                return;
            case Expect.Local:
                var seconds = ((Tick)command).Seconds;
                fx.Clock.Set(fx.Clock.Now + seconds);
                model.Advance(seconds);
                trace.Append(line);
                return;
        }
        var observed = await ExecuteAsync(command).ConfigureAwait(false);
        trace.Append(line).Append(" → ").Append(observed);
        var agrees = expect switch
        {
            Expect.Ok ok => observed.Kind == Observed.Outcome.Ok && observed.Text == ok.Result,
            Expect.Fails f => observed.Kind == Observed.Outcome.Fail
                && (f.Statuses is null || f.Statuses.Contains(observed.Text)),
            Expect.Rejected => observed.Kind == Observed.Outcome.Rejected,
            Expect.Either => observed.Kind is Observed.Outcome.Ok or Observed.Outcome.Fail,
            _ => false,
        };
        if (!agrees)
        {
            trace.Append("\n      MISMATCH: the model (spec) expects ").Append(expect);
            throw new ModelMismatchException(trace.ToString());
        }
        if (expect is Expect.Ok apply)
        {
            apply.Apply(observed.Raw);
            if (command is CreateDataport or CreateClient)
            {
                symbols[observed.Raw!] = "#" + rids.Count.ToString(CultureInfo.InvariantCulture);
                rids.Add(observed.Raw!);
            }
        }
    }

    private ResourceId IdOf(Ref r) =>
        r switch
        {
            Ref.Index i => ResourceId.Rid(rids[i.K]),
            Ref.Alias a => ResourceId.Alias(a.Name),
            _ => ResourceId.Self,
        };

    private string Symbol(string rid) =>
        symbols.TryGetValue(rid, out var s) ? s
        : rid.Length == 40 ? "<unknown rid " + rid[..8] + "…>"
        : Show.Text(rid);

    private static T? Opt<T>(Option<T> o)
        where T : class => o.MatchUnsafe(x => x, () => null);

    private async Task<Observed> CallAsync<T>(
        Validation<ApiError, RpcCall<T>> call,
        Func<T, string> render,
        Func<T, string?>? raw = null
    )
    {
        var result = await Client.TryCallAsync(auth, call).ConfigureAwait(false);
        return result.Match(
            v => new Observed(Observed.Outcome.Ok, render(v), raw?.Invoke(v)),
            e =>
                e switch
                {
                    ApiError.RpcCall c => new Observed(
                        Observed.Outcome.Fail,
                        c.StatusText.IfNone(() => c.Status.GetRawText())
                    ),
                    ApiError.InvalidArgument or ApiError.InvalidArguments => new Observed(
                        Observed.Outcome.Rejected,
                        e.Message
                    ),
                    _ => new Observed(Observed.Outcome.Broken, e.GetType().Name + ": " + e.Message),
                }
        );
    }

    private static string Done(Unit _) => "";

    private Task<Observed> ExecuteAsync(Command command) =>
        command switch
        {
            CreateDataport c => CallAsync(
                Resources.Create(
                    IdOf(c.Parent),
                    DataportDescription.Of(c.Format).WithName(c.Name),
                    ArgumentForm.Documented
                ),
                NewRid,
                rid => rid
            ),
            CreateClient c => CallAsync(
                Resources.Create(
                    IdOf(c.Parent),
                    ClientDescription.Default.WithName(c.Name).WithLimits(ClientLimits.InheritAll),
                    ArgumentForm.Documented
                ),
                NewRid,
                rid => rid
            ),
            Write w => CallAsync(TimeSeries.Write(IdOf(w.Target), w.Value), Done),
            Record r => CallAsync(
                TimeSeries.Record(
                    IdOf(r.Target),
                    toSeq(
                        r.Entries.Select(e =>
                            (e.At.FromNow ? -(long)e.At.Seconds : model.T0 - e.At.Seconds, e.Value)
                        )
                    )
                ),
                Done
            ),
            Read r => CallAsync(
                TimeSeries.Read(IdOf(r.Target), ReadOptionsOf(r)),
                points => Show.Points(points.Map(p => (p.Timestamp, p.Value)), model.T0)
            ),
            Flush f => CallAsync(
                TimeSeries.Flush(
                    IdOf(f.Target),
                    new FlushOptions(
                        f.NewerThan is { } n ? Some(model.T0 + n) : None,
                        f.OlderThan is { } o ? Some(model.T0 + o) : None
                    )
                ),
                Done
            ),
            Drop d => CallAsync(Resources.Drop(IdOf(d.Target)), Done),
            MapAlias m => CallAsync(Aliases.Map(IdOf(m.Target), m.Alias), Done),
            UnmapAlias u => CallAsync(Aliases.Unmap(ResourceId.Self, u.Alias), Done),
            LookupAlias l => CallAsync(
                Aliases.Lookup(ResourceId.Self, LookupKind.Alias, l.Alias),
                Symbol
            ),
            LookupOwner l => CallAsync(
                Aliases.Lookup(
                    ResourceId.Self,
                    LookupKind.Owner,
                    l.Target is Ref.Index i ? rids[i.K] : selfRid
                ),
                Symbol
            ),
            ListOwned l => CallAsync(
                Resources.Listing(
                    IdOf(l.Target),
                    Seq(ResourceType.Client, ResourceType.Dataport),
                    l.Aliased ? ListingOptions.Default.WithAliased() : ListingOptions.Default
                ),
                listing =>
                    OnePlatformModel.ListingText(
                        listing.Clients.Map(Symbol),
                        listing.Dataports.Map(Symbol)
                    )
            ),
            Info i => InfoAsync(i.Target),
            InfoAll i => CallAsync(
                Resources.Info(IdOf(i.Target), InfoOptions.All),
                info =>
                    OnePlatformModel.InfoAllText(
                        OnePlatformModel.AllClientParts.Where(p => !info.Parts.Contains(p)),
                        info.Key.Exists(k => k.Length == 40 && k.All(char.IsAsciiHexDigitLower))
                    )
            ),
            UpdateName u => CallAsync(
                Resources.Update(IdOf(u.Target), ResourceUpdate.Empty.WithName(u.Name)),
                Done
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };

    private string NewRid(string rid) =>
        rid.Length == 40 && rid.All(char.IsAsciiHexDigitLower) && !symbols.ContainsKey(rid)
            ? "<new rid>"
            : Symbol(rid);

    private static ReadOptions ReadOptionsOf(Read r, long t0) =>
        new(
            r.Start is { } s ? Some(t0 + s) : None,
            r.End is { } e ? Some(t0 + e) : None,
            r.Sort is { } o ? Some(o) : None,
            r.Limit is { } l ? Some(l) : None,
            None
        );

    private ReadOptions ReadOptionsOf(Read r) => ReadOptionsOf(r, model.T0);

    private Task<Observed> InfoAsync(Ref target)
    {
        var shape = model.InfoShapeOf(target);
        var options = shape switch
        {
            InfoShape.Dataport => new InfoOptions
            {
                Basic = true,
                Description = true,
                Storage = true,
            },
            InfoShape.Client => new InfoOptions
            {
                Aliases = true,
                Basic = true,
                Counts = true,
                Description = true,
            },
            InfoShape.DeepClient => new InfoOptions
            {
                Basic = true,
                Counts = true,
                Description = true,
            },
            _ => new InfoOptions
            {
                Aliases = true,
                Basic = true,
                Counts = true,
            },
        };
        return CallAsync(
            Resources.Info(IdOf(target), options),
            info => ViewOf(info, shape).ToString()
        );
    }

    private InfoView ViewOf(ResourceInfo info, InfoShape shape)
    {
        var parts = string.Join(",", info.Parts.Concat(info.Extra.Keys));
        var basic = Opt(info.Basic);
        var type = basic is null ? null : Opt(basic.TypeName);
        var status = basic is null ? null : Opt(basic.StatusName);
        var description = Opt(info.Description);
        var name = description is null ? null : Opt(description.Name);
        var counts = Opt(info.Counts) is { } c ? InfoView.CountsText(c.Client, c.Dataport) : null;
        var aliases = Opt(info.Aliases) switch
        {
            InfoAliases.Known k => InfoView.AliasesText(
                k.ByResource.Map(kv => (Symbol(kv.Key), kv.Value.AsEnumerable()))
            )
                + (
                    k.UndefinedFor.IsEmpty
                        ? ""
                        : " undefined for " + string.Join(",", k.UndefinedFor.Map(Symbol))
                ),
            InfoAliases.Undefined => "undefined",
            _ => null,
        };
        return shape switch
        {
            InfoShape.Dataport => new InfoView(
                parts,
                type,
                null,
                name,
                description?.Format.Match(Show.Format, () => (string?)null),
                Opt(info.Storage)?.Count,
                null,
                null
            ),
            InfoShape.Client => new InfoView(
                parts,
                type,
                status,
                name,
                null,
                null,
                counts,
                aliases
            ),
            InfoShape.DeepClient => new InfoView(
                parts,
                type,
                status,
                name,
                null,
                null,
                counts,
                null
            ),
            _ => new InfoView(parts, type, status, null, null, null, counts, aliases),
        };
    }
}

/// <summary>
/// Model-based test of the One Platform emulator through the library's real client: random sessions of create,
/// write, record, read, flush, drop, map/unmap/lookup, listing, info and update — including calls that must
/// fail — give the same observable results as a pure model written from the spec (onep.md §2.4–2.7, §4.3).
/// </summary>
public sealed class OnePlatformModelProperties(OnePlatformModelFixture fx)
    : IClassFixture<OnePlatformModelFixture>
{
    [Property(MaxTest = 200)]
    public Property Every_command_of_a_random_session_agrees_with_the_spec_model() =>
        Prop.ForAll(
            OnePlatformScenarios.Arbitrary(25),
            scenario => OnePlatformModelRun.Check(fx, scenario).Length > 0
        );
}
