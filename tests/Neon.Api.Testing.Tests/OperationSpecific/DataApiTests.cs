using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Neon.Api.Testing.Tests.Support;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.Testing.Tests.OperationSpecific;

/// <summary>One Data API per database of a branch, configured by its settings, gone with its database.</summary>
[TestFixture(Transport.Handler)]
[TestFixture(Transport.Loopback)]
[OperationSpecific("createProjectBranchDataAPI", "getProjectBranchDataAPI", "updateProjectBranchDataAPI", "deleteProjectBranchDataAPI")]
public sealed class DataApiTests : ProjectTest
{
    public DataApiTests(Transport transport)
        : base(transport)
    {
    }

    [Test]
    public async Task A_data_api_is_created_configured_read_and_deleted()
    {
        var d = $"{B}/data-api/neondb";
        Assert.That((await Api.CallAsync("getProjectBranchDataAPI", d)).Status, Is.EqualTo(404));

        var made = await Api.ExpectAsync(201, "createProjectBranchDataAPI", d, new JsonObject
        {
            ["settings"] = new JsonObject { ["db_schemas"] = new JsonArray("public", "api") },
        });
        await Api.ExpectAsync(201, "updateProjectBranchDataAPI", d, new JsonObject { ["settings"] = new JsonObject { ["db_max_rows"] = 500 } });

        var read = await Api.ExpectAsync(200, "getProjectBranchDataAPI", d);
        Assert.That((string?)read["url"], Is.EqualTo((string?)made["url"]));
        Assert.That((string?)read["url"], Does.StartWith($"https://{Ids(Created, "endpoints")[0]}.apirest.").And.EndWith("/neondb/rest/v1"));
        Assert.That(((int?)read["settings"]!["db_max_rows"], (string?)read["settings"]!["db_anon_role"]), Is.EqualTo((500, "anonymous")), "updates merge into the defaults");
        Assert.That(read["available_schemas"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "public", "api" }));
        var again = await Api.CallAsync("createProjectBranchDataAPI", d, new JsonObject());
        Assert.That((again.Status, again.Message), Is.EqualTo((409, $"the Data API of database \"neondb\" already exists on branch {Main}")));

        await Api.ExpectAsync(200, "deleteProjectBranchDataAPI", d);
        Assert.That((await Api.CallAsync("getProjectBranchDataAPI", d)).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Requests_are_validated_and_the_data_api_goes_with_its_database()
    {
        foreach (var (body, message) in new[]
        {
            (new JsonObject { ["auth_provider"] = "external" }, "field 'jwks_url' is required when 'auth_provider' is external"),
            (new JsonObject { ["auth_provider"] = "external", ["jwks_url"] = "not a url" }, "field 'jwks_url' must be an absolute http(s) URL, got 'not a url'"),
            (new JsonObject { ["settings"] = new JsonObject { ["openapi_mode"] = "on" } }, "field 'settings.openapi_mode' must be one of: ignore-privileges, disabled"),
            (new JsonObject { ["settings"] = new JsonObject { ["db_schemas"] = new JsonArray(1) } }, "field 'settings.db_schemas[0]' must be a string"),
        })
        {
            var refused = await Api.CallAsync("createProjectBranchDataAPI", $"{B}/data-api/neondb", body);
            Assert.That((refused.Status, refused.Message), Is.EqualTo((400, message)));
        }

        Assert.That((await Api.CallAsync("createProjectBranchDataAPI", $"{B}/data-api/nodb", new JsonObject())).Status, Is.EqualTo(404));
        await Api.ExpectAsync(201, "createProjectBranchDataAPI", $"{B}/data-api/neondb", new JsonObject());
        await Api.ExpectAsync(200, "deleteProjectBranchDatabase", $"{B}/databases/neondb");
        FinishOperations();
        await Api.ExpectAsync(201, "createProjectBranchDatabase", $"{B}/databases", new JsonObject
        {
            ["database"] = new JsonObject { ["name"] = "neondb", ["owner_name"] = "neondb_owner" },
        });
        FinishOperations();

        Assert.That((await Api.CallAsync("getProjectBranchDataAPI", $"{B}/data-api/neondb")).Status, Is.EqualTo(404), "a new database of the same name has none");
    }
}
