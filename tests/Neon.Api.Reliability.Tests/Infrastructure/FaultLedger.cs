using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>
/// Counts what the fault-injection suite did: faults injected and survived, bad inputs tried and turned into typed
/// exceptions, and exceptions that escaped untyped (must stay 0). Printed once after all tests.
/// </summary>
internal static class FaultLedger
{
    private static int _faultsInjected;
    private static int _faultsSurvived;
    private static int _badInputs;
    private static int _badInputsTyped;
    private static int _unhandled;
    private static readonly ConcurrentQueue<string> Notes = new();

    public static int FaultsInjected => Volatile.Read(ref _faultsInjected);

    public static int FaultsSurvived => Volatile.Read(ref _faultsSurvived);

    public static int BadInputs => Volatile.Read(ref _badInputs);

    public static int BadInputsTyped => Volatile.Read(ref _badInputsTyped);

    public static int Unhandled => Volatile.Read(ref _unhandled);

    /// <summary>A fault was injected (an error status, a dropped connection, a hang, ...).</summary>
    public static void Inject(int count = 1) => Interlocked.Add(ref _faultsInjected, count);

    /// <summary>The client got through injected faults with the documented outcome.</summary>
    public static void Survive(int count = 1) => Interlocked.Add(ref _faultsSurvived, count);

    /// <summary>Runs a call that is fed a bad response and must raise <typeparamref name="TException"/>.</summary>
    public static Task<TException> BadInputAsync<TException>(Func<Task> call)
        where TException : Exception
    {
        Interlocked.Increment(ref _badInputs);
        return ExpectAsync<TException>(call, () => Interlocked.Increment(ref _badInputsTyped));
    }

    /// <summary>Runs a call under one injected fault that must surface as <typeparamref name="TException"/>.</summary>
    public static Task<TException> FaultAsync<TException>(Func<Task> call)
        where TException : Exception
    {
        Inject();
        return ExpectAsync<TException>(call, () => Survive());
    }

    /// <summary>Adds a measurement to the printed report.</summary>
    public static void Note(string text) => Notes.Enqueue(text);

    /// <summary>Counts an exception that escaped the client untyped.</summary>
    public static void CountUnhandled() => Interlocked.Increment(ref _unhandled);

    /// <summary>Whether an exception is one the client is documented to raise.</summary>
    public static bool IsDocumented(Exception exception) =>
        exception is NeonException or OperationCanceledException or ArgumentException or ObjectDisposedException;

    private static async Task<TException> ExpectAsync<TException>(Func<Task> call, Action onTyped)
        where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException expected)
        {
            onTyped();
            return expected;
        }
        catch (Exception other)
        {
            if (!IsDocumented(other))
            {
                CountUnhandled();
            }

            Assert.Fail($"Expected {typeof(TException).Name} but got {other.GetType().Name}: {other}");
            throw;
        }

        Assert.Fail($"Expected {typeof(TException).Name} but the call succeeded.");
        throw new InvalidOperationException("unreachable");
    }

    public static string Report() =>
        $"Fault injection: {FaultsInjected} faults injected, {FaultsSurvived} survived; " +
        $"{BadInputs} bad inputs tried, {BadInputsTyped} raised typed exceptions; {Unhandled} unhandled exceptions." +
        string.Concat(Notes.Select(n => Environment.NewLine + n));
}
