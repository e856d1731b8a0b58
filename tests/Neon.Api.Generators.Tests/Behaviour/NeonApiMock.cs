using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Operations;
using RichardSzalay.MockHttp;

namespace Neon.Api.Generators.Tests.Behaviour;

/// <summary>A real <see cref="NeonClient"/> over MockHttp: every request is recorded, unexpected ones fail the test.</summary>
internal sealed class NeonApiMock : IDisposable
{
    public const string Base = "https://console.neon.tech/api/v2/";

    public NeonApiMock()
    {
        Handler.Fallback.Respond(request => throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri}"));
        Client = new NeonClient("test-key", Handler, new NeonClientOptions { TimeProvider = Time });
    }

    /// <summary>The client's clock; waiting takes it from the client.</summary>
    public FakeTime Time { get; } = new();

    public MockHttpMessageHandler Handler { get; } = new();

    public NeonClient Client { get; }

    public List<Uri> Requests { get; } = new();

    /// <summary>Expects the next request, in order, to <paramref name="path"/> with exactly <paramref name="query"/>.</summary>
    public void Expect(HttpMethod method, string path, string json, params (string Name, string Value)[] query)
    {
        var expectation = Handler.Expect(method, Base + path);
        if (query.Length == 0)
        {
            expectation.With(request => string.IsNullOrEmpty(request.RequestUri?.Query));
        }
        else
        {
            expectation.WithExactQueryString(query.Select(q => new KeyValuePair<string, string>(q.Name, q.Value)));
        }

        expectation.Respond(request =>
            {
                lock (Requests)
                {
                    Requests.Add(request.RequestUri!);
                }

                return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            });
    }

    public void Dispose()
    {
        Client.Dispose();
        Handler.Dispose();
    }
}

/// <summary>
/// The client's clock in these tests: a fast-forwarding fake (waits take no real time) that records each wait the
/// client starts. <see cref="Now"/> is the virtual time since the start.
/// </summary>
internal sealed class FakeTime : Neon.Api.Testing.FastForwardTimeProvider
{
    public TimeSpan Now => GetUtcNow() - Start;

    public List<TimeSpan> Delays { get; } = new();

    /// <summary>Runs when a wait starts, with the number of waits so far (for example to cancel).</summary>
    public Action<int>? OnDelay { get; set; }

    public static NeonWaitOptions Options(TimeSpan? timeout = null) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(300) };

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (state is not CancellationTokenSource && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (Delays)
            {
                Delays.Add(dueTime);
            }

            OnDelay?.Invoke(Delays.Count);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}

internal static class Json
{
    public static string Operation(string id, string status, string? error = null, string project = "p-1", string action = "create_branch") =>
        $$"""{"id":"{{id}}","project_id":"{{project}}","action":"{{action}}","status":"{{status}}"{{(error is null ? string.Empty : $",\"error\":\"{error}\"")}},"failures_count":0,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","total_duration_ms":0}""";

    public static string OperationResponse(string id, string status, string? error = null) => $$"""{"operation":{{Operation(id, status, error)}}}""";

    public static string CreatedBranch(params string[] operations) =>
        $$"""{"branch":{"id":"br-1","project_id":"p-1","name":"dev","current_state":"init","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"},"endpoints":[],"roles":[],"databases":[],"connection_uris":[],"operations":[{{string.Join(",", operations)}}]}""";

    public static string Projects(string cursor, params string[] ids) =>
        "{\"projects\":[" + Named(ids) + "],\"pagination\":{\"cursor\":\"" + cursor + "\"}}";

    public static string Branches(string? next, params string[] ids) =>
        "{\"branches\":[" + Named(ids) + "],\"pagination\":{" + (next is null ? string.Empty : "\"next\":\"" + next + "\",") + "\"sort_by\":\"updated_at\",\"sort_order\":\"desc\"}}";

    public static string Objects(string? nextCursor, bool? truncated, params string[] keys) =>
        "{\"objects\":[" + string.Join(",", keys.Select(k => "{\"key\":\"" + k + "\",\"size\":1}")) + "]"
        + (nextCursor is null ? string.Empty : ",\"next_cursor\":\"" + nextCursor + "\"")
        + (truncated is null ? string.Empty : ",\"is_truncated\":" + (truncated.Value ? "true" : "false"))
        + "}";

    private static string Named(string[] ids) => string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}"));
}

internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}
