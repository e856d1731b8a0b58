using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Neon.Api;

/// <summary>What the workflow helpers (<c>Neon.Api.Workflows</c>) read from the client besides its groups.</summary>
public partial class NeonClient
{
    /// <summary>The client's logger (<see cref="NeonClientOptions.Logger"/>), or a null logger for a client made for mocking.</summary>
    internal ILogger Logger => _pipeline?.Options.Logger ?? NullLogger.Instance;
}
