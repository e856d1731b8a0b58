using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>Canned responses and transport failures.</summary>
internal static class Stubs
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Error(int status, string code = "error", string message = "failed", TimeSpan? retryAfter = null)
    {
        var response = Json((HttpStatusCode)status, $"{{\"code\":\"{code}\",\"message\":\"{message}\"}}");
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter.Value);
        }

        return response;
    }

    /// <summary>What SocketsHttpHandler throws when nothing listens on the port.</summary>
    public static HttpRequestException Refused() =>
        new("Connection refused (console.neon.tech:443)", new SocketException((int)SocketError.ConnectionRefused));

    /// <summary>What SocketsHttpHandler throws when DNS has no answer.</summary>
    public static HttpRequestException NameNotResolved() =>
        new("Name or service not known (console.neon.tech:443)", new SocketException((int)SocketError.HostNotFound));

    /// <summary>What SocketsHttpHandler throws when the server resets the connection mid-request.</summary>
    public static HttpRequestException Reset() =>
        new("An error occurred while sending the request.", new System.IO.IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));
}

/// <summary>A handler that never answers until the request is canceled (a server that hangs).</summary>
internal sealed class HangingHandler : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Runs when a request arrives (e.g. to cancel the caller's token mid-flight).</summary>
    public Action? OnRequest { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        OnRequest?.Invoke();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>Counts responses handed out and disposed, to prove that every response is released.</summary>
internal sealed class DisposalCounter
{
    private int _created;
    private int _disposed;

    public int Created => Volatile.Read(ref _created);

    public int Disposed => Volatile.Read(ref _disposed);

    public HttpContent Json(string json) => new TrackedContent(json, this);

    private sealed class TrackedContent : StringContent
    {
        private readonly DisposalCounter _counter;

        public TrackedContent(string json, DisposalCounter counter)
            : base(json, Encoding.UTF8, "application/json")
        {
            _counter = counter;
            Interlocked.Increment(ref counter._created);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Interlocked.Increment(ref _counter._disposed);
            }

            base.Dispose(disposing);
        }
    }
}
