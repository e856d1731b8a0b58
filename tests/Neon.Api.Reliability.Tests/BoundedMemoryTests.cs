using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests;

/// <summary>
/// <see cref="NeonClientOptions.MaxResponseBytes"/> bounds memory, not only the result: a body far over the bound, in
/// any transfer form, is refused after allocating less than 1.25 times the bound (measured with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>, which counts every allocation of the process, server included).
/// </summary>
[NonParallelizable]
public class BoundedMemoryTests
{
    private const long Limit = 8L * 1024 * 1024;
    private const long BodySize = 100L * 1024 * 1024;

    private static readonly byte[] Chunk = CreateChunk();
    private static readonly byte[] ChunkEnd = "\r\n"u8.ToArray();
    private static readonly Lazy<byte[]> Gzip = new(() => Compress(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)));
    private static readonly Lazy<byte[]> Deflate = new(() => Compress(s => new DeflateStream(s, CompressionLevel.Fastest, leaveOpen: true)));
    private static readonly Lazy<byte[]> Brotli = new(() => Compress(s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true)));

    public enum Transfer
    {
        Chunked,
        UntilClose,
        DeclaredLength,
        GzipBomb,
        DeflateBomb,
        BrotliBomb,
    }

    [TestCase(Transfer.Chunked)]
    [TestCase(Transfer.UntilClose)]
    [TestCase(Transfer.DeclaredLength)]
    [TestCase(Transfer.GzipBomb)]
    [TestCase(Transfer.DeflateBomb)]
    [TestCase(Transfer.BrotliBomb)]
    public async Task A_body_far_over_the_bound_is_refused_with_bounded_memory(Transfer transfer)
    {
        byte[]? compressed = transfer switch
        {
            Transfer.GzipBomb => Gzip.Value,
            Transfer.DeflateBomb => Deflate.Value,
            Transfer.BrotliBomb => Brotli.Value,
            _ => null,
        };
        if (compressed is not null)
        {
            Assert.That(compressed.Length, Is.LessThan(Limit / 2), "the compressed body is small; only its expansion is large");
        }

        using var server = new BodyServer(transfer, compressed);
        using var client = new NeonClient("napi_memory_test_key", new NeonClientOptions
        {
            BaseUri = server.BaseUri,
            MaxResponseBytes = Limit,
            Retry = new NeonRetryOptions { MaxRetries = 0 },
        });

        // A first call warms up JIT, the connection and the buffer pool; the second is measured.
        await Assert.ThrowsAsync<NeonResponseFormatException>(() => client.Project.ListProjectsAsync());
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<NeonResponseFormatException>(() => client.Project.ListProjectsAsync());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        TestContext.Progress.WriteLine($"{transfer}: refused a {BodySize / (1024 * 1024)} MiB body under a {Limit / (1024 * 1024)} MiB bound after allocating {allocated / 1024} KiB ({(double)allocated / Limit:0.00} x the bound)");
        Assert.That(error!.Message, Does.Contain("larger than the limit"));
        Assert.That(allocated, Is.LessThan(Limit * 1.25), "allocated while reading and refusing the body");
    }

    [Test]
    public async Task The_first_refusal_in_a_fresh_pool_is_bounded_too()
    {
        // Without warm-up: whatever the pool already holds, the reader never rents more than the bound plus one segment.
        using var server = new BodyServer(Transfer.Chunked, null);
        using var client = new NeonClient("napi_memory_test_key", new NeonClientOptions
        {
            BaseUri = server.BaseUri,
            MaxResponseBytes = 3 * Limit,
            Retry = new NeonRetryOptions { MaxRetries = 0 },
        });
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await Assert.ThrowsAsync<NeonResponseFormatException>(() => client.Project.ListProjectsAsync());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.That(allocated, Is.LessThan(3 * Limit * 1.25));
    }

    /// <summary>64 KiB of a projects listing's items, repeated to make any size.</summary>
    private static byte[] CreateChunk()
    {
        var item = "{\"id\":\"shiny-wind-028834\",\"name\":\"project\",\"region_id\":\"aws-us-east-2\",\"pg_version\":17},";
        var builder = new StringBuilder(64 * 1024);
        while (builder.Length + item.Length <= 64 * 1024)
        {
            builder.Append(item);
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static byte[] Compress(Func<Stream, Stream> create)
    {
        using var output = new MemoryStream();
        using (var compressor = create(output))
        {
            compressor.Write("{\"projects\":["u8);
            for (long written = 0; written < BodySize; written += Chunk.Length)
            {
                compressor.Write(Chunk);
            }
        }

        return output.ToArray();
    }

    /// <summary>A one-purpose HTTP/1.1 server on loopback: every request gets the same huge body, written from shared buffers.</summary>
    private sealed class BodyServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(2));
        private readonly Transfer _transfer;
        private readonly byte[]? _compressed;

        public BodyServer(Transfer transfer, byte[]? compressed)
        {
            _transfer = transfer;
            _compressed = compressed;
            _listener.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/v2/");
            _ = AcceptAsync();
        }

        public Uri BaseUri { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                _ = ServeAsync(connection);
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            using (connection)
            {
                try
                {
                    var stream = connection.GetStream();
                    await SkipRequestAsync(stream);
                    var headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n" + _transfer switch
                    {
                        Transfer.Chunked => "Transfer-Encoding: chunked\r\n",
                        Transfer.UntilClose => string.Empty,
                        Transfer.DeclaredLength => $"Content-Length: {BodySize}\r\n",
                        Transfer.GzipBomb => $"Content-Encoding: gzip\r\nContent-Length: {_compressed!.Length}\r\n",
                        Transfer.DeflateBomb => $"Content-Encoding: deflate\r\nContent-Length: {_compressed!.Length}\r\n",
                        _ => $"Content-Encoding: br\r\nContent-Length: {_compressed!.Length}\r\n",
                    } + "\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), _stop.Token);
                    if (_compressed is not null)
                    {
                        await stream.WriteAsync(_compressed, _stop.Token);
                        return;
                    }

                    var chunkHeader = Encoding.ASCII.GetBytes(Chunk.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
                    for (long written = 0; written < BodySize; written += Chunk.Length)
                    {
                        if (_transfer == Transfer.Chunked)
                        {
                            await stream.WriteAsync(chunkHeader, _stop.Token);
                            await stream.WriteAsync(Chunk, _stop.Token);
                            await stream.WriteAsync(ChunkEnd, _stop.Token);
                        }
                        else
                        {
                            await stream.WriteAsync(Chunk, _stop.Token);
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client stopped reading at its bound and closed the connection: expected.
                }
            }
        }

        private async Task SkipRequestAsync(NetworkStream stream)
        {
            var buffer = new byte[4096];
            var seen = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(seen), _stop.Token);
                if (read == 0)
                {
                    return;
                }

                seen += read;
                if (Encoding.ASCII.GetString(buffer, 0, seen).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    return;
                }
            }
        }
    }
}
