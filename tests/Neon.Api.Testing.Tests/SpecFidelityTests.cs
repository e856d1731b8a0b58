using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Neon.Api.Testing.Internal.Routing;
using Neon.Api.Testing.Tests.Support;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests;

/// <summary>
/// The emulator against the vendored spec: its route table is the spec's and every route it does not implement answers
/// 501. That every implemented route answers with bodies the spec allows is driven operation by operation in
/// <c>OperationSpecific/ImplementedRouteTests</c>.
/// </summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
public sealed class SpecFidelityTests : EmulatorTest
{
    public SpecFidelityTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public void Route_table_holds_every_operation_of_the_spec()
    {
        var spec = SpecContract.Operations
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path} {o.Operation.OperationId}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        var emulator = SpecRouteTable.Embedded.Routes
            .Select(r => $"{r.Method} {r.Template} {r.OperationId}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        // The parser's view of the spec against the operationIds written in the file itself, so a spec update needs
        // no count here, yet a parse that dropped operations would not pass unnoticed.
        Assert.That(SpecContract.Operations.Select(o => o.Operation.OperationId), Is.EquivalentTo(OperationIdsInSpecFile()).And.Not.Empty);
        Assert.That(emulator, Is.EqualTo(spec));
    }

    [Test]
    public async Task Every_other_route_of_the_spec_answers_501_naming_its_operation()
    {
        var unimplemented = SpecContract.Operations
            .Where(o => !Neon.ImplementedOperationIds.Contains(o.Operation.OperationId))
            .ToList();
        var specIds = SpecContract.Operations.Select(o => o.Operation.OperationId).ToHashSet(StringComparer.Ordinal);
        Assert.That(Neon.ImplementedOperationIds.Where(id => !specIds.Contains(id)), Is.Empty, "implemented operations the spec does not have");

        foreach (var operation in unimplemented)
        {
            var uri = string.Join('/', operation.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.StartsWith('{') ? "x1" : s));
            var body = operation.Method is "get" or "delete" ? null : new JsonObject();
            var response = await Api.CallAsync(operation.Operation.OperationId, uri, body);

            Assert.That(response.Status, Is.EqualTo(501), $"{operation.Method} {operation.Path}: {response}");
            Assert.That(response.Message, Does.Contain(operation.Operation.OperationId));
            Assert.That((string?)response.Body["code"], Is.EqualTo("NOT_IMPLEMENTED"));
        }
    }

    /// <summary>Every <c>operationId:</c> line of the vendored spec, read as text.</summary>
    private static string[] OperationIdsInSpecFile() =>
        Regex.Matches(
                File.ReadAllText(Path.Combine(SpecContract.RepositoryRoot, SpecContract.SpecRelativePath)),
                @"^\s+operationId:\s*['""]?(?<id>[A-Za-z0-9_]+)['""]?\s*$",
                RegexOptions.Multiline | RegexOptions.CultureInvariant)
            .Select(m => m.Groups["id"].Value)
            .ToArray();

    [TestCase("GET", "nowhere")]
    [TestCase("GET", "projects/p1/branches/b1/nothing")]
    [TestCase("PUT", "projects")]
    [TestCase("GET", "../v1/projects")]
    public async Task A_route_the_spec_does_not_have_answers_404(string method, string uri)
    {
        using var request = new System.Net.Http.HttpRequestMessage(new System.Net.Http.HttpMethod(method), uri);
        using var response = await Api.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That((string?)body["message"], Does.StartWith("no route"));
    }
}
