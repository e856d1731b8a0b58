using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>A request as the loopback server read it.</summary>
internal sealed record LoopbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Number);

/// <summary>What the loopback server does with a request.</summary>
internal sealed record Reply
{
    public enum Kinds
    {
        Respond,
        Reset,
        CloseWithoutResponse,
        TruncatedBody,
        Hang,
    }

    public Kinds Kind { get; init; }

    public int Status { get; init; } = 200;

    public string Body { get; init; } = string.Empty;

    public string ContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static Reply Json(int status, string body, params (string Name, string Value)[] headers) =>
        new() { Status = status, Body = body, Headers = headers.ToDictionary(h => h.Name, h => h.Value) };

    public static Reply Html(int status, string body) => new() { Status = status, Body = body, ContentType = "text/html" };

    /// <summary>An RST instead of a response: "connection reset by peer".</summary>
    public static Reply Reset() => new() { Kind = Kinds.Reset };

    /// <summary>A clean close before any response byte: "response ended prematurely".</summary>
    public static Reply CloseWithoutResponse() => new() { Kind = Kinds.CloseWithoutResponse };

    /// <summary>Headers promising more body than is sent, then a close.</summary>
    public static Reply Truncated(string bodyStart) => new() { Kind = Kinds.TruncatedBody, Body = bodyStart };

    /// <summary>Never answers; the connection stays open until the client gives up.</summary>
    public static Reply Hang() => new() { Kind = Kinds.Hang };
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and an ephemeral port, with keep-alive and fault injection. It counts
/// connections so that tests can prove none leaks, and it stops by itself after <c>lifetime</c>.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<LoopbackRequest, Reply> _handler;
    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _requests;
    private int _totalConnections;
    private int _openConnections;

    public LoopbackServer(Func<LoopbackRequest, Reply> handler, TimeSpan? lifetime = null, int port = 0)
    {
        _handler = handler;
        _stop = new CancellationTokenSource(lifetime ?? TimeSpan.FromMinutes(2));
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start(backlog: 512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/api/v2/");

    public int Requests => Volatile.Read(ref _requests);

    public int TotalConnections => Volatile.Read(ref _totalConnections);

    public int OpenConnections => Volatile.Read(ref _openConnections);

    /// <summary>A port on which nothing listens (bound, then released): connecting is refused.</summary>
    public static int UnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Waits until every connection is closed (bounded); returns the count still open.</summary>
    public async Task<int> WaitForConnectionsClosedAsync(TimeSpan bound)
    {
        using var limit = new CancellationTokenSource(bound);
        while (OpenConnections > 0 && !limit.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        return OpenConnections;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (Socket socket in _sockets.Keys)
        {
            socket.Dispose();
        }

        Task[] all;
        lock (_connections)
        {
            all = [.. _connections, _acceptLoop];
        }

        await Task.WhenAny(Task.WhenAll(all), Task.Delay(TimeSpan.FromSeconds(10)));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        using CancellationTokenRegistration stopListening = _stop.Token.Register(_listener.Stop);
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _totalConnections);
            Interlocked.Increment(ref _openConnections);
            _sockets[socket] = 0;
            lock (_connections)
            {
                _connections.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new RequestReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                LoopbackRequest? request = await reader.ReadAsync(() => Interlocked.Increment(ref _requests), _stop.Token);
                if (request is null)
                {
                    return; // the client closed the connection
                }

                Reply reply = _handler(request);
                switch (reply.Kind)
                {
                    case Reply.Kinds.Respond:
                        await WriteAsync(stream, Head(reply, Encoding.UTF8.GetByteCount(reply.Body)) + reply.Body);
                        break;
                    case Reply.Kinds.Reset:
                        socket.LingerState = new LingerOption(true, 0);
                        return;
                    case Reply.Kinds.CloseWithoutResponse:
                        socket.Shutdown(SocketShutdown.Both);
                        return;
                    case Reply.Kinds.TruncatedBody:
                        await WriteAsync(stream, Head(reply, Encoding.UTF8.GetByteCount(reply.Body) + 1000) + reply.Body);
                        socket.Shutdown(SocketShutdown.Both);
                        return;
                    case Reply.Kinds.Hang:
                        // Wait for the client to give up (it closes the connection) or for the server to stop.
                        await reader.DrainUntilClosedAsync(_stop.Token);
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away; nothing to report.
        }
        finally
        {
            _sockets.TryRemove(socket, out _);
            socket.Dispose();
            Interlocked.Decrement(ref _openConnections);
        }
    }

    private static string Head(Reply reply, int contentLength)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {reply.ContentType}; charset=utf-8\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n");
        foreach (var header in reply.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {header.Value}\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        404 => "Not Found",
        423 => "Locked",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private Task WriteAsync(NetworkStream stream, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return stream.WriteAsync(bytes, 0, bytes.Length, _stop.Token);
    }

    /// <summary>Reads HTTP/1.1 requests (Content-Length bodies) off one keep-alive connection.</summary>
    private sealed class RequestReader(NetworkStream stream)
    {
        private readonly byte[] _chunk = new byte[8192];
        private readonly List<byte> _pending = [];

        public async Task<LoopbackRequest?> ReadAsync(Func<int> count, CancellationToken token)
        {
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd()) < 0)
            {
                if (!await FillAsync(token))
                {
                    return null;
                }
            }

            string head = Encoding.ASCII.GetString([.. _pending.GetRange(0, headerEnd)]);
            _pending.RemoveRange(0, headerEnd + 4);
            string[] lines = head.Split("\r\n");
            string[] start = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            int length = headers.TryGetValue("Content-Length", out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
            while (_pending.Count < length)
            {
                if (!await FillAsync(token))
                {
                    return null;
                }
            }

            string body = Encoding.UTF8.GetString([.. _pending.GetRange(0, length)]);
            _pending.RemoveRange(0, length);
            return new LoopbackRequest(start[0], start[1], headers, body, count());
        }

        public async Task DrainUntilClosedAsync(CancellationToken token)
        {
            while (await FillAsync(token))
            {
            }
        }

        private async Task<bool> FillAsync(CancellationToken token)
        {
            int read = await stream.ReadAsync(_chunk.AsMemory(), token);
            _pending.AddRange(_chunk.AsSpan(0, read).ToArray());
            return read > 0;
        }

        private int IndexOfHeaderEnd()
        {
            for (int i = 0; i + 3 < _pending.Count; i++)
            {
                if (_pending[i] == '\r' && _pending[i + 1] == '\n' && _pending[i + 2] == '\r' && _pending[i + 3] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
