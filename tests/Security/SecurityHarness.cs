using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Functional.Tests.Security;

/// <summary>Checks that no secret (case-insensitively, also as its first 16 characters) shows in any text.</summary>
internal static class SecretCheck
{
    public static IEnumerable<string> Leaks(
        IEnumerable<(string Where, string Text)> texts,
        IEnumerable<string> secrets
    )
    {
        var all = secrets.Where(s => s.Length >= 8).Distinct().ToArray();
        foreach (var (where, text) in texts)
        {
            foreach (var secret in all)
            {
                // A prefix catches truncated forms ("abcd1234…") as well as the whole value.
                if (
                    text.Contains(secret, StringComparison.OrdinalIgnoreCase)
                    || (
                        secret.Length >= 24
                        && text.Contains(secret[..16], StringComparison.OrdinalIgnoreCase)
                    )
                )
                    yield return $"{where} shows a secret ({secret[..4]}…): {text}";
            }
        }
    }

    public static void AssertNone(
        IEnumerable<(string Where, string Text)> texts,
        IEnumerable<string> secrets
    )
    {
        var leaks = Leaks(texts, secrets).ToArray();
        Assert.True(leaks.Length == 0, string.Join(Environment.NewLine, leaks));
    }
}

/// <summary>
/// A Kestrel server on 127.0.0.1 (port 0) whose HTTPS certificate is self-signed and made in the test, counting
/// the requests that reach it. A client that verifies certificates must fail the handshake and send nothing.
/// </summary>
internal sealed class SelfSignedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;
    private int requests;

    private SelfSignedServer(WebApplication app, X509Certificate2 certificate)
    {
        this.app = app;
        this.certificate = certificate;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Requests that got past the TLS handshake.</summary>
    public int Requests => Volatile.Read(ref requests);

    public static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=localhost",
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1
        );
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)
        );
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        // Round-trip through PKCS#12 so that SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public static async Task<SelfSignedServer> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
            k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate))
        );
        var app = builder.Build();
        var server = new SelfSignedServer(app, certificate);
        app.Run(async http =>
        {
            Interlocked.Increment(ref server.requests);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("[]");
        });
        await app.StartAsync();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }
}
