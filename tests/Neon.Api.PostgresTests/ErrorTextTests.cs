using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.Testing;
using Neon.Api.Testing.Internal.Postgres;
using NUnit.Framework;

namespace Neon.Api.PostgresTests;

/// <summary>When PostgreSQL refuses something, the error says what and never shows a password.</summary>
public sealed class ErrorTextTests
{
    [Test]
    public void A_failing_program_is_reported_with_its_output_and_the_secrets_masked()
    {
        PostgresRequirement.Check();
        var tools = PgTools.Create(new FakeNeonPostgresOptions());

        var failure = Assert.Throws<FakeNeonPostgresException>(() => tools.Run(
            "/bin/sh", ["-c", "echo \"ERROR: could not set password npg_Secret123\" >&2; exit 3"], secrets: ["npg_Secret123"]));

        Assert.That(failure!.Message, Does.Contain("exit code 3").And.Contain("could not set password ****"));
        Assert.That(failure.Message, Does.Not.Contain("npg_Secret123"));
    }

    [Test]
    [TestShared.OperationSpecific("createProjectBranchRole")]
    public async Task A_role_name_PostgreSQL_reserves_is_answered_with_its_reason()
    {
        await using var neon = await PostgresNeon.StartAsync();
        var (projectId, branchId, _) = await neon.CreateProjectAsync();

        var failure = await Assert.ThrowsAsync<NeonServerException>(() => neon.Client.Branch.CreateProjectBranchRoleAsync(
            projectId, branchId, new RoleCreateRequest { Role = new RoleCreateRequestRole { Name = "pg_app" } }));

        Assert.That(failure!.Message, Does.Contain("role name \"pg_app\" is reserved"));
        Assert.That(failure.Message, Does.Not.Contain("npg_"), "the generated password is not in the error");
        var roles = await neon.Client.Branch.ListProjectBranchRolesAsync(projectId, branchId);
        Assert.That(roles.Roles, Has.None.Matches<Role>(r => r!.Name == "pg_app"), "a role PostgreSQL refused is not listed either");
    }
}
