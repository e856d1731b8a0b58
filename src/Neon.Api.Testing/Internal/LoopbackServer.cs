using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Testing.Internal;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port (System.Net.HttpListener) that hands
/// every request to the emulator, so clients can be tested through real sockets.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private const int BindAttempts = 20;

    private readonly Emulator _emulator;
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _inFlight = [];
    private readonly Task _acceptLoop;

    private LoopbackServer(Emulator emulator, HttpListener listener, int port)
    {
        _emulator = emulator;
        _listener = listener;
        BaseUri = new Uri($"http://127.0.0.1:{port}/api/v2/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The API root, for example <c>http://127.0.0.1:54321/api/v2/</c>.</summary>
    public Uri BaseUri { get; }

    public static LoopbackServer Start(Emulator emulator)
    {
        // HttpListener cannot bind port 0: ask the OS for a free port, then bind it, retrying if
        // another process takes the port in between.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackServer(emulator, listener, port);
            }
            catch (HttpListenerException) when (attempt < BindAttempts)
            {
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] pending;
        lock (_inFlight)
        {
            pending = _inFlight.ToArray();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        _listener.Close();
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // the listener was stopped
            }

            var task = ServeAsync(context);
            lock (_inFlight)
            {
                _inFlight.Add(task);
            }

            _ = task.ContinueWith(
                t =>
                {
                    lock (_inFlight)
                    {
                        _inFlight.Remove(t);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var request = await ToRequestMessageAsync(context.Request).ConfigureAwait(false);
            using var response = await _emulator.HandleAsync(request, _stopping.Token).ConfigureAwait(false);
            await WriteResponseAsync(response, context.Response).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a broken connection or a stop mid-request must not end the server
        catch (Exception)
#pragma warning restore CA1031
        {
            context.Response.Abort();
        }
    }

    private static async Task<HttpRequestMessage> ToRequestMessageAsync(HttpListenerRequest source)
    {
        var request = new HttpRequestMessage(new HttpMethod(source.HttpMethod), source.Url);
        if (source.HasEntityBody)
        {
            using var buffer = new MemoryStream();
            await source.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
            request.Content = new ByteArrayContent(buffer.ToArray());
        }

        foreach (var name in source.Headers.AllKeys.OfType<string>())
        {
            var values = source.Headers.GetValues(name) ?? [];
            if (!request.Headers.TryAddWithoutValidation(name, values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return request;
    }

    private static async Task WriteResponseAsync(HttpResponseMessage source, HttpListenerResponse target)
    {
        target.StatusCode = (int)source.StatusCode;
        foreach (var header in source.Headers)
        {
            target.Headers[header.Key] = string.Join(", ", header.Value);
        }

        foreach (var header in source.Content.Headers)
        {
            if (header.Key is not ("Content-Type" or "Content-Length"))
            {
                target.Headers[header.Key] = string.Join(", ", header.Value);
            }
        }

        var body = await source.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        target.ContentType = source.Content.Headers.ContentType?.ToString();
        target.ContentLength64 = body.Length;
        await target.OutputStream.WriteAsync(body).ConfigureAwait(false);
        target.Close();
    }
}
