using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Neon.Api.TestShared;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests.OperationSpecific;

/// <summary>
/// For a representative operation of every spec tag: the exact method, URL (path and query), JSON body property
/// names and headers the client sends.
/// </summary>
/// <remarks>
/// Operations that every published spec has are called the typed way; those that only some have are
/// called by operationId (<see cref="ClientOperations"/>), so this file compiles with any of them, and their cases fail
/// naming the operation when the vendored spec lacks it.
/// </remarks>
[OperationSpecific]
public class RequestShapeTests
{
    private const string Base = "https://console.neon.tech/api/v2/";

    public sealed record RequestCase(string Tag, string OperationId, Func<NeonClient, Task> Call, string Method, string Url, string? Body);

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Make("Branch", "createProjectBranch", c => c.Branch.CreateProjectBranchAsync("proj-1", new CreateProjectBranchRequest
        {
            Branch = new BranchCreateRequestBranch { ParentId = "br-parent", Name = "preview/pr-42" },
            Endpoints = [new BranchCreateRequestEndpointOptions { Type = EndpointType.ReadWrite, AutoscalingLimitMinCu = 0.25 }],
        }),
            "POST", Base + "projects/proj-1/branches", """{"branch":{"parent_id":"br-parent","name":"preview/pr-42"},"endpoints":[{"type":"read_write","autoscaling_limit_min_cu":0.25}]}""");
        yield return Make("Endpoint", "createProjectEndpoint", c => c.Endpoint.CreateProjectEndpointAsync("proj-1", new EndpointCreateRequest { Endpoint = new EndpointCreateRequestEndpoint { BranchId = "br-1", Type = EndpointType.ReadOnly } }),
            "POST", Base + "projects/proj-1/endpoints", """{"endpoint":{"branch_id":"br-1","type":"read_only"}}""");
        yield return Make("Operation", "getProjectOperation", c => c.Operation.GetProjectOperationAsync("proj-1", "op/with space"),
            "GET", Base + "projects/proj-1/operations/op%2Fwith%20space", null);
        yield return Make("API Key", "createApiKey", c => c.ApiKey.CreateApiKeyAsync(new ApiKeyCreateRequest { KeyName = "ci" }),
            "POST", Base + "api_keys", """{"key_name":"ci"}""");
        yield return Make("Consumption", "getConsumptionHistoryPerProject", c => c.Consumption.GetConsumptionHistoryPerProjectAsync(
                new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 6, 30, 17, 30, 0, TimeSpan.FromHours(2)),
                ConsumptionHistoryGranularity.Daily,
                limit: 10,
                projectIds: ["p-1", "p-2"],
                metrics: ["compute_unit_seconds"]),
            "GET", Base + "consumption_history/projects?from=2026-06-01T00%3A00%3A00Z&to=2026-06-30T15%3A30%3A00Z&granularity=daily&limit=10&project_ids=p-1&project_ids=p-2&metrics=compute_unit_seconds", null);
        yield return Make("Users", "getCurrentUserInfo", c => c.Users.GetCurrentUserInfoAsync(),
            "GET", Base + "users/me", null);

        // Older specs lack some of these parameters.
        yield return ByOperationId("Project", "listProjects", new { cursor = "c1", limit = 50, search = "my app", orgId = "org-1", timeout = 500, recoverable = true },
            "GET", Base + "projects?cursor=c1&limit=50&search=my%20app&org_id=org-1&timeout=500&recoverable=true", null);
        yield return ByOperationId("Organizations", "getOrganizationMembers", new { orgId = "org-1", sortBy = "joined_at", sortOrder = "asc", cursor = "m-9", limit = 5 },
            "GET", Base + "organizations/org-1/members?sort_by=joined_at&cursor=m-9&sort_order=asc&limit=5", null);
        yield return ByOperationId("Region", "getActiveRegions", new { orgId = "org-1" },
            "GET", Base + "regions?org_id=org-1", null);

        // Older specs tag it "Auth", newer ones "Auth (legacy)".
        yield return ByOperationId("Auth (legacy)", "listNeonAuthIntegrations", new { projectId = "proj-1" },
            "GET", Base + "projects/proj-1/auth/integrations", null);
        yield return ByOperationId("Auth", "getNeonAuth", new { projectId = "proj-1", branchId = "br-1" },
            "GET", Base + "projects/proj-1/branches/br-1/auth", null);
        yield return ByOperationId("DataAPI", "createProjectBranchDataAPI", new { projectId = "proj-1", branchId = "br-1", databaseName = "neondb", body = new { } },
            "POST", Base + "projects/proj-1/branches/br-1/data-api/neondb", "{}");
        yield return ByOperationId("Snapshot", "createSnapshot", new { projectId = "proj-1", branchId = "br-1", name = "before-migration", timestamp = "2026-06-01T00:00:00Z" },
            "POST", Base + "projects/proj-1/branches/br-1/snapshot?timestamp=2026-06-01T00%3A00%3A00Z&name=before-migration", null);
        yield return ByOperationId("Buckets", "createProjectBranchBucket", new { projectId = "proj-1", branchId = "br-1", body = new { name = "assets", access_level = "public_read" } },
            "POST", Base + "projects/proj-1/branches/br-1/buckets", """{"name":"assets","access_level":"public_read"}""");
        yield return ByOperationId("Functions", "listProjectBranchFunctions", new { projectId = "proj-1", branchId = "br-1", cursor = "f-1", limit = 100 },
            "GET", Base + "projects/proj-1/branches/br-1/functions?cursor=f-1&limit=100", null);
        yield return ByOperationId("Storage", "getProjectBranchStorage", new { projectId = "proj-1", branchId = "br-1" },
            "GET", Base + "projects/proj-1/branches/br-1/storage", null);
        yield return ByOperationId("AI Gateway", "getProjectBranchAiGateway", new { projectId = "proj-1", branchId = "br-1" },
            "GET", Base + "projects/proj-1/branches/br-1/ai_gateway", null);
        yield return ByOperationId("Credentials", "createCredential", new { projectId = "proj-1", branchId = "br-1", body = new { name = "reader" } },
            "POST", Base + "projects/proj-1/branches/br-1/credentials", """{"name":"reader"}""");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Sends_the_exact_request(RequestCase testCase)
    {
        VendoredSpec.Require(testCase.OperationId);
        HttpRequestMessage? seen = null;
        string? body = null;
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(async request =>
        {
            seen = request;
            body = await TestSupport.ReadBodyAsync(request);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        });
        using var client = TestSupport.CreateClient(mock);

        await testCase.Call(client);

        Assert.That(seen, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(seen!.Method.Method, Is.EqualTo(testCase.Method));
            Assert.That(seen.RequestUri!.AbsoluteUri, Is.EqualTo(testCase.Url));
            Assert.That(seen.Headers.Authorization?.ToString(), Is.EqualTo("Bearer " + TestSupport.ApiKey));
            Assert.That(seen.Headers.Accept.ToString(), Is.EqualTo("application/json"));
            Assert.That(string.Join(" ", seen.Headers.GetValues("User-Agent")), Does.StartWith("neon-api-dotnet/"));
            Assert.That(seen.Headers.GetValues("X-Request-ID").Single(), Has.Length.EqualTo(32));
            if (testCase.Body is null)
            {
                Assert.That(body, Is.Empty);
            }
            else
            {
                Assert.That(seen.Content!.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
                Assert.That(JToken.DeepEquals(JToken.Parse(body!), JToken.Parse(testCase.Body)), Is.True, $"body was {body}");
            }
        });
    }

    [Test]
    public void Every_spec_tag_has_a_request_case()
    {
        // A case counts for the tag its operation carries in the vendored spec (Neon re-tags operations).
        var tags = TestSupport.GeneratedOperations.Values.Select(o => o.Attribute.Tag).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        var covered = Cases().Select(c => ((RequestCase)c.Arguments[0]!).OperationId)
            .Where(TestSupport.GeneratedOperations.ContainsKey)
            .Select(id => TestSupport.GeneratedOperations[id].Attribute.Tag)
            .ToHashSet(StringComparer.Ordinal);
        Assert.That(tags.Where(t => !covered.Contains(t)), Is.Empty, "spec tags without a request case: add one above");
    }

    [Test]
    [OperationSpecific("createProjectBranchFunctionDeployment")]
    public async Task Multipart_upload_sends_the_file_and_fields()
    {
        string? contentType = null;
        string body = string.Empty;
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, Base + "projects/p/branches/b/functions/hello/deployments").Respond(async request =>
        {
            contentType = request.Content!.Headers.ContentType!.MediaType;
            body = await request.Content.ReadAsStringAsync();
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{}") };
        });
        using var client = TestSupport.CreateClient(mock);

        await ClientOperations.CallAsync(client, "createProjectBranchFunctionDeployment", new
        {
            projectId = "p",
            branchId = "b",
            slug = "hello",
            zip = new NeonFileUpload("PK-zip-bytes"u8.ToArray(), "fn.zip", "application/zip"),
            runtime = "nodejs24",
        });

        mock.VerifyNoOutstandingExpectation();
        Assert.That(contentType, Is.EqualTo("multipart/form-data"));
        Assert.That(body, Does.Contain("name=zip").And.Contain("filename=fn.zip").And.Contain("PK-zip-bytes").And.Contain("name=runtime"));
    }

    private static TestCaseData Make(string tag, string operationId, Func<NeonClient, Task> call, string method, string url, string? body) =>
        new TestCaseData(new RequestCase(tag, operationId, call, method, url, body)).SetName($"Sends_the_exact_request({tag}, {operationId})");

    private static TestCaseData ByOperationId(string tag, string operationId, object arguments, string method, string url, string? body) =>
        Make(tag, operationId, c => ClientOperations.CallAsync(c, operationId, arguments), method, url, body);
}
