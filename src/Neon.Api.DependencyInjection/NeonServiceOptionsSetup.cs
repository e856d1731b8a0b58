using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Neon.Api.DependencyInjection;

/// <summary>
/// Completes and checks each registered client's settings: the API key from <c>NEON_API_KEY</c> when none was given,
/// the logger, clock and project queue from the container; then refuses settings the client would refuse, with a
/// message that says what to fix. With <c>ValidateOnStart</c> this runs when the host starts.
/// </summary>
internal sealed class NeonServiceOptionsSetup(IServiceProvider services, NeonProjectQueues queues) :
    IPostConfigureOptions<NeonServiceOptions>, IValidateOptions<NeonServiceOptions>
{
    public void PostConfigure(string? name, NeonServiceOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = Environment.GetEnvironmentVariable(NeonClient.ApiKeyVariable);
        }

        var client = options.Client;
        if (client.Logger is null && services.GetService<ILoggerFactory>() is { } loggers)
        {
            client.Logger = loggers.CreateLogger("Neon.Api");
        }

        if (ReferenceEquals(client.TimeProvider, TimeProvider.System) && services.GetService<TimeProvider>() is { } time)
        {
            client.TimeProvider = time;
        }

        if (client.ProjectQueue is null && !string.IsNullOrWhiteSpace(options.ApiKey) && client.BaseUri is { IsAbsoluteUri: true } baseUri)
        {
            client.ProjectQueue = queues.For(options.ApiKey!, baseUri);
        }
    }

    public ValidateOptionsResult Validate(string? name, NeonServiceOptions options)
    {
        string who = Describe(name);
        string section = options.SectionPath ?? NeonServiceOptions.DefaultSectionName;
        if (options.UnknownSettings.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"{who}: the configuration section \"{section}\" has settings the client does not know: " +
                $"{string.Join(", ", options.UnknownSettings)}. Known: ApiKey, {string.Join(", ", NeonSettingsBinder.KnownSettings)}.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return ValidateOptionsResult.Fail(
                $"{who} has no API key. Set \"{section}:ApiKey\" in configuration (for example user secrets, or the " +
                $"environment variable {section}__ApiKey), set the {NeonClient.ApiKeyVariable} environment variable, or set " +
                "options.ApiKey in AddNeonClient.");
        }

        try
        {
            // The client checks the key's form, the base URL, the timeout and the limits: let it say what is wrong now.
            using var probe = new NeonClient(options.ApiKey!, new NoNetwork(), options.Client);
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail($"{who}: {error.Message}");
        }

        return ValidateOptionsResult.Success;
    }

    internal static string Describe(string? name) =>
        string.IsNullOrEmpty(name) ? "The Neon client" : $"The Neon client \"{name}\"";

    /// <summary>A handler for the settings check: the probe client never sends.</summary>
    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The settings check does not send requests.");
    }
}
