using Functional.Emulators.Sis;
using Functional.Facade.Sis;

namespace Functional.PropertyTests.Models.Sis;

/// <summary>One SIS emulator on 127.0.0.1 for the whole class, and the real client logged in as its super user.</summary>
public sealed class SisModelFixture : IAsyncLifetime
{
    private int schemas;

    /// <summary>The emulator.</summary>
    public SisEmulator Emulator { get; private set; } = null!;

    /// <summary>The sockets the client sends with.</summary>
    public HttpClient Http { get; } = new();

    /// <summary>The real client, logged in as the super user.</summary>
    public SisClient Client { get; private set; } = null!;

    /// <summary>A schema name no earlier case used.</summary>
    public string NextSchemaName() => $"pm_{Interlocked.Increment(ref schemas)}";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Emulator = await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                SuperUserName = "root",
                SuperUserPassword = "r00t-model",
                Seed = 7,
            }
        );
        Client = new SisClient(Http, new SisClientOptions(Emulator.BaseUri));
        await Client.AuthenticateAsync(Emulator.SuperUserName, Emulator.SuperUserPassword);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Emulator is not null)
            await Emulator.DisposeAsync();
        Http.Dispose();
    }
}
