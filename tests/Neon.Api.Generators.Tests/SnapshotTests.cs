using System;
using System.Collections.Generic;
using System.Linq;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

[TestFixture]
public sealed class SnapshotTests
{
    private static readonly string GeneratorVersion = typeof(NeonApiGenerator).Assembly.GetName().Version!.ToString();

    private static IReadOnlyDictionary<string, string> SampleFiles() =>
        GeneratorHarness.Run(GeneratorHarness.Library(null, ("Inputs/NeonApiSample.cs", RepositoryPaths.Input("NeonApiSample.cs")))).Files;

    [Test]
    public void Sample_clients_generate_the_expected_files()
    {
        SnapshotAssert.Match("Sample", SampleFiles());
    }

    [Test]
    public void The_scrub_replaces_only_this_generators_version()
    {
        var text = "[global::System.CodeDom.Compiler.GeneratedCode(\"Neon.Api.Generators\", \"1.2.3.4\")]\r\n"
            + "[global::System.CodeDom.Compiler.GeneratedCode(\"NSwag\", \"14.7.1.0\")]\n"
            + "const string Version = \"1.2.3.4\";";

        Assert.That(SnapshotAssert.Scrub(text), Is.EqualTo(
            "[global::System.CodeDom.Compiler.GeneratedCode(\"Neon.Api.Generators\", \"" + SnapshotAssert.VersionPlaceholder + "\")]\n"
            + "[global::System.CodeDom.Compiler.GeneratedCode(\"NSwag\", \"14.7.1.0\")]\n"
            + "const string Version = \"1.2.3.4\";"));
    }

    [Test]
    public void A_generator_version_bump_changes_no_snapshot()
    {
        var files = SampleFiles();
        var bumped = files.ToDictionary(
            f => f.Key,
            f => f.Value.Replace($"(\"Neon.Api.Generators\", \"{GeneratorVersion}\")", "(\"Neon.Api.Generators\", \"99.1.2.3\")", StringComparison.Ordinal),
            StringComparer.Ordinal);
        var expected = SnapshotAssert.Expected("Sample");

        Assert.Multiple(() =>
        {
            Assert.That(bumped.Count(f => f.Value != files[f.Key]), Is.GreaterThan(0), "the sample output carries the version");
            Assert.That(SnapshotAssert.Compare(expected, bumped), Is.Empty);
            Assert.That(expected.Values.Count(v => v.Contains(SnapshotAssert.VersionPlaceholder, StringComparison.Ordinal)), Is.GreaterThan(0));
            Assert.That(expected.Values, Has.None.Contains($"\"Neon.Api.Generators\", \"{GeneratorVersion}\""), "snapshots are stored scrubbed");
        });
    }

    [Test]
    public void The_scrub_hides_nothing_but_the_version()
    {
        var changed = SampleFiles().ToDictionary(
            f => f.Key,
            f => f.Value.Replace("ListProjectsAllAsync", "ListEveryProjectAsync", StringComparison.Ordinal),
            StringComparer.Ordinal);

        Assert.That(SnapshotAssert.Compare(SnapshotAssert.Expected("Sample"), changed), Does.Contain("- Neon.Api.ProjectClient.Pagination.g.cs differs").And.Contain("ListEveryProjectAsync"));
    }

    [Test]
    public void Sample_output_compiles_without_warnings_on_modern_targets()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Library(null, ("Inputs/NeonApiSample.cs", RepositoryPaths.Input("NeonApiSample.cs"))));

        Assert.That(run.Problems.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void Sample_output_compiles_without_warnings_on_netstandard()
    {
        var options = GeneratorHarness.NetStandardParseOptions;
        var run = GeneratorHarness.Run(GeneratorHarness.Library(options, ("Inputs/NeonApiSample.cs", RepositoryPaths.Input("NeonApiSample.cs"))), options);

        Assert.That(run.Problems.Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void Generated_code_names_its_own_helper_even_where_a_client_member_shares_the_name()
    {
        const string Clash = """
            namespace Neon.Api;

            public partial class OperationClient
            {
                /// <summary>Shares its name with the generated converter, which the operation source calls from inside this class.</summary>
                internal static int NeonOperationStateConverter => 0;
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.Library(
            null,
            ("Inputs/NeonApiSample.cs", RepositoryPaths.Input("NeonApiSample.cs")),
            ("Inputs/Clash.cs", Clash)));

        Assert.Multiple(() =>
        {
            Assert.That(run.Files.Keys, Does.Contain("Neon.Api.OperationClient.OperationSource.g.cs"));
            Assert.That(run.Problems.Select(d => d.ToString()), Is.Empty);
        });
    }
}
