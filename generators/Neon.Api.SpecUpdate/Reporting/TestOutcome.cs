using System.Xml.Linq;

namespace Neon.Api.SpecUpdate.Reporting;

/// <summary>What the test run after the update showed, read from its TRX result files.</summary>
/// <param name="Ran">False when the tests did not run (the build failed).</param>
/// <param name="Passed">Tests passed.</param>
/// <param name="Failed">Names of the tests that failed.</param>
/// <param name="Total">Tests executed.</param>
internal sealed record TestOutcome(bool Ran, int Passed, IReadOnlyList<string> Failed, int Total)
{
    /// <summary>The outcome when no test ran.</summary>
    public static TestOutcome NotRun { get; } = new(false, 0, [], 0);

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

        var failed = new SortedSet<string>(StringComparer.Ordinal);
        var passed = 0;
        var total = 0;
        foreach (var file in files)
        {
            var document = XDocument.Load(file);
            var project = Path.GetFileNameWithoutExtension(file);
            foreach (var result in document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
            {
                var outcome = (string?)result.Attribute("outcome");
                var name = (string?)result.Attribute("testName") ?? "?";
                if (outcome is "NotExecuted")
                {
                    continue;
                }

                total++;
                if (outcome is "Passed")
                {
                    passed++;
                }
                else
                {
                    failed.Add($"{name} ({Assembly(document) ?? project})");
                }
            }
        }

        return new TestOutcome(true, passed, failed.ToList(), total);
    }

    // The test assembly named by the run's test definitions, e.g. "Neon.Api.Tests".
    private static string? Assembly(XDocument document) => document.Descendants()
        .Where(e => e.Name.LocalName == "UnitTest")
        .Select(e => e.Elements().FirstOrDefault(c => c.Name.LocalName == "TestMethod")?.Attribute("codeBase")?.Value)
        .Where(path => path is not null)
        .Select(path => Path.GetFileNameWithoutExtension(path))
        .FirstOrDefault();
}
