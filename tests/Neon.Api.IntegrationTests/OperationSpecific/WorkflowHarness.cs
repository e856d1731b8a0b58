using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Neon.Api.Operations;
using Neon.Api.Testing;

namespace Neon.Api.IntegrationTests.OperationSpecific;

/// <summary>
/// The in-process emulator and a client sharing one fast-forwarding clock (the client's waits move the emulator's
/// time, so operations finish without sleeping), with every request the client sends recorded, an optional hook run
/// before each, and the client's log kept.
/// </summary>
internal sealed class WorkflowHarness : IDisposable
{
    private readonly RecordingHandler _handler;

    public WorkflowHarness(Action<FakeNeonOptions>? configure = null, Action<NeonClientOptions>? configureClient = null)
    {
        // Ten seconds an operation: the operations of one request run one after another, and calls made together queue
        // behind each other's operations on the shared clock, all within the client's 100 s call timeout.
        var options = new FakeNeonOptions { TimeProvider = Clock, OperationDuration = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        Fake = new FakeNeon(options);
        _handler = new RecordingHandler(Fake.CreateHandler(), this);
        var clientOptions = new NeonClientOptions { TimeProvider = Clock, Logger = Log };
        configureClient?.Invoke(clientOptions);
        Client = new NeonClient(FakeNeon.DefaultApiKey, _handler, clientOptions);
    }

    public FastForwardTimeProvider Clock { get; } = new();

    public FakeNeon Fake { get; }

    public NeonClient Client { get; }

    public ListLogger Log { get; } = new();

    /// <summary>Every request sent, as <c>METHOD /path?query</c> (without the <c>/api/v2</c> prefix).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Runs before each request is handed to the emulator.</summary>
    public Action<HttpRequestMessage>? BeforeSend { get; set; }

    public static NeonWaitOptions Wait { get; } = new() { InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(5) };

    public async Task<string> CreateProjectAsync()
    {
        var created = await Client.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "workflows" } })
            .WaitForOperationsAsync(Client, Wait);
        return created.Project.Id;
    }

    public async Task<IReadOnlyList<Branch>> BranchesAsync(string projectId) =>
        (await Client.Branch.ListProjectBranchesAsync(projectId)).Branches.ToList();

    public IEnumerable<string> RequestsTo(string method, string pathPart) =>
        Requests.Where(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathPart, StringComparison.Ordinal));

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
        Fake.Dispose();
    }

    private sealed class RecordingHandler(HttpMessageHandler inner, WorkflowHarness harness) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            harness.Requests.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery.Replace("/api/v2", string.Empty, StringComparison.Ordinal)}");
            harness.BeforeSend?.Invoke(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A logger that keeps every formatted message with its level and event name.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string EventName, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId.Name ?? string.Empty, formatter(state, exception)));
}
