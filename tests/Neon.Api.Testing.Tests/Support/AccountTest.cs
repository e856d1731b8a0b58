using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Neon.Api.Testing.Tests.Support;

/// <summary>Base of the account-level behaviour tests: the user's default organization and projects created in one.</summary>
public abstract class AccountTest : EmulatorTest
{
    protected AccountTest(Transport transport)
        : base(transport)
    {
    }

    /// <summary>The id of the organization the emulator seeds for the current user.</summary>
    protected async Task<string> DefaultOrgAsync()
    {
        var orgs = await Api.ExpectAsync(200, "getCurrentUserOrganizations", "users/me/organizations");
        return Ids(orgs, "organizations").First();
    }

    /// <summary>Creates a project owned by an organization (or the personal account when null) and lets its operations finish.</summary>
    protected async Task<string> CreateProjectInAsync(string? orgId, string name, int? pgVersion = null, string? regionId = null)
    {
        var project = new JsonObject { ["name"] = name };
        if (orgId is not null)
        {
            project["org_id"] = orgId;
        }

        if (pgVersion is not null)
        {
            project["pg_version"] = pgVersion;
        }

        if (regionId is not null)
        {
            project["region_id"] = regionId;
        }

        var created = await Api.ExpectAsync(201, "createProject", "projects", new JsonObject { ["project"] = project });
        FinishOperations();
        return Id(created, "project");
    }

    /// <summary>The ids of the projects <c>listProjects</c> shows for an organization.</summary>
    protected async Task<string[]> ProjectsOfAsync(string orgId) =>
        Ids(await Api.ExpectAsync(200, "listProjects", $"projects?limit=400&org_id={orgId}"), "projects");

    protected static JsonObject Invitations(params (string Email, string Role)[] invitations) => new()
    {
        ["invitations"] = new JsonArray(invitations.Select(i => (JsonNode?)new JsonObject { ["email"] = i.Email, ["role"] = i.Role }).ToArray()),
    };

    protected static JsonObject Transfer(string destination, params string[] projectIds) => new()
    {
        ["destination_org_id"] = destination,
        ["project_ids"] = new JsonArray(projectIds.Select(id => (JsonNode?)id).ToArray()),
    };
}
