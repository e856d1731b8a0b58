using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Internal;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.Routing;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests;

/// <summary>
/// The emulator implements what the spec it is built with contains: handlers of operations the spec lacks are left
/// out and their routes answer 404 naming the operation; handlers that contradict the spec, or that no known spec has,
/// are mistakes that fail loudly.
/// </summary>
public sealed class SpecBindingTests
{
    private static readonly string PublishedOperationsFile = Path.Combine(SpecContract.RepositoryRoot, "tests", "Neon.Api.Testing.Tests", "Support", "published-operations.txt");

    [Test]
    public void Every_handler_belongs_to_an_operation_of_a_known_spec()
    {
        var known = SpecRouteTable.Embedded.Routes.Select(r => Key(r.OperationId, r.Method, r.Template))
            .Concat(PublishedOperations())
            .ToHashSet(StringComparer.Ordinal);
        var strays = Emulator.AllHandlers().Entries
            .Select(e => Key(e.OperationId, e.Method, e.Template))
            .Where(k => !known.Contains(k))
            .ToList();

        Assert.That(strays, Is.Empty, $"handlers no known spec has at that route (neither the vendored one nor those recorded in {Path.GetFileName(PublishedOperationsFile)})");
    }

    [Test]
    public async Task The_emulator_leaves_out_exactly_the_handlers_whose_operation_the_vendored_spec_lacks()
    {
        using var neon = new FakeNeon();
        var lacking = Emulator.AllHandlers().Entries.Where(e => !VendoredSpec.Has(e.OperationId)).ToList();

        Assert.That(neon.LeftOutOperationIds, Is.EquivalentTo(lacking.Select(e => e.OperationId)));
        Assert.That(neon.ImplementedOperationIds, Is.EquivalentTo(Emulator.AllHandlers().Entries.Select(e => e.OperationId).Where(VendoredSpec.Has)));
        Assert.That(neon.SpecVersion, Is.EqualTo(VendoredSpec.Version));
        foreach (var entry in lacking)
        {
            await AssertLeftOutAsync(neon.HandleAsync, entry, neon.SpecVersion);
        }
    }

    [Test]
    public async Task With_a_spec_lacking_every_handled_operation_each_route_answers_404_naming_its_operation()
    {
        var handlers = Emulator.AllHandlers().Entries.ToList();
        var handled = handlers.Select(e => e.OperationId).ToHashSet(StringComparer.Ordinal);
        var older = new SpecRouteTable(SpecRouteTable.Embedded.Routes.Where(r => !handled.Contains(r.OperationId)).ToArray(), "an older test spec");
        var emulator = new Emulator(new FakeNeonOptions(), new FakeNeonCounters(), older);

        Assert.That(emulator.ImplementedOperationIds, Is.Empty);
        Assert.That(emulator.LeftOutOperationIds, Is.EquivalentTo(handled));
        foreach (var entry in handlers)
        {
            await AssertLeftOutAsync((request, token) => emulator.HandleAsync(request, token), entry, "an older test spec");
        }

        // The operations the older spec does have still answer as before: 501 when not implemented.
        var other = older.Routes.First(r => r.Method == "GET");
        using var response = await emulator.HandleAsync(Request(other.Method, other.Template), default);
        Assert.That((int)response.StatusCode, Is.EqualTo(501));
    }

    [Test]
    public void A_handler_declared_at_another_route_than_the_spec_s_fails_construction_naming_both()
    {
        var handlers = new RouteHandlers();
        handlers.Add("getThing", "GET /things/{id}", Ok);

        var error = Assert.Throws<InvalidOperationException>(() => HandlerBinding.Bind(handlers, SmallSpec()));

        Assert.That(error!.Message, Does.Contain("getThing is declared at GET /things/{id}, but the spec has getThing at GET /things/{thing_id}").And.Contain("small test spec"));
    }

    [Test]
    public void A_misspelt_operationId_at_a_route_of_the_spec_fails_construction_naming_the_spec_s_operation()
    {
        var handlers = new RouteHandlers();
        handlers.Add("getThng", "GET /things/{thing_id}", Ok);

        var error = Assert.Throws<InvalidOperationException>(() => HandlerBinding.Bind(handlers, SmallSpec()));

        Assert.That(error!.Message, Does.Contain("getThng").And.Contain("which the spec calls getThing"));
    }

    [Test]
    public void A_handler_whose_operation_and_route_the_spec_lacks_is_left_out()
    {
        var handlers = new RouteHandlers();
        handlers.Add("getThing", "GET /things/{thing_id}", Ok);
        handlers.AddUnlocked("createWidget", "POST /things/{thing_id}/widgets", Ok);

        var binding = HandlerBinding.Bind(handlers, SmallSpec());

        Assert.That(binding.Implemented.Keys, Is.EqualTo(new[] { "getThing" }));
        Assert.That(binding.LeftOut.Select(r => $"{r.OperationId} {r.Method} {r.Template}"), Is.EqualTo(new[] { "createWidget POST /things/{thing_id}/widgets" }));
    }

    [TestCase("GET", "/things/{thing_id}", "Two handlers are registered for getThing")]
    [TestCase("get", "/other", "write it in upper case")]
    [TestCase("GET", "things", "expected 'METHOD /path/{parameter}'")]
    public void A_registration_mistake_fails_at_once(string method, string template, string message)
    {
        var handlers = new RouteHandlers();
        handlers.Add("getThing", "GET /things/{thing_id}", Ok);

        var error = Assert.Throws<InvalidOperationException>(() => handlers.Add("getThing", $"{method} {template}", Ok));

        Assert.That(error!.Message, Does.Contain(message));
    }

    private static async Task AssertLeftOutAsync(Func<HttpRequestMessage, System.Threading.CancellationToken, Task<HttpResponseMessage>> send, RouteEntry entry, string version)
    {
        using var request = Request(entry.Method, entry.Template);
        if (entry.Method is not ("GET" or "DELETE"))
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await send(request, default);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That((int)response.StatusCode, Is.EqualTo(404), $"{entry.OperationId}: {body}");
        Assert.That((string?)body["code"], Is.EqualTo("NOT_FOUND"));
        Assert.That((string?)body["message"], Does.Contain($"operation {entry.OperationId} ({entry.Method} {entry.Template}) is not in the API spec").And.Contain(version));
    }

    private static HttpRequestMessage Request(string method, string template)
    {
        var path = string.Join('/', template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.StartsWith('{') ? "x1" : s));
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(FakeNeon.DefaultBaseUri, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FakeNeon.DefaultApiKey);
        return request;
    }

    private static SpecRouteTable SmallSpec() => new(
        [new SpecRoute("GET", "/things/{thing_id}", "getThing"), new SpecRoute("GET", "/things", "listThings")],
        "small test spec");

    private static ApiResult Ok(RequestContext context) => throw new NotSupportedException("not called");

    private static string Key(string operationId, string method, string template) => $"{operationId} {method} {template}";

    /// <summary>The operations of the published specs, as <c>operationId METHOD /path</c>.</summary>
    private static IEnumerable<string> PublishedOperations() =>
        File.ReadLines(PublishedOperationsFile)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .Select(parts => Key(parts[0], parts[1], parts[2]));
}
