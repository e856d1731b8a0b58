using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Roles of a branch: create, list, get, delete, reveal and reset the password.</summary>
internal static class RolesApi
{
    public static void Register(RouteHandlers handlers)
    {
        handlers.Add("listProjectBranchRoles", "GET /projects/{project_id}/branches/{branch_id}/roles", List);
        handlers.Add("createProjectBranchRole", "POST /projects/{project_id}/branches/{branch_id}/roles", Create);
        handlers.Add("getProjectBranchRole", "GET /projects/{project_id}/branches/{branch_id}/roles/{role_name}", Get);
        handlers.Add("deleteProjectBranchRole", "DELETE /projects/{project_id}/branches/{branch_id}/roles/{role_name}", Delete);
        handlers.Add("getProjectBranchRolePassword", "GET /projects/{project_id}/branches/{branch_id}/roles/{role_name}/reveal_password", RevealPassword);
        handlers.Add("resetProjectBranchRolePassword", "POST /projects/{project_id}/branches/{branch_id}/roles/{role_name}/reset_password", ResetPassword);
    }

    private static ApiResult List(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject
        {
            ["roles"] = Json.Array(branch.Roles.Select(r => r.ToJson(withPassword: false))),
        });
    }

    private static ApiResult Create(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var body = context.Body().RequiredObject("role");
        var name = body.RequiredString("name", 1, 63);
        var noLogin = body.OptionalBool("no_login") ?? false;
        var role = Provisioning.CreateRole(context.State, branch, name, noLogin, context.Now);
        var operations = Provisioning.ApplyConfig(context.State, project, branch, context.Now);
        return ApiResult.Created(Json.WithOperations("role", role.ToJson(withPassword: true), operations, context.Now));
    }

    private static ApiResult Get(RequestContext context)
    {
        var branch = context.Branch(context.Project());
        return ApiResult.Ok(new JsonObject
        {
            ["role"] = EmulatorState.RequireRole(branch, context.Path("role_name")).ToJson(withPassword: false),
        });
    }

    private static ApiResult Delete(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var role = EmulatorState.RequireRole(branch, context.Path("role_name"));
        if (branch.Databases.FirstOrDefault(d => d.OwnerName == role.Name) is { } owned)
        {
            throw ApiError.Conflict($"role \"{role.Name}\" owns database \"{owned.Name}\" and cannot be deleted");
        }

        branch.Roles.Remove(role);
        context.State.Compute.RoleDeleted(branch, role);
        var operations = Provisioning.ApplyConfig(context.State, project, branch, context.Now);
        return ApiResult.Ok(Json.WithOperations("role", role.ToJson(withPassword: false), operations, context.Now));
    }

    private static ApiResult RevealPassword(RequestContext context)
    {
        var project = context.Project();
        var role = EmulatorState.RequireRole(context.Branch(project), context.Path("role_name"));
        if (!project.StorePasswords)
        {
            throw new ApiError(
                HttpStatusCode.PreconditionFailed, "PRECONDITION_FAILED", "the project does not store role passwords");
        }

        return role.Password is null
            ? throw ApiError.NotFound($"role \"{role.Name}\" has no password (created with no_login)")
            : ApiResult.Ok(new JsonObject { ["password"] = role.Password });
    }

    private static ApiResult ResetPassword(RequestContext context)
    {
        var project = context.Project();
        var branch = context.Branch(project);
        var role = EmulatorState.RequireRole(branch, context.Path("role_name"));
        role.Password = context.State.Ids.Password();
        role.UpdatedAt = context.Now;
        context.State.Compute.RolePasswordChanged(branch, role);
        var operations = Provisioning.ApplyConfig(context.State, project, branch, context.Now);
        return ApiResult.Ok(Json.WithOperations("role", role.ToJson(withPassword: true), operations, context.Now));
    }
}
