using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;
using static Neon.Api.Testing.Tests.OperationSpecific.BranchFeatureRouteTests;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>Functions come with their first deployment, build on the clock, and are inherited by child branches.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific(
    "listProjectBranchFunctions", "getProjectBranchFunction", "updateProjectBranchFunction", "deleteProjectBranchFunction",
    "createProjectBranchFunctionDeployment")]
public sealed class FunctionTests : ProjectTest
{
    public FunctionTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task A_deployment_creates_the_function_and_builds_as_the_clock_moves()
    {
        var deployed = await DeployAsync("hello", EmptyZip, environment: """{"B":"2","A":"1"}""");
        Assert.That(((int?)deployed["deployment"]!["id"], (string?)deployed["deployment"]!["status"]), Is.EqualTo((1, "pending")));
        Assert.That(deployed["deployment"]!["environment"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { "A", "B" }), "names only, sorted");
        Assert.That(deployed.ToJsonString(), Does.Not.Contain("\"1\"").And.Not.Contain("\"2\""), "values are write-only");

        var function = (await Api.ExpectAsync(200, "getProjectBranchFunction", $"{B}/functions/hello"))["function"]!;
        Assert.That((string?)function["name"], Is.EqualTo("hello"), "the name falls back to the slug");
        Assert.That((string?)function["invocation_url"], Does.StartWith($"https://{B.Split('/')[^1]}-hello.").And.EndWith("/"));
        Assert.That(function["active_deployment"], Is.Null, "not built yet");

        FinishOperations();

        function = (await Api.ExpectAsync(200, "getProjectBranchFunction", $"{B}/functions/hello"))["function"]!;
        Assert.That((string?)function["active_deployment"]!["status"], Is.EqualTo("completed"));
    }

    [Test]
    public async Task Later_deployments_inherit_what_they_omit_and_a_failed_build_keeps_the_last_active_one()
    {
        await DeployAsync("api", EmptyZip, environment: """{"KEY":"v","OLD":"x"}""");
        FinishOperations();

        var configOnly = await DeployAsync("api", environment: """{"OLD":"","NEW":"y"}""");
        Assert.That(((int?)configOnly["deployment"]!["id"], (string?)configOnly["deployment"]!["runtime"]), Is.EqualTo((2, "nodejs24")));
        Assert.That(configOnly["deployment"]!["environment"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { "KEY", "NEW" }), "an empty value removes a variable");
        FinishOperations();

        await DeployAsync("api", [1, 2, 3]);
        FinishOperations();

        var function = (await Api.ExpectAsync(200, "getProjectBranchFunction", $"{B}/functions/api"))["function"]!;
        Assert.That(((int?)function["current_deployment"]!["id"], (string?)function["current_deployment"]!["status"]), Is.EqualTo((3, "failed")));
        Assert.That((string?)function["current_deployment"]!["error"], Does.Contain("not a ZIP archive"));
        Assert.That((int?)function["active_deployment"]!["id"], Is.EqualTo(2));
    }

    [Test]
    public async Task Bad_deployments_are_refused_naming_what_to_fix()
    {
        var cases = new (string Slug, System.Action<System.Net.Http.HttpRequestMessage> Request, string Message)[]
        {
            ("first", Deployment(runtime: "nodejs24"), "the first deployment of function 'first' must include 'zip'"),
            ("x", Deployment(EmptyZip, runtime: "python3"), "field 'runtime' must be one of: nodejs24"),
            ("x", Deployment(EmptyZip, environment: "[1]"), "field 'environment' must be a JSON object"),
            ("x", Deployment(), "supply at least one of the fields 'zip', 'runtime' and 'environment'"),
            ("Not_A_Label", Deployment(EmptyZip), "slug 'Not_A_Label' must be a lowercase DNS label"),
        };
        foreach (var (slug, request, message) in cases)
        {
            var refused = await Api.CallAsync("createProjectBranchFunctionDeployment", $"{B}/functions/{slug}/deployments", configure: request);
            Assert.That(refused.Status, Is.EqualTo(400), refused.ToString());
            Assert.That(refused.Message, Does.StartWith(message));
        }

        var json = await Api.CallAsync("createProjectBranchFunctionDeployment", $"{B}/functions/x/deployments", new JsonObject());
        Assert.That(json.Message, Does.StartWith("request body must be multipart/form-data"));
        Assert.That((await Api.ExpectAsync(200, "listProjectBranchFunctions", $"{B}/functions"))["functions"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Functions_are_renamed_listed_in_pages_and_deleted()
    {
        foreach (var slug in new[] { "c", "a", "b" })
        {
            await DeployAsync(slug, EmptyZip);
        }

        await Api.ExpectAsync(200, "updateProjectBranchFunction", $"{B}/functions/a", new JsonObject { ["name"] = "  Alpha  " });
        var first = await Api.ExpectAsync(200, "listProjectBranchFunctions", $"{B}/functions?limit=2");
        Assert.That(first["functions"]!.AsArray().Select(f => ((string?)f!["slug"], (string?)f["name"])), Is.EqualTo(new[] { ("a", "Alpha"), ("b", "b") }));
        var next = (string)first["pagination"]!["next"]!;
        var second = await Api.ExpectAsync(200, "listProjectBranchFunctions", $"{B}/functions?limit=2&cursor={next}");
        Assert.That(second["functions"]!.AsArray().Select(f => (string?)f!["slug"]), Is.EqualTo(new[] { "c" }));
        Assert.That(second["pagination"]!["next"], Is.Null);

        var cleared = await Api.ExpectAsync(200, "updateProjectBranchFunction", $"{B}/functions/a", new JsonObject { ["name"] = null });
        Assert.That((string?)cleared["function"]!["name"], Is.EqualTo("a"));
        Assert.That((await Api.CallAsync("updateProjectBranchFunction", $"{B}/functions/a", new JsonObject { ["name"] = "   " })).Message, Is.EqualTo("field 'name' must not be blank"));
        Assert.That((await Api.CallAsync("updateProjectBranchFunction", $"{B}/functions/a", new JsonObject())).Status, Is.EqualTo(400));

        await Api.ExpectAsync(204, "deleteProjectBranchFunction", $"{B}/functions/a");
        Assert.That((await Api.CallAsync("deleteProjectBranchFunction", $"{B}/functions/a")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task A_child_branch_inherits_functions_it_can_deploy_to_but_not_rename_or_delete()
    {
        await DeployAsync("shared", EmptyZip);
        var child = await Api.ExpectAsync(201, "createProjectBranch", $"{P}/branches", null);
        FinishOperations();
        var c = $"{P}/branches/{Id(child, "branch")}";

        var inherited = (await Api.ExpectAsync(200, "getProjectBranchFunction", $"{c}/functions/shared"))["function"]!;
        Assert.That((string?)inherited["invocation_url"], Does.StartWith($"https://{Id(child, "branch")}-shared."), "the child's own host");
        var rename = await Api.CallAsync("updateProjectBranchFunction", $"{c}/functions/shared", new JsonObject { ["name"] = "mine" });
        Assert.That(rename.Status, Is.EqualTo(404));
        Assert.That(rename.Message, Does.Contain("inherited from an ancestor branch"));
        Assert.That((await Api.CallAsync("deleteProjectBranchFunction", $"{c}/functions/shared")).Status, Is.EqualTo(404));

        var deployed = await Api.CallAsync("createProjectBranchFunctionDeployment", $"{c}/functions/shared/deployments", configure: Deployment(environment: """{"K":"v"}"""));
        Assert.That((int?)deployed.Body["deployment"]!["id"], Is.EqualTo(2));
        await Api.ExpectAsync(200, "updateProjectBranchFunction", $"{c}/functions/shared", new JsonObject { ["name"] = "mine" });
        var parents = (await Api.ExpectAsync(200, "getProjectBranchFunction", $"{B}/functions/shared"))["function"]!;
        Assert.That(((string?)parents["name"], (int?)parents["current_deployment"]!["id"]), Is.EqualTo(("shared", 1)), "the parent's function is unchanged");
    }

    private async Task<JsonNode> DeployAsync(string slug, byte[]? zip = null, string? environment = null)
    {
        var response = await Api.CallAsync("createProjectBranchFunctionDeployment", $"{B}/functions/{slug}/deployments", configure: Deployment(zip, environment: environment));
        Assert.That(response.Status, Is.EqualTo(201), response.ToString());
        return response.Body;
    }
}
