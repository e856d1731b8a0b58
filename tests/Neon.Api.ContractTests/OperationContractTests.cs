using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Neon.Api.ContractTests;

/// <summary>
/// One test per operation of the vendored spec: its generated method is called with arguments synthesized from the
/// spec, its requests are checked against the spec, and every response the spec documents is read back.
/// </summary>
public class OperationContractTests
{
    /// <summary>The operations of the spec, read from openapi/ (a spec update adds or removes cases by itself).</summary>
    public static IEnumerable<TestCaseData> Operations() =>
        ContractRun.Spec.Operations.Select(o => new TestCaseData(o.OperationId).SetName($"Contract of {o.OperationId}"));

    [TestCaseSource(nameof(Operations))]
    public async Task Operation_honours_its_contract(string operationId)
    {
        var report = await ContractRun.ReportAsync(operationId);

        Assert.That(report.RequestsChecked, Is.GreaterThan(0), "no request was checked");
        if (report.Misses.Count > 0)
        {
            Assert.Fail($"{operationId}: {report.Misses.Count} misses{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", report.Misses));
        }
    }
}
