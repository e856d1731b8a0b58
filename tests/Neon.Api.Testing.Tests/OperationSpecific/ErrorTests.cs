using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>GeneralError answers: 401, 404, 400 with a useful message, 409, and the request id.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific]
public sealed class ErrorTests : EmulatorTest
{
    public ErrorTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task A_request_without_a_bearer_key_is_401()
    {
        var http = Neon.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = null;
        using var anonymous = new SpecCheckedClient(http);
        var none = await anonymous.CallAsync("listProjects", "projects");
        var empty = await anonymous.CallAsync("listProjects", "projects", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", " "));
        var basic = await anonymous.CallAsync("listProjects", "projects", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", "a2V5"));

        Assert.That(new[] { none.Status, empty.Status, basic.Status }, Has.All.EqualTo(401));
        Assert.That(none.Message, Does.Contain("Bearer"));
    }

    [Test]
    public async Task Only_the_configured_key_is_accepted_when_one_is_set()
    {
        Options.ApiKey = "secret";

        Assert.That((await Api.CallAsync("listProjects", "projects")).Status, Is.EqualTo(401));
        using var keyed = new SpecCheckedClient(Neon.CreateHttpClient());
        Assert.That((await keyed.CallAsync("listProjects", "projects")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task The_request_id_sent_is_echoed_in_the_error_body()
    {
        var response = await Api.CallAsync("getProject", "projects/no-such-project",
            configure: r => r.Headers.Add("X-Request-ID", "req-42"));

        Assert.That((string?)response.Body["request_id"], Is.EqualTo("req-42"));
        Assert.That(response.Headers.GetValues("X-Request-ID"), Is.EqualTo(new[] { "req-42" }));
    }

    [Test]
    public async Task Unknown_ids_are_404()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        var b = $"{p}/branches/{Id(created, "branch")}";

        var calls = new (string OperationId, string Uri, string Named)[]
        {
            ("getProject", "projects/no-such-project", "no-such-project"),
            ("getProjectBranch", $"{p}/branches/br-nope", "br-nope"),
            ("getProjectEndpoint", $"{p}/endpoints/ep-nope", "ep-nope"),
            ("getProjectOperation", $"{p}/operations/00000000-0000-4000-8000-000000000000", "00000000"),
            ("getProjectBranchDatabase", $"{b}/databases/nope", "nope"),
            ("getProjectBranchRole", $"{b}/roles/nope", "nope"),
            ("deleteProjectBranch", $"{p}/branches/br-nope", "br-nope"),
            ("startProjectEndpoint", "projects/no-such-project/endpoints/ep-nope/start", "no-such-project"),
        };
        foreach (var (operationId, uri, named) in calls)
        {
            var response = await Api.CallAsync(operationId, uri);
            Assert.That(response.Status, Is.EqualTo(404), $"{operationId}: {response}");
            Assert.That(response.Message, Does.Contain(named));
            Assert.That((string?)response.Body["code"], Is.EqualTo("NOT_FOUND"));
        }
    }

    [TestCase("{\"project\": ", "not valid JSON")]
    [TestCase("[1, 2]", "must be a JSON object")]
    [TestCase("", "request body is required")]
    [TestCase("{}", "missing required field 'project'")]
    [TestCase("{\"project\": []}", "field 'project' must be an object")]
    [TestCase("{\"project\": {\"name\": 5}}", "field 'project.name' must be a string")]
    [TestCase("{\"project\": {\"pg_version\": 11}}", "field 'project.pg_version' must be between 14 and 18")]
    [TestCase("{\"project\": {\"pg_version\": \"17\"}}", "field 'project.pg_version' must be an integer")]
    [TestCase("{\"project\": {\"store_passwords\": \"yes\"}}", "field 'project.store_passwords' must be a boolean")]
    [TestCase("{\"project\": {\"branch\": {\"name\": \"\"}}}", "field 'project.branch.name' must be between 1 and 256")]
    public async Task Invalid_project_bodies_are_400_saying_what_is_wrong(string body, string message)
    {
        var response = await Api.CallAsync("createProject", "projects", rawBody: body);

        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(response.Message, Does.Contain(message));
        Assert.That((string?)response.Body["code"], Is.EqualTo("BAD_REQUEST"));
    }

    [Test]
    public async Task Invalid_nested_bodies_name_the_field()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        var b = $"{p}/branches/{Id(created, "branch")}";

        var cases = new (string OperationId, string Uri, JsonNode Body, string Message)[]
        {
            ("createProjectBranchDatabase", $"{b}/databases", new JsonObject { ["database"] = new JsonObject { ["name"] = "x" } }, "missing required field 'database.owner_name'"),
            ("createProjectBranchRole", $"{b}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "x", ["no_login"] = 1 } }, "field 'role.no_login' must be a boolean"),
            ("createProjectEndpoint", $"{p}/endpoints", new JsonObject { ["endpoint"] = new JsonObject { ["branch_id"] = Id(created, "branch"), ["type"] = "read_many" } }, "field 'endpoint.type' must be one of"),
            ("createProjectEndpoint", $"{p}/endpoints", new JsonObject { ["endpoint"] = new JsonObject { ["type"] = "read_only" } }, "missing required field 'endpoint.branch_id'"),
            ("createProjectBranch", $"{p}/branches", new JsonObject { ["endpoints"] = new JsonArray(new JsonObject()) }, "missing required field 'endpoints[0].type'"),
            ("createProjectBranch", $"{p}/branches", new JsonObject { ["branch"] = new JsonObject { ["parent_timestamp"] = "yesterday" } }, "field 'branch.parent_timestamp' must be an RFC 3339 date-time"),
            ("restoreProjectBranch", $"{b}/restore", new JsonObject(), "missing required field 'source_branch_id'"),
            ("updateProjectEndpoint", $"{p}/endpoints/{Ids(created, "endpoints")[0]}", new JsonObject { ["endpoint"] = new JsonObject { ["autoscaling_limit_min_cu"] = 0.1 } }, "autoscaling_limit_min_cu"),
            ("createApiKey", "api_keys", new JsonObject { ["key_name"] = new string('k', 65) }, "key_name"),
        };
        foreach (var (operationId, uri, body, message) in cases)
        {
            var response = await Api.CallAsync(operationId, uri, body);
            Assert.That(response.Status, Is.EqualTo(400), $"{operationId}: {response}");
            Assert.That(response.Message, Does.Contain(message));
        }
    }

    [Test]
    public async Task Conflicting_changes_are_409()
    {
        var created = await CreateProjectAsync();
        var p = $"projects/{Id(created, "project")}";
        var main = $"{p}/branches/{Id(created, "branch")}";

        var cases = new (string OperationId, string Uri, JsonNode? Body, string Message)[]
        {
            ("deleteProjectBranch", main, null, "default branch"),
            ("createProjectBranch", $"{p}/branches", new JsonObject { ["branch"] = new JsonObject { ["name"] = "main" } }, "already exists"),
            ("createProjectBranchRole", $"{main}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "neondb_owner" } }, "already exists"),
            ("createProjectBranchDatabase", $"{main}/databases", new JsonObject { ["database"] = new JsonObject { ["name"] = "neondb", ["owner_name"] = "neondb_owner" } }, "already exists"),
            ("deleteProjectBranchRole", $"{main}/roles/neondb_owner", null, "owns database"),
            ("createProjectEndpoint", $"{p}/endpoints", new JsonObject { ["endpoint"] = new JsonObject { ["branch_id"] = Id(created, "branch"), ["type"] = "read_write" } }, "already has a read_write endpoint"),
        };
        foreach (var (operationId, uri, body, message) in cases)
        {
            var response = await Api.CallAsync(operationId, uri, body);
            Assert.That(response.Status, Is.EqualTo(409), $"{operationId}: {response}");
            Assert.That(response.Message, Does.Contain(message));
        }
    }
}
