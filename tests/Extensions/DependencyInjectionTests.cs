using Functional.Core.OnePlatform;
using Functional.Emulators.OnePlatform;
using Functional.Emulators.Sis;
using Functional.Extensions;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Functional.Tests.Extensions;

/// <summary>The clients registered with dependency injection, against the real emulators.</summary>
public sealed class DependencyInjectionTests
{
    private const string VendorToken = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value)))
            .Build();

    [Fact]
    public async Task Clients_bound_from_configuration_talk_to_the_emulators()
    {
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 3, VendorToken = VendorToken }
        );
        await using var sis = await SisEmulator.StartAsync(
            new SisEmulatorOptions { SuperUserPassword = "di-pa55word", Seed = 3 }
        );
        var config = Config(
            ("Functional:OnePlatform:Endpoint", onep.BaseUri.ToString()),
            ("Functional:OnePlatform:Timeout", "00:00:20"),
            ("Functional:OnePlatform:ChunkSize", "7"),
            ("Functional:Provisioning:Endpoint", onep.BaseUri.ToString()),
            ("Functional:Provisioning:ManageByCik", "false"),
            ("Functional:Sis:Url", sis.BaseUri.ToString()),
            ("Functional:Sis:KeepAlive", "false")
        );
        var services = new ServiceCollection();
        services.AddOnePlatformClient(config.GetSection("Functional:OnePlatform"));
        services.AddProvisioningClient(config.GetSection("Functional:Provisioning"));
        services.AddSisClient(config.GetSection("Functional:Sis"));
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate();

        var rpc = provider.GetRequiredService<OnePlatformClient>();
        Assert.Equal(onep.BaseUri, rpc.Options.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(20), rpc.Options.Timeout);
        Assert.Equal(7, rpc.Options.ChunkSize);
        var rid = await rpc.CreateDataportAsync(
            Auth.Cik(onep.RootCik),
            ResourceId.Self,
            DataportDescription.Of(DataFormat.Integer)
        );
        Assert.Matches("^[0-9a-f]{40}$", rid);

        var provisioning = provider.GetRequiredService<ProvisioningClient>();
        Assert.False(provisioning.Options.ManageByCik);
        Assert.Empty(await provisioning.ListModelsAsync(provisioning.Auth(VendorToken)));

        var client = provider.GetRequiredService<SisClient>();
        Assert.False(client.Options.KeepAlive);
        await client.AuthenticateAsync(sis.SuperUserName, sis.SuperUserPassword);
        var schemas = await client.Schemas.FetchPageAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Array, schemas.Json.ValueKind);
    }

    [Fact]
    public async Task Code_settings_apply_after_configuration_and_the_builder_takes_user_handlers()
    {
        await using var onep = await OnePlatformEmulator.StartAsync(
            new OnePlatformEmulatorOptions { Seed = 4 }
        );
        var seen = new FaultPlan(_ => Fault.None);
        var services = new ServiceCollection();
        services
            .AddOnePlatformClient(
                Config(("Functional:OnePlatform:Endpoint", "http://192.0.2.1/"))
                    .GetSection("Functional:OnePlatform"),
                o =>
                {
                    o.Endpoint = onep.BaseUri;
                    o.UserAgent = "di-test/1.0";
                }
            )
            .AddHttpMessageHandler(() => new FaultHandler(seen));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var rpc = provider.GetRequiredService<OnePlatformClient>();
        Assert.Equal(onep.BaseUri, rpc.Options.Endpoint);
        Assert.Equal("di-test/1.0", rpc.Options.UserAgent);
        await rpc.ListingAsync(Auth.Cik(onep.RootCik), ResourceId.Self, [ResourceType.Dataport]);
        Assert.Equal(1, seen.Attempts);
    }

    [Fact]
    public void Invalid_settings_fail_at_start_naming_every_key()
    {
        var config = Config(
            ("App:Onep:Endpoint", "ftp://example.com/"),
            ("App:Onep:RpcPath", "no-slash"),
            ("App:Onep:Timeout", "-00:00:01"),
            ("App:Onep:ChunkSize", "0"),
            ("App:Prov:Endpoint", "/relative"),
            ("App:Prov:SharedVendor", "acme\r\nX-Evil: 1"),
            ("App:Sis:ApiVersion", ""),
            ("App:Sis:AuthToken", "sekr3t-t0ken\n")
        );
        var services = new ServiceCollection();
        services.AddOnePlatformClient(config.GetSection("App:Onep"));
        services.AddProvisioningClient(config.GetSection("App:Prov"));
        services.AddSisClient(config.GetSection("App:Sis"));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.ThrowsAny<Exception>(() =>
            provider.GetRequiredService<IStartupValidator>().Validate()
        );
        var messages = failure is AggregateException all
            ? all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures).ToList()
            : ((OptionsValidationException)failure).Failures.ToList();
        Assert.Contains("App:Onep:Endpoint must be an absolute http or https URL", messages);
        Assert.Contains(
            messages,
            m => m.StartsWith("App:Onep:RpcPath must be a path", StringComparison.Ordinal)
        );
        Assert.Contains("App:Onep:Timeout must be positive (e.g. 00:00:30)", messages);
        Assert.Contains("App:Onep:ChunkSize must be at least 1", messages);
        Assert.Contains("App:Prov:Endpoint must be an absolute http or https URL", messages);
        Assert.Contains(
            messages,
            m =>
                m.StartsWith(
                    "App:Prov:SharedVendor must not contain control characters",
                    StringComparison.Ordinal
                )
        );
        Assert.Contains("App:Sis:Url is required (an absolute http or https URL)", messages);
        Assert.Contains("App:Sis:ApiVersion must be a version such as 1.1", messages);
        Assert.Contains("App:Sis:AuthToken must not contain control characters", messages);
        Assert.DoesNotContain(messages, m => m.Contains("sekr3t", StringComparison.Ordinal));
        Assert.DoesNotContain("sekr3t", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_made_in_code_are_checked_under_the_default_section_name()
    {
        var services = new ServiceCollection();
        services.AddSisClient(o => o.Url = new Uri("https://user:pw@sis.example.com/"));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() =>
            provider.GetRequiredService<IStartupValidator>().Validate()
        );
        Assert.Equal(
            ["Functional:Sis:Url must not carry a user name or password"],
            failure.Failures
        );
    }

    [Fact]
    public void Sis_settings_never_show_the_token()
    {
        var settings = new SisClientSettings
        {
            Url = new Uri("https://sis.example.com/"),
            AuthToken = "0123456789abcdef0123456789abcdef",
        };
        Assert.DoesNotContain("0123456789abcdef", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("AuthToken = ***", settings.ToString(), StringComparison.Ordinal);
        Assert.Equal(settings.AuthToken, settings.ToOptions().AuthToken);
    }
}
