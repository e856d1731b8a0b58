using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Neon.Api.Generators.Diagnostics;
using Neon.Api.Generators.Models;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

[TestFixture]
public sealed class DiagnosticTests
{
    private static GeneratorHarness.GeneratorRun Run() => GeneratorHarness.Run(
        GeneratorHarness.Library(null, ("Inputs/DiagnosticsSample.cs", RepositoryPaths.Input("DiagnosticsSample.cs"))),
        null,
        InMemoryAdditionalText.OperationTags("operation-tags.diagnostics.json"));

    [TestCase("NEON1001", "listTwoLists", "has 2 list properties of a model type")]
    [TestCase("NEON1002", "listNoShape", "none of the known pagination shapes")]
    [TestCase("NEON1003", "oldThing", "names GET /new/thing as its replacement")]
    [TestCase("NEON1004", "oldPlain", "is not a partial method implementation")]
    [TestCase("NEON1005", "createWork", "no GET operation reads one operation")]
    [TestCase("NEON1006", "BadOperation", "lacks ProjectId")]
    [TestCase("NEON1007", "listSealed", "not declared partial")]
    [TestCase("NEON1008", "listTaken", "already has a member named 'ListTakenAllAsync'")]
    [TestCase("NEON1009", "listVoid", "returns 'System.Threading.Tasks.Task'")]
    [TestCase("NEON1010", "operation-tags.json", "the tag of 'listTwoLists' is not a non-empty string")]
    [TestCase("NEON1011", "createWork", "moved from tag 'Odd' to 'Work', but no forwarding member was generated in 'OddClient'")]
    public void Each_unsupported_input_draws_its_warning(string id, string subject, string text)
    {
        var run = Run();

        var diagnostic = run.GeneratorDiagnostics.SingleOrDefault(d => d.Id == id);
        Assert.That(diagnostic, Is.Not.Null, $"{id} was not reported; got: {string.Join("; ", run.GeneratorDiagnostics)}");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic!.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(diagnostic.GetMessage(CultureInfo.InvariantCulture), Does.Contain(subject).And.Contain(text));
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
            Assert.That(run.Files["Neon.Api.OddClient.Deprecation.g.cs"], Does.Contain("Deprecated by Neon: Neon names GET /new/thing as its replacement, which this client does not have."));
            Assert.That(run.Files.Keys, Has.None.Contains("SealedOffClient"));
            Assert.That(run.Files.Keys, Has.None.Contains("Waiting"));
        });
    }

    [Test]
    public void Every_descriptor_is_listed_in_the_unshipped_release_notes()
    {
        var notes = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "generators", "Neon.Api.Generators", "AnalyzerReleases.Unshipped.md"));
        var ids = DeclaredDescriptors().Select(d => d.Id).ToList();

        Assert.That(ids, Has.Count.EqualTo(11));
        Assert.That(ids.Where(id => !notes.Contains(id, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Every_declared_descriptor_round_trips_through_DiagnosticInfo()
    {
        var location = new LocationInfo("Inputs/Some.cs", 10, 5, 1, 2, 1, 7);

        Assert.Multiple(() =>
        {
            foreach (var descriptor in DeclaredDescriptors())
            {
                var arguments = Enumerable.Range(0, PlaceholderCount(descriptor)).Select(i => $"<argument {i}>").ToArray();

                var diagnostic = DiagnosticInfo.Create(descriptor, location, arguments).ToDiagnostic();

                Assert.That(diagnostic.Descriptor, Is.SameAs(descriptor), descriptor.Id);
                Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo("Inputs/Some.cs"), descriptor.Id);
                var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
                Assert.That(arguments.Where(a => !message.Contains(a, StringComparison.Ordinal)), Is.Empty, $"{descriptor.Id}: {message}");
            }
        });
    }

    [Test]
    public void Every_declared_descriptor_is_reported_by_the_diagnostics_sample()
    {
        var run = Run();

        Assert.Multiple(() =>
        {
            Assert.That(run.Result.Results.Single().Exception, Is.Null);
            Assert.That(run.GeneratorDiagnostics.Select(d => d.Id).Distinct(), Is.EquivalentTo(DeclaredDescriptors().Select(d => d.Id)));
        });
    }

    [Test]
    public void Descriptors_and_the_diagnostics_that_carry_them_are_equal_by_value()
    {
        // The incremental pipeline caches diagnostics by equality: a descriptor built anew must equal the original.
        Assert.Multiple(() =>
        {
            foreach (var descriptor in DeclaredDescriptors())
            {
                var copy = Copy(descriptor, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture));
                var changed = Copy(descriptor, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture) + " (changed)");

                Assert.That(copy, Is.Not.SameAs(descriptor));
                Assert.That(copy, Is.EqualTo(descriptor), descriptor.Id);
                Assert.That(copy.GetHashCode(), Is.EqualTo(descriptor.GetHashCode()), descriptor.Id);
                Assert.That(changed, Is.Not.EqualTo(descriptor), descriptor.Id);
                Assert.That(DiagnosticInfo.Create(copy, null, "a", "b"), Is.EqualTo(DiagnosticInfo.Create(descriptor, null, "a", "b")), descriptor.Id);
                Assert.That(DiagnosticInfo.Create(copy, null, "a", "b"), Is.Not.EqualTo(DiagnosticInfo.Create(descriptor, null, "a", "c")), descriptor.Id);
            }
        });
    }

    [Test]
    public void Every_help_link_is_an_absolute_web_address_of_a_README_section()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var anchors = Regex.Matches(readme, "^#+ (.+)$", RegexOptions.Multiline).Select(m => GitHubAnchor(m.Groups[1].Value.Trim())).ToHashSet(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            foreach (var descriptor in DeclaredDescriptors())
            {
                var link = descriptor.HelpLinkUri;
                Assert.That(Uri.TryCreate(link, UriKind.Absolute, out var uri), Is.True, $"{descriptor.Id}: '{link}' is not absolute");
                Assert.That(uri?.Scheme, Is.EqualTo(Uri.UriSchemeHttps).Or.EqualTo(Uri.UriSchemeHttp), descriptor.Id);
                Assert.That(uri?.AbsolutePath, Does.EndWith("/README.md"), descriptor.Id);
                Assert.That(anchors, Does.Contain(uri?.Fragment.TrimStart('#')), $"{descriptor.Id}: no README heading has the anchor of '{link}'");
            }
        });
    }

    /// <summary>Every descriptor declared in <c>DiagnosticDescriptors</c>, found by reflection so a new one is covered without a change here.</summary>
    private static List<DiagnosticDescriptor> DeclaredDescriptors()
    {
        var descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.That(descriptors, Is.Not.Empty);
        return descriptors;
    }

    private static int PlaceholderCount(DiagnosticDescriptor descriptor) =>
        Regex.Matches(descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), @"\{(\d+)\}")
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
            .DefaultIfEmpty(0)
            .Max();

    private static DiagnosticDescriptor Copy(DiagnosticDescriptor descriptor, string messageFormat) => new(
        descriptor.Id,
        descriptor.Title.ToString(CultureInfo.InvariantCulture),
        messageFormat,
        descriptor.Category,
        descriptor.DefaultSeverity,
        descriptor.IsEnabledByDefault,
        descriptor.Description.ToString(CultureInfo.InvariantCulture),
        descriptor.HelpLinkUri,
        descriptor.CustomTags.ToArray());

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string GitHubAnchor(string heading) =>
        Regex.Replace(heading.ToLowerInvariant(), @"[^\p{L}\p{Nd}\s_-]", string.Empty).Replace(' ', '-');
}
