using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Testing.Tests.Support;

/// <summary>
/// A client on a bare TCP connection, for what HttpClient will not do: send headers and part of a body then stop,
/// send malformed requests, declare a length it never sends.
/// </summary>
public sealed class RawHttpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawHttpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawHttpClient> ConnectAsync(Uri baseUri, CancellationToken cancellationToken = default)
    {
        var tcp = new TcpClient(baseUri.HostNameType == UriHostNameType.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        await tcp.ConnectAsync(baseUri.IdnHost, baseUri.Port, cancellationToken);
        return new RawHttpClient(tcp);
    }

    /// <summary>A request head: the request line, then each header, then the blank line.</summary>
    public static byte[] Head(string requestLine, params string[] headers)
    {
        var text = new StringBuilder(requestLine).Append("\r\nHost: test\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken = default) =>
        await _stream.WriteAsync(bytes, cancellationToken);

    /// <summary>
    /// Sends <paramref name="count"/> bytes of filler from one small reused buffer (nothing large is allocated);
    /// stops quietly when the server has closed the connection (it may answer and close before reading a body).
    /// </summary>
    public async Task SendFillerAsync(long count, CancellationToken cancellationToken = default)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            for (var sent = 0L; sent < count; sent += chunk.Length)
            {
                await _stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, count - sent)), cancellationToken);
            }
        }
        catch (IOException)
        {
            // closed by the server
        }
    }

    /// <summary>Sends a chunked body of <paramref name="total"/> bytes in 64 KiB chunks, without the final empty chunk.</summary>
    public async Task SendChunksAsync(long total, CancellationToken cancellationToken = default)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        var size = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        var end = "\r\n"u8.ToArray();
        for (var sent = 0L; sent < total; sent += chunk.Length)
        {
            await _stream.WriteAsync(size, cancellationToken);
            await _stream.WriteAsync(chunk, cancellationToken);
            await _stream.WriteAsync(end, cancellationToken);
        }
    }

    /// <summary>Reads one response: status, headers (names lower-cased), and its Content-Length body.</summary>
    public async Task<RawResponse> ReadResponseAsync(CancellationToken cancellationToken = default)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await _stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new EndOfStreamException($"the connection closed before a whole response head: '{Encoding.ASCII.GetString(head.ToArray())}'");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines[1..])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await _stream.ReadExactlyAsync(body, cancellationToken);
        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    /// <summary>True when the server has closed the connection (a read returns end of stream or a reset).</summary>
    public async Task<bool> IsClosedByServerAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _stream.ReadAsync(new byte[1], cancellationToken) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}

/// <summary>A response read by <see cref="RawHttpClient"/>.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as a JSON object (a <c>GeneralError</c> for refusals).</summary>
    public JsonObject Json() => JsonNode.Parse(Body)!.AsObject();
}
