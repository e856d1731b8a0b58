using System;
using System.Collections.Generic;
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
        var output = new System.IO.StringWriter();

        // --- README: Errors (Console replaced by output) ---
        try
        {
            await neon.Project.GetProjectAsync("no-such-project");
        }
        catch (NeonNotFoundException e)
        {
            output.WriteLine($"{e.Status} {e.ErrorCode}: {e.ErrorMessage} (request {e.RequestId})");
        }
        // --- end ---

        Assert.That(output.ToString().Trim(), Is.EqualTo("404 NOT_FOUND: project not found (request r-1)"));
    }

    [Test]
    public async Task Per_call_deadline_example_runs()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("https://console.neon.tech/api/v2/projects*").Respond("application/json", """{"projects":[],"pagination":{"cursor":""}}""");
        using var neon = TestSupport.CreateClient(mock);
        var ct = System.Threading.CancellationToken.None;

        // --- README: Per-call deadlines ---
        var quick = neon.WithTimeout(TimeSpan.FromSeconds(5));
        var projects = await quick.Project.ListProjectsAsync(cancellationToken: ct);
        // --- end ---

        Assert.That(projects.Projects, Is.Empty);
    }

    /// <summary>
    /// Every C# block of README.md appears, line by line and in order, in a test source file that compiles and runs it
    /// (with <c>Console</c> written as <c>output</c>); only the first example's two set-up lines, which need a real
    /// key, are exempt.
    /// </summary>
    [Test]
    public void Every_csharp_block_of_the_README_is_compiled_and_run_by_a_test()
    {
        var readme = System.IO.File.ReadAllText(System.IO.Path.Combine(TestSupport.RepositoryRoot, "README.md"));
        var blocks = System.Text.RegularExpressions.Regex.Matches(readme, "```csharp\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).ToList();
        string[] exempt = ["using Neon.Api;", "using var neon = new NeonClient(Environment.GetEnvironmentVariable(\"NEON_API_KEY\")!);"];
        var sources = System.IO.Directory.EnumerateFiles(System.IO.Path.Combine(TestSupport.RepositoryRoot, "tests"), "*.cs", System.IO.SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => System.IO.File.ReadAllLines(f).Select(Normalize).Where(l => l.Length > 0).ToList())
            .ToList();

        Assert.That(blocks, Has.Count.GreaterThan(5));
        var untested = blocks
            .Where(block =>
            {
                var lines = block.Split('\n').Select(Normalize).Where(l => l.Length > 0 && !exempt.Contains(l)).ToList();
                return !sources.Any(source => ContainsInOrder(source, lines));
            })
            .Select(block => block.Split('\n')[0])
            .ToList();

        Assert.That(untested, Is.Empty, "README examples that no test compiles (copy them between '// --- README: ...' markers)");
    }

    private static string Normalize(string line) => line.Trim().Replace("Console.WriteLine(", "output.WriteLine(", StringComparison.Ordinal);

    private static bool ContainsInOrder(List<string> source, List<string> lines)
    {
        var at = 0;
        foreach (var line in source)
        {
            if (at < lines.Count && line == lines[at])
            {
                at++;
            }
        }

        return at == lines.Count;
    }
}
