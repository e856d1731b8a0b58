using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Neon.Api.DependencyInjection;

/// <summary>
/// Notices a retrying handler (<c>AddStandardResilienceHandler()</c>, another Polly pipeline) in a Neon client's
/// <see cref="HttpClient"/> while the client's own retries are on, and logs once per client what to do: both layers
/// retrying multiplies the requests of a failing call.
/// </summary>
internal sealed class ResilienceHandlerCheck(IOptionsMonitor<NeonServiceOptions> settings, ILoggerFactory? loggers = null) : IHttpMessageHandlerBuilderFilter
{
    private readonly ILogger _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Neon.Api.DependencyInjection");
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    /// <summary>Names of Neon clients found with a retrying handler (for tests).</summary>
    public bool Found(string name) => _warned.ContainsKey(name);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (NeonClientFactory.NeonClientName(builder.Name) is not { } name)
        {
            return;
        }

        var retrying = builder.AdditionalHandlers.FirstOrDefault(IsRetryingHandler);
        int maxRetries = settings.Get(name).Client.Retry.MaxRetries;
        if (retrying is not null && maxRetries > 0 && _warned.TryAdd(name, true))
        {
            NeonDependencyInjectionLog.StackedRetries(_logger, NeonServiceOptionsSetup.Describe(name), retrying.GetType().Name, maxRetries + 1);
        }
    };

    internal static bool IsRetryingHandler(DelegatingHandler handler)
    {
        var type = handler.GetType();
        return (type.Namespace ?? string.Empty).StartsWith("Microsoft.Extensions.Http.Resilience", StringComparison.Ordinal)
            || type.Name == "PolicyHttpMessageHandler";
    }
}

/// <summary>The package's log events.</summary>
internal static partial class NeonDependencyInjectionLog
{
    [LoggerMessage(EventId = 1, EventName = "NeonStackedRetries", Level = LogLevel.Warning,
        Message = "{Client} sends through a retrying handler ({Handler}) while its own retries are on: each of its up to {Attempts} attempts is then retried again by the handler, so one failing call makes several times as many requests (and the handler may repeat POSTs the client knows are unsafe to repeat). Either remove the handler (the client already retries 423, 429 and 503, and 5xx and dropped connections for reads, honouring Retry-After), or set Retry:MaxRetries to 0 for this client and call DisableForUnsafeHttpMethods() on the handler's retry options.")]
    public static partial void StackedRetries(ILogger logger, string client, string handler, int attempts);
}
