using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

[TestFixture]
public sealed class DiagnosticTests
{
    private static GeneratorHarness.GeneratorRun Run() =>
        GeneratorHarness.Run(GeneratorHarness.Library(null, ("Inputs/DiagnosticsSample.cs", RepositoryPaths.Input("DiagnosticsSample.cs"))));

    [TestCase("NEON1001", "listTwoLists", "has 2 list properties of a model type")]
    [TestCase("NEON1002", "listNoShape", "none of the known pagination shapes")]
    [TestCase("NEON1003", "oldThing", "names the replacement 'GET /new/thing'")]
    [TestCase("NEON1004", "oldPlain", "is not a partial method implementation")]
    [TestCase("NEON1005", "createWork", "no GET operation reads one operation")]
    [TestCase("NEON1006", "BadOperation", "lacks ProjectId")]
    [TestCase("NEON1007", "listSealed", "not declared partial")]
    [TestCase("NEON1008", "listTaken", "already has a member named 'ListTakenAllAsync'")]
    [TestCase("NEON1009", "listVoid", "returns 'System.Threading.Tasks.Task'")]
    public void Each_unsupported_input_draws_its_warning(string id, string subject, string text)
    {
        var run = Run();

        var diagnostic = run.GeneratorDiagnostics.SingleOrDefault(d => d.Id == id);
        Assert.That(diagnostic, Is.Not.Null, $"{id} was not reported; got: {string.Join("; ", run.GeneratorDiagnostics)}");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic!.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.Contain(subject).And.Contain(text));
            Assert.That(diagnostic.Descriptor.HelpLinkUri, Is.Not.Empty);
        });
    }

    [Test]
    public void Unsupported_inputs_still_produce_compiling_code_for_what_can_be_served()
    {
        var run = Run();

        Assert.Multiple(() =>
        {
            Assert.That(run.Result.Results.Single().Exception, Is.Null);
            Assert.That(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);

            // The deprecation whose replacement is unknown still gets [Obsolete], quoting the path.
            Assert.That(run.Files["Neon.Api.OddClient.Deprecation.g.cs"], Does.Contain("Deprecated by Neon: use the operation GET /new/thing instead."));
            Assert.That(run.Files.Keys, Has.None.Contains("SealedOffClient"));
            Assert.That(run.Files.Keys, Has.None.Contains("Waiting"));
        });
    }

    [Test]
    public void Every_descriptor_is_listed_in_the_unshipped_release_notes()
    {
        var notes = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryPaths.Root, "generators", "Neon.Api.Generators", "AnalyzerReleases.Unshipped.md"));
        var ids = typeof(Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .ToList();

        Assert.That(ids, Has.Count.EqualTo(9));
        Assert.That(ids.Where(id => !notes.Contains(id, StringComparison.Ordinal)), Is.Empty);
    }
}
