using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.PostgresTests.OperationSpecific;

/// <summary>A suspended endpoint refuses connections; started again, it serves the same data on the same URI.</summary>
[OperationSpecific("suspendProjectEndpoint", "startProjectEndpoint", "getConnectionURI")]
public sealed class EndpointStateTests
{
    [Test]
    public async Task Suspend_refuses_connections_and_start_serves_the_same_data_again()
    {
        await using var neon = await PostgresNeon.StartAsync();
        var (projectId, mainId, uri) = await neon.CreateProjectAsync();
        await PostgresNeon.ExecuteAsync(uri, "create table items (name text primary key); insert into items values ('kept')");
        var endpointId = (await neon.Client.Branch.ListProjectBranchEndpointsAsync(projectId, mainId)).Endpoints[0].Id;

        await neon.Client.Endpoint.SuspendProjectEndpointAsync(projectId, endpointId).WaitForOperationsAsync(neon.Client, PostgresNeon.Wait);
        await PostgresNeon.AssertRefusedAsync(uri, "a suspended endpoint refuses connections");

        await neon.Client.Endpoint.StartProjectEndpointAsync(projectId, endpointId).WaitForOperationsAsync(neon.Client, PostgresNeon.Wait);
        Assert.That(await PostgresNeon.ItemsAsync(uri), Is.EqualTo("kept"), "started again: same URI, same data");
    }

    [Test]
    public async Task A_branch_without_an_endpoint_runs_no_server_but_its_data_is_copied_to_children()
    {
        await using var neon = await PostgresNeon.StartAsync();
        var (projectId, mainId, uri) = await neon.CreateProjectAsync();
        await PostgresNeon.ExecuteAsync(uri, "create table items (name text primary key); insert into items values ('x')");
        var bare = await neon.Client.Branch.CreateProjectBranchAsync(projectId, new CreateProjectBranchRequest { Branch = new BranchCreateRequestBranch { ParentId = mainId } })
            .WaitForOperationsAsync(neon.Client, PostgresNeon.Wait);
        Assert.That(bare.Endpoints, Is.Empty);

        var (_, _, grandchildUri) = await neon.CreateChildAsync(projectId, bare.Branch.Id);

        Assert.That(await PostgresNeon.ItemsAsync(grandchildUri), Is.EqualTo("x"), "copied from the stopped branch's files");
    }
}
