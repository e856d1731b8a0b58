using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Neon.Api.Core;
using Neon.Api.Serialization.Reading;

namespace Neon.Api.Reliability;

/// <summary>
/// The reliability policies around the transport call, outermost first: the call's deadline and the caller's
/// cancellation, the project-lock queue, retries with backoff, and the bounded read of the response body.
/// </summary>
/// <remarks>
/// It lives in the send path rather than in <see cref="DelegatingHandler"/>s because a user may inject an
/// <see cref="HttpClient"/> whose handler chain we do not own. The transport delegate is called with a fresh
/// <see cref="HttpRequestMessage"/> per attempt and must send it with
/// <see cref="HttpCompletionOption.ResponseHeadersRead"/> so that the body is read here, with a bound.
/// </remarks>
internal sealed class ReliableSender
{
    /// <summary>How much of an error response's body is read: enough for any Neon error document.</summary>
    public const long ErrorBodyLimit = 64 * 1024;

    private static readonly object RandomLock = new();
    private static readonly Random SharedRandom = new();

    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _transport;
    private readonly Func<NeonRequest, HttpRequestMessage> _createMessage;

    /// <summary>Creates the policies around a transport.</summary>
    /// <param name="transport">Sends one attempt; must not buffer the body (ResponseHeadersRead).</param>
    /// <param name="createMessage">Builds a fresh, authenticated message for one attempt.</param>
    /// <param name="options">The client's (copied) options: retries, body bound, project queue.</param>
    public ReliableSender(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> transport,
        Func<NeonRequest, HttpRequestMessage> createMessage,
        NeonClientOptions options)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _createMessage = createMessage ?? throw new ArgumentNullException(nameof(createMessage));
        Retry = options.Retry;
        MaxResponseBytes = options.MaxResponseBytes;
        QueueProjectMutations = options.QueueProjectMutations;
        Logger = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Where attempts, answers, retries and queue waits are logged.</summary>
    public ILogger Logger { get; }

    /// <summary>Retry counts, delays and the delay function.</summary>
    public NeonRetryOptions Retry { get; }

    /// <summary>The largest success body read into memory.</summary>
    public long MaxResponseBytes { get; }

    /// <summary>Whether mutating calls on one project queue behind its outstanding operations.</summary>
    public bool QueueProjectMutations { get; }

    /// <summary>The jitter source, a sample in [0, 1); tests replace it to make delays exact.</summary>
    public Func<double> Random { get; set; } = NextShared;

    /// <summary>The per-project queue of mutating calls (shared by every call through this sender).</summary>
    public ProjectLockGate Gate { get; } = new();

    /// <summary>
    /// Sends <paramref name="request"/> under the policies and returns the final response: a success, or the failure
    /// that was not (or no longer) retried, for the caller to map to its typed exception.
    /// </summary>
    /// <param name="request">The call; it builds a fresh message per attempt.</param>
    /// <param name="timeout">The deadline of the whole call, retries included; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="bufferSuccessBody">
    /// <see langword="false"/> for a streamed download: a success is returned with its live
    /// <see cref="NeonResponse.Message"/>, which the caller must dispose.
    /// </param>
    /// <param name="readSuccess">
    /// Reads a success body into the call's model, inside the call's turn in the project queue (so that the
    /// operations it lists are queued on before the next mutation enters); <see langword="null"/> when there is none.
    /// </param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="NeonTimeoutException">The deadline elapsed.</exception>
    /// <exception cref="NeonNetworkException">The server could not be reached (after the allowed retries).</exception>
    /// <exception cref="OperationCanceledException">The caller's token was canceled; carries that token.</exception>
    public async Task<NeonResponse> SendAsync(NeonRequest request, TimeSpan timeout, bool bufferSuccessBody, Func<NeonResponse, object?>? readSuccess, CancellationToken cancellationToken)
    {
        // One client span per call (retries and queueing included), for OpenTelemetry and any ActivityListener; with
        // no listener nothing is built.
        using Activity? activity = NeonTelemetry.Source.HasListeners() ? StartActivity(request) : null;
        try
        {
            NeonResponse response = await SendCoreAsync(request, timeout, bufferSuccessBody, readSuccess, cancellationToken).ConfigureAwait(false);
            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", (int)response.StatusCode);
                activity.SetTag("neon.request_id", response.RequestId);
                if (!response.IsSuccessStatusCode)
                {
                    activity.SetStatus(ActivityStatusCode.Error, $"HTTP {(int)response.StatusCode}");
                }
            }

            return response;
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetTag("error.type", exception.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }

    private static Activity? StartActivity(NeonRequest request)
    {
        Activity? activity = NeonTelemetry.Source.StartActivity("Neon " + request.OperationId, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("neon.operation_id", request.OperationId);
            activity.SetTag("http.request.method", request.Method);
            activity.SetTag("url.template", request.PathTemplate);
        }

        return activity;
    }

    private async Task<NeonResponse> SendCoreAsync(NeonRequest request, TimeSpan timeout, bool bufferSuccessBody, Func<NeonResponse, object?>? readSuccess, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool hasDeadline = timeout != Timeout.InfiniteTimeSpan;
        using CancellationTokenSource? deadline = hasDeadline ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        deadline?.CancelAfter(timeout);
        CancellationToken token = deadline?.Token ?? cancellationToken;
        var call = new CallState(request, Stopwatch.StartNew(), hasDeadline ? timeout : null);
        try
        {
            string? projectId = QueueProjectMutations ? ProjectLockGate.MutatedProjectId(request.IsMutation, request.BuildPath()) : null;
            IDisposable? turn = null;
            if (projectId is not null)
            {
                call.Activity = $"queued behind the operations of project {projectId}";
                NeonLog.Queue(Logger, request.OperationId, projectId);
                turn = await Gate.EnterAsync(projectId, (operation, ct) => PollOperationAsync(operation, call, ct), Retry.Delay, token).ConfigureAwait(false);
            }

            try
            {
                NeonResponse response = await SendWithRetriesAsync(request, call, bufferSuccessBody, token).ConfigureAwait(false);
                response.Attempts = call.Attempts;
                response.Elapsed = call.Clock.Elapsed;
                if (response.IsSuccessStatusCode && readSuccess is not null)
                {
                    try
                    {
                        response.Model = readSuccess(response);
                    }
                    catch
                    {
                        response.Dispose();
                        throw;
                    }

                    if (QueueProjectMutations)
                    {
                        if (request.IsMutation)
                        {
                            Gate.Record(ProjectLockGate.PendingOperations(response.Model, projectId));
                        }
                        else
                        {
                            Gate.Observe(response.Model);
                        }
                    }
                }

                return response;
            }
            finally
            {
                turn?.Dispose();
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(
                $"{call.Description} was canceled by the caller after {Plural(call.Attempts, "attempt")} (while {call.Activity}).",
                ex,
                cancellationToken);
        }
        catch (OperationCanceledException ex) when (deadline is not null && deadline.IsCancellationRequested)
        {
            throw new NeonTimeoutException(
                $"{call.Description} did not complete within its timeout of {Format(timeout)} " +
                $"({Plural(call.Attempts, "attempt")}; timed out while {call.Activity}). " +
                "Raise NeonClientOptions.Timeout, or use NeonClient.WithTimeout for a single call, to allow longer.",
                timeout,
                call.Attempts,
                ex);
        }
    }

    private async Task<NeonResponse> SendWithRetriesAsync(NeonRequest request, CallState call, bool bufferSuccessBody, CancellationToken token)
    {
        for (int retry = 0; ; retry++)
        {
            call.Attempts++;
            call.Activity = $"waiting for the response to attempt {call.Attempts}";
            var attemptClock = Stopwatch.StartNew();
            NeonResponse? response = null;
            Exception? failure = null;
            HttpResponseMessage? answer = null;
            try
            {
                using HttpRequestMessage message = _createMessage(request);
                string? sentRequestId = message.Headers.TryGetValues("X-Request-ID", out var ids) ? string.Join(",", ids) : null;
                NeonLog.Sending(Logger, request.OperationId, request.Method, message.RequestUri?.AbsolutePath ?? request.PathTemplate, call.Attempts);
                NeonLog.Headers(Logger, request.OperationId, () => SecretRedactor.FormatHeaders(message.Headers));
                answer = await _transport(message, token).ConfigureAwait(false);
                NeonLog.Response(Logger, request.OperationId, (int)answer.StatusCode, attemptClock.Elapsed, sentRequestId);
                if (answer.IsSuccessStatusCode && !bufferSuccessBody)
                {
                    response = new NeonResponse(request, answer, ResponseBody.Empty, keepMessage: true, sentRequestId);
                    answer = null; // the caller owns it now
                }
                else
                {
                    call.Activity = $"reading the response to attempt {call.Attempts}";
                    long limit = answer.IsSuccessStatusCode ? MaxResponseBytes : ErrorBodyLimit;
                    ResponseBody body = await BoundedBody.ReadAsync(answer.Content, limit, token).ConfigureAwait(false);
                    response = new NeonResponse(request, answer, body, keepMessage: false, sentRequestId);
                }
            }
            catch (Exception ex) when (IsTransportFailure(ex, token))
            {
                failure = ex;
            }
            finally
            {
                answer?.Dispose();
            }

            RetryDecision decision;
            if (response is not null)
            {
                bool retryable = !response.IsSuccessStatusCode && RetryPolicy.IsRetryableStatus(call.Method, response.StatusCode);
                TimeSpan? retryAfter = retryable ? RetryPolicy.RetryAfter(response.Headers, response.Headers.Date ?? DateTimeOffset.UtcNow) : null;
                decision = RetryPolicy.Decide(retryable, retry + 1, Retry, retryAfter, call.Remaining, Random());
                if (!decision.ShouldRetry)
                {
                    // Success, a failure that is not safe to repeat, or one we stopped retrying: the caller maps the real status.
                    return response;
                }

                response.Dispose();

                NeonLog.Retry(Logger, request.OperationId, $"status {(int)response.StatusCode}", decision.Delay, retry + 1, Retry.MaxRetries);
            }
            else
            {
                TransportFailureKind kind = RetryPolicy.ClassifyException(failure!);
                NeonLog.Failure(Logger, request.OperationId, RetryPolicy.Describe(failure!));
                decision = RetryPolicy.Decide(RetryPolicy.IsRetryableFailure(call.Method, kind), retry + 1, Retry, null, call.Remaining, Random());
                if (!decision.ShouldRetry)
                {
                    throw TransportException(call, failure!, kind, decision, attemptClock.Elapsed);
                }

                NeonLog.Retry(Logger, request.OperationId, "network failure", decision.Delay, retry + 1, Retry.MaxRetries);
            }

            call.Activity = $"waiting {Format(decision.Delay)} before retry {retry + 1}";
            await Retry.Delay(decision.Delay, token).ConfigureAwait(false);
        }
    }

    private async Task<string?> PollOperationAsync(PendingOperation operation, CallState call, CancellationToken token)
    {
        var poll = new NeonRequest("GET", "/projects/{project_id}/operations/{operation_id}", "getProjectOperation");
        poll.SetPathParameter("project_id", operation.ProjectId, "projectId");
        poll.SetPathParameter("operation_id", operation.OperationId, "operationId");
        try
        {
            using NeonResponse response = await SendWithRetriesAsync(poll, new CallState(poll, call.Clock, call.Timeout), bufferSuccessBody: true, token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                && JsonDocumentReader.TryRead<OperationResponse>(response.Body.GetUtf8(), new ReadContext(failOnMismatch: false), out var answer, out _) == DocumentProblem.None
                ? answer.Operation?.Status.Value
                : null;
        }
        catch (NeonException)
        {
            // The operation cannot be observed: stop waiting for it and let 423 retries cover a lock that remains.
            return null;
        }
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken token) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !token.IsCancellationRequested);

    private static NeonException TransportException(CallState call, Exception failure, TransportFailureKind kind, RetryDecision decision, TimeSpan attemptElapsed)
    {
        string why = decision.Verdict switch
        {
            RetryVerdict.RetriesExhausted => "retries exhausted",
            RetryVerdict.DelayBeyondDeadline => "no time left before the deadline for another attempt",
            _ when kind != TransportFailureKind.None && !RetryPolicy.IsIdempotentRead(call.Method) =>
                $"not retried: a {call.Method.Method} that may have reached the server is not safe to repeat",
            _ => "not retryable",
        };
        if (kind == TransportFailureKind.AttemptTimedOut)
        {
            return new NeonTimeoutException(
                $"{call.Description} timed out: the injected HttpClient's own Timeout elapsed after {Format(attemptElapsed)} " +
                $"({Plural(call.Attempts, "attempt")}; that Timeout is the owner's limit for the call, so it is not retried). " +
                "Raise HttpClient.Timeout on the injected client (or set it to Timeout.InfiniteTimeSpan and use NeonClientOptions.Timeout) to allow longer.",
                attemptElapsed,
                call.Attempts,
                failure);
        }

        return new NeonNetworkException(
            $"{call.Description} failed to reach the Neon API: {RetryPolicy.Describe(failure)} ({Plural(call.Attempts, "attempt")}; {why}).",
            call.Attempts,
            requestMayHaveReachedServer: kind != TransportFailureKind.NotSent,
            failure);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>A duration for a message: "250 ms", "1.5 s", "2 min 30 s".</summary>
    internal static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return ((int)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
        }

        if (value < TimeSpan.FromMinutes(2))
        {
            return value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        return $"{(int)value.TotalMinutes} min" + (value.Seconds == 0 ? string.Empty : $" {value.Seconds} s");
    }

    private static double NextShared()
    {
        lock (RandomLock)
        {
            return SharedRandom.NextDouble();
        }
    }

    /// <summary>What one call has done so far, for decisions and messages.</summary>
    private sealed class CallState(NeonRequest request, Stopwatch clock, TimeSpan? timeout)
    {
        public string Description { get; } = $"Neon API call {request.OperationId} ({request.Method} {request.PathTemplate})";

        public HttpMethod Method { get; } = new(request.Method);

        public Stopwatch Clock { get; } = clock;

        public TimeSpan? Timeout { get; } = timeout;

        public int Attempts { get; set; }

        public string Activity { get; set; } = "starting";

        public TimeSpan? Remaining => Timeout - Clock.Elapsed;
    }
}
