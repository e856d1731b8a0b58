using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests;

/// <summary>The retry rules as pure functions: no clock, no randomness, no HTTP.</summary>
public class RetryPolicyTests
{
    private static readonly HttpMethod[] AllMethods = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete];

    [TestCaseSource(nameof(AllMethods))]
    public void Locked_rate_limited_and_unavailable_are_retried_for_every_method(HttpMethod method)
    {
        Assert.That(RetryPolicy.IsRetryableStatus(method, (HttpStatusCode)423), Is.True);
        Assert.That(RetryPolicy.IsRetryableStatus(method, (HttpStatusCode)429), Is.True);
        Assert.That(RetryPolicy.IsRetryableStatus(method, HttpStatusCode.ServiceUnavailable), Is.True);
    }

    [TestCase("GET", 500, true)]
    [TestCase("HEAD", 502, true)]
    [TestCase("GET", 504, true)]
    [TestCase("POST", 500, false)]
    [TestCase("PATCH", 502, false)]
    [TestCase("PUT", 504, false)]
    [TestCase("DELETE", 500, false)]
    public void Server_errors_are_retried_only_for_reads(string method, int status, bool expected) =>
        Assert.That(RetryPolicy.IsRetryableStatus(new HttpMethod(method), (HttpStatusCode)status), Is.EqualTo(expected));

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(409)]
    [TestCase(422)]
    [TestCase(501)]
    public void Client_errors_are_never_retried(int status)
    {
        foreach (HttpMethod method in AllMethods)
        {
            Assert.That(RetryPolicy.IsRetryableStatus(method, (HttpStatusCode)status), Is.False, method.Method);
        }
    }

    [Test]
    public void Connection_refused_and_unresolved_names_prove_the_request_was_never_sent()
    {
        Assert.That(RetryPolicy.ClassifyException(Stubs.Refused()), Is.EqualTo(TransportFailureKind.NotSent));
        Assert.That(RetryPolicy.ClassifyException(Stubs.NameNotResolved()), Is.EqualTo(TransportFailureKind.NotSent));
        Assert.That(RetryPolicy.IsRetryableFailure(HttpMethod.Post, TransportFailureKind.NotSent), Is.True);
    }

    [Test]
    public void A_reset_connection_may_have_delivered_the_request()
    {
        Assert.That(RetryPolicy.ClassifyException(Stubs.Reset()), Is.EqualTo(TransportFailureKind.MaybeSent));
        Assert.That(RetryPolicy.ClassifyException(new HttpRequestException("The response ended prematurely.")), Is.EqualTo(TransportFailureKind.MaybeSent));
        Assert.That(RetryPolicy.IsRetryableFailure(HttpMethod.Get, TransportFailureKind.MaybeSent), Is.True);
        Assert.That(RetryPolicy.IsRetryableFailure(HttpMethod.Post, TransportFailureKind.MaybeSent), Is.False);
        Assert.That(RetryPolicy.IsRetryableFailure(HttpMethod.Delete, TransportFailureKind.AttemptTimedOut), Is.False);
    }

    [Test]
    public void Tls_failures_and_foreign_exceptions_are_not_transport_retries()
    {
        var tls = new HttpRequestException("The SSL connection could not be established.", new System.Security.Authentication.AuthenticationException("bad certificate"));
        Assert.That(RetryPolicy.ClassifyException(tls), Is.EqualTo(TransportFailureKind.None));
        Assert.That(RetryPolicy.ClassifyException(new InvalidOperationException()), Is.EqualTo(TransportFailureKind.None));
        Assert.That(RetryPolicy.ClassifyException(new IOException("broken pipe", new SocketException((int)SocketError.ConnectionRefused))), Is.EqualTo(TransportFailureKind.NotSent));
    }

    [TestCase(1, 0.0, 250)]
    [TestCase(1, 0.999999, 500)]
    [TestCase(2, 0.0, 500)]
    [TestCase(3, 1.0, 2000)]
    [TestCase(4, 0.5, 3000)]
    [TestCase(7, 1.0, 30000)]
    [TestCase(100, 0.0, 15000)]
    public void Backoff_grows_exponentially_with_equal_jitter_up_to_the_cap(int retry, double sample, int expectedMs) =>
        Assert.That(RetryPolicy.Backoff(retry, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), sample).TotalMilliseconds, Is.EqualTo(expectedMs).Within(1));

    [Test]
    public void Backoff_never_exceeds_the_cap_nor_falls_below_half_the_step()
    {
        for (int retry = 1; retry <= 40; retry++)
        {
            foreach (double sample in new[] { 0.0, 0.25, 0.5, 0.75, 0.9999 })
            {
                TimeSpan delay = RetryPolicy.Backoff(retry, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), sample);
                double step = Math.Min(500 * Math.Pow(2, retry - 1), 30000);
                Assert.That(delay.TotalMilliseconds, Is.InRange((step / 2) - 1, step + 1), $"retry {retry}, sample {sample}");
            }
        }
    }

    [Test]
    public void Retry_after_in_seconds_is_read()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");
        Assert.That(RetryPolicy.RetryAfter(response.Headers, DateTimeOffset.UnixEpoch), Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Retry_after_as_an_http_date_is_measured_from_now()
    {
        var now = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage((HttpStatusCode)503);
        response.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Jul 2026 12:00:12 GMT");
        Assert.That(RetryPolicy.RetryAfter(response.Headers, now), Is.EqualTo(TimeSpan.FromSeconds(12)));
    }

    [Test]
    public void Retry_after_in_the_past_means_now_and_garbage_means_absent()
    {
        var now = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        using var past = new HttpResponseMessage((HttpStatusCode)503);
        past.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Jul 2026 11:00:00 GMT");
        Assert.That(RetryPolicy.RetryAfter(past.Headers, now), Is.EqualTo(TimeSpan.Zero));

        using var garbage = new HttpResponseMessage((HttpStatusCode)503);
        garbage.Headers.TryAddWithoutValidation("Retry-After", "soon");
        Assert.That(RetryPolicy.RetryAfter(garbage.Headers, now), Is.Null);

        using var fractional = new HttpResponseMessage((HttpStatusCode)503);
        fractional.Headers.TryAddWithoutValidation("Retry-After", "1.5");
        Assert.That(RetryPolicy.RetryAfter(fractional.Headers, now), Is.EqualTo(TimeSpan.FromSeconds(1.5)));
    }

    [Test]
    public void Retry_after_is_never_shortened_by_a_smaller_backoff()
    {
        RetryDecision decision = RetryPolicy.Decide(true, 1, new NeonRetryOptions(), TimeSpan.FromSeconds(20), remaining: null, unitRandom: 0);
        Assert.That(decision.ShouldRetry, Is.True);
        Assert.That(decision.Delay, Is.EqualTo(TimeSpan.FromSeconds(20)));
    }

    [Test]
    public void A_larger_backoff_wins_over_a_short_retry_after()
    {
        RetryDecision decision = RetryPolicy.Decide(true, 4, new NeonRetryOptions(), TimeSpan.FromSeconds(1), remaining: null, unitRandom: 1);
        Assert.That(decision.Delay, Is.EqualTo(TimeSpan.FromSeconds(4)));
    }

    [Test]
    public void Retry_after_beyond_the_cap_stops_retrying()
    {
        RetryDecision decision = RetryPolicy.Decide(true, 1, new NeonRetryOptions(), TimeSpan.FromSeconds(31), remaining: null, unitRandom: 0.5);
        Assert.That(decision.Verdict, Is.EqualTo(RetryVerdict.RetryAfterBeyondCap));
    }

    [Test]
    public void A_delay_that_outlasts_the_deadline_stops_retrying()
    {
        Assert.That(RetryPolicy.Decide(true, 1, new NeonRetryOptions(), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(9), 0.5).Verdict, Is.EqualTo(RetryVerdict.DelayBeyondDeadline));
        Assert.That(RetryPolicy.Decide(true, 1, new NeonRetryOptions(), null, TimeSpan.FromMilliseconds(100), 0.5).Verdict, Is.EqualTo(RetryVerdict.DelayBeyondDeadline));
        Assert.That(RetryPolicy.Decide(true, 1, new NeonRetryOptions(), null, TimeSpan.FromSeconds(5), 0.5).Verdict, Is.EqualTo(RetryVerdict.Retry));
    }

    [Test]
    public void Retries_stop_after_max_retries_and_zero_disables_them()
    {
        var options = new NeonRetryOptions();
        Assert.That(RetryPolicy.Decide(true, 4, options, null, null, 0.5).ShouldRetry, Is.True);
        Assert.That(RetryPolicy.Decide(true, 5, options, null, null, 0.5).Verdict, Is.EqualTo(RetryVerdict.RetriesExhausted));
        Assert.That(RetryPolicy.Decide(true, 1, new NeonRetryOptions { MaxRetries = 0 }, null, null, 0.5).Verdict, Is.EqualTo(RetryVerdict.RetriesExhausted));
        Assert.That(RetryPolicy.Decide(false, 1, options, null, null, 0.5).Verdict, Is.EqualTo(RetryVerdict.NotRetryable));
    }

    [Test]
    public void Defaults_are_the_documented_ones()
    {
        var options = new NeonRetryOptions();
        Assert.That(options.MaxRetries, Is.EqualTo(4));
        Assert.That(options.BaseDelay, Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        Assert.That(options.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(() => options.MaxRetries = -1, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
