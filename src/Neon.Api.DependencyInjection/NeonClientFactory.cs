using System.Net.Http;
using Microsoft.Extensions.Options;

namespace Neon.Api.DependencyInjection;

/// <summary>Builds each client over a fresh <see cref="HttpClient"/> from the factory, with the validated settings of its name.</summary>
internal sealed class NeonClientFactory(IHttpClientFactory httpClients, IOptionsMonitor<NeonServiceOptions> settings) : INeonClientFactory
{
    public NeonClient CreateClient(string name)
    {
        var options = settings.Get(name); // validated: throws OptionsValidationException with what to fix
        return new NeonClient(options.ApiKey!, httpClients.CreateClient(HttpClientName(name)), options.Client);
    }

    /// <summary>The <c>IHttpClientFactory</c> name of a Neon client's <see cref="HttpClient"/>.</summary>
    public static string HttpClientName(string name) => string.IsNullOrEmpty(name) ? "Neon.Api" : "Neon.Api:" + name;

    /// <summary>The Neon client name of an <c>IHttpClientFactory</c> name, or <see langword="null"/> when it is not a Neon client's.</summary>
    public static string? NeonClientName(string? httpClientName) =>
        httpClientName == "Neon.Api" ? string.Empty
        : httpClientName is not null && httpClientName.StartsWith("Neon.Api:", System.StringComparison.Ordinal) ? httpClientName.Substring("Neon.Api:".Length)
        : null;
}
