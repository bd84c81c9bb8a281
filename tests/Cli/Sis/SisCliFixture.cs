using Functional.Emulators.Sis;
using Functional.Facade.Sis;

namespace Functional.Tests.Cli.Sis;

/// <summary>
/// One SIS emulator per test class (super user <see cref="SuperName"/>), a token of that user obtained once
/// (<see cref="Token"/>), and helpers that point a command at the emulator with <c>--url</c> (and <c>--token</c>).
/// </summary>
public sealed class SisCliFixture : IAsyncLifetime
{
    public const string SuperName = "root";
    public const string SuperPassword = "cli-r00t-pa55word";

    private SisEmulator? emulator;
    private int counter;

    public SisEmulator Emulator => emulator ?? throw new InvalidOperationException("not started");

    public string Url => Emulator.BaseUri.ToString();

    /// <summary>A temporary token of the super user (a secret: must never be printed).</summary>
    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        emulator = await SisEmulator.StartAsync(
            new SisEmulatorOptions
            {
                SuperUserName = SuperName,
                SuperUserPassword = SuperPassword,
                Seed = 11,
            }
        );
        using var http = new HttpClient();
        var client = new SisClient(http, new SisClientOptions(Emulator.BaseUri));
        Token = (await client.AuthenticateAsync(SuperName, SuperPassword)).Name;
    }

    /// <summary>A name no other test of the class uses (schema names: lower case, digits, _).</summary>
    public string Unique(string prefix) => $"{prefix}_{Interlocked.Increment(ref counter)}";

    /// <summary><paramref name="args"/> with <c>--url</c> of the emulator (no token).</summary>
    public string[] Args(params string[] args) => [.. args, "--url", Url];

    /// <summary><paramref name="args"/> with <c>--url</c> and the super user's <c>--token</c>.</summary>
    public string[] Authed(params string[] args) => [.. args, "--url", Url, "--token", Token];

    /// <summary>Creates a schema <paramref name="name"/> (owner ops) with <paramref name="definition"/> through the CLI.</summary>
    internal async Task CreateSchemaAsync(
        CliHarness fxo,
        string name,
        string definition,
        bool trackHistory = true
    )
    {
        var json =
            $$$"""{"name":"{{{name}}}","definition":{{{definition}}},"track_history":{{{(trackHistory ? "true" : "false")}}},"_sis":{"owner":["ops"]}}""";
        await fxo.OkAsync(Authed("sis", "schemas", "create", "--data", json));
    }

    /// <summary>Asserts that neither output holds the super user's token or password.</summary>
    internal void NoSecrets(CliResult result)
    {
        foreach (var secret in new[] { Token, SuperPassword })
        {
            Assert.DoesNotContain(secret, result.Out, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, result.Error, StringComparison.OrdinalIgnoreCase);
        }
    }

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}
