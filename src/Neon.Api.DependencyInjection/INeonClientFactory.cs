namespace Neon.Api.DependencyInjection;

/// <summary>
/// Creates the <see cref="NeonClient"/>s registered with <c>services.AddNeonClient(name, ...)</c>, each over a fresh
/// <c>HttpClient</c> from <c>IHttpClientFactory</c> (so handler rotation keeps working) and sharing one project queue
/// per API key and base URL.
/// </summary>
public interface INeonClientFactory
{
    /// <summary>Creates a client with the settings registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <c>AddNeonClient</c>; <see cref="string.Empty"/> for the unnamed client.</param>
    /// <returns>A new client; disposing it does not dispose the factory's handlers.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The settings under <paramref name="name"/> are invalid (for example no API key).</exception>
    NeonClient CreateClient(string name);
}
