using System.Collections.Generic;
using System.Linq;
using Neon.Api.SpecUpdate.Diff;
using Neon.Api.SpecUpdate.Reporting;
using Neon.Api.SpecUpdate.Specs;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>The verdict, its reasons, and the Markdown report.</summary>
public class ReportTests
{
    internal static UpdateReport Report(string before, string after, IReadOnlyList<ApiScopeChange>? api = null, TestOutcome? tests = null, BuildFailure? buildFailure = null, string from = "1.0.0", string to = "1.1.0")
    {
        var oldModel = SpecModel.Parse(before);
        var newModel = SpecModel.Parse(after);
        return new UpdateReport(
            from,
            to,
            [new("Package", "@neondatabase/api-client")],
            oldModel.Operations.Count,
            newModel.Operations.Count,
            SpecDiff.Compare(oldModel, newModel),
            api,
            api is null ? "no baseline" : "Against the baseline",
            buildFailure,
            tests ?? TestOutcome.NotRun);
    }

    [Test]
    public void Removed_operations_fields_and_api_make_the_update_breaking_with_reasons()
    {
        var api = new[] { new ApiScopeChange("Neon.Api", ["Neon.Api.BranchClient.ListBranchesAsync() -> void"], ["Neon.Api.LegacyClient"]) };
        var report = Report(TestSpecs.Before, TestSpecs.After, api);

        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo("breaking"));
            Assert.That(report.BreakingReasons, Is.EqualTo(new[]
            {
                "1 operation removed: `getLegacy`",
                "3 fields removed in 2 operations",
                "3 fields retyped in 2 operations",
                "1 field now required (request inputs that were optional) in 1 operation",
                "1 required request input added: `listProjects parameter query org_id`",
                "1 public API line removed from the baseline",
            }));
        });
    }

    [Test]
    public void Added_operations_and_optional_fields_alone_are_compatible()
    {
        var after = TestSpecs.Before.Replace("paths:\n", "paths:\n  /new:\n    get:\n      operationId: getNew\n      tags: [New]\n      responses:\n        '200': { description: ok }\n");
        var api = new[] { new ApiScopeChange("Neon.Api", ["Neon.Api.NewClient"], []) };
        var report = Report(TestSpecs.Before, after, api);

        Assert.Multiple(() =>
        {
            Assert.That(report.Spec.Added.Select(o => o.OperationId), Is.EqualTo(new[] { "getNew" }));
            Assert.That(report.Verdict, Is.EqualTo("compatible"));
            Assert.That(report.BreakingReasons, Is.Empty);
            Assert.That(report.CompatibleReason, Does.Contain("no public API removed"));
        });
    }

    [Test]
    public void Without_a_baseline_the_verdict_says_the_api_was_not_compared()
    {
        var report = Report(TestSpecs.Before, TestSpecs.Before);

        Assert.That(report.CompatibleReason, Does.Contain("the public API was not compared (no baseline)"));
        Assert.That(ReportWriter.Write(report), Does.Contain("Not compared: no baseline"));
    }

    [Test]
    public void The_markdown_names_every_category_and_lists_failed_tests()
    {
        var api = new[] { new ApiScopeChange("Neon.Api", ["Neon.Api.A.New() -> void"], ["Neon.Api.A.Old() -> void"]) };
        var tests = new TestOutcome(
            true,
            10,
            [new FailedTest("Ns.Class.Test_of_getLegacy (Neon.Api.Tests)", ["getLegacy"]), new FailedTest("Ns.Class.Breaks (Neon.Api.Tests)", [])],
            13,
            3);
        var text = ReportWriter.Write(Report(TestSpecs.Before, TestSpecs.After, api, tests));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("# Spec update: 1.0.0 → 1.1.0\n\n**Verdict: breaking**\n"));
            Assert.That(text, Does.Contain("5 before, 5 after: 1 added, 1 removed, 1 newly deprecated, 1 moved between tags."));
            Assert.That(text, Does.Contain("### Added\n\n- `listBranches`: GET /branches (Branch)\n"));
            Assert.That(text, Does.Contain("### Removed (breaking)\n\n- `getLegacy`: GET /legacy (Legacy)\n"));
            Assert.That(text, Does.Contain("### Newly deprecated\n\n- `getAuth`: GET /auth (Auth (legacy))\n"));
            Assert.That(text, Does.Contain("### Moved between tags\n\n- `getAuth`: Auth → Auth (legacy)\n"));
            Assert.That(text, Does.Contain("- retyped: parameter query `limit`: integer(int32) → integer(int64) (breaking)\n"));
            Assert.That(text, Does.Contain("- removed: response 200 `$.projects[*].name` (string) (breaking)\n"));
            Assert.That(text, Does.Contain("- added: parameter query `org_id` (string, required) (breaking)\n"));
            Assert.That(text, Does.Contain("- added: response 200 `$.projects[*].owner` (object)\n"));
            Assert.That(text, Does.Contain("### Neon.Api: removed (1, breaking)\n\n```text\nNeon.Api.A.Old() -> void\n```"));
            Assert.That(text, Does.Contain("- Tests: 10 of 13 passed, 3 failed (2 distinct tests;"));
            Assert.That(text, Does.Contain("1 failed for another reason"));
            Assert.That(text, Does.Contain("Failed for another reason than a missing operation:\n\n- `Ns.Class.Breaks (Neon.Api.Tests)`\n"));
            Assert.That(text, Does.Contain("Tests of operations the new spec lacks (1; the operations: `getLegacy`):\n\n- `Ns.Class.Test_of_getLegacy (Neon.Api.Tests)`: getLegacy\n"));
        });
    }

    [Test]
    public void The_console_version_cuts_long_api_lists()
    {
        var lines = Enumerable.Range(0, 30).Select(i => $"Neon.Api.T{i:00}").ToList();
        var text = ReportWriter.Write(Report(TestSpecs.Before, TestSpecs.Before, [new ApiScopeChange("Neon.Api", lines, [])]), maxApiLines: 20);

        Assert.That(text, Does.Contain("Neon.Api.T19\n... 10 more in REPORT.md\n```"));
        Assert.That(text, Does.Not.Contain("Neon.Api.T20"));
    }

    [Test]
    public void A_build_failure_is_reported_with_what_failed()
    {
        var failure = new BuildFailure(["Neon.Api"], ["Neon.Api: NSwag.targets(10,5): error MSB3073: nswag exited with code 1."], ["nswag run"])
        {
            CommandOutput = ["System.InvalidOperationException: Could not resolve the path '#/components/schemas/X'."],
        };
        var text = ReportWriter.Write(Report(TestSpecs.Before, TestSpecs.Before, buildFailure: failure, tests: new TestOutcome(true, 1, [], 1, 0)));

        Assert.That(text, Does.EndWith(
            "- Build: FAILED, 1 error in Neon.Api. Tests: not run.\n\n- `Neon.Api: NSwag.targets(10,5): error MSB3073: nswag exited with code 1.`\n"
            + "\nThe first failed command, run again, ends with:\n\n```text\nSystem.InvalidOperationException: Could not resolve the path '#/components/schemas/X'.\n```\n"));
    }
}
