using Functional.Emulators.OnePlatform;

namespace Functional.Tests.Cli.Provisioning;

/// <summary>
/// One One Platform emulator per test class with vendor <c>acme</c> (token <see cref="Token"/>) and a template
/// client under the root (the vendor's client); <see cref="Args"/> points a command at it.
/// </summary>
public sealed class ProvisioningCliFixture : IAsyncLifetime
{
    public const string Vendor = "acme";
    public const string Token = "0123456789abcdef0123456789abcdef01234567";

    private OnePlatformEmulator? emulator;

    public OnePlatformEmulator Emulator =>
        emulator ?? throw new InvalidOperationException("not started");

    /// <summary>RID of a client (under the root) that models can clone.</summary>
    public string TemplateRid { get; private set; } = "";

    public async Task InitializeAsync()
    {
        emulator = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions
            {
                Seed = 8,
                Vendor = Vendor,
                VendorToken = Token,
            }
        );
        TemplateRid = emulator.CreateClient(emulator.RootRid, "template").Rid;
    }

    /// <summary><paramref name="args"/> with <c>--url</c> and <c>--vendor-token</c> of this emulator.</summary>
    public string[] Args(params string[] args) =>
        [.. args, "--url", Emulator.BaseUri.ToString(), "--vendor-token", Token];

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}
