using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;

namespace Neon.Api.Testing;

/// <summary>
/// What a <see cref="FakeNeon"/> has seen: requests received and responses by status code. Thread-safe.
/// </summary>
public sealed class FakeNeonCounters
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private long _requests;
    private long _requestBodyBytes;

    /// <summary>Requests received (every request, including those answered with an injected fault).</summary>
    public long RequestsReceived => Interlocked.Read(ref _requests);

    /// <summary>
    /// Request-body bytes the HTTP server (<see cref="FakeNeon.StartAsync"/>) read from its connections into memory
    /// for the emulator: at most one byte past <see cref="FakeNeonServerOptions.MaxRequestBodySize"/> per request, and
    /// nothing for a request refused before its body is read (401, or a declared <c>Content-Length</c> over the
    /// limit). What the server reads and discards after such a refusal (see the README) is not counted. Always 0 for
    /// the in-process handler, whose request bodies are already in memory.
    /// </summary>
    public long RequestBodyBytesBuffered => Interlocked.Read(ref _requestBodyBytes);

    /// <summary>A snapshot of the responses sent, by HTTP status code.</summary>
    public IReadOnlyDictionary<int, long> ResponsesByStatus =>
        _byStatus.ToDictionary(pair => pair.Key, pair => pair.Value);

    /// <summary>How many responses carried the given status code.</summary>
    /// <param name="status">The status code, for example <see cref="HttpStatusCode.Locked"/>.</param>
    /// <returns>The count.</returns>
    public long ResponsesWithStatus(HttpStatusCode status) => ResponsesWithStatus((int)status);

    /// <summary>How many responses carried the given status code.</summary>
    /// <param name="status">The numeric status code, for example 423.</param>
    /// <returns>The count.</returns>
    public long ResponsesWithStatus(int status) => _byStatus.TryGetValue(status, out var count) ? count : 0;

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _requestBodyBytes, 0);
        _byStatus.Clear();
    }

    internal void RecordRequest() => Interlocked.Increment(ref _requests);

    internal void RecordRequestBodyBytes(long count) => Interlocked.Add(ref _requestBodyBytes, count);

    internal void RecordResponse(int status) => _byStatus.AddOrUpdate(status, 1, (_, count) => count + 1);
}
