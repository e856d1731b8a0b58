using System;
using System.Linq;
using Neon.Api.Operations;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

/// <summary>The status and delay decisions of operation waiting, as the pure functions they are (the end-of-listing rules: Neon.Api.Tests.PaginationRuleTests).</summary>
[TestFixture]
public sealed class RuntimeRuleTests
{
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
