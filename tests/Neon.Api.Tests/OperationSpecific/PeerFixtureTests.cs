using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.Serialization;
using Neon.Api.TestShared;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Neon.Api.Tests.OperationSpecific;

/// <summary>
/// Response bodies of the kind other Neon SDKs record for their tests (current and older shapes, see
/// <c>Fixtures/README.md</c>) read through the client's real response path without losing a field.
/// </summary>
[OperationSpecific]
public class PeerFixtureTests
{
    public static IEnumerable<TestCaseData> Fixtures() =>
        ResponseFixtures.FileNames().Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [Test]
    public void The_fixture_folder_holds_fixtures()
    {
        Assert.That(ResponseFixtures.FileNames(), Is.Not.Empty, $"no *.json in {ResponseFixtures.Folder}: is Fixtures/ still copied to the output?");
    }

    [TestCaseSource(nameof(Fixtures))]
    public void Fixture_names_an_operation_of_the_spec_and_of_the_client(string fileName)
    {
        var operationId = ResponseFixtures.OperationIdOf(fileName);
        VendoredSpec.Require(operationId);

        Assert.Multiple(() =>
        {
            Assert.That(TestSupport.SpecOperations().Select(o => o.OperationId), Does.Contain(operationId), $"{fileName}: the vendored spec has no operation '{operationId}'");
            Assert.That(TestSupport.GeneratedOperations.Keys, Does.Contain(operationId), $"{fileName}: the client has no method for '{operationId}'");
        });
    }

    [Test]
    public void The_readme_says_where_each_fixture_comes_from()
    {
        var readme = File.ReadAllText(Path.Combine(ResponseFixtures.Folder, "README.md"));
        var undocumented = ResponseFixtures.FileNames().Where(name => !readme.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.That(undocumented, Is.Empty, "fixtures without a line in Fixtures/README.md");
    }

    [TestCaseSource(nameof(Fixtures))]
    public async Task Fixture_reads_through_the_client_without_losing_a_field(string fileName)
    {
        var operationId = ResponseFixtures.OperationIdOf(fileName);
        VendoredSpec.Require(operationId);
        var (client, handler) = ResponseFixtures.Serve(fileName);
        using (client)
        using (handler)
        {
            var model = await ResponseFixtures.InvokeAsync(client, operationId);

            handler.VerifyNoOutstandingExpectation();
            Assert.That(model, Is.Not.Null);
            var sent = ResponseFixtures.Parse(ResponseFixtures.Read(fileName));
            var writtenBack = ResponseFixtures.Parse(NeonJson.Serialize(model));
            Assert.That(ResponseFixtures.Differences(sent, writtenBack), Is.Empty, $"{fileName}: fields of the body that {model!.GetType().Name} did not keep");
        }
    }

    [Test]
    public void The_comparison_notices_lost_changed_and_invented_values()
    {
        // Guards the check itself: a comparison that accepts anything would prove nothing.
        var sent = JToken.Parse("""{"a":1,"b":"2026-06-01T08:15:00Z","c":[1,2],"d":null,"e":{"f":true},"g":0.25}""");

        Assert.Multiple(() =>
        {
            Assert.That(ResponseFixtures.Differences(sent, JToken.Parse("""{"a":1.0,"b":"2026-06-01T08:15:00+00:00","c":[1,2],"e":{"f":true},"g":0.25,"extra":1}""")), Is.Empty);
            Assert.That(ResponseFixtures.Differences(sent, JToken.Parse("""{"b":"2026-06-01T08:15:00Z","c":[1,2],"e":{"f":true},"g":0.25}""")), Has.One.StartWith("a:"));
            Assert.That(ResponseFixtures.Differences(sent, JToken.Parse("""{"a":1,"b":"2026-06-01T09:15:00Z","c":[1,2],"e":{"f":true},"g":0.25}""")), Has.One.StartWith("b:"));
            Assert.That(ResponseFixtures.Differences(sent, JToken.Parse("""{"a":1,"b":"2026-06-01T08:15:00Z","c":[1],"e":{"f":true},"g":0.25}""")), Has.One.StartWith("c:"));
            Assert.That(ResponseFixtures.Differences(sent, JToken.Parse("""{"a":1,"b":"2026-06-01T08:15:00Z","c":[1,2],"d":false,"e":{"f":true},"g":0.25}""")), Has.One.StartWith("d:"));
            Assert.That(ResponseFixtures.Differences(sent, JToken.Parse("""{"a":1,"b":"2026-06-01T08:15:00Z","c":[1,2],"e":{"f":"true"},"g":0.25}""")), Has.One.StartWith("e.f:"));
            Assert.That(ResponseFixtures.Differences(sent, JToken.Parse("""{"a":1,"b":"2026-06-01T08:15:00Z","c":[1,2],"e":{"f":true},"g":0}""")), Has.One.StartWith("g:"));
        });
    }
}
