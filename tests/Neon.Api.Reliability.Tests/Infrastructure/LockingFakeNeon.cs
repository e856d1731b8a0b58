using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>
/// A small stand-in for Neon's project locks (the emulator of branch <c>emulator</c> had not landed in main): creating a
/// database starts an operation that runs for <see cref="OperationDuration"/>; while any operation of the project
/// runs, further mutations get 423 Locked. Operations are readable at <c>GET /projects/{id}/operations/{op}</c>.
/// </summary>
internal sealed partial class LockingFakeNeon(TimeSpan operationDuration) : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, TimeSpan> _operations = [];
    private readonly Dictionary<string, TimeSpan> _projectBusyUntil = [];
    private int _requests;
    private int _locked;
    private int _created;
    private int _polls;

    public TimeSpan OperationDuration { get; } = operationDuration;

    public int Requests => Volatile.Read(ref _requests);

    public int Locked => Volatile.Read(ref _locked);

    public int Created => Volatile.Read(ref _created);

    public int Polls => Volatile.Read(ref _polls);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        string path = request.RequestUri!.AbsolutePath;
        TimeSpan now = _clock.Elapsed;
        lock (_gate)
        {
            if (request.Method == HttpMethod.Get && OperationPath().Match(path) is { Success: true } poll)
            {
                Interlocked.Increment(ref _polls);
                string id = poll.Groups[2].Value;
                string status = _operations.TryGetValue(id, out TimeSpan done) ? (now >= done ? "finished" : "running") : "unknown";
                return Task.FromResult(Stubs.Json(HttpStatusCode.OK, $"{{\"operation\":{{\"id\":\"{id}\",\"project_id\":\"{poll.Groups[1].Value}\",\"status\":\"{status}\"}}}}"));
            }

            if (request.Method == HttpMethod.Post && DatabasesPath().Match(path) is { Success: true } create)
            {
                string project = create.Groups[1].Value;
                if (_projectBusyUntil.TryGetValue(project, out TimeSpan busy) && now < busy)
                {
                    Interlocked.Increment(ref _locked);
                    return Task.FromResult(Stubs.Error(423, "locked", "project already has running conflicting operations, scheduling of new ones is prohibited"));
                }

                int n = Interlocked.Increment(ref _created);
                string op = $"op-{n}";
                _operations[op] = now + OperationDuration;
                _projectBusyUntil[project] = now + OperationDuration;
                return Task.FromResult(Stubs.Json(
                    HttpStatusCode.Created,
                    $"{{\"database\":{{\"id\":{n},\"name\":\"db{n}\"}},\"operations\":[{{\"id\":\"{op}\",\"project_id\":\"{project}\",\"action\":\"apply_config\",\"status\":\"running\"}}]}}"));
            }
        }

        return Task.FromResult(Stubs.Error(404, "not_found", "no such route in the fake"));
    }

    [GeneratedRegex("^/api/v2/projects/([^/]+)/operations/([^/]+)$")]
    private static partial Regex OperationPath();

    [GeneratedRegex("^/api/v2/projects/([^/]+)/branches/[^/]+/databases$")]
    private static partial Regex DatabasesPath();
}
