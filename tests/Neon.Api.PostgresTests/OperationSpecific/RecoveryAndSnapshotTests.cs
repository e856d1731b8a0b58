using System.Linq;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.PostgresTests.OperationSpecific;

/// <summary>The data of a deleted branch comes back with it; a snapshot keeps the data as it was when taken.</summary>
[OperationSpecific("deleteProjectBranch", "recoverProjectBranch", "startProjectEndpoint", "createSnapshot", "restoreSnapshot", "getConnectionURI")]
public sealed class RecoveryAndSnapshotTests : PostgresFixture
{
    [Test]
    public async Task A_recovered_branch_serves_its_data_again_once_its_endpoint_starts()
    {
        var (projectId, mainId, uri) = await Neon.CreateProjectAsync();
        await PostgresNeon.ExecuteAsync(uri, "create table items (name text primary key); insert into items values ('a')");
        var (childId, endpointId, childUri) = await Neon.CreateChildAsync(projectId, mainId);
        await PostgresNeon.ExecuteAsync(childUri, "insert into items values ('child')");

        await Neon.Client.Branch.DeleteProjectBranchAsync(projectId, childId).WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        await PostgresNeon.AssertRefusedAsync(childUri, "a deleted branch serves nothing");
        await Neon.Client.Branch.RecoverProjectBranchAsync(projectId, childId);
        await Neon.Client.Endpoint.StartProjectEndpointAsync(projectId, endpointId).WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);

        Assert.That(await PostgresNeon.ItemsAsync(childUri), Is.EqualTo("a, child"), "the recovered branch has its own data back");
    }

    [Test]
    public async Task A_snapshot_restores_the_data_as_it_was_when_taken()
    {
        var (projectId, mainId, uri) = await Neon.CreateProjectAsync();
        await PostgresNeon.ExecuteAsync(uri, "create table items (name text primary key); insert into items values ('before')");
        var snapshot = await Neon.Client.Snapshot.CreateSnapshotAsync(projectId, mainId);
        await snapshot.WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        await PostgresNeon.ExecuteAsync(uri, "insert into items values ('after')");

        var restored = await Neon.Client.Snapshot.RestoreSnapshotAsync(projectId, snapshot.Snapshot.Id, body: new RestoreSnapshotRequest { Name = "from-snapshot" });
        await restored.WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        var endpoint = await Neon.Client.Endpoint.CreateProjectEndpointAsync(projectId, new EndpointCreateRequest
        {
            Endpoint = new EndpointCreateRequestEndpoint { BranchId = restored.Branch.Id, Type = EndpointType.ReadWrite },
        }).WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        var restoredUri = (await Neon.Client.Project.GetConnectionURIAsync(projectId, "neondb", "neondb_owner", branchId: restored.Branch.Id)).Uri;

        Assert.That(endpoint.Endpoint.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(await PostgresNeon.ItemsAsync(restoredUri), Is.EqualTo("before"), "the snapshot's data, without the later row");
        Assert.That(await PostgresNeon.ItemsAsync(uri), Is.EqualTo("after, before"), "the source branch is untouched");
    }
}
