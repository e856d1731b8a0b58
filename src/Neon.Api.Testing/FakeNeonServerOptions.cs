using System;
using System.Net;

namespace Neon.Api.Testing;

/// <summary>
/// How <see cref="FakeNeon.StartAsync"/> serves the emulator over HTTP (Kestrel, HTTP/1.1): where it listens, how much of a request body it accepts, how
/// long it waits for slow clients, and what it reports per request.
/// </summary>
/// <remarks>
/// The server reads these values once, when it starts. Timeouts here are real time, not
/// <see cref="FakeNeonOptions.TimeProvider"/>: they protect the server from clients on the network, and a test clock
/// that never moves must not keep a stalled connection open forever.
/// </remarks>
public sealed class FakeNeonServerOptions
{
    /// <summary>The default <see cref="MaxRequestBodySize"/>: 10 MiB.</summary>
    /// <remarks>
    /// Neon's JSON request bodies are a few kilobytes; the only large body in the API is a function deployment's zip
    /// (multipart, not emulated). 10 MiB leaves room for that and still bounds what one request can make the server
    /// hold in memory.
    /// </remarks>
    public const long DefaultMaxRequestBodySize = 10L * 1024 * 1024;

    private string _host = "127.0.0.1";
    private int _port;
    private long _maxRequestBodySize = DefaultMaxRequestBodySize;
    private TimeSpan _requestHeadersTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _requestBodyTimeout = TimeSpan.FromSeconds(30);
    private TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The IP address to listen on (default <c>127.0.0.1</c>); <c>localhost</c> means <c>127.0.0.1</c>. An IPv6
    /// address such as <c>::1</c> works too. <c>0.0.0.0</c> or <c>::</c> listen on every interface, which exposes the
    /// emulator to the network: only do that on purpose.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not an IP address nor <c>localhost</c>.</exception>
    public string Host
    {
        get => _host;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(value, out _))
            {
                throw new ArgumentException($"'{value}' is not an IP address (for example 127.0.0.1 or ::1) nor 'localhost'.", nameof(value));
            }

            _host = value;
        }
    }

    /// <summary>The TCP port (0 to 65535); 0, the default, lets the system pick a free one (see <see cref="FakeNeon.BaseUri"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..65535.</exception>
    public int Port
    {
        get => _port;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, IPEndPoint.MaxPort);
            _port = value;
        }
    }

    /// <summary>
    /// The largest request body accepted, in bytes (default <see cref="DefaultMaxRequestBodySize"/>). A request whose
    /// <c>Content-Length</c> is larger is answered <c>413</c> without its body being read; a chunked body is read up to
    /// the limit, then answered <c>413</c>. Either way the connection is closed after the answer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxRequestBodySize
    {
        get => _maxRequestBodySize;
        set
        {
            _maxRequestBodySize = value > 0
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(MaxRequestBodySize)} must be at least 1 byte.");
        }
    }

    /// <summary>
    /// How long a client may take to send the request line and headers (default 10 s). Past it the server answers
    /// <c>408</c> itself (empty body, see the emulator's README) and closes the connection.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan RequestHeadersTimeout
    {
        get => _requestHeadersTimeout;
        set
        {
            _requestHeadersTimeout = Positive(value, nameof(RequestHeadersTimeout));
        }
    }

    /// <summary>
    /// How long a client may take to send a whole request body, from the moment the emulator starts reading it
    /// (default 30 s). Past it the request is answered <c>408</c> with a <c>GeneralError</c> and the connection is
    /// closed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan RequestBodyTimeout
    {
        get => _requestBodyTimeout;
        set
        {
            _requestBodyTimeout = Positive(value, nameof(RequestBodyTimeout));
        }
    }

    /// <summary>
    /// How long stopping waits for requests in flight (default 5 s). Requests still running after it are cancelled
    /// (their latency wait ends) and their connections closed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan ShutdownTimeout
    {
        get => _shutdownTimeout;
        set
        {
            _shutdownTimeout = value >= TimeSpan.Zero
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(ShutdownTimeout)} must not be negative.");
        }
    }

    /// <summary>
    /// Called once per request the emulator answered, after the answer is sent (on the request's thread; keep it
    /// quick and do not throw). It never carries the <c>Authorization</c> header nor the body. Requests the HTTP layer
    /// refuses before the emulator sees them (a malformed request line, headers too slow) are not reported.
    /// </summary>
    public Action<FakeNeonRequestRecord>? RequestCompleted { get; set; }

    private static TimeSpan Positive(TimeSpan value, string name) => value > TimeSpan.Zero
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"{name} must be more than zero.");
}

/// <summary>One request the emulator's server answered (see <see cref="FakeNeonServerOptions.RequestCompleted"/>).</summary>
/// <param name="Method">The HTTP method, for example <c>GET</c>.</param>
/// <param name="Path">The path without the query, for example <c>/api/v2/projects</c>.</param>
/// <param name="Status">The status code sent.</param>
/// <param name="RequestId">The request id sent in <c>X-Request-ID</c> (the client's own when it sent one).</param>
/// <param name="Elapsed">Real time from the request's headers being read to the answer being sent.</param>
public sealed record FakeNeonRequestRecord(string Method, string Path, int Status, string RequestId, TimeSpan Elapsed);
