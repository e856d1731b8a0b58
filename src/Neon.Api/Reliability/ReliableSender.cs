using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

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
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _transport;

    public ReliableSender(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> transport, ReliabilitySettings settings)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    public ReliabilitySettings Settings { get; }

    /// <summary>The per-project queue of mutating calls (shared by every call through this sender).</summary>
    public ProjectLockGate Gate { get; } = new();

    /// <summary>
    /// Sends <paramref name="request"/> under the policies and hands the final response (success, or the failure that
    /// was not retried) to <paramref name="handle"/>, which maps it to a result or a typed exception.
    /// </summary>
    /// <param name="request">The request, body buffered.</param>
    /// <param name="timeout">The deadline of the whole call, retries included; <see langword="null"/> for none.</param>
    /// <param name="handle">Maps the response; runs inside the deadline.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="NeonTimeoutException">The deadline elapsed.</exception>
    /// <exception cref="NeonNetworkException">The server could not be reached (after the allowed retries).</exception>
    /// <exception cref="OperationCanceledException">The caller's token was canceled; carries that token.</exception>
    public async Task<T> SendAsync<T>(ReplayableRequest request, TimeSpan? timeout, Func<NeonResponse, T> handle, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        timeout = ReliabilitySettings.EffectiveTimeout(timeout);
        using CancellationTokenSource? deadline = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline?.CancelAfter(timeout!.Value);
        CancellationToken token = deadline?.Token ?? cancellationToken;
        var call = new CallState(Stopwatch.StartNew(), timeout);
        try
        {
            string? projectId = Settings.QueueProjectMutations
                ? ProjectLockGate.MutatedProjectId(request.Method, ProjectLockGate.RelativePath(Settings.BaseAddress, request.RequestUri))
                : null;
            NeonResponse response;
            IDisposable? turn = null;
            if (projectId is not null)
            {
                call.Activity = $"queued behind project {projectId}'s operations";
                turn = await Gate.EnterAsync(projectId, (operation, ct) => PollOperationAsync(request, operation, call, ct), Settings.Retry.Delay, token).ConfigureAwait(false);
            }

            try
            {
                response = await SendWithRetriesAsync(request, call, token).ConfigureAwait(false);
                if (Settings.QueueProjectMutations && !RetryPolicy.IsIdempotentRead(request.Method) && response.IsSuccessStatusCode)
                {
                    Gate.Record(ProjectLockGate.ParsePendingOperations(response.Body.Text, projectId));
                }
            }
            finally
            {
                turn?.Dispose();
            }

            call.Activity = "handling the response";
            return handle(response);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(
                $"The Neon API call {request.Description} was canceled by the caller after {Plural(call.Attempts, "attempt")} (while {call.Activity}).",
                ex,
                cancellationToken);
        }
        catch (OperationCanceledException ex) when (deadline is not null && deadline.IsCancellationRequested)
        {
            throw new NeonTimeoutException(
                $"The Neon API call {request.Description} did not complete within its timeout of {Format(timeout!.Value)} " +
                $"({Plural(call.Attempts, "attempt")}; timed out while {call.Activity}). " +
                "Set NeonClientOptions.Timeout, or use NeonClient.WithTimeout for a single call, to allow longer.",
                timeout.Value,
                call.Attempts,
                ex);
        }
    }

    private async Task<NeonResponse> SendWithRetriesAsync(ReplayableRequest request, CallState call, CancellationToken token)
    {
        for (int retry = 0; ; retry++)
        {
            call.Attempts++;
            call.Activity = $"waiting for the response to attempt {call.Attempts}";
            var attemptClock = Stopwatch.StartNew();
            NeonResponse? response = null;
            Exception? failure = null;
            try
            {
                using HttpRequestMessage message = request.CreateMessage();
                using HttpResponseMessage answer = await _transport(message, token).ConfigureAwait(false);
                call.Activity = $"reading the response to attempt {call.Attempts}";
                long limit = answer.IsSuccessStatusCode ? Settings.MaxResponseBodySize : ReliabilitySettings.ErrorBodyLimit;
                ResponseBody body = await BoundedBody.ReadAsync(answer.Content, limit, token).ConfigureAwait(false);
                response = new NeonResponse(request.Description, answer, body);
            }
            catch (Exception ex) when (IsTransportFailure(ex, token))
            {
                failure = ex;
            }

            RetryDecision decision;
            if (response is not null)
            {
                bool retryable = !response.IsSuccessStatusCode && RetryPolicy.IsRetryableStatus(request.Method, response.StatusCode);
                TimeSpan? retryAfter = retryable ? RetryPolicy.RetryAfter(response.Headers, response.Headers.Date ?? DateTimeOffset.UtcNow) : null;
                decision = RetryPolicy.Decide(retryable, retry + 1, Settings.Retry, retryAfter, call.Remaining, Settings.Random());
                if (!decision.ShouldRetry)
                {
                    // Success, a failure that is not safe to repeat, or one we stopped retrying: the caller maps the real status.
                    return response;
                }
            }
            else
            {
                TransportFailureKind kind = RetryPolicy.ClassifyException(failure!);
                decision = RetryPolicy.Decide(RetryPolicy.IsRetryableFailure(request.Method, kind), retry + 1, Settings.Retry, null, call.Remaining, Settings.Random());
                if (!decision.ShouldRetry)
                {
                    throw TransportException(request, call, failure!, kind, decision, attemptClock.Elapsed);
                }
            }

            call.Activity = $"waiting {Format(decision.Delay)} before retry {retry + 1}";
            await Settings.Retry.Delay(decision.Delay, token).ConfigureAwait(false);
        }
    }

    private async Task<string?> PollOperationAsync(ReplayableRequest mutation, PendingOperation operation, CallState call, CancellationToken token)
    {
        Uri uri = OperationUri(mutation.RequestUri, operation);
        ReplayableRequest poll = mutation.DeriveGet(uri);
        try
        {
            NeonResponse response = await SendWithRetriesAsync(poll, new CallState(call.Clock, call.Timeout), token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? ProjectLockGate.ParseOperationStatus(response.Body.Text) : null;
        }
        catch (NeonException)
        {
            // The operation cannot be observed: stop waiting for it and let 423 retries cover a lock that remains.
            return null;
        }
    }

    private Uri OperationUri(Uri requestUri, PendingOperation operation)
    {
        string root;
        if (Settings.BaseAddress is not null)
        {
            root = Settings.BaseAddress.AbsoluteUri.TrimEnd('/');
        }
        else
        {
            string absolute = requestUri.GetLeftPart(UriPartial.Path);
            int projects = absolute.IndexOf("/projects/", StringComparison.Ordinal);
            root = projects < 0 ? absolute : absolute.Substring(0, projects);
        }

        return new Uri($"{root}/projects/{Uri.EscapeDataString(operation.ProjectId)}/operations/{Uri.EscapeDataString(operation.OperationId)}");
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken token) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !token.IsCancellationRequested);

    private static NeonException TransportException(ReplayableRequest request, CallState call, Exception failure, TransportFailureKind kind, RetryDecision decision, TimeSpan attemptElapsed)
    {
        string why = decision.Verdict switch
        {
            RetryVerdict.RetriesExhausted => "retries exhausted",
            RetryVerdict.DelayBeyondDeadline => "no time left before the deadline for another attempt",
            _ when kind != TransportFailureKind.None && !RetryPolicy.IsIdempotentRead(request.Method) =>
                $"not retried: a {request.Method.Method} that may have reached the server is not safe to repeat",
            _ => "not retryable",
        };
        if (kind == TransportFailureKind.AttemptTimedOut)
        {
            return new NeonTimeoutException(
                $"The Neon API call {request.Description} timed out: the HttpClient's own Timeout elapsed after {Format(attemptElapsed)} " +
                $"({Plural(call.Attempts, "attempt")}; {why}). Raise HttpClient.Timeout on the injected client to allow longer.",
                attemptElapsed,
                call.Attempts,
                failure);
        }

        string host = request.RequestUri.IsAbsoluteUri ? request.RequestUri.Authority : "the Neon API";
        return new NeonNetworkException(
            $"The Neon API call {request.Description} to {host} failed: {RetryPolicy.Describe(failure)} ({Plural(call.Attempts, "attempt")}; {why}).",
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

    /// <summary>What one call has done so far, for decisions and messages.</summary>
    private sealed class CallState(Stopwatch clock, TimeSpan? timeout)
    {
        public Stopwatch Clock { get; } = clock;

        public TimeSpan? Timeout { get; } = timeout;

        public int Attempts { get; set; }

        public string Activity { get; set; } = "starting";

        public TimeSpan? Remaining => Timeout - Clock.Elapsed;
    }
}
