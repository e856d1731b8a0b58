using System;
using System.IO;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Reliability.Tests;

/// <summary>Prints the ledger after the whole assembly ran, and writes it beside the test results.</summary>
// In the tests' root namespace so that it runs after every test of the assembly.
[SetUpFixture]
public sealed class FaultLedgerReport
{
    [OneTimeTearDown]
    public void Print()
    {
        string report = FaultLedger.Report();
        TestContext.Progress.WriteLine(report);
        Console.WriteLine(report);
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "fault-report.txt"), report + Environment.NewLine);
    }
}
