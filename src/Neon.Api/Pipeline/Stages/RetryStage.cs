using System;
using System.Threading.Tasks;
using Neon.Api.Reliability;
using Neon.Api.Core;

namespace Neon.Api.Pipeline.Stages;

/// <summary>
/// Repeats an attempt when that is safe and useful (the rules and delays are <see cref="RetryPolicy"/>'s): 423, 429
/// and 503 always; 5xx and dropped connections for reads; <c>Retry-After</c> honoured; never past the deadline.
/// A transport failure that is not repeated becomes its typed exception here.
/// </summary>
internal sealed class RetryStage(SendPipeline shared) : NeonStage
{
    public override async Task ProcessAsync(NeonCall call, StageChain next)
    {
        var request = call.Request;
        for (int retry = 0; ; retry++)
        {
            await next.InvokeAsync(call).ConfigureAwait(false);
            RetryDecision decision;
            if (call.Response is { } response)
            {
                bool retryable = !response.IsSuccessStatusCode && RetryPolicy.IsRetryableStatus(call.Method, response.StatusCode);
                TimeSpan? retryAfter = retryable ? RetryPolicy.RetryAfter(response.Headers, response.Headers.Date ?? call.Time.GetUtcNow()) : null;
                decision = RetryPolicy.Decide(retryable, retry + 1, shared.Retry, retryAfter, call.Remaining, shared.Jitter.Next());
                if (!decision.ShouldRetry)
                {
                    // Success, a failure that is not safe to repeat, or one we stopped retrying: the caller maps the real status.
                    return;
                }

                NeonLog.Retry(shared.Logger, request.OperationId, $"status {(int)response.StatusCode}", decision.Delay, retry + 1, shared.Retry.MaxRetries);
                NeonTelemetry.RecordRetry(request.OperationId, (int)response.StatusCode, null);
                response.Dispose();
                call.Response = null;
            }
            else
            {
                var failure = call.Failure!;
                TransportFailureKind kind = RetryPolicy.ClassifyException(failure);
                NeonLog.Failure(shared.Logger, request.OperationId, RetryPolicy.Describe(failure));
                decision = RetryPolicy.Decide(RetryPolicy.IsRetryableFailure(call.Method, kind), retry + 1, shared.Retry, null, call.Remaining, shared.Jitter.Next());
                if (!decision.ShouldRetry)
                {
                    throw TransportException(call, failure, kind, decision);
                }

                NeonLog.Retry(shared.Logger, request.OperationId, "network failure", decision.Delay, retry + 1, shared.Retry.MaxRetries);
                NeonTelemetry.RecordRetry(request.OperationId, null, failure);
            }

            call.Activity = $"waiting {Durations.Format(decision.Delay)} before retry {retry + 1}";
            await Timing.Delay(shared.Time, decision.Delay, call.Token).ConfigureAwait(false);
        }
    }

    private static NeonException TransportException(NeonCall call, Exception failure, TransportFailureKind kind, RetryDecision decision)
    {
        string why = decision.Verdict switch
        {
            RetryVerdict.RetriesExhausted => "retries exhausted",
            RetryVerdict.DelayBeyondDeadline => "no time left before the deadline for another attempt",
            _ when kind != TransportFailureKind.None && !RetryPolicy.IsIdempotentRead(call.Method) =>
                $"not retried: a {call.Method.Method} that may have reached the server is not safe to repeat",
            _ => "not retryable",
        };
        var attempts = Durations.Plural(call.Attempts, "attempt");
        if (kind == TransportFailureKind.AttemptTimedOut)
        {
            var elapsed = call.AttemptElapsed;
            return new NeonTimeoutException(
                $"{call.Description} timed out: the injected HttpClient's own Timeout elapsed after {Durations.Format(elapsed)} " +
                $"({attempts}; that Timeout is the owner's limit for the call, so it is not retried). " +
                "Raise HttpClient.Timeout on the injected client (or set it to Timeout.InfiniteTimeSpan and use NeonClientOptions.Timeout) to allow longer.",
                elapsed,
                call.Attempts,
                failure);
        }

        return new NeonNetworkException(
            $"{call.Description} failed to reach the Neon API: {RetryPolicy.Describe(failure)} ({attempts}; {why}).",
            call.Attempts,
            requestMayHaveReachedServer: kind != TransportFailureKind.NotSent,
            failure);
    }
}
