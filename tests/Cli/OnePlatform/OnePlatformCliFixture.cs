using Functional.Emulators.OnePlatform;

namespace Functional.Tests.Cli.OnePlatform;

/// <summary>One One Platform emulator for a test class; <see cref="Args"/> points fxo at it as the root client.</summary>
public sealed class OnePlatformCliFixture : IAsyncLifetime
{
    private OnePlatformEmulator? emulator;

    public OnePlatformEmulator Emulator =>
        emulator ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => emulator = await OnePlatformEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    /// <summary><paramref name="args"/> followed by <c>--url</c> and <c>--cik</c> (the root client).</summary>
    public string[] Args(params string[] args) =>
        [.. args, "--url", Emulator.BaseUri.ToString(), "--cik", Emulator.RootCik];

    private static int counter;

    /// <summary>An alias no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref counter)}";
}
