using System.Collections.Generic;

namespace Neon.Api.DependencyInjection;

/// <summary>
/// The settings of a <see cref="NeonClient"/> registered with <c>services.AddNeonClient(...)</c>: the API key and the
/// client's options. Bound from a configuration section shaped like
/// <c>"Neon": { "ApiKey": "...", "BaseUri": "...", "Timeout": "00:01:40", "Retry": { "MaxRetries": 4 } }</c>, configured
/// in code, or both (later registrations win).
/// </summary>
public sealed class NeonServiceOptions
{
    /// <summary>The configuration section <c>AddNeonClient(configuration)</c> reads when given the root: <c>Neon</c>.</summary>
    public const string DefaultSectionName = "Neon";

    /// <summary>
    /// The Neon API key. When neither configuration nor code sets it, the <c>NEON_API_KEY</c> environment variable is
    /// used; when that is missing too, the host fails to start with a message that says where to set it.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The client's options (base URL, timeout, retries, ...). The logger, the clock and the project queue are filled in
    /// from the container unless you set them: a logger from <c>ILoggerFactory</c> (category <c>Neon.Api</c>), the
    /// container's <c>TimeProvider</c>, and one <see cref="NeonProjectQueue"/> per API key and base URL.
    /// </summary>
    public NeonClientOptions Client { get; } = new();

    /// <summary>Where the settings were bound from (a configuration path), for error messages.</summary>
    internal string? SectionPath { get; set; }

    /// <summary>Keys of the bound section that match no setting (typos), reported at start.</summary>
    internal List<string> UnknownSettings { get; } = [];

    /// <summary>Describes the settings without the API key.</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        $"NeonServiceOptions {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "[redacted]")}, BaseUri = {Client.BaseUri} }}";
}
