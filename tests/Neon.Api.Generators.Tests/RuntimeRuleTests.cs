using System;
using System.Linq;
using Neon.Api.Operations;
using Neon.Api.Paging;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

/// <summary>The end-of-listing, status and delay decisions, as the pure functions they are.</summary>
[TestFixture]
public sealed class RuntimeRuleTests
{
    [TestCase(null, "c1", 2, 2, ExpectedResult = "c1")]
    [TestCase("c1", "c2", 2, 2, ExpectedResult = "c2")]
    [TestCase("c1", "c2", 1, 2, ExpectedResult = null, Description = "short page")]
    [TestCase("c1", "c2", 0, null, ExpectedResult = null, Description = "empty page")]
    [TestCase("c1", "c2", 3, null, ExpectedResult = "c2", Description = "page size unknown")]
    [TestCase("c1", "c1", 2, 2, ExpectedResult = null, Description = "repeated cursor")]
    [TestCase(null, "", 2, 2, ExpectedResult = null)]
    public string? Page_cursor_rule(string? sent, string? pageCursor, int count, int? pageSize) =>
        NeonPagination.NextFromPageCursor(sent, pageCursor, count, pageSize);

    [TestCase(null, "n1", ExpectedResult = "n1")]
    [TestCase("n1", "n2", ExpectedResult = "n2")]
    [TestCase("n1", "n1", ExpectedResult = null)]
    [TestCase("n1", "", ExpectedResult = null)]
    [TestCase("n1", null, ExpectedResult = null)]
    public string? Next_rule(string? sent, string? next) => NeonPagination.NextFromNext(sent, next);

    [TestCase(null, "k1", true, ExpectedResult = "k1")]
    [TestCase(null, "k1", null, ExpectedResult = "k1")]
    [TestCase(null, "k1", false, ExpectedResult = null)]
    [TestCase(null, "", true, ExpectedResult = null)]
    [TestCase("k1", "k1", true, ExpectedResult = null)]
    public string? Truncation_rule(string? sent, string? nextCursor, bool? truncated) => NeonPagination.NextFromTruncation(sent, nextCursor, truncated);

    [TestCase("finished", NeonOperationOutcome.Succeeded)]
    [TestCase("skipped", NeonOperationOutcome.Succeeded)]
    [TestCase("Finished", NeonOperationOutcome.Succeeded)]
    [TestCase("failed", NeonOperationOutcome.Failed)]
    [TestCase("error", NeonOperationOutcome.Failed)]
    [TestCase("cancelled", NeonOperationOutcome.Failed)]
    [TestCase("scheduling", NeonOperationOutcome.InProgress)]
    [TestCase("running", NeonOperationOutcome.InProgress)]
    [TestCase("cancelling", NeonOperationOutcome.InProgress)]
    [TestCase("something_new", NeonOperationOutcome.InProgress)]
    [TestCase(null, NeonOperationOutcome.InProgress)]
    public void Status_classification(string? status, NeonOperationOutcome expected) =>
        Assert.That(NeonOperationStatuses.Classify(status), Is.EqualTo(expected));

    [Test]
    public void Poll_delay_starts_short_and_grows_to_the_cap()
    {
        var delays = Enumerable.Range(0, 12).Select(i => NeonOperationWaiter.NextDelay(i, NeonWaitOptions.Default).TotalMilliseconds).ToList();

        Assert.That(delays.Take(4), Is.EqualTo(new[] { 250, 375, 562.5, 843.75 }));
        Assert.That(delays, Is.Ordered);
        Assert.That(delays.Last(), Is.EqualTo(5000));
        Assert.That(NeonOperationWaiter.NextDelay(10_000, NeonWaitOptions.Default), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async System.Threading.Tasks.Task Invalid_wait_options_are_rejected()
    {
        var state = new[] { new NeonOperationState("op", "p", "a", "running") };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NeonOperationWaiter.WaitAsync(state, new NullSource(), new NeonWaitOptions { Timeout = TimeSpan.Zero }));
    }

    private sealed class NullSource : INeonOperationSource
    {
        public System.Threading.Tasks.Task<NeonOperationState> GetOperationStateAsync(string projectId, string operationId, System.Threading.CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not expected");
    }
}
