// README: "In an application: dependency injection, logging, telemetry, resilience"
using Functional.Core.Interpreter;
using Functional.Core.OnePlatform;
using Functional.Facade.OnePlatform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Functional.Samples.ReadmeExamples;

public static class HostingExample
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        // appsettings.json: { "Functional": { "OnePlatform": { "Endpoint": "https://m2.exosite.com", "Timeout": "00:00:30" },
        //                                     "Sis": { "Url": "https://sis.example.com" } } }
        services
            .AddOnePlatformClient(configuration.GetSection("Functional:OnePlatform"))
            .AddFunctionalResilience(); // resends only requests that just read: never a write
        services
            .AddSisClient(configuration.GetSection("Functional:Sis"))
            .AddFunctionalResilience(o => o.MaxRetryAttempts = 5);
        // Bad settings stop the host at start-up: "Functional:Sis:Url must be an absolute http or https URL".
        // Traces and metrics: AddSource(FunctionalTelemetry.Name) / AddMeter(FunctionalTelemetry.Name) in OpenTelemetry.
    }

    public static async Task UseAsync(OnePlatformClient client, string cik) =>
        Console.WriteLine(
            (await client.ReadAsync(Auth.Cik(cik), ResourceId.Alias("temperature"))).Count
        );

    public static string TelemetryName => FunctionalTelemetry.Name;
}
