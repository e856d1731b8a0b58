using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>The README's examples, compiled and run against canned responses so they stay correct.</summary>
public class ReadmeExamples
{
    [Test]
    public async Task First_example_runs()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("https://console.neon.tech/api/v2/projects?limit=10").Respond("application/json",
            """{"projects":[{"id":"shiny-wind-028834","name":"app","pg_version":17,"region_id":"aws-us-east-2"}],"pagination":{"cursor":"shiny-wind-028834"}}""");
        mock.When(HttpMethod.Post, "https://console.neon.tech/api/v2/projects/shiny-wind-028834/branches").Respond(HttpStatusCode.Created, "application/json",
            """{"branch":{"id":"br-a"},"endpoints":[],"operations":[{"id":"op-1","action":"create_branch","status":"running"}],"roles":[],"databases":[],"connection_uris":[]}""");
        using var neon = TestSupport.CreateClient(mock);
        var output = new System.IO.StringWriter();

        // --- README: First example (Console replaced by output) ---
        var projects = await neon.Project.ListProjectsAsync(limit: 10);
        foreach (var project in projects.Projects)
        {
            output.WriteLine($"{project.Id} {project.Name} (Postgres {project.PgVersion}, {project.RegionId})");
        }

        var created = await neon.Branch.CreateProjectBranchAsync(projects.Projects[0].Id, new CreateProjectBranchRequest
        {
            Branch = new BranchCreateRequestBranch { Name = "preview/pr-42" },
            Endpoints = [new BranchCreateRequestEndpointOptions { Type = EndpointType.ReadWrite }],
        });
        output.WriteLine($"created {created.Branch.Id}; operations: {string.Join(", ", created.Operations.Select(o => $"{o.Action} {o.Status}"))}");
        // --- end ---

        Assert.That(output.ToString(), Does.Contain("shiny-wind-028834 app (Postgres 17, aws-us-east-2)").And.Contain("created br-a; operations: create_branch running"));
    }

    [Test]
    public async Task Errors_example_runs()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("https://console.neon.tech/api/v2/projects/no-such-project").Respond(HttpStatusCode.NotFound, "application/json",
            """{"code":"NOT_FOUND","message":"project not found","request_id":"r-1"}""");
        using var neon = TestSupport.CreateClient(mock);
        string? line = null;

        // --- README: Errors ---
        try
        {
            await neon.Project.GetProjectAsync("no-such-project");
        }
        catch (NeonNotFoundException e)
        {
            line = $"{e.Status} {e.ErrorCode}: {e.ErrorMessage} (request {e.RequestId})";
        }
        // --- end ---

        Assert.That(line, Is.EqualTo("404 NOT_FOUND: project not found (request r-1)"));
    }
}
