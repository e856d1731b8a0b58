using System.Linq;
using System.IO;
using Neon.Api.SpecUpdate.Reporting;
using NUnit.Framework;

namespace Neon.Api.SpecUpdate.Tests;

/// <summary>Test results and build errors as the report shows them.</summary>
public class OutcomeTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="A.Passes" outcome="Passed" />
            <UnitTestResult testName="A.Fails_for_createProjectBranchBucket" outcome="Failed">
              <Output><ErrorInfo><Message>OneTimeSetUp: Operation missing from the vendored spec: createProjectBranchBucket, listProjectBranchBuckets (@neondatabase/api-client 2.7.2 does not list them; this test is about those operations).</Message></ErrorInfo></Output>
            </UnitTestResult>
            <UnitTestResult testName="A.Fails_for_createProjectBranchBucket" outcome="Failed">
              <Output><ErrorInfo><Message>Operation missing from the vendored spec: createProjectBranchBucket (@neondatabase/api-client 2.7.2 does not list it; this test is about that operation).</Message></ErrorInfo></Output>
            </UnitTestResult>
            <UnitTestResult testName="A.Breaks" outcome="Error">
              <Output><ErrorInfo><Message>Expected: 3 But was: 2</Message></ErrorInfo></Output>
            </UnitTestResult>
            <UnitTestResult testName="A.Ignored" outcome="NotExecuted" />
          </Results>
          <TestDefinitions>
            <UnitTest name="A.Passes"><TestMethod codeBase="/repo/tests/X/bin/Release/net10.0/Neon.Api.Tests.dll" /></UnitTest>
          </TestDefinitions>
        </TestRun>
        """;

    [Test]
    public void Failed_tests_are_named_once_with_their_assembly_and_the_operations_the_spec_lacks()
    {
        var folder = Directory.CreateTempSubdirectory("neon-trx-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "run.trx"), Trx);

            var outcome = TestOutcome.Read(folder);

            Assert.That((outcome.Ran, outcome.Passed, outcome.Total, outcome.FailedResults), Is.EqualTo((true, 1, 4, 3)));
            Assert.That(outcome.Failed.Select(t => t.Name), Is.EqualTo(new[] { "A.Breaks (Neon.Api.Tests)", "A.Fails_for_createProjectBranchBucket (Neon.Api.Tests)" }));
            Assert.That(outcome.Failed[0].IsAboutMissingOperations, Is.False);
            Assert.That(outcome.Failed[1].MissingOperations, Is.EqualTo(new[] { "createProjectBranchBucket", "listProjectBranchBuckets" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_report_reads_the_message_the_operation_specific_tests_fail_with()
    {
        // The two constants live apart (the tool does not reference the tests); a change to one must reach the other.
        Assert.That(TestOutcome.MissingOperationPrefix, Is.EqualTo(Neon.Api.TestShared.VendoredSpec.MissingPrefix));
        Assert.That(Neon.Api.TestShared.VendoredSpec.MissingMessage(["noSuchOperation"]), Does.StartWith(TestOutcome.MissingOperationPrefix + " noSuchOperation ("));
    }

    [Test]
    public void No_result_files_means_the_tests_did_not_run()
    {
        Assert.That(TestOutcome.Read(Path.Combine(Path.GetTempPath(), "neon-no-such-folder")).Ran, Is.False);
    }

    [Test]
    public void Build_errors_are_summarized_by_project_with_repository_paths_shortened()
    {
        var lines = new[]
        {
            "4>/repo/tests/T/Uses.cs(3,9): error CS0117: 'BucketsClient' does not exist [/repo/tests/T/T.csproj::TargetFramework=net10.0]",
            "/repo/tests/T/Uses.cs(3,9): error CS0117: 'BucketsClient' does not exist [/repo/tests/T/T.csproj::TargetFramework=net10.0]",
            "2:10>/repo/src/Neon.Api/NSwag.targets(10,5): error MSB3073: The command \"dotnet nswag\" exited with code 1. [/repo/src/Neon.Api/Neon.Api.csproj]",
            "Build FAILED.",
        };

        var failure = BuildLog.Read(lines, "/repo");

        Assert.That(failure.Summary, Is.EqualTo("2 errors in Neon.Api, T"));
        Assert.That(failure.Errors, Is.EqualTo(new[]
        {
            "T: tests/T/Uses.cs(3,9): error CS0117: 'BucketsClient' does not exist",
            "Neon.Api: src/Neon.Api/NSwag.targets(10,5): error MSB3073: The command \"dotnet nswag\" exited with code 1.",
        }));
        Assert.That(failure.FailedCommands, Is.EqualTo(new[] { "dotnet nswag" }));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "the command is a POSIX shell line")]
    public void A_failed_command_is_run_again_and_its_output_tail_kept_without_stack_frames()
    {
        var output = CommandProbe.Run("echo Executing; echo 'System.Exception: the reason'; echo '   at Some.Frame()'", Path.GetTempPath(), System.TimeSpan.FromMinutes(1));

        Assert.That(output, Is.EqualTo(new[] { "Executing", "System.Exception: the reason" }));
    }
}
