using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>The example of README.md ("Errors, retries and timeouts"), compiled and run against MockHttp.</summary>
public class ReadmeExampleTests
{
    // --- begin README example ---
    public static async Task<string> DescribeOperationAsync(NeonClient neon, string projectId, string operationId, CancellationToken cancellationToken)
    {
        try
        {
            // A quick read gets a short deadline of its own; the client-wide NeonClientOptions.Timeout stays as it is.
            var response = await neon.WithTimeout(TimeSpan.FromSeconds(10))
                .Operation.GetProjectOperationAsync(projectId, operationId, cancellationToken);
            return $"{response.Operation.Action}: {response.Operation.Status}";
        }
        catch (NeonNotFoundException)
        {
            return "no such operation";
        }
        catch (NeonApiException e) when (e.Status is 423 or 429 or 503)
        {
            // Still locked, limited or unavailable after the retries (or the server asked to wait longer than MaxDelay).
            return $"busy, try later ({e.Status}, request id {e.RequestId})";
        }
        catch (NeonTimeoutException e)
        {
            return $"timed out after {e.Attempts} attempt(s)";
        }
        catch (NeonNetworkException e) when (!e.RequestMayHaveReachedServer)
        {
            return "Neon is unreachable; nothing was sent";
        }
    }
    // --- end README example ---

    [Test]
    public async Task The_readme_example_runs()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects/p1/operations/o1")).Respond(HttpStatusCode.OK, "application/json",
            "{\"operation\":{\"id\":\"o1\",\"action\":\"create_branch\",\"status\":\"finished\"}}");
        harness.Mock.When(SenderHarness.Url("/projects/p1/operations/o2")).Respond(_ => Stubs.Error(423, "locked", "project is locked"));

        Assert.That(await DescribeOperationAsync(harness.Client, "p1", "o1", default), Is.EqualTo("create_branch: finished"));
        Assert.That(await DescribeOperationAsync(harness.Client, "p1", "o2", default), Does.StartWith("busy, try later (423"));
        Assert.That(harness.Clock.Count, Is.EqualTo(NeonRetryOptions.DefaultMaxRetries), "the 423 was retried before it surfaced");
    }
}
