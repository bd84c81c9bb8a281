using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;

namespace Functional.Tests.Security;

/// <summary>
/// Both emulators listen on 127.0.0.1 only: their address is loopback, a connection to the loopback port works, and
/// the same port on any other local IPv4 address refuses. Neither has an option to listen elsewhere.
/// </summary>
public sealed class LoopbackBindingTests
{
    /// <summary>The machine's IPv4 unicast addresses that are not loopback (may be none in a sandbox).</summary>
    private static IPAddress[] OtherLocalAddresses() =>
        NetworkInterface
            .GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Distinct()
            .ToArray();

    /// <summary>Whether a TCP connection to <paramref name="address"/>:<paramref name="port"/> is accepted (5 s bound).</summary>
    private static async Task<bool> ConnectsAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task AssertLoopbackOnlyAsync(Uri baseUri)
    {
        Assert.Equal("127.0.0.1", baseUri.Host);
        Assert.True(await ConnectsAsync(IPAddress.Loopback, baseUri.Port));
        // Not on the IPv6 loopback either: the listener is 127.0.0.1 exactly.
        if (Socket.OSSupportsIPv6)
            Assert.False(await ConnectsAsync(IPAddress.IPv6Loopback, baseUri.Port));
        foreach (var address in OtherLocalAddresses())
            Assert.False(
                await ConnectsAsync(address, baseUri.Port),
                $"the emulator on port {baseUri.Port} accepts connections on {address}"
            );
    }

    [Fact]
    public async Task One_platform_emulator_listens_on_loopback_only()
    {
        await using var emulator = await OnePlatformEmulator.StartAsync();
        await AssertLoopbackOnlyAsync(emulator.BaseUri);
        Assert.Equal("127.0.0.1", emulator.ProvisionUri.Host);
    }

    [Fact]
    public async Task Sis_emulator_listens_on_loopback_only()
    {
        await using var emulator = await SisEmulator.StartAsync();
        await AssertLoopbackOnlyAsync(emulator.BaseUri);
    }

    [Fact]
    public async Task The_connection_check_tells_a_listener_from_a_closed_port()
    {
        // A listener on every interface is reachable on each local address: the negative checks above can fail.
        using var any = new TcpListener(IPAddress.Any, 0);
        any.Start();
        var port = ((IPEndPoint)any.LocalEndpoint).Port;
        Assert.True(await ConnectsAsync(IPAddress.Loopback, port));
        foreach (var address in OtherLocalAddresses())
            Assert.True(await ConnectsAsync(address, port));
        any.Stop();
        Assert.False(await ConnectsAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public void Neither_emulator_has_an_option_to_listen_elsewhere()
    {
        // Only a port can be chosen; if a host/address option is ever added, it needs its own test here.
        foreach (
            var type in new[] { typeof(OnePlatformEmulatorOptions), typeof(SisEmulatorOptions) }
        )
        {
            var names = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => p.Name)
                .ToArray();
            Assert.Contains("Port", names);
            Assert.DoesNotContain(
                names,
                n =>
                    n.Contains("Host", StringComparison.OrdinalIgnoreCase)
                    || n.Contains("Address", StringComparison.OrdinalIgnoreCase)
                    || n.Contains("Bind", StringComparison.OrdinalIgnoreCase)
                    || n.Contains("Listen", StringComparison.OrdinalIgnoreCase)
                    || n.Contains("Url", StringComparison.OrdinalIgnoreCase)
            );
        }
    }
}
