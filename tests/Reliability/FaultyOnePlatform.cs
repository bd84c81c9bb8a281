using Functional.Core.Interpreter;
using Functional.Emulators.Faults;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;

namespace Functional.Tests.Reliability;

/// <summary>
/// A One Platform emulator with fault rules on a real socket, the real facade client and the Core interpreter over one
/// <see cref="HttpClient"/>, and helpers that read the emulator's state through requests the rules do not match.
/// </summary>
internal sealed class FaultyOnePlatform : IAsyncDisposable
{
    private FaultyOnePlatform(OnePlatformEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient();
        Root = Auth.Cik(emulator.RootCik);
        Client = NewClient();
    }

    public OnePlatformEmulator Emulator { get; }

    public HttpClient Http { get; }

    public Auth Root { get; }

    /// <summary>The facade client (default options).</summary>
    public OnePlatformClient Client { get; }

    /// <summary>Requests the emulator has received so far (faulted or not).</summary>
    public long Requests => Emulator.Faults.Requests;

    public static async Task<FaultyOnePlatform> StartAsync(params FaultRule[] rules) =>
        new(
            await OnePlatformEmulator.StartAsync(
                new OnePlatformEmulatorOptions
                {
                    Seed = 5,
                    Faults = new FaultOptions { Rules = rules, Seed = 1 },
                }
            )
        );

    public OnePlatformClient NewClient(
        Func<OnePlatformClientOptions, OnePlatformClientOptions>? configure = null
    )
    {
        var options = new OnePlatformClientOptions { Endpoint = Emulator.BaseUri };
        return new OnePlatformClient(Http, configure is null ? options : configure(options));
    }

    /// <summary>Interpreter options for the Core tests: this emulator, the given timeout.</summary>
    public HttpInterpreterOptions Interpreter(TimeSpan timeout) =>
        HttpInterpreterOptions.Default.WithBaseAddress(Emulator.BaseUri).WithTimeout(timeout);

    /// <summary>Runs one call through the Core interpreter.</summary>
    public Task<Either<ApiError, T>> RunAsync<T>(
        Validation<ApiError, RpcCall<T>> call,
        TimeSpan timeout,
        CancellationToken ct = default
    ) =>
        HttpInterpreter.RunAsync(
            HttpEffect.FromValidation(RpcBatch.SendOne(RpcEndpoint.Default, Root, 1, call)),
            Http,
            Interpreter(timeout),
            ct
        );

    /// <summary>Creates integer dataports under the root (<c>create</c> is not matched by the tests' rules).</summary>
    public async Task<string[]> DataportsAsync(int count)
    {
        var rids = new string[count];
        for (var i = 0; i < count; i++)
            rids[i] = await Client.CreateDataportAsync(
                Root,
                ResourceId.Self,
                DataportDescription.Of(DataFormat.Integer).WithName($"dp{i}")
            );
        return rids;
    }

    /// <summary>The dataport's points (through <c>read</c>, which the tests' rules do not match).</summary>
    public async Task<IReadOnlyList<Point>> PointsAsync(string rid) =>
        await Client.ReadAsync(Root, ResourceId.Rid(rid), ReadOptions.Latest.WithLimit(100));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>Bounded waits for liveness: a call that ignores its timeout or token fails the test instead of hanging it.</summary>
internal static class Bounded
{
    /// <summary>Generous: far above any client timeout in these tests, far below the faults' own delays.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async Task<T> Within<T>(Task<T> task)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Limit));
        Assert.True(
            ReferenceEquals(finished, task),
            $"the call did not return within {Limit.TotalSeconds} s"
        );
        return await task;
    }

    public static async Task<Exception> Throws(Func<Task> call)
    {
        var task = call();
        var finished = await Task.WhenAny(task, Task.Delay(Limit));
        Assert.True(
            ReferenceEquals(finished, task),
            $"the call did not return within {Limit.TotalSeconds} s"
        );
        var ex = await Record.ExceptionAsync(() => task);
        Assert.NotNull(ex);
        return ex;
    }
}
