using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Neon.Api.Generators.Tests.Infrastructure;
using NUnit.Framework;

namespace Neon.Api.Generators.Tests;

/// <summary>Compiles code that calls the generated API, against the library built from the sample input, and checks the exact diagnostics.</summary>
[TestFixture]
public sealed class ConsumerTests
{
    private static readonly Lazy<PortableExecutableReference> ModernLibrary = new(() => BuildLibrary(GeneratorHarness.ModernParseOptions));
    private static readonly Lazy<PortableExecutableReference> NetStandardLibrary = new(() => BuildLibrary(GeneratorHarness.NetStandardParseOptions));

    [TestCase("await legacy.ListNeonAuthOauthProvidersAsync(\"p\");", "NEON0001", "Deprecated by Neon: use BranchClient.ListBranchNeonAuthOauthProvidersAsync instead.")]
    [TestCase("await legacy.AddNeonAuthDomainToRedirectURIWhitelistAsync(new NeonAuthAddDomainRequest(), \"p\");", "NEON0001", "Deprecated by Neon: use BranchClient.AddBranchNeonAuthTrustedDomainAsync instead.")]
    [TestCase("await users.TransferProjectsFromUserToOrgAsync(new TransferProjectsToOrganizationRequest(), default);", "NEON0002", "Deprecated by Neon; it has no replacement: Personal accounts have been migrated to organizations, making this operation no longer applicable.")]
    public void Calling_a_deprecated_method_draws_exactly_its_warning(string call, string id, string message)
    {
        var diagnostics = CompileConsumer(ModernLibrary.Value, call);

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }), string.Join("; ", diagnostics));
        Assert.Multiple(() =>
        {
            // The compiler wraps the [Obsolete] message: "'Type.Method(...)' is obsolete: 'message'".
            Assert.That(diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.EndWith($" is obsolete: '{message}'"));
            Assert.That(diagnostics[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(diagnostics[0].Descriptor.HelpLinkUri, Does.StartWith("https://api-docs.neon.tech/reference/"));
        });
    }

    [TestCase("await branches.ListBranchNeonAuthOauthProvidersAsync(\"p\", \"b\");")]
    [TestCase("await branches.CreateProjectBranchAsync(\"p\").WaitForOperationsAsync(operations);")]
    [TestCase("await foreach (var project in projects.ListProjectsAllAsync(limit: 5)) { _ = project.Id; }")]
    [TestCase("await foreach (var page in branches.ListProjectBranchesAllAsync(\"p\", sortOrder: \"asc\").AsPages()) { _ = page.ContinuationCursor; }")]
    public void Calling_a_current_method_draws_no_diagnostic(string call)
    {
        Assert.That(CompileConsumer(ModernLibrary.Value, call).Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void On_netstandard_a_deprecated_method_draws_the_plain_obsolete_warning_with_the_message()
    {
        var diagnostics = CompileConsumer(NetStandardLibrary.Value, "await legacy.ListNeonAuthOauthProvidersAsync(\"p\");");

        Assert.That(
            diagnostics.Select(d => (d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))),
            Is.EqualTo(new[] { ("CS0618", "'AuthLegacyClient.ListNeonAuthOauthProvidersAsync(string, CancellationToken)' is obsolete: 'Deprecated by Neon: use BranchClient.ListBranchNeonAuthOauthProvidersAsync instead.'") }));
    }

    private static List<Diagnostic> CompileConsumer(MetadataReference library, string call)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using Neon.Api;
            using Neon.Api.Operations;

            internal static class Consumer
            {
                public static async Task RunAsync(AuthLegacyClient legacy, UsersClient users, BranchClient branches, ProjectClient projects, INeonOperationSource operations)
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
        var run = GeneratorHarness.Run(GeneratorHarness.Library(options, ("Inputs/NeonApiSample.cs", RepositoryPaths.Input("NeonApiSample.cs"))), options);
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.That(emit.Success, Is.True, string.Join(Environment.NewLine, emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
