using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Neon.Api.Generators.Models;
using Neon.Api.Generators.Tests.Behaviour;
using Neon.Api.Generators.Tests.Infrastructure;
using Neon.Api.TestShared;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Generators.Tests.OperationSpecific;

/// <summary>
/// Forwarding members in the real library: the real NSwag output of the vendored spec, compiled in memory with the
/// mapping of a real older spec (<c>Inputs/operation-tags.2.2.0.json</c>: the first tag of each operation in
/// <c>@neondatabase/api-client@2.2.0</c>, whose "Auth" operations later moved to "Auth (legacy)"), as if a project
/// bumped from 2.2.0 straight to the vendored spec. Two moves are invented on top, so that a group the spec no longer
/// has ("Projects (old)") is generated too. Consumer code is compiled against that library, its warnings checked, then
/// loaded on its own and run against MockHttp.
/// </summary>
[TestFixture]
[OperationSpecific("listNeonAuthOauthProviders", "listProjects", "getProject")]
public sealed class ForwardingBehaviourTests
{
    private const string Base = NeonApiMock.Base;

    private const string Consumer = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Neon.Api;

        internal static class Consumer
        {
            public static async Task<object> OldAuthCallAsync(HttpMessageHandler handler)
            {
                using var neon = new NeonClient("test-key", handler);
                return await neon.Auth.ListNeonAuthOauthProvidersAsync("p-1");
            }

            public static async Task<object> OldGroupListingAsync(HttpMessageHandler handler)
            {
                using var neon = new NeonClient("test-key", handler);
                var ids = new List<string>();
                await foreach (var project in neon.ProjectsOld.ListProjectsAllAsync(limit: 2))
                {
                    ids.Add(project.Id);
                }

                return ids;
            }
        }
        """;

    private GeneratorHarness.GeneratorRun _run = null!;
    private List<Diagnostic> _consumerDiagnostics = null!;
    private IsolatedContext _context = null!;
    private Type _consumer = null!;

    [OneTimeSetUp]
    public void BuildTheLibraryAndTheConsumer()
    {
        _run = GeneratorHarness.Run(RealLibrary.Compilation, RealLibrary.ParseOptions, Mapping());
        var library = Emit(_run.Output);
        var consumer = CSharpCompilation.Create(
            "ForwardingConsumer",
            new[] { CSharpSyntaxTree.ParseText(Consumer, RealLibrary.ParseOptions, "Consumer.cs") },
            GeneratorHarness.References.Append(MetadataReference.CreateFromImage(library)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        _consumerDiagnostics = consumer.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        _context = new IsolatedContext(library);
        _consumer = _context.LoadFromStream(new MemoryStream(Emit(consumer))).GetType("Consumer", throwOnError: true)!;
    }

    [OneTimeTearDown]
    public void Unload() => _context?.Unload();

    [Test]
    public void Every_operation_that_moved_since_the_older_spec_gets_its_forwarding_member_and_the_library_compiles_cleanly()
    {
        var operations = _run.Operations;
        var previous = (JObject)MappingJson()["previous"]!["tags"]!;
        var expected = previous.Properties()
            .Select(p => (Old: (string)p.Value!, Now: operations.FirstOrDefault(o => o.OperationId == p.Name)))
            .Where(m => m.Now is not null && m.Now.Tag != m.Old)
            .SelectMany(m => new[] { (Type: NeonApiGenerator.Forwarding.GroupClassName(m.Old), m.Now!.MethodName) }
                .Concat(m.Now.Pagination is null ? [] : new[] { (Type: NeonApiGenerator.Forwarding.GroupClassName(m.Old), m.Now.PageableMethodName) }))
            .ToList();
        var generated = _run.Result.Results.Single().TrackedSteps[TrackingNames.ForwardingGroups].SelectMany(s => s.Outputs)
            .Select(o => (ForwardingGroupModel)o.Value)
            .SelectMany(g => g.Members.Select(m => (Type: g.TypeName, m.MethodName)))
            .ToList();
        var forwardingTrees = _run.Output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".Forwarding.g.cs", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(generated, Is.EquivalentTo(expected));
            Assert.That(expected, Does.Contain(("AuthClient", "ListNeonAuthOauthProvidersAsync")), "the Neon Auth operations 2.2.0 tagged 'Auth' are tagged 'Auth (legacy)' now");
            Assert.That(_run.GeneratorDiagnostics.Select(d => d.ToString()), Is.Empty);
            Assert.That(forwardingTrees, Has.Count.EqualTo(2));
            Assert.That(forwardingTrees.SelectMany(t => _run.Output.GetSemanticModel(t).GetDiagnostics()).Select(d => d.ToString()), Is.Empty, "no warning inside the generated forwarding code");
            Assert.That(_run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
        });
        TestContext.Out.WriteLine("Forwarding members for a bump from 2.2.0: " + string.Join(", ", generated.Select(g => $"{g.Type}.{g.MethodName}")));
    }

    [Test]
    public void Calling_old_members_draws_exactly_the_moved_warnings()
    {
        var messages = _consumerDiagnostics.Select(d => (d.Id, Message: d.GetMessage(CultureInfo.InvariantCulture))).ToList();
        var moved = $"Moved by Neon's spec {(string?)MappingJson()["spec"]}";
        var oldGroup = $"{moved}: the operations tagged 'Projects (old)' belong to other groups now; each member of NeonClient.ProjectsOld names its new place.";

        Assert.That(messages.Select(m => m.Id), Is.EqualTo(new[] { "NEON0003", "NEON0003", "NEON0003" }), string.Join("; ", _consumerDiagnostics));
        Assert.Multiple(() =>
        {
            Assert.That(messages[0].Message, Is.EqualTo($"'AuthClient.ListNeonAuthOauthProvidersAsync(string, CancellationToken)' is obsolete: '{moved}: use NeonClient.AuthLegacy.ListNeonAuthOauthProvidersAsync instead.'"));
            Assert.That(messages[1].Message, Is.EqualTo($"'NeonClient.ProjectsOld' is obsolete: '{oldGroup}'"));
            Assert.That(messages[2].Message, Does.StartWith("'ProjectsOldClient.ListProjectsAllAsync(").And.EndWith($" is obsolete: '{moved}: use NeonClient.Project.ListProjectsAllAsync instead.'"));
            Assert.That(_consumerDiagnostics[0].Descriptor.HelpLinkUri, Is.EqualTo("https://api-docs.neon.tech/reference/listneonauthoauthproviders"));
        });
    }

    [Test]
    public async Task An_old_member_sends_the_new_operations_request_through_the_clients_pipeline()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, Base + "projects/p-1/auth/oauth_providers")
            .WithHeaders("Authorization", "Bearer test-key")
            .Respond("application/json", """{"providers":[{"id":"github","type":"standard"}]}""");

        var response = await Call("OldAuthCallAsync", handler);

        handler.VerifyNoOutstandingExpectation();
        Assert.That(response.GetType().FullName, Is.EqualTo("Neon.Api.ListNeonAuthOauthProvidersResponse"));
    }

    [Test]
    public async Task A_listing_in_a_group_the_spec_no_longer_has_pages_through_the_new_operation()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, Base + "projects").WithExactQueryString("limit=2").Respond("application/json", Behaviour.Json.Projects("c1", "a", "b"));
        handler.Expect(HttpMethod.Get, Base + "projects").WithExactQueryString("cursor=c1&limit=2").Respond("application/json", Behaviour.Json.Projects("c2", "c"));

        var ids = (List<string>)await Call("OldGroupListingAsync", handler);

        handler.VerifyNoOutstandingExpectation();
        Assert.That(ids, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    /// <summary>The 2.2.0 mapping, plus two invented moves out of a tag the spec never had.</summary>
    private static JObject MappingJson()
    {
        var json = JObject.Parse(RepositoryPaths.Input("operation-tags.2.2.0.json"));
        json["previous"]!["tags"]!["listProjects"] = "Projects (old)";
        json["previous"]!["tags"]!["getProject"] = "Projects (old)";
        return json;
    }

    private static InMemoryAdditionalText Mapping() => new(InMemoryAdditionalText.OperationTagsPath, MappingJson().ToString());

    private static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.That(result.Success, Is.True, string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }

    private async Task<object> Call(string method, HttpMessageHandler handler) =>
        await (Task<object>)_consumer.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { handler })!;

    /// <summary>Loads the in-memory Neon.Api beside the one this test project references; everything else comes from the default context.</summary>
    private sealed class IsolatedContext : AssemblyLoadContext
    {
        private readonly Assembly _library;

        public IsolatedContext(byte[] library)
            : base("forwarding-behaviour", isCollectible: true)
        {
            _library = LoadFromStream(new MemoryStream(library));
        }

        protected override Assembly? Load(AssemblyName assemblyName) => assemblyName.Name == "Neon.Api" ? _library : null;
    }
}
