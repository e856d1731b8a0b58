using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Neon.Api.Core;
using Neon.Api.Pipeline.Stages;
using Neon.Api.Reliability;

namespace Neon.Api.Pipeline;

/// <summary>
/// The send path of every call, as an ordered list of small stages built in one place (<see cref="Build"/>: read it
/// first), and the state the stages share: the project queue, the retry settings, the logger.
/// </summary>
/// <remarks>
/// The path lives in the client rather than in <see cref="DelegatingHandler"/>s because a user may inject an
/// <see cref="HttpClient"/> whose handler chain we do not own. The transport is called with a fresh
/// <see cref="HttpRequestMessage"/> per attempt and must send it with
/// <see cref="HttpCompletionOption.ResponseHeadersRead"/> so that the body is read here, with a bound.
/// </remarks>
internal sealed class SendPipeline
{
    /// <summary>How much of an error response's body is read: enough for any Neon error document.</summary>
    public const long ErrorBodyLimit = 64 * 1024;

    private readonly NeonStage[] _stages;
    private readonly int _retryStage;

    /// <summary>Builds the path around a transport.</summary>
    /// <param name="transport">Sends one attempt; must not buffer the body (ResponseHeadersRead).</param>
    /// <param name="createMessage">Builds a fresh, authenticated message for one attempt.</param>
    /// <param name="redactor">Masks the credential in anything an exception carries.</param>
    /// <param name="options">The client's (copied) options: retries, body bound, project queue, user policies.</param>
    public SendPipeline(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> transport,
        Func<NeonRequest, HttpRequestMessage> createMessage,
        SecretRedactor redactor,
        NeonClientOptions options)
    {
        Retry = options.Retry;
        MaxResponseBytes = options.MaxResponseBytes;
        QueueProjectMutations = options.QueueProjectMutations;
        Logger = options.Logger ?? NullLogger.Instance;
        Time = options.TimeProvider;
        Jitter = new Jitter(Time);
        Gate = options.ProjectQueue?.Gate ?? new ProjectLockGate();
        _stages = Build(transport, createMessage, redactor, options, out _retryStage);
    }

    /// <summary>Where attempts, answers, retries and queue waits are logged.</summary>
    public ILogger Logger { get; }

    /// <summary>The client's one clock: retry delays, the deadline, queue polls and elapsed times.</summary>
    public TimeProvider Time { get; }

    /// <summary>The jitter of retry delays, seeded from <see cref="Time"/>.</summary>
    public Jitter Jitter { get; }

    /// <summary>Retry counts and delays.</summary>
    public NeonRetryOptions Retry { get; }

    /// <summary>The largest success body read into memory.</summary>
    public long MaxResponseBytes { get; }

    /// <summary>Whether mutating calls on one project queue behind its outstanding operations.</summary>
    public bool QueueProjectMutations { get; }

    /// <summary>The per-project queue of mutating calls (shared by every call through this path, and by other clients given the same <see cref="NeonProjectQueue"/>).</summary>
    public ProjectLockGate Gate { get; }

    /// <summary>The stages' names in order, outermost first (for documentation and tests).</summary>
    public IReadOnlyList<string> StageNames => Array.ConvertAll(_stages, stage => stage.GetType().Name);

    /// <summary>
    /// Sends <paramref name="request"/> through every stage and returns the final success response (a failure status
    /// becomes its typed exception in the error-mapping stage).
    /// </summary>
    /// <param name="request">The call; it builds a fresh message per attempt.</param>
    /// <param name="timeout">The deadline of the whole call, retries included; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="bufferSuccessBody"><see langword="false"/> for a streamed download: the success keeps its live message, which the caller must dispose.</param>
    /// <param name="readSuccess">Reads a success body into the call's model, inside the call's turn in the project queue.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async Task<NeonResponse> SendAsync(NeonRequest request, TimeSpan timeout, bool bufferSuccessBody, Func<NeonResponse, object?>? readSuccess, CancellationToken cancellationToken)
    {
        var call = new NeonCall(request, Time, timeout, bufferSuccessBody, readSuccess, cancellationToken);
        await new StageChain(_stages, 0).InvokeAsync(call).ConfigureAwait(false);
        return call.Response!;
    }

    /// <summary>Sends a call through the retry stage and what follows it only (the project queue's operation polls).</summary>
    internal async Task<NeonResponse> SendAttemptsAsync(NeonCall call)
    {
        await new StageChain(_stages, _retryStage).InvokeAsync(call).ConfigureAwait(false);
        return call.Response!;
    }

    /// <summary>The stages, outermost first. Each is one file under <c>Pipeline/Stages</c> with one reason to change.</summary>
    private NeonStage[] Build(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> transport,
        Func<NeonRequest, HttpRequestMessage> createMessage,
        SecretRedactor redactor,
        NeonClientOptions options,
        out int retryStage)
    {
        var stages = new List<NeonStage>
        {
            new TracingStage(options.BaseUri, redactor), // one span and one duration per call, whatever happens inside
        };
        stages.AddRange(options.Policies(NeonPipelinePosition.PerCall).ConvertAll(policy => (NeonStage)new UserPolicyStage(policy)));
        stages.Add(new ErrorMappingStage(redactor));     // a failure status becomes its typed NeonApiException
        stages.Add(new DeadlineStage());                 // the call's timeout and the caller's cancellation
        stages.Add(new ProjectQueueStage(this));         // mutations wait for the project's outstanding operations
        stages.Add(new ResponseReadingStage());          // a success body becomes the model (inside the queue turn)
        retryStage = stages.Count;
        stages.Add(new RetryStage(this));                // 423/429/503, and 5xx and dropped connections for reads
        stages.Add(new AttemptMessageStage(createMessage)); // a fresh authenticated message per attempt
        stages.AddRange(options.Policies(NeonPipelinePosition.PerAttempt).ConvertAll(policy => (NeonStage)new UserPolicyStage(policy)));
        stages.Add(new TransportStage(transport, this)); // send, read the body with a bound
        return [.. stages];
    }
}
