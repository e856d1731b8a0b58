using System;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Neon.Api;
using Neon.Api.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="NeonClient"/> with a service collection: <c>services.AddNeonClient(configuration)</c>, over
/// <c>IHttpClientFactory</c>, validated when the host starts.
/// </summary>
public static class NeonServiceCollectionExtensions
{
    /// <summary>
    /// Registers the unnamed <see cref="NeonClient"/> (inject <see cref="NeonClient"/>) with the settings of the
    /// configuration section <c>Neon</c> of <paramref name="configuration"/> (or of <paramref name="configuration"/>
    /// itself when it is that section).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application's configuration, or the client's section.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>, to add handlers or set the primary handler.</returns>
    public static IHttpClientBuilder AddNeonClient(this IServiceCollection services, IConfiguration configuration) =>
        services.AddNeonClient(Options.Options.DefaultName, configuration);

    /// <summary>Registers the unnamed <see cref="NeonClient"/> (inject <see cref="NeonClient"/>) configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the API key and the client's options.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>, to add handlers or set the primary handler.</returns>
    public static IHttpClientBuilder AddNeonClient(this IServiceCollection services, Action<NeonServiceOptions> configure) =>
        services.AddNeonClient(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a named <see cref="NeonClient"/> (for another API key or organization) with the settings of
    /// <paramref name="configuration"/>: the section itself, or its child <c>Neon</c>. Get it with
    /// <see cref="INeonClientFactory.CreateClient(string)"/> or inject it keyed: <c>[FromKeyedServices("name")] NeonClient</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The client's section, or a configuration holding it as <c>Neon</c>.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>.</returns>
    public static IHttpClientBuilder AddNeonClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        var section = configuration is IConfigurationSection own && (own.Value is not null || own.GetChildren().GetEnumerator().MoveNext())
            ? configuration
            : configuration.GetSection(NeonServiceOptions.DefaultSectionName);
        return services.AddNeonClient(name, options => NeonSettingsBinder.Bind(section, options));
    }

    /// <summary>
    /// Registers a named <see cref="NeonClient"/> configured in code. Get it with
    /// <see cref="INeonClientFactory.CreateClient(string)"/> or inject it keyed: <c>[FromKeyedServices("name")] NeonClient</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets the API key and the client's options.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>.</returns>
    public static IHttpClientBuilder AddNeonClient(this IServiceCollection services, string name, Action<NeonServiceOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions();
        services.TryAddSingleton<NeonProjectQueues>();
        services.TryAddSingleton<NeonServiceOptionsSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<NeonServiceOptions>, NeonServiceOptionsSetup>(sp => sp.GetRequiredService<NeonServiceOptionsSetup>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NeonServiceOptions>, NeonServiceOptionsSetup>(sp => sp.GetRequiredService<NeonServiceOptionsSetup>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NeonStartupCheck>, NeonStartupCheck.Validator>());
        services.TryAddSingleton<ResilienceHandlerCheck>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, ResilienceHandlerCheck>(sp => sp.GetRequiredService<ResilienceHandlerCheck>()));
        services.TryAddSingleton<INeonClientFactory, NeonClientFactory>();

        services.AddOptions<NeonServiceOptions>(name).Configure(configure).ValidateOnStart();
        services.AddOptions<NeonStartupCheck>(name).ValidateOnStart();

        // Transient, like a typed HttpClient: each instance gets a fresh HttpClient from the factory (handlers rotate),
        // while the project queue, the handlers and the settings are shared.
        if (name.Length == 0)
        {
            services.TryAddTransient(sp => sp.GetRequiredService<INeonClientFactory>().CreateClient(string.Empty));
        }

        services.TryAddKeyedTransient(name, (sp, _) => sp.GetRequiredService<INeonClientFactory>().CreateClient(name));

        // The client owns the deadline (NeonClientOptions.Timeout, retries included): the HttpClient must not cut it.
        return services.AddHttpClient(NeonClientFactory.HttpClientName(name))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
