using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

/// <summary>
/// Forwarding members for operations that moved to another tag, over the sample clients with the group contract
/// (<c>Inputs/GroupsSample.cs</c>) and the mapping <c>Inputs/operation-tags.sample.json</c>: getProject,
/// createProjectBranch and listProjectBranches left a group the current spec no longer has ("Projects (old)");
/// listNeonAuthOauthProviders and listProjectOperations left BranchClient.
/// </summary>
[TestFixture]
public sealed class ForwardingTests
{
    private const string GroupMessage = "Moved by Neon's spec 2.7.3: the operations tagged 'Projects (old)' belong to other groups now; each member of NeonClient.ProjectsOld names its new place.";

    private static readonly Lazy<PortableExecutableReference> ModernLibrary = new(() => BuildLibrary(GeneratorHarness.ModernParseOptions));
    private static readonly Lazy<PortableExecutableReference> NetStandardLibrary = new(() => BuildLibrary(GeneratorHarness.NetStandardParseOptions));

    internal static (string, string)[] Inputs(params (string Path, string Text)[] extra) => new[]
    {
        ("Inputs/NeonApiSample.cs", RepositoryPaths.Input("NeonApiSample.cs")),
        ("Inputs/GroupsSample.cs", RepositoryPaths.Input("GroupsSample.cs")),
    }.Concat(extra).ToArray();

    internal static GeneratorHarness.GeneratorRun Run(CSharpParseOptions? options = null, params AdditionalText[] files) =>
        GeneratorHarness.Run(GeneratorHarness.Library(options, Inputs()), options, files.Length == 0 ? new[] { SampleTags() } : files);

    internal static AdditionalText SampleTags() => InMemoryAdditionalText.OperationTags("operation-tags.sample.json");

    [Test]
    public void Moved_operations_get_the_expected_forwarding_files()
    {
        var files = Run().Files.Where(f => f.Key.EndsWith(".Forwarding.g.cs", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

        SnapshotAssert.Match("Forwarding", files);
    }

    [Test]
    public void Forwarding_adds_files_and_changes_none_of_the_others()
    {
        var withTags = Run().Files;
        var without = GeneratorHarness.Run(GeneratorHarness.Library(null, Inputs())).Files;

        Assert.Multiple(() =>
        {
            Assert.That(withTags.Keys.Except(without.Keys), Is.EquivalentTo(new[] { "Neon.Api.BranchClient.Forwarding.g.cs", "Neon.Api.ProjectsOldClient.Forwarding.g.cs" }));
            Assert.That(without.Where(f => withTags[f.Key] != f.Value).Select(f => f.Key), Is.Empty);
            Assert.That(without.Keys, Has.None.Contains("Forwarding"), "no file, no forwarding");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void The_output_compiles_without_warnings(bool netStandard)
    {
        var options = netStandard ? GeneratorHarness.NetStandardParseOptions : GeneratorHarness.ModernParseOptions;
        var run = Run(options);

        Assert.Multiple(() =>
        {
            Assert.That(run.Result.Results.Single().Exception, Is.Null);
            Assert.That(run.Problems.Select(d => d.ToString()), Is.Empty);
        });
    }

    [TestCase("await branches.ListNeonAuthOauthProvidersAsync(\"p\");", "AuthLegacy.ListNeonAuthOauthProvidersAsync")]
    [TestCase("await branches.ListProjectOperationsAsync(\"p\", limit: 5);", "Operation.ListProjectOperationsAsync")]
    [TestCase("await foreach (var operation in branches.ListProjectOperationsAllAsync(\"p\")) { _ = operation.Id; }", "Operation.ListProjectOperationsAllAsync")]
    public void Calling_a_member_of_an_old_group_draws_exactly_the_moved_warning(string call, string newPlace)
    {
        var diagnostics = CompileConsumer(ModernLibrary.Value, call);

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "NEON0003" }), string.Join("; ", diagnostics));
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics[0].GetMessage(CultureInfo.InvariantCulture), Does.EndWith($" is obsolete: '{Moved(newPlace)}'"));
            Assert.That(diagnostics[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(diagnostics[0].Descriptor.HelpLinkUri, Does.StartWith("https://api-docs.neon.tech/reference/"));
        });
    }

    [TestCase("await neon.ProjectsOld.GetProjectAsync(\"p\");", "GetProjectAsync", "Project")]
    [TestCase("await foreach (var branch in neon.ProjectsOld.ListProjectBranchesAllAsync(\"p\", sortOrder: \"asc\")) { _ = branch.Id; }", "ListProjectBranchesAllAsync", "Branch")]
    [TestCase("await neon.ProjectsOld.CreateProjectBranchAsync(\"p\").WaitForOperationsAsync(operations);", "CreateProjectBranchAsync", "Branch")]
    public void Calling_a_member_of_a_group_the_spec_no_longer_has_draws_the_moved_warnings_of_the_property_and_the_member(string call, string method, string newGroup)
    {
        var diagnostics = CompileConsumer(ModernLibrary.Value, call);
        var messages = diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "NEON0003", "NEON0003" }), string.Join("; ", diagnostics));
        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.One.EqualTo($"'NeonClient.ProjectsOld' is obsolete: '{GroupMessage}'"));
            Assert.That(messages, Has.One.StartsWith($"'ProjectsOldClient.{method}(").And.EndsWith(
                $" is obsolete: '{Moved(newGroup + "." + method)}'"));
        });
    }

    [Test]
    public void On_netstandard_the_moved_member_draws_the_plain_obsolete_warning_with_the_message()
    {
        var diagnostics = CompileConsumer(NetStandardLibrary.Value, "await branches.ListNeonAuthOauthProvidersAsync(\"p\");");

        Assert.That(
            diagnostics.Select(d => (d.Id, d.GetMessage(CultureInfo.InvariantCulture))),
            Is.EqualTo(new[] { ("CS0618", "'BranchClient.ListNeonAuthOauthProvidersAsync(string, CancellationToken)' is obsolete: 'Moved by Neon's spec 2.7.3: use NeonClient.AuthLegacy.ListNeonAuthOauthProvidersAsync instead.'") }));
    }

    [Test]
    public void A_name_the_old_group_already_has_is_reported_and_left_alone()
    {
        const string Clash = """
            namespace Neon.Api
            {
                public partial class ProjectClient
                {
                    /// <summary>Shares its name with BranchClient's listing operation, which moved here from "Project".</summary>
                    [global::Neon.Api.NeonOperation("searchBranches", "GET", "branches/search", "Project")]
                    public virtual System.Threading.Tasks.Task<ListProjectBranchesResponse> ListProjectBranchesAsync(string projectId) => throw new System.NotImplementedException();
                }
            }
            """;
        var tags = new InMemoryAdditionalText(InMemoryAdditionalText.OperationTagsPath, """{ "spec": "2.7.3", "previous": { "spec": "2.7.2", "tags": { "listProjectBranches": "Project", "getProjectOperation": "Project" } } }""");
        var run = GeneratorHarness.Run(GeneratorHarness.Library(null, Inputs(("Inputs/Clash.cs", Clash))), null, tags);

        var warning = run.GeneratorDiagnostics.Single(d => d.Id == "NEON1011");
        Assert.Multiple(() =>
        {
            Assert.That(warning.GetMessage(CultureInfo.InvariantCulture), Is.EqualTo(
                "Operation 'listProjectBranches' moved from tag 'Project' to 'Branch', but no forwarding member was generated in 'ProjectClient': it already has a member named 'ListProjectBranchesAsync'"));
            Assert.That(warning.Location.GetLineSpan().Path, Is.EqualTo(InMemoryAdditionalText.OperationTagsPath));
            Assert.That(run.Files["Neon.Api.ProjectClient.Forwarding.g.cs"], Does.Contain("GetProjectOperationAsync").And.Not.Contain("ListProjectBranches"));
            Assert.That(run.Problems.Where(d => d.Id != "NEON1011").Select(d => d.ToString()), Is.Empty);
        });
    }

    [TestCase("")]
    [TestCase("{ \"spec\": \"2.7.3\", \"previous\": { \"spec\": \"2.7.2\", \"tags\": { \"getProject\": \"Old\" }")]
    [TestCase("{ 'spec': '2.7.3' }")]
    [TestCase("[]")]
    [TestCase("{ \"spec\": 273, \"previous\": { \"spec\": \"2.7.2\", \"tags\": { } } }")]
    [TestCase("{ \"spec\": \"2.7.3\", \"previous\": { \"spec\": \"2.7.2\" } }")]
    [TestCase("{ \"spec\": \"2.7.3\", \"previous\": { \"spec\": \"2.7.2\", \"tags\": [\"getProject\"] } }")]
    public void A_malformed_mapping_is_reported_and_generates_nothing(string text)
    {
        var run = Run(null, new InMemoryAdditionalText(InMemoryAdditionalText.OperationTagsPath, text));

        Assert.Multiple(() =>
        {
            Assert.That(run.Result.Results.Single().Exception, Is.Null);
            Assert.That(run.GeneratorDiagnostics.Select(d => d.Id), Is.EqualTo(new[] { "NEON1010" }));
            Assert.That(run.GeneratorDiagnostics[0].GetMessage(CultureInfo.InvariantCulture), Does.StartWith("'operation-tags.json' is not fully readable: ").And.EndWith(", so no forwarding member is generated"));
            Assert.That(run.GeneratorDiagnostics[0].Location.GetLineSpan().Path, Is.EqualTo(InMemoryAdditionalText.OperationTagsPath));
            Assert.That(run.Files.Keys, Has.None.Contains("Forwarding"));
            Assert.That(run.Problems.Where(d => d.Id != "NEON1010").Select(d => d.ToString()), Is.Empty);
        });
    }

    [Test]
    public void A_broken_entry_is_reported_and_the_others_are_used()
    {
        const string Text = """
            {
              "spec": "2.7.3",
              "previous": {
                "spec": "2.7.2",
                "tags": { "getProject": "Projects (old)", "listProjectOperations": null, "getProject": "Branch" }
              }
            }
            """;
        var run = Run(null, new InMemoryAdditionalText(InMemoryAdditionalText.OperationTagsPath, Text));

        Assert.Multiple(() =>
        {
            Assert.That(
                run.GeneratorDiagnostics.Select(d => (d.GetMessage(CultureInfo.InvariantCulture), d.Location.GetLineSpan().StartLinePosition.Line)),
                Is.EqualTo(new[]
                {
                    ("'operation-tags.json' is not fully readable: the tag of 'listProjectOperations' is not a non-empty string, so that entry is skipped", 4),
                    ("'operation-tags.json' is not fully readable: 'getProject' is listed twice, so the second entry is skipped", 4),
                }));
            Assert.That(run.Files.Keys.Where(k => k.Contains("Forwarding", StringComparison.Ordinal)), Is.EqualTo(new[] { "Neon.Api.ProjectsOldClient.Forwarding.g.cs" }));
        });
    }

    [Test]
    public void An_unreadable_file_is_reported()
    {
        var run = Run(null, new InMemoryAdditionalText(InMemoryAdditionalText.OperationTagsPath, null));

        Assert.That(run.GeneratorDiagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)), Is.EqualTo(new[]
        {
            "'operation-tags.json' is not fully readable: the file cannot be read, so no forwarding member is generated",
        }));
    }

    [Test]
    public void Other_additional_files_are_ignored_and_an_unmoved_mapping_generates_nothing()
    {
        var unmoved = """{ "spec": "2.7.3", "previous": { "spec": "2.7.2", "tags": { "getProject": "Project", "goneAway": "Project" } } }""";
        var run = Run(null, new InMemoryAdditionalText("openapi/other.json", "not json"), new InMemoryAdditionalText(InMemoryAdditionalText.OperationTagsPath, unmoved));

        Assert.Multiple(() =>
        {
            Assert.That(run.GeneratorDiagnostics, Is.Empty);
            Assert.That(run.Files.Keys, Has.None.Contains("Forwarding"));
        });
    }

    [TestCase("Auth (legacy)", "AuthLegacyClient")]
    [TestCase("API Key", "ApiKeyClient")]
    [TestCase("DataAPI", "DataApiClient")]
    [TestCase("AI Gateway", "AIGatewayClient")]
    [TestCase("Projects (old)", "ProjectsOldClient")]
    [TestCase("users", "UsersClient")]
    public void A_tag_the_spec_no_longer_has_is_named_as_the_template_names_groups(string tag, string typeName)
    {
        Assert.Multiple(() =>
        {
            Assert.That(NeonApiGenerator.Forwarding.GroupClassName(tag), Is.EqualTo(typeName));
            Assert.That(NeonApiGenerator.Forwarding.GroupPropertyName(typeName), Is.EqualTo(typeName[..^"Client".Length]));
        });
    }

    private static string Moved(string newPlace) => $"Moved by Neon's spec 2.7.3: use NeonClient.{newPlace} instead.";

    private static List<Diagnostic> CompileConsumer(MetadataReference library, string call)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using Neon.Api;
            using Neon.Api.Operations;

            internal static class Consumer
            {
                public static async Task RunAsync(NeonClient neon, BranchClient branches, INeonOperationSource operations)
                {
                    {{call}}
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, GeneratorHarness.ModernParseOptions, "Consumer.cs") },
            GeneratorHarness.References.Append(library),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        return compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    private static PortableExecutableReference BuildLibrary(CSharpParseOptions options)
    {
        var run = Run(options);
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.That(emit.Success, Is.True, string.Join(Environment.NewLine, emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
