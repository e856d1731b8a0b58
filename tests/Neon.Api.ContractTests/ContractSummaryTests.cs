using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.ContractTests;

/// <summary>The whole contract in one line, and every miss with its operation.</summary>
public class ContractSummaryTests
{
    [Test]
    public async Task Every_operation_of_the_spec_honours_its_contract()
    {
        var operations = ContractRun.Spec.Operations;
        Assert.That(operations, Is.Not.Empty, "the spec has no operations");

        var reports = new System.Collections.Generic.List<OperationReport>();
        foreach (var operation in operations)
        {
            reports.Add(await ContractRun.ReportAsync(operation.OperationId));
        }

        var requests = reports.Sum(r => r.RequestsChecked);
        var valid = reports.Sum(r => r.RequestsValid);
        var responses = reports.Sum(r => r.ResponsesChecked);
        var read = reports.Sum(r => r.ResponsesRead);
        var lost = reports.Sum(r => r.LostFields);

        var summary = $"contract: {valid}/{requests} requests valid, {read}/{responses} responses read, {lost} lost fields";
        TestContext.Progress.WriteLine(summary);
        Console.WriteLine(summary);

        var misses = new StringBuilder();
        foreach (var report in reports.Where(r => r.Misses.Count > 0))
        {
            foreach (var miss in report.Misses)
            {
                misses.Append("  ").Append(report.OperationId).Append(": ").AppendLine(miss);
            }
        }

        Assert.That(reports.Where(r => r.RequestsChecked != 2).Select(r => $"{r.OperationId}: {r.RequestsChecked}"), Is.Empty, "operations without their two request checks");
        Assert.That(responses, Is.GreaterThanOrEqualTo(operations.Sum(o => o.Responses.Count)), "at least one check per documented response");
        if (misses.Length > 0)
        {
            Assert.Fail(summary + Environment.NewLine + misses);
        }
    }
}
