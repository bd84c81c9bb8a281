using System.Net.Http;
using System.Text.RegularExpressions;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;
using Functional.Tests.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace Functional.Tests.Security;

/// <summary>
/// Certificate verification is on by default: against an HTTPS server with a self-signed certificate every client
/// (made directly with a default <see cref="HttpClient"/>, or registered by Functional.Extensions) fails with a TLS
/// transport error, says the request was not processed, and the server sees no request. No source file turns
/// verification off.
/// </summary>
public sealed class TlsVerificationTests
{
    private const string Cik = "8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e";

    private static void AssertTlsFailure(HttpRequestException ex, SelfSignedServer server)
    {
        Assert.Equal(HttpRequestError.SecureConnectionError, ex.HttpRequestError);
        Assert.Contains("not processed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Cik, ex.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, server.Requests);
    }

    private static async Task UseAllAsync(
        SelfSignedServer server,
        OnePlatformClient rpc,
        ProvisioningClient provisioning,
        SisClient sis
    )
    {
        var direct = await rpc.TryCallAsync(
            Auth.Cik(Cik),
            TimeSeries.Read(ResourceId.Self, ReadOptions.Latest)
        );
        var transport = Assert.IsType<ApiError.Transport>(direct.Match(_ => null!, e => e));
        Assert.False(transport.RequestMayHaveBeenProcessed);

        AssertTlsFailure(
            await Assert.ThrowsAsync<HttpRequestException>(() =>
                rpc.ReadAsync(Auth.Cik(Cik), ResourceId.Self)
            ),
            server
        );
        AssertTlsFailure(
            await Assert.ThrowsAsync<HttpRequestException>(() =>
                provisioning.ListModelsAsync(provisioning.Auth(Cik))
            ),
            server
        );
        AssertTlsFailure(
            await Assert.ThrowsAsync<HttpRequestException>(() =>
                provisioning.ActivateAsync("acme", "model", "sn")
            ),
            server
        );
        AssertTlsFailure(
            await Assert.ThrowsAsync<HttpRequestException>(() =>
                sis.AuthenticateAsync("root", "password")
            ),
            server
        );
        AssertTlsFailure(
            await Assert.ThrowsAsync<HttpRequestException>(() => sis.Schemas.FetchPageAsync()),
            server
        );
    }

    [Fact]
    public async Task Clients_with_a_default_http_client_refuse_a_self_signed_certificate()
    {
        await using var server = await SelfSignedServer.StartAsync();
        Assert.Equal("https", server.BaseUri.Scheme);
        using var http = new HttpClient();
        await UseAllAsync(
            server,
            new OnePlatformClient(http, new OnePlatformClientOptions { Endpoint = server.BaseUri }),
            new ProvisioningClient(
                http,
                new ProvisioningClientOptions { Endpoint = server.BaseUri, ManageByCik = true }
            ),
            new SisClient(http, new SisClientOptions(server.BaseUri))
        );
    }

    [Fact]
    public async Task Clients_registered_by_the_extensions_refuse_a_self_signed_certificate()
    {
        await using var server = await SelfSignedServer.StartAsync();
        var services = new ServiceCollection();
        services.AddOnePlatformClient(o => o.Endpoint = server.BaseUri);
        services.AddProvisioningClient(o =>
        {
            o.Endpoint = server.BaseUri;
            o.ManageByCik = true;
        });
        services.AddSisClient(o => o.Url = server.BaseUri);
        await using var provider = services.BuildServiceProvider();
        await UseAllAsync(
            server,
            provider.GetRequiredService<OnePlatformClient>(),
            provider.GetRequiredService<ProvisioningClient>(),
            provider.GetRequiredService<SisClient>()
        );
    }

    [Fact]
    public async Task The_test_server_answers_a_client_that_trusts_its_certificate()
    {
        // Proves the failures above are about the certificate, not a broken server.
        await using var server = await SelfSignedServer.StartAsync();
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && cert.Subject == "CN=localhost",
        };
        using var http = new HttpClient(handler);
        var rpc = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = server.BaseUri }
        );
        var answer = await rpc.TryCallAsync(
            Auth.Cik(Cik),
            TimeSeries.Read(ResourceId.Self, ReadOptions.Latest)
        );
        Assert.False(answer.Match(_ => false, e => e is ApiError.Transport));
        Assert.Equal(1, server.Requests);
    }

    private static readonly Regex Forbidden = new(
        @"ServerCertificateCustomValidationCallback|DangerousAcceptAnyServerCertificateValidator|RemoteCertificateValidationCallback|CertificateValidationCallback|CheckCertificateRevocationList\s*=\s*false",
        RegexOptions.CultureInvariant
    );

    internal static IEnumerable<string> ForbiddenUses(string root) =>
        Directory
            .EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f =>
                f.EndsWith(".cs", StringComparison.Ordinal)
                || f.EndsWith(".fs", StringComparison.Ordinal)
            )
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            .SelectMany(f =>
                File.ReadLines(f)
                    .Select((line, i) => (line, i))
                    .Where(x => Forbidden.IsMatch(x.line))
                    .Select(x => $"{Path.GetRelativePath(root, f)}:{x.i + 1}: {x.line.Trim()}")
            );

    [Fact]
    public void No_source_file_turns_certificate_verification_off()
    {
        var src = Path.Combine(PackagesTests.RepoRoot(), "src");
        Assert.True(
            Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Count() > 50
        );
        var uses = ForbiddenUses(src).ToArray();
        Assert.True(uses.Length == 0, string.Join(Environment.NewLine, uses));
    }

    [Fact]
    public void The_source_scan_would_notice_a_validation_callback()
    {
        // This very file sets a callback (in the positive-control test above), so scanning tests/Security finds it.
        var here = Path.Combine(PackagesTests.RepoRoot(), "tests", "Security");
        Assert.Contains(
            ForbiddenUses(here),
            u => u.Contains("TlsVerificationTests.cs", StringComparison.Ordinal)
        );
    }
}
