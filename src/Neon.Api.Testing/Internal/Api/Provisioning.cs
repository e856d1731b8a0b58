using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Neon.Api.Testing.Internal.Http;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Api;

/// <summary>Creation and change steps shared by the resource groups (projects, branches, endpoints, databases, roles).</summary>
internal static class Provisioning
{
    public const string ReadWrite = "read_write";

    public const string ReadOnly = "read_only";

    /// <summary>Compute settings read from a request (endpoint create/update, branch-create endpoint options).</summary>
    internal sealed record ComputeSettings(
        double? MinCu, double? MaxCu, string? Provisioner, long? SuspendTimeoutSeconds, JsonObject? Settings)
    {
        public static ComputeSettings Read(BodyObject body) => new(
            body.OptionalNumber("autoscaling_limit_min_cu", 0.25),
            body.OptionalNumber("autoscaling_limit_max_cu", 0.25),
            body.OptionalString("provisioner"),
            body.OptionalInteger("suspend_timeout_seconds", -1, 604800),
            body.OptionalRawObject("settings"));

        public void ApplyTo(EndpointModel endpoint)
        {
            var min = MinCu ?? endpoint.MinCu;
            var max = MaxCu ?? (MinCu is { } m && m > endpoint.MaxCu ? m : endpoint.MaxCu);
            if (max < min)
            {
                throw ApiError.BadRequest("autoscaling_limit_max_cu must not be less than autoscaling_limit_min_cu");
            }

            endpoint.MinCu = min;
            endpoint.MaxCu = max;
            endpoint.Provisioner = Provisioner ?? endpoint.Provisioner;
            endpoint.SuspendTimeoutSeconds = SuspendTimeoutSeconds ?? endpoint.SuspendTimeoutSeconds;
            endpoint.Settings = Settings ?? endpoint.Settings;
        }
    }

    /// <summary>A new branch (state <c>init</c> until its operation finishes), added to the project.</summary>
    public static (BranchModel Branch, OperationModel Operation) CreateBranch(
        EmulatorState state, ProjectModel project, string? name, string action, DateTimeOffset now, string initSource = "parent-data")
    {
        var id = state.Ids.BranchId();
        var branchName = name ?? id;
        RequireUniqueBranchName(project, branchName, null);
        var operation = state.StartOperation(project, action, now, branchId: id);
        var branch = new BranchModel
        {
            Id = id,
            ProjectId = project.Id,
            Name = branchName,
            State = new ResourceState("init", now),
            CreatedAt = now,
            UpdatedAt = now,
            Sequence = state.NextSequence(),
            InitSource = initSource,
        };
        branch.State.MoveTo("ready", operation, now);
        project.Branches.Add(branch);
        return (branch, operation);
    }

    public static void RequireUniqueBranchName(ProjectModel project, string name, BranchModel? except)
    {
        if (project.Branches.Any(b => b != except && b.Name == name))
        {
            throw ApiError.Conflict($"branch with name \"{name}\" already exists");
        }
    }

    /// <summary>A new endpoint that starts (state <c>init</c>, then <c>active</c>), added to the project.</summary>
    public static (EndpointModel Endpoint, OperationModel? Operation) CreateEndpoint(
        EmulatorState state, ProjectModel project, BranchModel branch, string type, ComputeSettings compute, bool disabled, DateTimeOffset now)
    {
        if (type == ReadWrite)
        {
            RequireNoReadWriteEndpoint(project, branch);
        }

        var id = state.Ids.EndpointId();
        var endpoint = new EndpointModel
        {
            Id = id,
            ProjectId = project.Id,
            BranchId = branch.Id,
            Region = project.Region,
            Type = type,
            State = new ResourceState(disabled ? EndpointModel.Idle : "init", now),
            Disabled = disabled,
            CreatedAt = now,
            UpdatedAt = now,
            Addressing = state.Compute,
        };
        DefaultCompute(project).ApplyTo(endpoint);
        compute.ApplyTo(endpoint);
        project.Endpoints.Add(endpoint);
        if (disabled)
        {
            return (endpoint, null);
        }

        var operation = state.StartOperation(project, "start_compute", now, branch.Id, id);
        endpoint.State.MoveTo(EndpointModel.Active, operation, now);
        return (endpoint, operation);
    }

    public static void RequireNoReadWriteEndpoint(ProjectModel project, BranchModel branch)
    {
        if (project.Endpoints.Any(e => e.BranchId == branch.Id && e.Type == ReadWrite))
        {
            throw ApiError.Conflict($"branch {branch.Id} already has a read_write endpoint");
        }
    }

    /// <summary><c>apply_config</c> operations for the read-write endpoints of a branch (after a database or role change).</summary>
    public static List<OperationModel> ApplyConfig(EmulatorState state, ProjectModel project, BranchModel branch, DateTimeOffset now) =>
        project.Endpoints
            .Where(e => e.BranchId == branch.Id && e.Type == ReadWrite)
            .Select(e => state.StartOperation(project, "apply_config", now, branch.Id, e.Id))
            .ToList();

    public static RoleModel CreateRole(EmulatorState state, BranchModel branch, string name, bool noLogin, DateTimeOffset now)
    {
        if (branch.Roles.Any(r => r.Name == name))
        {
            throw ApiError.Conflict($"role \"{name}\" already exists");
        }

        var role = new RoleModel
        {
            BranchId = branch.Id,
            Name = name,
            Password = noLogin ? null : state.Ids.Password(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.Compute.RoleCreated(branch, role); // first: a role PostgreSQL refuses is not added
        branch.Roles.Add(role);
        return role;
    }

    public static DatabaseModel CreateDatabase(EmulatorState state, BranchModel branch, string name, string owner, DateTimeOffset now)
    {
        RequireUniqueDatabaseName(branch, name);
        EmulatorState.RequireRole(branch, owner);
        var database = new DatabaseModel
        {
            Id = state.NextSequence(),
            BranchId = branch.Id,
            Name = name,
            OwnerName = owner,
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.Compute.DatabaseCreated(branch, database); // first: a database PostgreSQL refuses is not added
        branch.Databases.Add(database);
        return database;
    }

    public static void RequireUniqueDatabaseName(BranchModel branch, string name)
    {
        if (branch.Databases.Any(d => d.Name == name))
        {
            throw ApiError.Conflict($"database \"{name}\" already exists");
        }
    }

    /// <summary>
    /// Replaces a branch's data with copies of another branch's: databases, roles, buckets with their objects,
    /// and functions (inherited: the copy cannot rename or delete them).
    /// </summary>
    public static void CopyData(EmulatorState state, BranchModel from, BranchModel to, DateTimeOffset now)
    {
        to.Roles.Clear();
        to.Roles.AddRange(from.Roles.Select(r => r.CopyTo(to.Id, now)));
        to.Databases.Clear();
        to.Databases.AddRange(from.Databases.Select(d => d.CopyTo(to.Id, state.NextSequence(), now)));
        to.Buckets.Clear();
        foreach (var bucket in from.Buckets.Values)
        {
            to.Buckets.Add(bucket.Name, bucket.Copy());
        }

        to.Functions.Clear();
        foreach (var function in from.Functions.Values)
        {
            to.Functions.Add(function.Slug, function.Inherited(to.Id));
        }

        state.Compute.CopyBranchData(from, to);
    }

    /// <summary><c>ConnectionDetails</c> for a role and database through an endpoint.</summary>
    public static JsonObject ConnectionDetails(EndpointModel endpoint, RoleModel role, DatabaseModel database) => new()
    {
        ["connection_uri"] = ConnectionUri(endpoint, role, database.Name, pooled: false),
        ["connection_parameters"] = new JsonObject
        {
            ["database"] = database.Name,
            ["password"] = role.Password ?? string.Empty,
            ["role"] = role.Name,
            ["host"] = endpoint.Host,
            ["pooler_host"] = endpoint.PoolerHost,
        },
    };

    /// <summary>The connection details of every database whose owner can log in, through the endpoint.</summary>
    public static JsonArray ConnectionUris(EndpointModel endpoint, BranchModel branch) =>
        Json.Array(
            from database in branch.Databases
            let owner = branch.Roles.FirstOrDefault(r => r.Name == database.OwnerName)
            where owner?.Password is not null
            select (JsonNode)ConnectionDetails(endpoint, owner, database));

    /// <summary>The URI; in PostgreSQL mode with the local server's port and without <c>sslmode=require</c> (it has no TLS).</summary>
    public static string ConnectionUri(EndpointModel endpoint, RoleModel role, string database, bool pooled) =>
        $"postgresql://{Uri.EscapeDataString(role.Name)}:{Uri.EscapeDataString(role.Password ?? string.Empty)}@"
        + $"{(pooled ? endpoint.PoolerHost : endpoint.Host)}{(endpoint.Port is { } port ? $":{port}" : string.Empty)}"
        + $"/{Uri.EscapeDataString(database)}{(endpoint.Port is null ? "?sslmode=require" : string.Empty)}";

    /// <summary>The project's <c>default_endpoint_settings</c> as compute settings.</summary>
    private static ComputeSettings DefaultCompute(ProjectModel project)
    {
        var defaults = project.DefaultEndpointSettings;
        return defaults is null
            ? new ComputeSettings(null, null, project.Provisioner, null, null)
            : ComputeSettings.Read(BodyObject.Parse(defaults.ToJsonString(), required: false)) with
            {
                Provisioner = project.Provisioner,
                Settings = null,
            };
    }
}
