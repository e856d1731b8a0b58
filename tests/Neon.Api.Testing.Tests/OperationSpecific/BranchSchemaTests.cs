using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>A branch database's schema dump, and its difference from another branch's.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("getProjectBranchSchema", "getProjectBranchSchemaComparison")]
public sealed class BranchSchemaTests : ProjectTest
{
    public BranchSchemaTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task The_schema_is_deterministic_and_a_child_differs_from_its_parent_only_after_a_change()
    {
        var child = Id(await Api.ExpectAsync(201, "createProjectBranch", $"{P}/branches", null), "branch");
        FinishOperations();
        var c = $"{P}/branches/{child}";

        var parentSql = (string?)(await Api.ExpectAsync(200, "getProjectBranchSchema", $"{B}/schema?db_name=neondb"))["sql"];
        var childSql = (string?)(await Api.ExpectAsync(200, "getProjectBranchSchema", $"{c}/schema?db_name=neondb&format=sql"))["sql"];
        Assert.That(childSql, Is.EqualTo(parentSql).And.Contain("ALTER SCHEMA public OWNER TO \"neondb_owner\";"));
        Assert.That((string?)(await Api.ExpectAsync(200, "getProjectBranchSchemaComparison", $"{c}/compare_schema?db_name=neondb"))["diff"], Is.Empty);

        await Api.ExpectAsync(201, "createProjectBranchRole", $"{c}/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = "app" } });
        FinishOperations();
        await Api.ExpectAsync(200, "updateProjectBranchDatabase", $"{c}/databases/neondb", new JsonObject { ["database"] = new JsonObject { ["owner_name"] = "app" } });
        FinishOperations();

        var diff = (string)(await Api.ExpectAsync(200, "getProjectBranchSchemaComparison", $"{c}/compare_schema?db_name=neondb"))["diff"]!;
        Assert.That(diff, Does.StartWith("--- a/neondb\n+++ b/neondb\n@@ "));
        Assert.That(diff, Does.Contain("\n-ALTER SCHEMA public OWNER TO \"neondb_owner\";\n+ALTER SCHEMA public OWNER TO \"app\";\n"));
        Assert.That(diff, Does.Contain("\n SET statement_timeout = 0;\n"), "unchanged lines are context");
    }

    [Test]
    public async Task Bad_schema_requests_are_refused()
    {
        var cases = new (string Operation, string Uri, int Status, string Message)[]
        {
            ("getProjectBranchSchema", $"{B}/schema", 400, "missing required query parameter 'db_name'"),
            ("getProjectBranchSchema", $"{B}/schema?db_name=other", 404, $"database \"other\" not found on branch {Main}"),
            ("getProjectBranchSchema", $"{B}/schema?db_name=neondb&format=yaml", 400, "query parameter 'format' must be one of: sql, json; got 'yaml'"),
            ("getProjectBranchSchema", $"{B}/schema?db_name=neondb&lsn=0/1&timestamp=2026-01-01T00:00:00Z", 400, "specify at most one of 'lsn' and 'timestamp'"),
            ("getProjectBranchSchemaComparison", $"{B}/compare_schema?db_name=neondb", 400, $"branch {Main} has no parent: set 'base_branch_id'"),
        };
        foreach (var (operation, uri, status, message) in cases)
        {
            var refused = await Api.CallAsync(operation, uri);
            Assert.That((refused.Status, refused.Message), Is.EqualTo((status, message)), uri);
        }
    }
}
