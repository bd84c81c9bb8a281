using Functional.Core.Provisioning;
using Functional.Emulators.OnePlatform;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;

namespace Functional.Tests.EndToEnd;

/// <summary>
/// An emulator with vendor <c>acme</c> (token <see cref="Token"/>) and the real RPC and Provisioning clients over
/// sockets.
/// </summary>
internal sealed class ProvisioningSession : IAsyncDisposable
{
    public const string VendorName = "acme";
    public const string Token = "0123456789abcdef0123456789abcdef01234567";

    private ProvisioningSession(OnePlatformEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient();
        Rpc = new OnePlatformClient(
            Http,
            new OnePlatformClientOptions { Endpoint = emulator.BaseUri }
        );
        Provisioning = new ProvisioningClient(
            Http,
            new ProvisioningClientOptions { Endpoint = emulator.BaseUri, ManageByCik = false }
        );
        Root = Auth.Cik(emulator.RootCik);
        Vendor = Provisioning.Auth(Token);
    }

    public OnePlatformEmulator Emulator { get; }

    public HttpClient Http { get; }

    public OnePlatformClient Rpc { get; }

    public ProvisioningClient Provisioning { get; }

    public Auth Root { get; }

    public ProvisioningAuth Vendor { get; }

    public static async Task<ProvisioningSession> StartAsync() =>
        new(
            await OnePlatformEmulator.StartAsync(
                new OnePlatformEmulatorOptions
                {
                    Seed = 11,
                    Vendor = VendorName,
                    VendorToken = Token,
                }
            )
        );

    /// <summary>A template client under the root with one integer dataport aliased <c>temp</c>.</summary>
    public async Task<(string Rid, string Cik)> TemplateAsync()
    {
        var rid = await Rpc.CreateClientAsync(
            Root,
            ResourceId.Self,
            ClientDescription.Default.WithName("template").WithLimits(ClientLimits.InheritAll)
        );
        var cik = (string)(await Rpc.InfoAsync(Root, ResourceId.Rid(rid), InfoOptions.OnlyKey)).Key;
        var dataport = await Rpc.CreateDataportAsync(
            Auth.Cik(cik),
            ResourceId.Self,
            DataportDescription.Of(DataFormat.Integer)
        );
        await Rpc.MapAsync(Auth.Cik(cik), ResourceId.Rid(dataport), "temp");
        return (rid, cik);
    }

    /// <summary>A model made from a share code of a fresh template, without aliases.</summary>
    public async Task<string> ModelAsync(string model)
    {
        var (rid, _) = await TemplateAsync();
        var code = await Rpc.ShareAsync(Root, ResourceId.Rid(rid));
        await Provisioning.CreateModelAsync(
            Vendor,
            model,
            ModelTemplate.FromShareCode(code),
            ModelOptions.Default.WithAliases(false)
        );
        return code;
    }

    public async Task<ResourceStatus> StatusAsync(string rid) =>
        (ResourceStatus)
            (
                (InfoBasic)
                    (await Rpc.InfoAsync(Root, ResourceId.Rid(rid), InfoOptions.OnlyBasic)).Basic
            ).Status;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
