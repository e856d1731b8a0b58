using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Databases of a branch: create, list, get, update, delete.</summary>
internal static class DatabasesApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("listProjectBranchDatabases", "GET /projects/{project_id}/branches/{branch_id}/databases", List);
        handlers.Add("createProjectBranchDatabase", "POST /projects/{project_id}/branches/{branch_id}/databases", Create);
        handlers.Add("getProjectBranchDatabase", "GET /projects/{project_id}/branches/{branch_id}/databases/{database_name}", Get);
        handlers.Add("updateProjectBranchDatabase", "PATCH /projects/{project_id}/branches/{branch_id}/databases/{database_name}", Update);
        handlers.Add("deleteProjectBranchDatabase", "DELETE /projects/{project_id}/branches/{branch_id}/databases/{database_name}", Delete);
    }

    private static ApiResult List(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject { ["databases"] = Json.Array(branch.Databases.Select(d => d.ToJson())) });
    }

    private static ApiResult Create(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var body = context.Body().RequiredObject("database");
        var name = body.RequiredString("name", 1, 63);
        var owner = body.RequiredString("owner_name", 1, 63);
        var database = Provisioning.CreateDatabase(context.State, branch, name, owner, context.Now);
        var operations = Provisioning.ApplyConfig(context.State, project, branch, context.Now);
        return ApiResult.Created(Json.WithOperations("database", database.ToJson(), operations, context.Now));
    }

    private static ApiResult Get(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject
        {
            ["database"] = EmulatorState.RequireDatabase(branch, context.Path("database_name")).ToJson(),
        });
    }

    private static ApiResult Update(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var database = EmulatorState.RequireDatabase(branch, context.Path("database_name"));
        var body = context.Body().RequiredObject("database");
        var name = body.OptionalString("name", 1, 63);
        var owner = body.OptionalString("owner_name", 1, 63);
        if (name is not null && name != database.Name)
        {
            Provisioning.RequireUniqueDatabaseName(branch, name);
        }

        if (owner is not null)
        {
            EmulatorState.RequireRole(branch, owner);
        }

        var oldName = database.Name;
        database.Name = name ?? database.Name;
        database.OwnerName = owner ?? database.OwnerName;
        database.UpdatedAt = context.Now;
        context.State.Compute.DatabaseChanged(branch, oldName, database);
        var operations = Provisioning.ApplyConfig(context.State, project, branch, context.Now);
        return ApiResult.Ok(Json.WithOperations("database", database.ToJson(), operations, context.Now));
    }

    private static ApiResult Delete(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var database = EmulatorState.RequireDatabase(branch, context.Path("database_name"));
        branch.Databases.Remove(database);
        context.State.Compute.DatabaseDeleted(branch, database);
        branch.DataApis.Remove(database.Name);
        var operations = Provisioning.ApplyConfig(context.State, project, branch, context.Now);
        return ApiResult.Ok(Json.WithOperations("database", database.ToJson(), operations, context.Now));
    }
}
