using Functional.Extensions;
using Functional.Facade.OnePlatform;
using Functional.Facade.Provisioning;
using Functional.Facade.Sis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Functional clients as typed <see cref="HttpClient"/> clients of <see cref="IHttpClientFactory"/>:
/// settings bound from configuration and/or code and checked when the host starts (every problem at once, naming the
/// configuration key), one log event per request through <see cref="ILogger"/> when logging is registered. Each
/// method returns the <see cref="IHttpClientBuilder"/>, so you can add your own handlers or
/// <c>AddFunctionalResilience()</c>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOnePlatformClient(builder.Configuration.GetSection("Functional:OnePlatform"))
///     .AddFunctionalResilience();
/// // then inject OnePlatformClient
/// </code>
/// </example>
public static class FunctionalServiceCollectionExtensions
{
    /// <summary>The <see cref="IHttpClientFactory"/> name of the One Platform client's HttpClient.</summary>
    public const string OnePlatformHttpClientName = "Functional.OnePlatform";

    /// <summary>The <see cref="IHttpClientFactory"/> name of the Provisioning client's HttpClient.</summary>
    public const string ProvisioningHttpClientName = "Functional.Provisioning";

    /// <summary>The <see cref="IHttpClientFactory"/> name of the SIS client's HttpClient.</summary>
    public const string SisHttpClientName = "Functional.Sis";

    /// <summary>Registers <see cref="OnePlatformClient"/> with settings from <paramref name="section"/> (e.g. <c>Functional:OnePlatform</c>).</summary>
    public static IHttpClientBuilder AddOnePlatformClient(
        this IServiceCollection services,
        IConfiguration section
    ) => services.AddOnePlatformClient(section, _ => { });

    /// <summary>Registers <see cref="OnePlatformClient"/> with settings made in code.</summary>
    public static IHttpClientBuilder AddOnePlatformClient(
        this IServiceCollection services,
        Action<OnePlatformClientSettings> configure
    ) => services.AddOnePlatformClient(null, configure);

    /// <summary>
    /// Registers <see cref="OnePlatformClient"/> with settings from <paramref name="section"/> (may be null), then
    /// <paramref name="configure"/>.
    /// </summary>
    public static IHttpClientBuilder AddOnePlatformClient(
        this IServiceCollection services,
        IConfiguration? section,
        Action<OnePlatformClientSettings> configure
    )
    {
        var prefix = Register(
            services,
            section,
            configure,
            OnePlatformClientSettings.DefaultSection,
            SettingsProblems.OnePlatform
        );
        return services
            .AddHttpClient(OnePlatformHttpClientName)
            .AddTypedClient<OnePlatformClient>(
                (http, provider) =>
                    new OnePlatformClient(
                        http,
                        Settings<OnePlatformClientSettings>(provider, prefix).ToOptions(),
                        LoggerOf<OnePlatformClient>(provider)
                    )
            );
    }

    /// <summary>Registers <see cref="ProvisioningClient"/> with settings from <paramref name="section"/> (e.g. <c>Functional:Provisioning</c>).</summary>
    public static IHttpClientBuilder AddProvisioningClient(
        this IServiceCollection services,
        IConfiguration section
    ) => services.AddProvisioningClient(section, _ => { });

    /// <summary>Registers <see cref="ProvisioningClient"/> with settings made in code.</summary>
    public static IHttpClientBuilder AddProvisioningClient(
        this IServiceCollection services,
        Action<ProvisioningClientSettings> configure
    ) => services.AddProvisioningClient(null, configure);

    /// <summary>
    /// Registers <see cref="ProvisioningClient"/> with settings from <paramref name="section"/> (may be null), then
    /// <paramref name="configure"/>.
    /// </summary>
    public static IHttpClientBuilder AddProvisioningClient(
        this IServiceCollection services,
        IConfiguration? section,
        Action<ProvisioningClientSettings> configure
    )
    {
        var prefix = Register(
            services,
            section,
            configure,
            ProvisioningClientSettings.DefaultSection,
            SettingsProblems.Provisioning
        );
        return services
            .AddHttpClient(ProvisioningHttpClientName)
            .AddTypedClient<ProvisioningClient>(
                (http, provider) =>
                    new ProvisioningClient(
                        http,
                        Settings<ProvisioningClientSettings>(provider, prefix).ToOptions(),
                        LoggerOf<ProvisioningClient>(provider)
                    )
            );
    }

    /// <summary>Registers <see cref="SisClient"/> with settings from <paramref name="section"/> (e.g. <c>Functional:Sis</c>).</summary>
    /// <remarks>
    /// Like every typed client it is transient: a token got with <see cref="SisClient.AuthenticateAsync"/> lives in
    /// that instance. Configure <see cref="SisClientSettings.AuthToken"/> for a token every instance starts with.
    /// </remarks>
    public static IHttpClientBuilder AddSisClient(
        this IServiceCollection services,
        IConfiguration section
    ) => services.AddSisClient(section, _ => { });

    /// <summary>Registers <see cref="SisClient"/> with settings made in code (see the remarks of the other overload).</summary>
    public static IHttpClientBuilder AddSisClient(
        this IServiceCollection services,
        Action<SisClientSettings> configure
    ) => services.AddSisClient(null, configure);

    /// <summary>
    /// Registers <see cref="SisClient"/> with settings from <paramref name="section"/> (may be null), then
    /// <paramref name="configure"/>.
    /// </summary>
    public static IHttpClientBuilder AddSisClient(
        this IServiceCollection services,
        IConfiguration? section,
        Action<SisClientSettings> configure
    )
    {
        var prefix = Register(
            services,
            section,
            configure,
            SisClientSettings.DefaultSection,
            SettingsProblems.Sis
        );
        return services
            .AddHttpClient(SisHttpClientName)
            .AddTypedClient<SisClient>(
                (http, provider) =>
                    new SisClient(
                        http,
                        Settings<SisClientSettings>(provider, prefix).ToOptions(),
                        LoggerOf<SisClient>(provider)
                    )
            );
    }

    /// <summary>Binds, configures and adds the start-up check; returns the name the settings are kept under.</summary>
    private static string Register<T>(
        IServiceCollection services,
        IConfiguration? section,
        Action<T> configure,
        string defaultSection,
        Func<string, T, IEnumerable<string>> problems
    )
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var name = Microsoft.Extensions.Options.Options.DefaultName;
        var key = section is IConfigurationSection s ? s.Path : defaultSection;
        var builder = services.AddOptions<T>(name);
        if (section is not null)
            builder.Bind(section);
        builder.Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(name, key, problems));
        return name;
    }

    private static T Settings<T>(IServiceProvider provider, string name)
        where T : class => provider.GetRequiredService<IOptionsMonitor<T>>().Get(name);

    private static ILogger? LoggerOf<T>(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger<T>();
}
