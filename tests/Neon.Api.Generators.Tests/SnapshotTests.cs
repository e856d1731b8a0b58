using System.Linq;
using Microsoft.CodeAnalysis;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

[TestFixture]
public sealed class SnapshotTests
{
    [Test]
    public void Sample_clients_generate_the_expected_files()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Library(null, ("Inputs/NeonApiSample.cs", RepositoryPaths.Input("NeonApiSample.cs"))));

        SnapshotAssert.Match("Sample", run.Files);
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
}
