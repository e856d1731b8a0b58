using System;
using System.Net.Http;
using Neon.Api.Core;
using Neon.Api.Pipeline;

namespace Neon.Api;

/// <summary>
/// The entry point of the Neon API: one object, one HTTP pipeline, and every operation of the spec grouped by its tag
/// (<see cref="NeonClient.Project"/>, <see cref="NeonClient.Branch"/>, <see cref="NeonClient.Endpoint"/>, ...).
/// </summary>
/// <remarks>
/// A client is thread-safe; create one and share it. The API key is added to each request and is never printed.
/// <code>
/// using var neon = new NeonClient(Environment.GetEnvironmentVariable("NEON_API_KEY")!);
/// var projects = await neon.Project.ListProjectsAsync(limit: 10);
/// </code>
/// </remarks>
public partial class NeonClient : IDisposable
{
    /// <summary>The environment variable <see cref="FromEnvironment"/> reads: <c>NEON_API_KEY</c>.</summary>
    public const string ApiKeyVariable = "NEON_API_KEY";

    private readonly HttpMessageInvoker? _ownedTransport;
    private readonly NeonPipeline? _pipeline;

    /// <summary>Creates a client for the public Neon API with default options.</summary>
    /// <param name="apiKey">The Neon API key.</param>
    /// <exception cref="ArgumentException">The key is empty or whitespace.</exception>
    public NeonClient(string apiKey)
        : this(apiKey, new NeonClientOptions())
    {
    }

    /// <summary>Creates a client with its own HTTP connection pool.</summary>
    /// <param name="apiKey">The Neon API key.</param>
    /// <param name="options">Base URL, timeout and other settings (copied; later changes have no effect).</param>
    /// <exception cref="ArgumentException">The key is empty or whitespace, or an option is invalid.</exception>
    public NeonClient(string apiKey, NeonClientOptions options)
    {
        var settings = (options ?? throw new ArgumentNullException(nameof(options))).Clone();
        var credential = new NeonCredential(apiKey);
        var baseUri = settings.GetNormalizedBaseUri(); // checked before a connection pool exists to leak
        _ownedTransport = new HttpClient(CreateDefaultHandler(), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _pipeline = new NeonPipeline(_ownedTransport, credential, settings, baseUri);
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> you manage (for example from <c>IHttpClientFactory</c>).
    /// The client is not disposed with this object, and its <c>DefaultRequestHeaders</c>, <c>BaseAddress</c> and
    /// <c>Timeout</c> are not used: the base URL and deadline come from <paramref name="options"/>.
    /// </summary>
    /// <param name="apiKey">The Neon API key.</param>
    /// <param name="httpClient">The HTTP client to send through.</param>
    /// <param name="options">Base URL, timeout and other settings; defaults when null.</param>
    public NeonClient(string apiKey, HttpClient httpClient, NeonClientOptions? options = null)
    {
        var settings = (options ?? new NeonClientOptions()).Clone();
        var credential = new NeonCredential(apiKey);
        _pipeline = new NeonPipeline(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), credential, settings, settings.GetNormalizedBaseUri());
    }

    /// <summary>
    /// Creates a client that sends through an <see cref="HttpMessageHandler"/> (for example a test double or the
    /// in-process emulator of <c>Neon.Api.Testing</c>). The handler is not disposed with this object.
    /// </summary>
    /// <param name="apiKey">The Neon API key.</param>
    /// <param name="handler">The handler to send through.</param>
    /// <param name="options">Base URL, timeout and other settings; defaults when null.</param>
    public NeonClient(string apiKey, HttpMessageHandler handler, NeonClientOptions? options = null)
    {
        var settings = (options ?? new NeonClientOptions()).Clone();
        var credential = new NeonCredential(apiKey);
        var baseUri = settings.GetNormalizedBaseUri();
        _pipeline = new NeonPipeline(new HttpMessageInvoker(handler ?? throw new ArgumentNullException(nameof(handler)), disposeHandler: false), credential, settings, baseUri);
    }

    /// <summary>A view over another client's pipeline (see <see cref="WithTimeout(TimeSpan)"/>); owns nothing.</summary>
    private NeonClient(NeonPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>For mocking frameworks only: a client without a pipeline, whose groups must be overridden.</summary>
    protected NeonClient()
    {
    }

    /// <summary>The API base URL this client calls, ending with a slash.</summary>
    public Uri BaseUri => Pipeline.BaseUri;

    internal NeonPipeline Pipeline => _pipeline ?? throw new InvalidOperationException(
        "This NeonClient was created for mocking and has no connection to the Neon API; override the groups you use.");

    /// <summary>
    /// A view of this client whose calls have another deadline (covering each call and its retries), for example a
    /// long <c>createProject</c> or a quick health check: <c>await neon.WithTimeout(TimeSpan.FromSeconds(5)).Project.ListProjectsAsync()</c>.
    /// </summary>
    /// <remarks>
    /// The view is cheap and shares everything else with this client: the connection pool, the retry settings and
    /// the project-lock queue. It owns nothing, so it needs no disposal; it stops working when this client is disposed.
    /// The deadline is fixed when the view is made, so it cannot leak into unrelated calls.
    /// </remarks>
    /// <param name="timeout">The deadline of each call made through the view; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException"><paramref name="timeout"/> is zero or negative (other than infinite).</exception>
    public virtual NeonClient WithTimeout(TimeSpan timeout)
    {
        NeonClientOptions.ValidateTimeout(timeout, "The timeout", nameof(timeout));
        return new NeonClient(Pipeline.WithTimeout(timeout));
    }

    /// <summary>Creates a client from the <c>NEON_API_KEY</c> environment variable.</summary>
    /// <param name="options">Base URL, timeout and other settings; defaults when null.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static NeonClient FromEnvironment(NeonClientOptions? options = null)
    {
        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException($"The {ApiKeyVariable} environment variable is not set. Create an API key in the Neon Console and export it as {ApiKeyVariable}.");
        }

        return new NeonClient(key!, options ?? new NeonClientOptions());
    }

    /// <summary>Describes the client without its API key.</summary>
    /// <returns>A description naming the base URL.</returns>
    public override string ToString() => _pipeline is null ? "NeonClient (mock)" : $"NeonClient {_pipeline.BaseUri}";

    /// <summary>Releases the connection pool the client created; an injected <see cref="HttpClient"/> or handler is left alone.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedTransport?.Dispose();
        }
    }

    private static HttpMessageHandler CreateDefaultHandler()
    {
#if NET
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate | System.Net.DecompressionMethods.Brotli,
        };
#else
        return new HttpClientHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
        };
#endif
    }
}
