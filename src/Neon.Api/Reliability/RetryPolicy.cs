using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Neon.Api.Reliability;

/// <summary>How far a failed attempt got, as far as the client can prove.</summary>
internal enum TransportFailureKind
{
    /// <summary>Not a transport failure: never retried.</summary>
    None,

    /// <summary>The request provably never reached the server (connection refused, name not resolved, unreachable).</summary>
    NotSent,

    /// <summary>The connection failed after the request may have been sent (reset, response ended early).</summary>
    MaybeSent,

    /// <summary>The injected HttpClient's own timeout elapsed: the request may have been sent.</summary>
    AttemptTimedOut,
}

/// <summary>Why the client gives up instead of retrying.</summary>
internal enum RetryVerdict
{
    /// <summary>Retry after <see cref="RetryDecision.Delay"/>.</summary>
    Retry,

    /// <summary>The failure is not safe (or not useful) to repeat for this method.</summary>
    NotRetryable,

    /// <summary>All <see cref="NeonRetryOptions.MaxRetries"/> retries were used.</summary>
    RetriesExhausted,

    /// <summary>The server's Retry-After asks for longer than <see cref="NeonRetryOptions.MaxDelay"/>.</summary>
    RetryAfterBeyondCap,

    /// <summary>The delay would outlast what is left of the call's deadline.</summary>
    DelayBeyondDeadline,
}

/// <summary>The outcome of <see cref="RetryPolicy.Decide"/>.</summary>
internal readonly struct RetryDecision
{
    public RetryDecision(RetryVerdict verdict, TimeSpan delay)
    {
        Verdict = verdict;
        Delay = delay;
    }

    public RetryVerdict Verdict { get; }

    public TimeSpan Delay { get; }

    public bool ShouldRetry => Verdict == RetryVerdict.Retry;

    public override string ToString() => ShouldRetry ? $"Retry after {Delay}" : Verdict.ToString();
}

/// <summary>
/// The retry rules as pure functions: which failures are retried for which method, how long to wait, and when to
/// give up. No clock, no randomness of its own: callers pass the time and the random sample.
/// </summary>
internal static class RetryPolicy
{
    /// <summary>Whether the method is safe to repeat after the server may have processed it.</summary>
    public static bool IsIdempotentRead(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head;

    /// <summary>Whether a response with this status is worth repeating for this method.</summary>
    public static bool IsRetryableStatus(HttpMethod method, HttpStatusCode status)
    {
        switch ((int)status)
        {
            case 423: // Locked: the project is busy; the request was not applied.
            case 429: // Too Many Requests: rejected before processing.
            case 503: // Service Unavailable: not processed.
                return true;
            case 500:
            case 502:
            case 504:
                // The server may have applied the request before failing: only reads are repeated.
                return IsIdempotentRead(method);
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a transport failure of this kind is worth repeating for this method. An injected HttpClient's own
    /// <c>Timeout</c> is the limit its owner set for a request, so it ends the call instead of starting another attempt
    /// (otherwise a 1.5 s limit would let a call run five times as long).
    /// </summary>
    public static bool IsRetryableFailure(HttpMethod method, TransportFailureKind kind) => kind switch
    {
        TransportFailureKind.NotSent => true,
        TransportFailureKind.MaybeSent => IsIdempotentRead(method),
        _ => false,
    };

    /// <summary>
    /// Classifies an exception thrown by the transport (or while reading the body). The caller has already ruled out
    /// cancellation by the caller's token and by the call's deadline, so a remaining cancellation is the injected
    /// HttpClient's own timeout.
    /// </summary>
    public static TransportFailureKind ClassifyException(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            return TransportFailureKind.AttemptTimedOut;
        }

        if (exception is not HttpRequestException && exception is not IOException)
        {
            return TransportFailureKind.None;
        }

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return IsNeverSent(socket.SocketErrorCode) ? TransportFailureKind.NotSent : TransportFailureKind.MaybeSent;
            }

#if NET8_0_OR_GREATER
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return TransportFailureKind.NotSent;
            }
#endif
            if (e is System.Security.Authentication.AuthenticationException)
            {
                // A TLS failure will fail the same way again.
                return TransportFailureKind.None;
            }
        }

        return TransportFailureKind.MaybeSent;
    }

    /// <summary>Socket errors raised while connecting, before a byte of the request was written.</summary>
    public static bool IsNeverSent(SocketError error) => error is
        SocketError.ConnectionRefused or
        SocketError.HostNotFound or
        SocketError.TryAgain or
        SocketError.NoData or
        SocketError.HostUnreachable or
        SocketError.NetworkUnreachable or
        SocketError.NetworkDown or
        SocketError.AddressNotAvailable;

    /// <summary>A short human description of a transport failure, for exception messages.</summary>
    public static string Describe(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "host name could not be resolved",
                    SocketError.ConnectionReset => "connection reset by the server",
                    SocketError.ConnectionAborted => "connection aborted",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown => "host or network unreachable",
                    SocketError.TimedOut => "connection timed out",
                    _ => "socket error " + socket.SocketErrorCode,
                };
            }
        }

        return exception.Message;
    }

    /// <summary>
    /// The exponential backoff before retry number <paramref name="retry"/> (1 for the first retry), with "equal
    /// jitter": a delay between half and all of <c>min(cap, base * 2^(retry-1))</c>, chosen by
    /// <paramref name="unitRandom"/> in [0, 1).
    /// </summary>
    public static TimeSpan Backoff(int retry, TimeSpan baseDelay, TimeSpan cap, double unitRandom)
    {
        if (retry < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(retry), retry, "The first retry is number 1.");
        }

        // 2^30 * any sane base is past any cap; clamping the exponent avoids overflow.
        double exponential = baseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 30));
        double ceiling = Math.Min(exponential, cap.Ticks);
        double sample = Math.Max(0, Math.Min(unitRandom, 1));
        return TimeSpan.FromTicks((long)((ceiling / 2) + (ceiling / 2 * sample)));
    }

    /// <summary>
    /// The delay that a <c>Retry-After</c> header asks for, measured from <paramref name="now"/> for the HTTP-date form;
    /// <see langword="null"/> when the header is absent or unreadable. A date in the past means zero.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        RetryConditionHeaderValue? value = headers.RetryAfter;
        if (value is not null)
        {
            if (value.Delta is TimeSpan delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (value.Date is DateTimeOffset date)
            {
                TimeSpan until = date - now;
                return until < TimeSpan.Zero ? TimeSpan.Zero : until;
            }
        }

        // HttpHeaders rejects values it cannot parse into RetryAfter; read those raw (e.g. "1.5").
        if (headers.TryGetValues("Retry-After", out var raw))
        {
            foreach (string text in raw)
            {
                if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Decides whether retry number <paramref name="retry"/> (1 for the first) happens, and after how long.
    /// </summary>
    /// <param name="retryable">Whether the failure is retryable for the method at all.</param>
    /// <param name="retry">The number of the retry being considered.</param>
    /// <param name="options">The retry settings.</param>
    /// <param name="retryAfter">The server's Retry-After, if any.</param>
    /// <param name="remaining">What is left of the call's deadline, or <see langword="null"/> for no deadline.</param>
    /// <param name="unitRandom">A random sample in [0, 1) for the jitter.</param>
    public static RetryDecision Decide(bool retryable, int retry, NeonRetryOptions options, TimeSpan? retryAfter, TimeSpan? remaining, double unitRandom)
    {
        if (!retryable)
        {
            return new RetryDecision(RetryVerdict.NotRetryable, TimeSpan.Zero);
        }

        if (retry > options.MaxRetries)
        {
            return new RetryDecision(RetryVerdict.RetriesExhausted, TimeSpan.Zero);
        }

        if (retryAfter > options.MaxDelay)
        {
            return new RetryDecision(RetryVerdict.RetryAfterBeyondCap, retryAfter.Value);
        }

        TimeSpan backoff = Backoff(retry, options.BaseDelay, options.MaxDelay, unitRandom);

        // Retry-After is a floor: never wait less than the server asked.
        TimeSpan delay = retryAfter > backoff ? retryAfter.Value : backoff;
        if (remaining is TimeSpan left && delay >= left)
        {
            return new RetryDecision(RetryVerdict.DelayBeyondDeadline, delay);
        }

        return new RetryDecision(RetryVerdict.Retry, delay);
    }
}
