using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests;

/// <summary>The fast-forwarding clock: waits take no real time, deadlines fire only when waits carry the time past them.</summary>
public sealed class FastForwardTimeProviderTests
{
    [Test]
    public async Task A_wait_ends_at_once_and_moves_the_time_by_exactly_its_length()
    {
        var time = new FastForwardTimeProvider();

        await Task.Delay(TimeSpan.FromMinutes(10), time);
        await Task.Delay(TimeSpan.FromSeconds(1.5), time);

        Assert.That(time.GetUtcNow() - time.Start, Is.EqualTo(TimeSpan.FromSeconds(601.5)));
        Assert.That(time, Is.InstanceOf<FakeTimeProvider>(), "usable wherever a FakeTimeProvider is");
    }

    [Test]
    public async Task A_deadline_does_not_move_the_time_and_fires_when_a_wait_carries_the_time_past_it()
    {
        var time = new FastForwardTimeProvider();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);

        await Task.Delay(TimeSpan.FromSeconds(1), time);
        Assert.That(deadline.IsCancellationRequested, Is.False);
        Assert.That(time.GetUtcNow() - time.Start, Is.EqualTo(TimeSpan.FromSeconds(1)), "the deadline pulled nothing forward");

        await Task.Delay(TimeSpan.FromSeconds(10), time);
        Assert.That(deadline.IsCancellationRequested, Is.True);
        Assert.That(time.GetUtcNow() - time.Start, Is.EqualTo(TimeSpan.FromSeconds(11)));
    }

    [Test]
    [Repeat(50)] // the jump races the wait's own cancellation registration: repeat it
    public void A_wait_ended_by_a_deadline_on_the_way_stops_the_time_where_the_deadline_fired()
    {
        var time = new FastForwardTimeProvider();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);

        Assert.That(async () => await Task.Delay(TimeSpan.FromMinutes(1), time, deadline.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(time.GetUtcNow() - time.Start, Is.EqualTo(TimeSpan.FromSeconds(2)), "as on a real clock, the wait ended at the deadline");
    }

    [Test]
    public async Task Timers_due_before_the_end_of_a_wait_fire_in_order_at_their_own_time()
    {
        var time = new FastForwardTimeProvider();
        var fired = new System.Collections.Concurrent.ConcurrentQueue<(string Name, TimeSpan At)>();
        using var late = new CancellationTokenSource(TimeSpan.FromSeconds(3), time);
        using var early = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
        late.Token.Register(() => fired.Enqueue(("late", time.GetUtcNow() - time.Start)));
        early.Token.Register(() => fired.Enqueue(("early", time.GetUtcNow() - time.Start)));

        await Task.Delay(TimeSpan.FromSeconds(5), time);

        Assert.That(fired, Is.EqualTo(new[] { ("early", TimeSpan.FromSeconds(1)), ("late", TimeSpan.FromSeconds(3)) }));
    }

    [Test]
    public void A_plain_FakeTimeProvider_does_not_move_by_itself_so_a_wait_needs_an_Advance()
    {
        // Why the emulator ships a fast-forwarding clock: with FakeTimeProvider a workflow that waits is stuck until
        // the test advances the time, which it cannot do at the right moments without knowing the schedule.
        var fake = new FakeTimeProvider();
        var wait = Task.Delay(TimeSpan.FromSeconds(1), fake);
        Assert.That(wait.IsCompleted, Is.False);

        fake.Advance(TimeSpan.FromSeconds(1));

        Assert.That(wait.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task The_emulators_latency_runs_on_its_clock()
    {
        var time = new FastForwardTimeProvider();
        using var neon = new FakeNeon(new FakeNeonOptions { TimeProvider = time, Latency = TimeSpan.FromMinutes(3) });
        using var http = neon.CreateHttpClient();

        using var response = await http.GetAsync(new Uri("regions", UriKind.Relative));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(time.GetUtcNow() - time.Start, Is.EqualTo(TimeSpan.FromMinutes(3)));
    }
}
