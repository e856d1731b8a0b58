using System;
using System.Net;
using System.Threading;

namespace Neon.Api;

/// <summary>Settings of a <see cref="NeonClient"/>. Every property has a working default.</summary>
public sealed class NeonClientOptions
{
    /// <summary>The default API base URL: <c>https://console.neon.tech/api/v2/</c>.</summary>
    public static readonly Uri DefaultBaseUri = new("https://console.neon.tech/api/v2/");

    /// <summary>The API base URL. Default <see cref="DefaultBaseUri"/>; point it at an emulator or a proxy for tests.</summary>
    public Uri BaseUri { get; set; } = DefaultBaseUri;

    /// <summary>
    /// The deadline of one call, covering the request and everything the client does for it. Default 100 seconds;
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it. When it passes the call fails with <see cref="NeonTimeoutException"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The client's one clock: every retry delay, call deadline, project-queue poll and operation-wait poll runs on it,
    /// elapsed times in messages are measured on it, and it seeds the retry jitter. Default <see cref="TimeProvider.System"/>.
    /// Tests pass a fake clock (for example the emulator's, see <c>Neon.Api.Testing</c>) to make minutes of waiting take
    /// milliseconds; <c>WaitForOperationsAsync</c> uses the client's clock unless <c>NeonWaitOptions.TimeProvider</c> says otherwise.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Where the client logs each attempt, answer, retry and queue wait (category <c>Neon.Api</c>; Debug and Trace for
    /// the details, Information for retries, Warning for network failures). Default: no logging. Credentials never
    /// appear in a log event; request headers are logged at Trace level with <c>Authorization</c> and cookies masked.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; set; }

    /// <summary>An application name and version put in front of the <c>User-Agent</c> (for example <c>my-ci/1.2</c>).</summary>
    public string? ApplicationName { get; set; }

    /// <summary>The largest response body read into memory, in bytes. Default 64 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Which failures are retried, how often and how long to wait in between. Defaults: 4 retries, 0.5 s base delay,
    /// 30 s cap; <c>Retry.MaxRetries = 0</c> disables retries. See <see cref="NeonRetryOptions"/>.
    /// </summary>
    public NeonRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Queues this client's mutating calls (POST, PUT, PATCH, DELETE under <c>/projects/{project_id}</c>) behind the
    /// operations that its earlier mutations started in the same project, polling them until they finish, instead of
    /// sending them into <c>423 Locked</c>. Default <see langword="true"/>. Retries on 423 stay the fallback for locks
    /// taken by other clients. Turn it off to send every call at once (for example when another component already
    /// waits for operations).
    /// </summary>
    public bool QueueProjectMutations { get; set; } = true;

    /// <summary>
    /// The project queue this client uses; <see langword="null"/> (the default) gives the client a queue of its own.
    /// Set the same <see cref="NeonProjectQueue"/> on every client that uses the same API key and base URL (for example
    /// clients created per request or per scope) so that they queue behind each other's operations.
    /// </summary>
    public NeonProjectQueue? ProjectQueue { get; set; }

    /// <summary>
    /// What happens when a response holds a value that does not fit its property's type (a number too large for an
    /// <c>int</c>, a string where a date belongs, an array where an object belongs). Default
    /// <see cref="NeonValueMismatchHandling.KeepRaw"/>: the call succeeds, the property is left unset, the value is kept
    /// as sent in the model's <c>AdditionalProperties</c> under its JSON name, and a Warning names the operation, the
    /// JSON path and the property (never the value). <see cref="NeonValueMismatchHandling.Fail"/> throws
    /// <see cref="NeonResponseFormatException"/> instead.
    /// </summary>
    public NeonValueMismatchHandling ValueMismatchHandling { get; set; } = NeonValueMismatchHandling.KeepRaw;

    /// <summary>
    /// Allows a plain <c>http://</c> base URL that is not a loopback address. Off by default: the API key would
    /// travel unencrypted.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Adds a stage of your own to the send path of every call: <see cref="Pipeline.NeonPipelinePosition.PerCall"/>
    /// runs once per call (outside retries), <see cref="Pipeline.NeonPipelinePosition.PerAttempt"/> once per attempt
    /// with the attempt's request ready to change (for example to add a header). Policies run in the order added.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="position">Where it runs.</param>
    /// <returns>These options, for chaining.</returns>
    public NeonClientOptions AddPolicy(Pipeline.NeonPipelinePolicy policy, Pipeline.NeonPipelinePosition position = Pipeline.NeonPipelinePosition.PerCall)
    {
        _policies.Add((policy ?? throw new ArgumentNullException(nameof(policy)), position));
        return this;
    }

    private System.Collections.Generic.List<(Pipeline.NeonPipelinePolicy Policy, Pipeline.NeonPipelinePosition Position)> _policies = [];

    internal System.Collections.Generic.List<Pipeline.NeonPipelinePolicy> Policies(Pipeline.NeonPipelinePosition position) =>
        _policies.FindAll(entry => entry.Position == position).ConvertAll(entry => entry.Policy);

    /// <summary>Checks the settings and returns the base URL with a trailing slash.</summary>
    internal Uri GetNormalizedBaseUri()
    {
        var uri = BaseUri ?? throw new ArgumentException("NeonClientOptions.BaseUri must not be null.", nameof(BaseUri));
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"NeonClientOptions.BaseUri must be absolute (for example {DefaultBaseUri}); got '{uri}'.", nameof(BaseUri));
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"NeonClientOptions.BaseUri must use https; got '{uri.Scheme}'.", nameof(BaseUri));
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp && !IsLoopback(uri))
        {
            throw new ArgumentException(
                $"NeonClientOptions.BaseUri '{uri}' uses plain http, which would send the API key unencrypted. Use https, a loopback address, or set AllowInsecureHttp = true.",
                nameof(BaseUri));
        }

        ValidateTimeout(Timeout, "NeonClientOptions.Timeout", nameof(Timeout));

        if (MaxResponseBytes <= 0)
        {
            throw new ArgumentException($"NeonClientOptions.MaxResponseBytes must be positive; got {MaxResponseBytes}.", nameof(MaxResponseBytes));
        }

        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
    }

    /// <summary>Rejects a zero or negative timeout other than <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    internal static void ValidateTimeout(TimeSpan timeout, string what, string paramName)
    {
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{what} must be positive or Timeout.InfiniteTimeSpan; got {timeout}.", paramName);
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    internal NeonClientOptions Clone()
    {
        var copy = (NeonClientOptions)MemberwiseClone();
        copy._policies = [.. _policies];
        copy.Retry = (Retry ?? throw new ArgumentException("NeonClientOptions.Retry must not be null.", nameof(Retry))).Clone();
        _ = TimeProvider ?? throw new ArgumentException("NeonClientOptions.TimeProvider must not be null; the default is TimeProvider.System.", nameof(TimeProvider));
        return copy;
    }
}

/// <summary>What the client does with a response value that does not fit its property (see <see cref="NeonClientOptions.ValueMismatchHandling"/>).</summary>
public enum NeonValueMismatchHandling
{
    /// <summary>Keep the value as sent in the model's <c>AdditionalProperties</c>, leave the property unset, log a Warning.</summary>
    KeepRaw = 0,

    /// <summary>Fail the call with a <see cref="NeonResponseFormatException"/> naming the JSON path and the property.</summary>
    Fail = 1,
}
