using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>A test that failed after the update, once however many fixtures ran it.</summary>
/// <param name="Name">The test and its assembly, for example <c>Buckets_are_listed (Neon.Api.Testing.Tests)</c>.</param>
/// <param name="MissingOperations">
/// The operations the new spec lacks that the test is about, read from its failure message (the operation-specific
/// tests fail with <see cref="TestOutcome.MissingOperationPrefix"/>); empty for any other failure.
/// </param>
internal sealed record FailedTest(string Name, IReadOnlyList<string> MissingOperations)
{
    /// <summary>True when the test failed only because the new spec lacks the operations it is about.</summary>
    public bool IsAboutMissingOperations => MissingOperations.Count > 0;
}

/// <summary>What the test run after the update showed, read from its TRX result files.</summary>
/// <param name="Ran">False when the tests did not run (the build failed).</param>
/// <param name="Passed">Test results passed.</param>
/// <param name="Failed">The tests that failed, each once, in name order.</param>
/// <param name="Total">Test results executed (a test run by two fixtures counts twice).</param>
/// <param name="FailedResults">Test results failed (a test run by two fixtures counts twice).</param>
internal sealed record TestOutcome(bool Ran, int Passed, IReadOnlyList<FailedTest> Failed, int Total, int FailedResults)
{
    /// <summary>
    /// How an operation-specific test's failure starts when the vendored spec lacks its operations (written by
    /// <c>tests/Shared/OperationSpecific.cs</c>, whose test checks that the two agree), followed by the operationIds.
    /// </summary>
    public const string MissingOperationPrefix = "Operation missing from the vendored spec:";

    private static readonly Regex MissingOperations = new(
        Regex.Escape(MissingOperationPrefix) + @"\s+(?<ids>[A-Za-z0-9_]+(?:,\s*[A-Za-z0-9_]+)*)",
        RegexOptions.CultureInvariant);

    /// <summary>The outcome when no test ran.</summary>
    public static TestOutcome NotRun { get; } = new(false, 0, [], 0, 0);

    /// <summary>Reads every <c>*.trx</c> file in a folder (none, or no folder: the tests did not run).</summary>
    public static TestOutcome Read(string? folder)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return NotRun;
        }

        var files = Directory.GetFiles(folder, "*.trx", SearchOption.AllDirectories);
        if (files.Length == 0)
        {
            return NotRun;
        }

        var failed = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var passed = 0;
        var total = 0;
        var failedResults = 0;
        foreach (var file in files)
        {
            var document = XDocument.Load(file);
            var assembly = Assembly(document) ?? Path.GetFileNameWithoutExtension(file);
            foreach (var result in document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
            {
                var outcome = (string?)result.Attribute("outcome");
                if (outcome is "NotExecuted")
                {
                    continue;
                }

                total++;
                if (outcome is "Passed")
                {
                    passed++;
                    continue;
                }

                failedResults++;
                var name = $"{(string?)result.Attribute("testName") ?? "?"} ({assembly})";
                if (!failed.TryGetValue(name, out var missing))
                {
                    failed[name] = missing = new SortedSet<string>(StringComparer.Ordinal);
                }

                missing.UnionWith(Missing(result));
            }
        }

        return new TestOutcome(true, passed, failed.Select(f => new FailedTest(f.Key, f.Value.ToList())).ToList(), total, failedResults);
    }

    // The operationIds named by a failure message that says the spec lacks them.
    private static IEnumerable<string> Missing(XElement result)
    {
        var message = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
        var match = message is null ? null : MissingOperations.Match(message);
        return match is { Success: true }
            ? match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
    }

    // The test assembly named by the run's test definitions, e.g. "Neon.Api.Tests".
    private static string? Assembly(XDocument document) => document.Descendants()
        .Where(e => e.Name.LocalName == "UnitTest")
        .Select(e => e.Elements().FirstOrDefault(c => c.Name.LocalName == "TestMethod")?.Attribute("codeBase")?.Value)
        .Where(path => path is not null)
        .Select(path => Path.GetFileNameWithoutExtension(path))
        .FirstOrDefault();
}
