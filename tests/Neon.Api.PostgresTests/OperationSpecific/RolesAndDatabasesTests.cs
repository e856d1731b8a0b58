using System;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.PostgresTests.OperationSpecific;

/// <summary>Roles and databases the API creates, changes and deletes exist as such in the branch's PostgreSQL.</summary>
[OperationSpecific(
    "createProjectBranchRole", "resetProjectBranchRolePassword", "deleteProjectBranchRole",
    "createProjectBranchDatabase", "updateProjectBranchDatabase", "deleteProjectBranchDatabase", "getConnectionURI")]
public sealed class RolesAndDatabasesTests : PostgresFixture
{
    [Test]
    public async Task A_role_logs_in_with_its_password_until_reset_and_is_gone_once_deleted()
    {
        var (projectId, branchId, _) = await Neon.CreateProjectAsync();
        var role = await Neon.Client.Branch.CreateProjectBranchRoleAsync(
            projectId, branchId, new RoleCreateRequest { Role = new RoleCreateRequestRole { Name = "reporter" } })
            .WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        var uri = (await Neon.Client.Project.GetConnectionURIAsync(projectId, "neondb", "reporter")).Uri;
        Assert.That(uri, Does.Contain(Uri.EscapeDataString(role.Role.Password!)));
        Assert.That(await PostgresNeon.ScalarAsync<string>(uri, "select current_user"), Is.EqualTo("reporter"));

        await Neon.Client.Branch.ResetProjectBranchRolePasswordAsync(projectId, branchId, "reporter").WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        await PostgresNeon.AssertRejectedAsync(uri, "28P01", "the old password no longer logs in after a reset");
        var newUri = (await Neon.Client.Project.GetConnectionURIAsync(projectId, "neondb", "reporter")).Uri;
        Assert.That(newUri, Is.Not.EqualTo(uri));
        Assert.That(await PostgresNeon.ScalarAsync<string>(newUri, "select current_user"), Is.EqualTo("reporter"), "the new password logs in");

        await PostgresNeon.ExecuteAsync(newUri, "create table reporter_notes (id int)");
        await Neon.Client.Branch.DeleteProjectBranchRoleAsync(projectId, branchId, "reporter").WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        await PostgresNeon.AssertRejectedAsync(newUri, "28P01", "a deleted role cannot log in (PostgreSQL answers as for a wrong password)");
    }

    [Test]
    public async Task A_database_is_created_owned_renamed_and_dropped()
    {
        var (projectId, branchId, ownerUri) = await Neon.CreateProjectAsync();
        await Neon.Client.Branch.CreateProjectBranchDatabaseAsync(
            projectId, branchId, new DatabaseCreateRequest { Database = new DatabaseCreateRequestDatabase { Name = "shop", OwnerName = "neondb_owner" } })
            .WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        var shopUri = (await Neon.Client.Project.GetConnectionURIAsync(projectId, "shop", "neondb_owner")).Uri;
        Assert.That(await PostgresNeon.ScalarAsync<string>(shopUri, "select current_database()"), Is.EqualTo("shop"));
        await PostgresNeon.ExecuteAsync(shopUri, "create table orders (id int); insert into orders values (7)");

        await Neon.Client.Branch.UpdateProjectBranchDatabaseAsync(
            projectId, branchId, "shop", new DatabaseUpdateRequest { Database = new DatabaseUpdateRequestDatabase { Name = "store" } })
            .WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        var storeUri = (await Neon.Client.Project.GetConnectionURIAsync(projectId, "store", "neondb_owner")).Uri;
        Assert.That(await PostgresNeon.ScalarAsync<int>(storeUri, "select id from orders"), Is.EqualTo(7), "the renamed database keeps its data");
        await PostgresNeon.AssertRejectedAsync(shopUri, "3D000", "the old name is gone");

        await Neon.Client.Branch.DeleteProjectBranchDatabaseAsync(projectId, branchId, "store").WaitForOperationsAsync(Neon.Client, PostgresNeon.Wait);
        await PostgresNeon.AssertRejectedAsync(storeUri, "3D000", "the deleted database is gone");
        Assert.That(await PostgresNeon.ScalarAsync<string>(ownerUri, "select current_database()"), Is.EqualTo("neondb"), "the other database stays");
    }
}
