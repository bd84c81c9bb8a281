using System.Text;
using Functional.Core.OnePlatform;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Functional.Tests.Extensions;

/// <summary>The clients' log events: structured, one per request, and free of secrets even at Trace level.</summary>
public sealed class LoggingTests
{
    private const string VendorToken = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a";
    private const string SisPassword = "L0g-pa55word!";

    [Fact]
    public async Task Every_request_is_one_structured_event_and_no_secret_is_ever_logged()
    {
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 5, VendorToken = VendorToken }
        );
        await using var sis = await SisEmulator.StartAsync(
            new SisEmulatorOptions { SuperUserPassword = SisPassword, Seed = 5 }
        );
        using var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddOnePlatformClient(o => o.Endpoint = onep.BaseUri);
        services.AddProvisioningClient(o =>
        {
            o.Endpoint = onep.BaseUri;
            o.ManageByCik = false;
        });
        services.AddSisClient(o => o.Url = sis.BaseUri);
        await using var provider = services.BuildServiceProvider();

        var rpc = provider.GetRequiredService<OnePlatformClient>();
        var root = Auth.Cik(onep.RootCik);
        var rid = await rpc.CreateDataportAsync(
            root,
            ResourceId.Self,
            DataportDescription.Of(DataFormat.Integer)
        );
        var results = await rpc.Batch(root)
            .Read(ResourceId.Rid(rid), ReadOptions.Latest)
            .Info(ResourceId.Rid(rid))
            .SendAsync();
        Assert.Equal(2, results.Count);
        await Assert.ThrowsAsync<OnePlatformGeneralException>(() =>
            rpc.InfoAsync(Auth.Cik(new string('9', 40)), ResourceId.Self)
        );

        var provisioning = provider.GetRequiredService<ProvisioningClient>();
        await provisioning.ListModelsAsync(provisioning.Auth(VendorToken));

        var client = provider.GetRequiredService<SisClient>();
        var token = await client.AuthenticateAsync(sis.SuperUserName, SisPassword);
        await client.Schemas.FetchPageAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => client.Entities("missing").FetchPageAsync());

        var ours = logs
            .Events.Where(e => e.Category.StartsWith("Functional.", StringComparison.Ordinal))
            .ToList();
        var succeeded = ours.Where(e => e.EventId.Name == "RequestSucceeded").ToList();
        var failed = ours.Where(e => e.EventId.Name == "RequestFailed").ToList();
        Assert.Equal(7, ours.Count);
        Assert.Equal(5, succeeded.Count);
        Assert.Equal(2, failed.Count);

        var batch = Assert.Single(succeeded, e => Equals(e.Value("Calls"), 2));
        Assert.Equal("Functional.Facade.OnePlatform.OnePlatformClient", batch.Category);
        Assert.Equal(LogLevel.Debug, batch.Level);
        Assert.Equal("onep", batch.Value("Api"));
        Assert.Equal("read,info", batch.Value("Operation"));
        Assert.Equal(200, batch.Value("Status"));
        Assert.IsType<double>(batch.Value("DurationMs"));

        var general = Assert.Single(failed, e => Equals(e.Value("Api"), "onep"));
        Assert.Equal(LogLevel.Warning, general.Level);
        Assert.Equal("RpcGeneral", general.Value("ErrorType"));
        var missing = Assert.Single(failed, e => Equals(e.Value("Api"), "sis"));
        Assert.Equal("GET /api/v1.1/entities/{}", missing.Value("Operation"));
        Assert.Equal(404, missing.Value("Status"));
        Assert.Contains(
            succeeded,
            e =>
                Equals(e.Value("Operation"), "GET /provision/manage/model/")
                || Equals(e.Value("Operation"), "GET /provision/manage/model")
        );
        Assert.Contains(
            succeeded,
            e => Equals(e.Value("Operation"), "POST /api/v1.1/users/auth_token")
        );

        // Every event of every category (HttpClientFactory's own handlers log at Trace too).
        string[] secrets =
        [
            onep.RootCik,
            VendorToken,
            SisPassword,
            token.Name,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sis.SuperUserName}:{SisPassword}")),
        ];
        Assert.True(
            logs.Events.Count > ours.Count,
            "the HttpClientFactory handlers should log too"
        );
        foreach (var e in logs.Events)
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, e.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_client_made_by_hand_logs_through_the_logger_it_is_given()
    {
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 6 }
        );
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b =>
            b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs)
        );
        using var http = new HttpClient();
        var rpc = new OnePlatformClient(
            http,
            new OnePlatformClientOptions { Endpoint = onep.BaseUri },
            factory.CreateLogger("rpc")
        );
        await rpc.ListingAsync(Auth.Cik(onep.RootCik), ResourceId.Self, [ResourceType.Dataport]);

        var e = Assert.Single(logs.Events);
        Assert.Equal("rpc", e.Category);
        Assert.Equal("listing", e.Value("Operation"));
        Assert.Matches(@"^onep listing \(1 calls\): status 200 in \d+\.\d ms$", e.Message);
    }
}
