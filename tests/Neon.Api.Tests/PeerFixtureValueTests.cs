using System;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Neon.Api.Tests;

/// <summary>
/// What a user gets from the fixtures of <c>Fixtures/</c> through the typed methods: ids, names, instants, enum values
/// (unknown ones included), nested resources and operations, and what older servers left out or added.
/// </summary>
public class PeerFixtureValueTests
{
    private static readonly DateTimeOffset ProjectCreated = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>Serves the fixture for its operation, calls it the typed way and checks that exactly that call was made.</summary>
    private static async Task<T> ReadAsync<T>(string fileName, Func<NeonClient, Task<T>> call)
    {
        var (client, handler) = ResponseFixtures.Serve(fileName);
        using (client)
        using (handler)
        {
            var result = await call(client);
            handler.VerifyNoOutstandingExpectation();
            return result;
        }
    }

    /// <summary>An expected sequence, written inline.</summary>
    private static T[] Items<T>(params T[] items) => items;

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) => new(year, month, day, hour, minute, second, TimeSpan.Zero);

    // ---- projects ----

    [Test]
    public async Task ListProjects_current_shape()
    {
        var page = await ReadAsync("listProjects.json", c => c.Project.ListProjectsAsync(limit: 2));
        var billing = page.Projects[0];
        var fresh = page.Projects[1];

        Assert.Multiple(() =>
        {
            Assert.That(page.Projects.Select(p => p.Id), Is.EqualTo(Items("quiet-harbor-41829305", "tiny-meadow-90316472")));
            Assert.That(billing.Name, Is.EqualTo("billing-service"));
            Assert.That(billing.PgVersion, Is.EqualTo(17));
            Assert.That(billing.CreatedAt, Is.EqualTo(ProjectCreated));
            Assert.That(billing.BranchLogicalSizeLimitBytes, Is.EqualTo(536_870_912_000L));
            Assert.That(billing.DefaultEndpointSettings!.AutoscalingLimitMaxCu, Is.EqualTo(4.0));
            Assert.That(billing.Settings!.AllowedIps!.Ips, Is.EqualTo(Items("203.0.113.0/24", "198.51.100.7")));
            Assert.That(billing.Settings.AllowedIps.ProtectedBranchesOnly, Is.True);
            Assert.That(billing.Settings.MaintenanceWindow!.Weekdays, Is.EqualTo(Items(2, 4)));
            Assert.That(billing.OrgName, Is.EqualTo("Amber Field Labs"));
            Assert.That(billing.HistoryRetentionSeconds, Is.EqualTo(604800));
            Assert.That(billing.EffectiveProjectPermission, Is.EqualTo("CAN_MANAGE"));
            Assert.That(fresh.MaintenanceStartsAt, Is.Null);
            Assert.That(fresh.EffectiveProjectPermission, Is.Null);
            Assert.That(fresh.CreationSource, Is.EqualTo("neonctl"));
            Assert.That(page.UnavailableProjectIds, Is.EqualTo(Items("cold-river-55102938")));
            Assert.That(page.Pagination!.Cursor, Is.EqualTo("tiny-meadow-90316472"));
            Assert.That(page.Applications["quiet-harbor-41829305"], Is.EqualTo(Items(ApplicationType.Vercel, ApplicationType.Github)));
            Assert.That(page.Integrations["tiny-meadow-90316472"], Is.Empty);
        });
    }

    [Test]
    public async Task ListProjects_2023_shape_without_today_s_required_fields()
    {
        var page = await ReadAsync("listProjects.2023.json", c => c.Project.ListProjectsAsync());

        Assert.Multiple(() =>
        {
            Assert.That(page.Projects.Select(p => p.Name), Is.EqualTo(Items("bold-frost-271828", "inventory")));
            Assert.That(page.Projects[1].PgVersion, Is.EqualTo(14));
            Assert.That(page.Projects[1].Provisioner, Is.EqualTo("k8s-pod"));
            Assert.That(page.Projects[1].UpdatedAt, Is.EqualTo(Utc(2023, 1, 5, 22, 17, 49)));
            Assert.That(page.Projects[0].OwnerId, Is.Null, "owner_id was not sent");
            Assert.That(page.Projects[0].Settings, Is.Null);
            Assert.That(page.Projects.Select(p => (bool)p.AdditionalProperties["locked"]), Is.EqualTo(Items(false, true)), "the old 'locked' flag is kept");
            Assert.That(page.Pagination, Is.Null, "no pagination object: nothing says there is a next page");
            Assert.That(page.Applications, Is.Null);
        });
    }

    [Test]
    public async Task GetProject_current_shape_with_an_unlisted_subscription_type()
    {
        var project = (await ReadAsync("getProject.json", c => c.Project.GetProjectAsync("quiet-harbor-41829305"))).Project;

        Assert.Multiple(() =>
        {
            Assert.That(project.Id, Is.EqualTo("quiet-harbor-41829305"));
            Assert.That(project.DataStorageBytesHour, Is.EqualTo(1_549_015_040_000L));
            Assert.That(project.WrittenDataBytes, Is.EqualTo(9_663_676_416L));
            Assert.That(project.ConsumptionPeriodStart, Is.EqualTo(Utc(2026, 6, 1, 0, 0, 0)));
            Assert.That(project.MaintenanceScheduledFor, Is.EqualTo(Utc(2026, 6, 4, 1, 0, 0)));
            Assert.That(project.DefaultEndpointSettings!.PgSettings!["statement_timeout"], Is.EqualTo("30s"));
            Assert.That(project.Settings!.Quota!.ComputeTimeSeconds, Is.EqualTo(360000));
            Assert.That(project.Settings.AuditLogLevel, Is.EqualTo(ProjectAuditLogLevel.Base));
            Assert.That(project.Settings.EnableLogicalReplication, Is.True);
            Assert.That(project.Owner!.BranchesLimit, Is.EqualTo(5000));
            Assert.That(project.Owner.SubscriptionType.IsKnown, Is.False);
            Assert.That(project.Owner.SubscriptionType.Value, Is.EqualTo("scale_v2"));
            Assert.That(project.OrgId, Is.EqualTo("org-amber-field-20731946"));
        });
    }

    [Test]
    public async Task GetProject_2023_shape_keeps_what_it_has_and_its_extra_field()
    {
        var project = (await ReadAsync("getProject.2023.json", c => c.Project.GetProjectAsync("still-sound-161803"))).Project;

        Assert.Multiple(() =>
        {
            Assert.That(project.Name, Is.EqualTo("inventory"));
            Assert.That(project.CreatedAt, Is.EqualTo(Utc(2022, 12, 19, 8, 40, 12)));
            Assert.That(project.DefaultEndpointSettings!.AutoscalingLimitMinCu, Is.EqualTo(1.0));
            Assert.That(project.DefaultEndpointSettings.SuspendTimeoutSeconds, Is.Null);
            Assert.That(project.Settings!.Quota!.ComputeTimeSeconds, Is.Null);
            Assert.That(project.MaintenanceStartsAt, Is.Null);
            Assert.That(project.Owner, Is.Null);
            Assert.That(project.OwnerId, Is.Null);
            Assert.That((bool)project.AdditionalProperties["locked"], Is.False);
        });
    }

    [Test]
    public async Task CreateProject_current_shape_with_its_nested_resources()
    {
        var created = await ReadAsync("createProject.json", c => c.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { PgVersion = 18 } }));

        Assert.Multiple(() =>
        {
            Assert.That(created.Project.Id, Is.EqualTo("tiny-meadow-90316472"));
            Assert.That(created.Project.PgVersion, Is.EqualTo(18));
            Assert.That(created.Project.ConsumptionPeriodStart, Is.EqualTo(DateTimeOffset.MinValue), "0001-01-01T00:00:00Z");
            Assert.That(created.ConnectionUris.Single().ConnectionParameters.PoolerHost, Is.EqualTo("ep-lively-stone-a2d4f6h8-pooler.c-2.us-east-2.aws.neon.tech"));
            Assert.That(created.ConnectionUris.Single().ConnectionUri, Does.StartWith("postgresql://neondb_owner:npg_Qx7Lm2RvTa9K@ep-lively-stone-a2d4f6h8."));
            Assert.That(created.Roles.Single().Password, Is.EqualTo("npg_Qx7Lm2RvTa9K"));
            Assert.That(created.Databases.Single().Id, Is.EqualTo(9182736L));
            Assert.That(created.Databases.Single().OwnerName, Is.EqualTo("neondb_owner"));
            Assert.That(created.Branch.Id, Is.EqualTo("br-hidden-sky-a1s3d5f7"));
            Assert.That(created.Branch.Default, Is.True);
            Assert.That((created.Branch.CurrentState, created.Branch.PendingState), Is.EqualTo(("init", "ready")));
            Assert.That(created.Branch.InitSource, Is.EqualTo("parent-data"));
            Assert.That(created.Endpoints.Single().Type, Is.EqualTo(EndpointType.ReadWrite));
            Assert.That(created.Endpoints.Single().CurrentState, Is.EqualTo(EndpointState.Init));
            Assert.That(created.Endpoints.Single().PendingState, Is.EqualTo(EndpointState.Active));
            Assert.That(created.Operations.Select(o => o.Action), Is.EqualTo(Items(OperationAction.CreateTimeline, OperationAction.StartCompute)));
            Assert.That(created.Operations.Select(o => o.Status), Is.EqualTo(Items(OperationStatus.Running, OperationStatus.Scheduling)));
            Assert.That(created.Operations[1].EndpointId, Is.EqualTo(created.Endpoints.Single().Id));
            Assert.That(created.Operations[0].Id, Is.EqualTo("6f1c2a9e-3b7d-4e85-9a10-c4d2e8f7b301"));
        });
    }

    [Test]
    public async Task CreateProject_2023_shape_without_connection_parameters()
    {
        var created = await ReadAsync("createProject.2023.json", c => c.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject() }));
        var endpoint = created.Endpoints.Single();

        Assert.Multiple(() =>
        {
            Assert.That(created.ConnectionUris.Single().ConnectionUri, Is.EqualTo("postgres://dana:Wq8rT5yU2pLz@ep-wild-field-408813.us-east-2.aws.neon.tech/neondb"));
            Assert.That(created.ConnectionUris.Single().ConnectionParameters, Is.Null);
            Assert.That(created.Roles.Select(r => (r.Name, r.Protected, r.Password)), Is.EqualTo(Items(("dana", (bool?)false, (string?)"Wq8rT5yU2pLz"), ("web_access", true, null))));
            Assert.That(created.Branch.Name, Is.EqualTo("main"));
            Assert.That(endpoint.AutoscalingLimitMinCu, Is.EqualTo(1.0));
            Assert.That(endpoint.PasswordlessAccess, Is.True);
            Assert.That(endpoint.Provisioner, Is.Null);
            Assert.That(endpoint.Settings.PgSettings, Is.Empty);
            Assert.That(created.Operations.Select(o => o.Action), Is.EqualTo(Items(OperationAction.CreateTimeline, OperationAction.StartCompute)));
            Assert.That(created.Operations.Select(o => o.CreatedAt).Distinct(), Is.EqualTo(Items(Utc(2023, 1, 9, 14, 2, 31))));
            Assert.That((bool)created.Project.AdditionalProperties["locked"], Is.False);
        });
    }

    [Test]
    public async Task UpdateProject_and_DeleteProject()
    {
        var updated = await ReadAsync("updateProject.json", c => c.Project.UpdateProjectAsync("tiny-meadow-90316472", new ProjectUpdateRequest { Project = new ProjectUpdateRequestProject { Name = "checkout-preview" } }));
        var deleted = await ReadAsync("deleteProject.json", c => c.Project.DeleteProjectAsync("tiny-meadow-90316472"));

        Assert.Multiple(() =>
        {
            Assert.That(updated.Project.Name, Is.EqualTo("checkout-preview"));
            Assert.That(updated.Project.UpdatedAt, Is.EqualTo(Utc(2026, 5, 30, 12, 19, 7)));
            Assert.That(updated.Project.DefaultEndpointSettings!.SuspendTimeoutSeconds, Is.EqualTo(600));
            Assert.That(updated.Project.OrgId, Is.Null, "this answer leaves org_id out");
            Assert.That(updated.Operations, Is.Empty);
            Assert.That(deleted.Project.Id, Is.EqualTo("tiny-meadow-90316472"));
            Assert.That(deleted.Project.OrgId, Is.EqualTo("org-amber-field-20731946"));
            Assert.That(deleted.Project.ComputeLastActiveAt, Is.EqualTo(Utc(2026, 5, 30, 12, 11, 58)));
        });
    }

    // ---- branches ----

    [Test]
    public async Task ListProjectBranches_current_shape()
    {
        var page = await ReadAsync("listProjectBranches.json", c => c.Branch.ListProjectBranchesAsync("quiet-harbor-41829305"));
        var (main, preview, archived) = (page.Branches[0], page.Branches[1], page.Branches[2]);

        Assert.Multiple(() =>
        {
            Assert.That(main.Default && main.Protected, Is.True);
            Assert.That(main.ParentId, Is.Null);
            Assert.That(main.CreatedBy!.Name, Is.EqualTo("Mira Okafor"));
            Assert.That(main.LogicalSize, Is.EqualTo(1_426_063_360L));
            Assert.That(preview.Name, Is.EqualTo("preview/pr-1287-invoice-pdf"));
            Assert.That(preview.ParentId, Is.EqualTo(main.Id));
            Assert.That(preview.ParentLsn, Is.EqualTo("0/3D1F2A8"));
            Assert.That(preview.ParentTimestamp, Is.EqualTo(Utc(2026, 6, 1, 8, 15, 0)));
            Assert.That(preview.ExpiresAt, Is.EqualTo(Utc(2026, 6, 8, 8, 15, 0)));
            Assert.That(preview.TtlIntervalSeconds, Is.EqualTo(604800));
            Assert.That(preview.InitSource, Is.EqualTo("schema-only"));
            Assert.That(preview.CreatedBy!.Image, Is.Null);
            Assert.That(preview.RestrictedActions!.Single().Name, Is.EqualTo("reset-from-parent"));
            Assert.That(archived.CurrentState, Is.EqualTo("archived"));
            Assert.That(archived.PendingState, Is.Null);
            Assert.That(archived.LastResetAt, Is.EqualTo(Utc(2026, 4, 1, 0, 0, 0)));
            Assert.That(page.Annotations.Keys, Is.EqualTo(Items(preview.Id)));
            Assert.That(page.Annotations[preview.Id].Value["github-pr-number"], Is.EqualTo("1287"));
            Assert.That(page.Pagination!.Next, Is.EqualTo("br-old-fern-a0z8y6w4"));
            Assert.That((page.Pagination.SortBy, page.Pagination.SortOrder), Is.EqualTo(("updated_at", "desc")));
        });
    }

    [Test]
    public async Task ListProjectBranches_2022_shape_with_physical_size()
    {
        var page = await ReadAsync("listProjectBranches.2022.json", c => c.Branch.ListProjectBranchesAsync("bold-frost-271828"));
        var root = page.Branches.Single(b => b.Name == "main");

        Assert.Multiple(() =>
        {
            Assert.That(page.Branches, Has.Count.EqualTo(2));
            Assert.That(root.Id, Is.EqualTo("br-cold-leaf-314159"));
            Assert.That(root.ParentId, Is.Null);
            Assert.That((long)root.AdditionalProperties["physical_size"], Is.EqualTo(33));
            Assert.That(root.Default, Is.False, "not sent: the default of bool");
            Assert.That(page.Branches[0].ParentLsn, Is.EqualTo("0/1B39C80"));
            Assert.That(page.Branches[0].CreatedAt, Is.EqualTo(Utc(2022, 12, 12, 10, 31, 7)));
            Assert.That(page.Annotations, Is.Null);
            Assert.That(page.Pagination, Is.Null);
        });
    }

    [Test]
    public async Task GetProjectBranch_with_and_without_annotation()
    {
        var current = await ReadAsync("getProjectBranch.json", c => c.Branch.GetProjectBranchAsync("quiet-harbor-41829305", "br-rapid-cloud-a4x9m2v7"));
        var old = await ReadAsync("getProjectBranch.2023.json", c => c.Branch.GetProjectBranchAsync("bold-frost-271828", "br-sweet-pond-577215"));

        Assert.Multiple(() =>
        {
            Assert.That(current.Branch.Id, Is.EqualTo("br-rapid-cloud-a4x9m2v7"));
            Assert.That(current.Annotation.Object.Type, Is.EqualTo("console/branch"));
            Assert.That(current.Annotation.Object.Id, Is.EqualTo(current.Branch.Id));
            Assert.That(current.Annotation.Value["github-repo"], Is.EqualTo("amber-field/billing"));
            Assert.That(current.Annotation.CreatedAt, Is.EqualTo(Utc(2026, 6, 1, 8, 15, 1)));
            Assert.That(old.Branch.Name, Is.EqualTo("br-sweet-pond-577215"));
            Assert.That(old.Branch.UpdatedAt, Is.EqualTo(Utc(2023, 2, 3, 11, 44, 20)));
            Assert.That(old.Annotation, Is.Null);
            Assert.That((long)old.Branch.AdditionalProperties["physical_size"], Is.EqualTo(33));
        });
    }

    [Test]
    public async Task CreateProjectBranch_current_shape()
    {
        var created = await ReadAsync("createProjectBranch.json", c => c.Branch.CreateProjectBranchAsync("quiet-harbor-41829305", new CreateProjectBranchRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(created.Branch.Id, Is.EqualTo("br-rapid-cloud-a4x9m2v7"));
            Assert.That(created.Branch.ParentId, Is.EqualTo("br-misty-lake-a7k2p9q1"));
            Assert.That(created.Branch.PendingState, Is.EqualTo("ready"));
            Assert.That(created.Endpoints.Single().BranchId, Is.EqualTo(created.Branch.Id));
            Assert.That(created.Endpoints.Single().SuspendTimeoutSeconds, Is.EqualTo(300));
            Assert.That(created.Endpoints.Single().AutoscalingLimitMaxCu, Is.EqualTo(1.0));
            Assert.That(created.Operations.Select(o => (o.Action, o.Status)), Is.EqualTo(Items((OperationAction.CreateBranch, OperationStatus.Running), (OperationAction.StartCompute, OperationStatus.Scheduling))));
            Assert.That(created.Operations.All(o => o.ProjectId == "quiet-harbor-41829305"), Is.True);
            Assert.That(created.Roles.Single().Name, Is.EqualTo("billing_owner"));
            Assert.That(created.Databases.Single().Name, Is.EqualTo("billing"));
            Assert.That(created.ConnectionUris!.Single().ConnectionParameters.Database, Is.EqualTo("billing"));
        });
    }

    [Test]
    public async Task CreateProjectBranch_2022_shape_without_roles_and_databases()
    {
        var created = await ReadAsync("createProjectBranch.2022.json", c => c.Branch.CreateProjectBranchAsync("bold-frost-271828"));

        Assert.Multiple(() =>
        {
            Assert.That(created.Branch.Id, Is.EqualTo("br-sweet-pond-577215"));
            Assert.That(created.Branch.CurrentState, Is.EqualTo("init"));
            Assert.That(created.Endpoints.Single().Id, Is.EqualTo("ep-young-moon-662607"));
            Assert.That(created.Endpoints.Single().Host, Is.EqualTo("ep-young-moon-662607.us-east-2.aws.neon.tech"));
            Assert.That(created.Operations[1].EndpointId, Is.EqualTo("ep-young-moon-662607"));
            Assert.That(created.Operations.Select(o => o.Action), Is.EqualTo(Items(OperationAction.CreateBranch, OperationAction.StartCompute)));
            Assert.That(created.Roles, Is.Null, "not sent by servers of that time");
            Assert.That(created.Databases, Is.Null);
            Assert.That(created.ConnectionUris, Is.Null);
        });
    }

    [Test]
    public async Task UpdateProjectBranch_and_DeleteProjectBranch()
    {
        var updated = await ReadAsync("updateProjectBranch.json", c => c.Branch.UpdateProjectBranchAsync("quiet-harbor-41829305", "br-rapid-cloud-a4x9m2v7", new BranchUpdateRequest { Branch = new BranchUpdateRequestBranch { Name = "staging", Protected = true } }));
        var deleted = await ReadAsync("deleteProjectBranch.json", c => c.Branch.DeleteProjectBranchAsync("quiet-harbor-41829305", "br-rapid-cloud-a4x9m2v7"));

        Assert.Multiple(() =>
        {
            Assert.That((updated.Branch.Name, updated.Branch.Protected), Is.EqualTo(("staging", true)));
            Assert.That(updated.Operations, Is.Empty);
            Assert.That(deleted.Branch.Recovery!.DeletionMethod, Is.EqualTo(BranchRecoveryInfoDeletionMethod.User));
            Assert.That(deleted.Branch.Recovery.RecoverableUntil, Is.EqualTo(Utc(2026, 6, 10, 7, 0, 0)));
            Assert.That(deleted.Operations.Select(o => o.Action), Is.EqualTo(Items(OperationAction.SuspendCompute, OperationAction.DeleteTimeline)));
            Assert.That(deleted.Operations[0].EndpointId, Is.EqualTo("ep-swift-fog-a6b8c0d2"));
            Assert.That(deleted.Operations[1].EndpointId, Is.Null);
        });
    }

    // ---- endpoints ----

    [Test]
    public async Task ListProjectEndpoints_current_shape()
    {
        var endpoints = (await ReadAsync("listProjectEndpoints.json", c => c.Endpoint.ListProjectEndpointsAsync("quiet-harbor-41829305"))).Endpoints;
        var (primary, replica) = (endpoints[0], endpoints[1]);

        Assert.Multiple(() =>
        {
            Assert.That(primary.Type, Is.EqualTo(EndpointType.ReadWrite));
            Assert.That(primary.CurrentState, Is.EqualTo(EndpointState.Active));
            Assert.That(primary.PendingState, Is.Null);
            Assert.That(primary.AutoscalingLimitMinCu, Is.EqualTo(0.5));
            Assert.That(primary.Settings.PgSettings!["log_min_duration_statement"], Is.EqualTo("2000"));
            Assert.That(primary.Settings.PreloadLibraries!.EnabledLibraries, Is.EqualTo(Items("pg_stat_statements", "timescaledb")));
            Assert.That(primary.StartedAt, Is.EqualTo(Utc(2026, 6, 2, 17, 31, 44)));
            Assert.That(primary.ComputeReleaseVersion, Is.EqualTo("9784"));
            Assert.That(replica.Name, Is.EqualTo("reporting replica"));
            Assert.That(replica.Type, Is.EqualTo(EndpointType.ReadOnly));
            Assert.That(replica.CurrentState, Is.EqualTo(EndpointState.Idle));
            Assert.That(replica.SuspendedAt, Is.EqualTo(Utc(2026, 6, 1, 23, 15, 41)));
            Assert.That(replica.SuspendTimeoutSeconds, Is.EqualTo(300));
        });
    }

    [Test]
    public async Task ListProjectEndpoints_2023_shape()
    {
        var endpoint = (await ReadAsync("listProjectEndpoints.2023.json", c => c.Endpoint.ListProjectEndpointsAsync("bold-frost-271828"))).Endpoints.Single();

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Id, Is.EqualTo("ep-wild-field-408813"));
            Assert.That(endpoint.Provisioner, Is.EqualTo("k8s-pod"));
            Assert.That(endpoint.CurrentState, Is.EqualTo(EndpointState.Idle));
            Assert.That(endpoint.PendingState, Is.Null);
            Assert.That(endpoint.LastActive, Is.EqualTo(Utc(2023, 1, 12, 19, 4, 51)));
            Assert.That(endpoint.CreationSource, Is.Null);
            Assert.That(endpoint.Name, Is.Null);
        });
    }

    [Test]
    public async Task GetProjectEndpoint_and_CreateProjectEndpoint()
    {
        var fetched = (await ReadAsync("getProjectEndpoint.json", c => c.Endpoint.GetProjectEndpointAsync("quiet-harbor-41829305", "ep-gentle-wave-a9c1t6r4"))).Endpoint;
        var created = await ReadAsync("createProjectEndpoint.json", c => c.Endpoint.CreateProjectEndpointAsync("quiet-harbor-41829305", new EndpointCreateRequest { Endpoint = new EndpointCreateRequestEndpoint { BranchId = "br-misty-lake-a7k2p9q1", Type = EndpointType.ReadOnly } }));

        Assert.Multiple(() =>
        {
            Assert.That(fetched.Host, Is.EqualTo("ep-gentle-wave-a9c1t6r4.c-3.eu-central-1.aws.neon.tech"));
            Assert.That(fetched.LastActive, Is.EqualTo(Utc(2026, 6, 1, 23, 10, 40)));
            Assert.That(fetched.ProxyHost, Is.EqualTo("c-3.eu-central-1.aws.neon.tech"));
            Assert.That(created.Endpoint.Id, Is.EqualTo(fetched.Id));
            Assert.That((created.Endpoint.CurrentState, created.Endpoint.PendingState), Is.EqualTo((EndpointState.Init, (EndpointState?)EndpointState.Active)));
            Assert.That(created.Operations.Single().Action, Is.EqualTo(OperationAction.StartCompute));
            Assert.That(created.Operations.Single().EndpointId, Is.EqualTo(created.Endpoint.Id));
        });
    }

    [Test]
    public async Task StartProjectEndpoint_and_SuspendProjectEndpoint()
    {
        var started = await ReadAsync("startProjectEndpoint.json", c => c.Endpoint.StartProjectEndpointAsync("quiet-harbor-41829305", "ep-gentle-wave-a9c1t6r4"));
        var suspended = await ReadAsync("suspendProjectEndpoint.json", c => c.Endpoint.SuspendProjectEndpointAsync("quiet-harbor-41829305", "ep-silent-pine-a3f8x2m0"));

        Assert.Multiple(() =>
        {
            Assert.That((started.Endpoint.CurrentState, started.Endpoint.PendingState), Is.EqualTo((EndpointState.Idle, (EndpointState?)EndpointState.Active)));
            Assert.That((started.Operations.Single().Action, started.Operations.Single().Status), Is.EqualTo((OperationAction.StartCompute, OperationStatus.Running)));
            Assert.That(started.Operations.Single().CreatedAt, Is.EqualTo(started.Endpoint.UpdatedAt));
            Assert.That((suspended.Endpoint.CurrentState, suspended.Endpoint.PendingState), Is.EqualTo((EndpointState.Active, (EndpointState?)EndpointState.Idle)));
            Assert.That(suspended.Operations.Single().Action, Is.EqualTo(OperationAction.SuspendCompute));
            Assert.That(suspended.Operations.Single().Id, Is.EqualTo("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"));
        });
    }

    // ---- databases and roles ----

    [Test]
    public async Task Databases_list_and_create()
    {
        var listed = await ReadAsync("listProjectBranchDatabases.json", c => c.Branch.ListProjectBranchDatabasesAsync("quiet-harbor-41829305", "br-misty-lake-a7k2p9q1"));
        var created = await ReadAsync("createProjectBranchDatabase.json", c => c.Branch.CreateProjectBranchDatabaseAsync("quiet-harbor-41829305", "br-misty-lake-a7k2p9q1", new DatabaseCreateRequest { Database = new DatabaseCreateRequestDatabase { Name = "ledger_archive", OwnerName = "ledger_writer" } }));

        Assert.Multiple(() =>
        {
            Assert.That(listed.Databases.Select(d => (d.Id, d.Name, d.OwnerName)), Is.EqualTo(Items((8800121L, "billing", "billing_owner"), (8800377L, "ledger_archive", "ledger_writer"))));
            Assert.That(listed.Databases[1].UpdatedAt, Is.EqualTo(Utc(2026, 5, 2, 16, 47, 9)));
            Assert.That(created.Database.Id, Is.EqualTo(8800377L));
            Assert.That(created.Operations.Select(o => o.Action), Is.EqualTo(Items(OperationAction.ApplyConfig, OperationAction.SuspendCompute)));
        });
    }

    [Test]
    public async Task Roles_list_current_and_2022_shapes()
    {
        var current = (await ReadAsync("listProjectBranchRoles.json", c => c.Branch.ListProjectBranchRolesAsync("quiet-harbor-41829305", "br-misty-lake-a7k2p9q1"))).Roles;
        var old = (await ReadAsync("listProjectBranchRoles.2022.json", c => c.Branch.ListProjectBranchRolesAsync("bold-frost-271828", "br-cold-leaf-314159"))).Roles;

        Assert.Multiple(() =>
        {
            Assert.That(current.Select(r => (r.Name, r.AuthenticationMethod)), Is.EqualTo(Items(("billing_owner", (string?)"password"), ("ledger_writer", "password"), ("reporting_group", "no_login"))));
            Assert.That(current.All(r => r.Password is null), Is.True, "listings carry no passwords");
            Assert.That(old.Select(r => (r.Name, r.Protected)), Is.EqualTo(Items(("dana", (bool?)false), ("web_access", true))));
            Assert.That(old.All(r => r.AuthenticationMethod is null), Is.True);
        });
    }

    [Test]
    public async Task Roles_create_reveal_and_reset_password()
    {
        var created = await ReadAsync("createProjectBranchRole.json", c => c.Branch.CreateProjectBranchRoleAsync("quiet-harbor-41829305", "br-misty-lake-a7k2p9q1", new RoleCreateRequest { Role = new RoleCreateRequestRole { Name = "ledger_writer" } }));
        var revealed = await ReadAsync("getProjectBranchRolePassword.json", c => c.Branch.GetProjectBranchRolePasswordAsync("quiet-harbor-41829305", "br-misty-lake-a7k2p9q1", "ledger_writer"));
        var reset = await ReadAsync("resetProjectBranchRolePassword.json", c => c.Branch.ResetProjectBranchRolePasswordAsync("quiet-harbor-41829305", "br-misty-lake-a7k2p9q1", "ledger_writer"));

        Assert.Multiple(() =>
        {
            Assert.That(created.Role.Password, Is.EqualTo("npg_R3vXk9Tq2Wm7"));
            Assert.That(created.Operations.Single().Action, Is.EqualTo(OperationAction.ApplyConfig));
            Assert.That(revealed.Password, Is.EqualTo(created.Role.Password));
            Assert.That(reset.Role.Password, Is.EqualTo("npg_Z8pLq4Nw6Ys1"));
            Assert.That(reset.Role.UpdatedAt, Is.EqualTo(Utc(2026, 5, 28, 8, 30, 0)));
            Assert.That(reset.Operations.Single().CreatedAt, Is.EqualTo(reset.Role.UpdatedAt));
        });
    }

    // ---- operations ----

    [Test]
    public async Task ListProjectOperations_current_shape()
    {
        var page = await ReadAsync("listProjectOperations.json", c => c.Operation.ListProjectOperationsAsync("quiet-harbor-41829305", limit: 3));
        var failed = page.Operations[1];

        Assert.Multiple(() =>
        {
            Assert.That(page.Operations.Select(o => o.Status), Is.EqualTo(Items(OperationStatus.Finished, OperationStatus.Failed, OperationStatus.Skipped)));
            Assert.That(page.Operations[0].TotalDurationMs, Is.EqualTo(2875));
            Assert.That(failed.Error, Is.EqualTo("compute did not answer the configuration request"));
            Assert.That(failed.FailuresCount, Is.EqualTo(3));
            Assert.That(failed.RetryAt, Is.EqualTo(Utc(2026, 6, 2, 17, 58, 40)));
            Assert.That(page.Operations[2].Error, Is.Null);
            Assert.That(page.Pagination!.Cursor, Is.EqualTo("2026-06-02T17:31:40.918321Z"), "a cursor is opaque: kept exactly as sent");
        });
    }

    [Test]
    public async Task ListProjectOperations_2022_shape_with_actions_the_spec_no_longer_lists()
    {
        var page = await ReadAsync("listProjectOperations.2022.json", c => c.Operation.ListProjectOperationsAsync("bold-frost-271828"));
        var actions = page.Operations.Select(o => o.Action).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(actions.Select(a => a.Value), Is.EqualTo(Items("stop_compute", "pageserver_tenant_detach", "check_availability")));
            Assert.That(actions.Select(a => a.IsKnown), Is.EqualTo(Items(false, false, true)));
            Assert.That(actions[0].Known, Is.EqualTo(OperationAction.KnownValue.Unrecognized));
            Assert.That(actions[2], Is.EqualTo(OperationAction.CheckAvailability));
            Assert.That(page.Operations.All(o => o.Status == OperationStatus.Finished), Is.True);
            Assert.That(page.Operations[1].EndpointId, Is.Null);
            Assert.That(page.Operations[1].UpdatedAt - page.Operations[1].CreatedAt, Is.EqualTo(TimeSpan.FromSeconds(38)));
            Assert.That(page.Pagination!.Cursor, Is.EqualTo("2022-12-13T23:47:39.797163Z"));
        });
    }

    [Test]
    public async Task GetProjectOperation_current_and_2022_shapes()
    {
        var failed = (await ReadAsync("getProjectOperation.json", c => c.Operation.GetProjectOperationAsync("quiet-harbor-41829305", "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"))).Operation;
        var old = (await ReadAsync("getProjectOperation.2022.json", c => c.Operation.GetProjectOperationAsync("bold-frost-271828", "44dd55ee-66ff-47aa-b8bb-99cc00dd11ee"))).Operation;

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status, Is.EqualTo(OperationStatus.Failed));
            Assert.That(NeonOperationStatuses.Classify(failed.Status.Value), Is.EqualTo(NeonOperationOutcome.Failed));
            Assert.That(failed.Action, Is.EqualTo(OperationAction.ApplyConfig));
            Assert.That(failed.TotalDurationMs, Is.EqualTo(390512));
            Assert.That(old.Action.Value, Is.EqualTo("delete_tenant"));
            Assert.That(old.Action.IsKnown, Is.False);
            Assert.That(old.Status, Is.EqualTo(OperationStatus.Running));
            Assert.That(old.FailuresCount, Is.EqualTo(1));
            Assert.That(old.UpdatedAt, Is.EqualTo(Utc(2022, 12, 15, 9, 12, 31)));
        });
    }

    // ---- consumption ----

    [Test]
    public async Task GetConsumptionHistoryPerProject_current_and_2024_shapes()
    {
        var from = Utc(2026, 5, 31, 0, 0, 0);
        var current = await ReadAsync("getConsumptionHistoryPerProject.json", c => c.Consumption.GetConsumptionHistoryPerProjectAsync(from, from.AddDays(2), ConsumptionHistoryGranularity.Daily));
        var old = await ReadAsync("getConsumptionHistoryPerProject.2024.json", c => c.Consumption.GetConsumptionHistoryPerProjectAsync(from, from.AddDays(2), ConsumptionHistoryGranularity.Hourly));
        var periods = current.Projects.Single().Periods;
        var oldPeriod = old.Projects.Single().Periods.Single();

        Assert.Multiple(() =>
        {
            Assert.That(current.Projects.Single().ProjectId, Is.EqualTo("quiet-harbor-41829305"));
            Assert.That(periods.Select(p => p.PeriodEnd), Is.EqualTo(Items<DateTimeOffset?>(Utc(2026, 6, 1, 0, 0, 0), null)));
            Assert.That(periods[0].PeriodPlan, Is.EqualTo("scale"));
            Assert.That(periods[0].Consumption.Single().SyntheticStorageSizeBytes, Is.EqualTo(38_654_705_664UL));
            Assert.That(periods[0].Consumption.Single().DataStorageBytesHour, Is.EqualTo(927_712_935_936UL));
            Assert.That(periods[1].Consumption.Single().TimeframeEnd, Is.EqualTo(Utc(2026, 6, 2, 0, 0, 0)));
            Assert.That(periods[1].Consumption.Single().LogicalSizeBytes, Is.Null);
            Assert.That(current.Pagination!.Cursor, Is.EqualTo("quiet-harbor-41829305"));
            Assert.That(oldPeriod.PeriodId, Is.EqualTo("legacy-period-7f3k2q"));
            Assert.That(oldPeriod.PeriodPlan, Is.Null);
            Assert.That(oldPeriod.Consumption.Select(t => t.ComputeTimeSeconds), Is.EqualTo(Items(1044UL, 0UL)));
            Assert.That(old.Pagination, Is.Null);
        });
    }

    [Test]
    public async Task GetConsumptionHistoryPerProjectV2_keeps_byte_counts_above_two_to_the_31()
    {
        var from = Utc(2026, 6, 1, 0, 0, 0);
        var result = await ReadAsync("getConsumptionHistoryPerProjectV2.json", c => c.Consumption.GetConsumptionHistoryPerProjectV2Async(
            from, from.AddDays(1), ConsumptionHistoryGranularity.Daily, "org-amber-field-20731946", ["compute_unit_seconds", "public_network_transfer_bytes"]));
        var metrics = result.Projects.Single().Periods.Single().Consumption!.Single().Metrics!;
        var transfer = metrics.Single(m => m.MetricName == "public_network_transfer_bytes");

        Assert.Multiple(() =>
        {
            Assert.That(metrics.Select(m => m.MetricName), Is.EqualTo(Items("compute_unit_seconds", "root_branch_bytes_month", "public_network_transfer_bytes", "extra_branches_month")));
            Assert.That(metrics[0].Value, Is.EqualTo(52185));
            Assert.That(metrics[1].Value, Is.EqualTo(46170898));

            // 5.5 GiB does not fit the int the spec's bare "integer" became; it must not turn into 0 unnoticed.
            var kept = (long)transfer.Value == 5_905_580_032L
                || (transfer.AdditionalProperties.TryGetValue("value", out var raw) && raw.Type == JTokenType.Integer && (long)raw == 5_905_580_032L);
            Assert.That(kept, Is.True, $"public_network_transfer_bytes read as {transfer.Value} and AdditionalProperties holds [{string.Join(", ", transfer.AdditionalProperties.Keys)}]");
        });
    }

    // ---- organizations ----

    [Test]
    public async Task GetOrganization_current_and_2025_shapes()
    {
        var current = await ReadAsync("getOrganization.json", c => c.Organizations.GetOrganizationAsync("org-amber-field-20731946"));
        var old = await ReadAsync("getOrganization.2025.json", c => c.Organizations.GetOrganizationAsync("org-pale-dune-58210394"));

        Assert.Multiple(() =>
        {
            Assert.That((current.Id, current.Name, current.Plan, current.ManagedBy), Is.EqualTo(("org-amber-field-20731946", "Amber Field Labs", "scale", "console")));
            Assert.That(current.RequireMfa, Is.True);
            Assert.That(current.AllowHipaaProjects, Is.False);
            Assert.That(current.CreatedAt, Is.EqualTo(Utc(2025, 11, 3, 10, 12, 45)));
            Assert.That(old.Plan, Is.EqualTo("scale_v2"));
            Assert.That(old.RequireMfa, Is.Null);
            Assert.That(old.AllowHipaaProjects, Is.Null);
        });
    }

    [Test]
    public async Task GetOrganizationMembers_current_and_2025_shapes()
    {
        var current = await ReadAsync("getOrganizationMembers.json", c => c.Organizations.GetOrganizationMembersAsync("org-amber-field-20731946"));
        var old = await ReadAsync("getOrganizationMembers.2025.json", c => c.Organizations.GetOrganizationMembersAsync("org-pale-dune-58210394"));
        var (admin, former) = (current.Members[0], current.Members[1]);

        Assert.Multiple(() =>
        {
            Assert.That(admin.Member.Role, Is.EqualTo(MemberRole.Admin));
            Assert.That(admin.Member.JoinedAt, Is.EqualTo(Utc(2025, 11, 3, 10, 12, 45)));
            Assert.That(admin.User.Email, Is.EqualTo("mira.okafor@example.com"));
            Assert.That(admin.User.HasMfa, Is.True);
            Assert.That(admin.User.DeactivatedAt, Is.Null);
            Assert.That(former.Member.Role, Is.EqualTo(MemberRole.Member));
            Assert.That(former.User.DeactivatedAt, Is.EqualTo(Utc(2026, 5, 1, 0, 0, 0)));
            Assert.That(current.Pagination!.Next, Is.EqualTo(former.Member.Id));
            Assert.That(old.Members.Single().Member.OrgId, Is.EqualTo("org-pale-dune-58210394"));
            Assert.That(old.Members.Single().Member.JoinedAt, Is.Null);
            Assert.That(old.Members.Single().User.HasMfa, Is.Null);
            Assert.That(old.Pagination, Is.Null);
        });
    }

    // ---- API keys ----

    [Test]
    public async Task ListApiKeys_reads_the_top_level_array()
    {
        var keys = (await ReadAsync("listApiKeys.json", c => c.ApiKey.ListApiKeysAsync())).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(keys.Select(k => (k.Id, k.Name)), Is.EqualTo(Items((2410077L, "github-actions-preview"), (2419930L, "terraform-staging"))));
            Assert.That(keys[0].CreatedBy.Name, Is.EqualTo("Mira Okafor"));
            Assert.That(keys[0].LastUsedAt, Is.EqualTo(Utc(2026, 6, 2, 17, 44, 58)));
            Assert.That(keys[0].LastUsedFromAddr, Is.EqualTo("203.0.113.45,198.51.100.12"));
            Assert.That(keys[1].LastUsedAt, Is.Null);
            Assert.That(keys[1].LastUsedFromAddr, Is.Empty);
        });
    }

    [Test]
    public async Task ListApiKeys_2023_shape_without_creator()
    {
        var key = (await ReadAsync("listApiKeys.2023.json", c => c.ApiKey.ListApiKeysAsync())).Single();

        Assert.Multiple(() =>
        {
            Assert.That((key.Id, key.Name), Is.EqualTo((177041L, "local-dev")));
            Assert.That(key.CreatedBy, Is.Null);
            Assert.That(key.CreatedAt, Is.EqualTo(Utc(2022, 12, 20, 8, 1, 55)));
        });
    }

    [Test]
    public async Task CreateApiKey_current_and_2023_shapes()
    {
        var current = await ReadAsync("createApiKey.json", c => c.ApiKey.CreateApiKeyAsync(new ApiKeyCreateRequest { KeyName = "terraform-staging" }));
        var old = await ReadAsync("createApiKey.2023.json", c => c.ApiKey.CreateApiKeyAsync(new ApiKeyCreateRequest { KeyName = "local-dev" }));

        Assert.Multiple(() =>
        {
            Assert.That(current.Id, Is.EqualTo(2419930L));
            Assert.That(current.Key, Does.StartWith("napi_"));
            Assert.That(current.Name, Is.EqualTo("terraform-staging"));
            Assert.That(current.CreatedBy, Is.EqualTo("c7d9e1f3-a5b7-4c9d-8e1f-3a5b7c9d1e2f"));
            Assert.That(current.CreatedAt, Is.EqualTo(Utc(2026, 5, 27, 16, 21, 9)));
            Assert.That(old.Id, Is.EqualTo(177041L));
            Assert.That(old.Key, Does.StartWith("fixturekey"));
            Assert.That(old.Name, Is.Null);
            Assert.That(old.CreatedBy, Is.Null);
        });
    }

    [Test]
    public async Task RevokeApiKey_current_and_2023_shapes()
    {
        var current = await ReadAsync("revokeApiKey.json", c => c.ApiKey.RevokeApiKeyAsync(2410077));
        var old = await ReadAsync("revokeApiKey.2023.json", c => c.ApiKey.RevokeApiKeyAsync(177041));

        Assert.Multiple(() =>
        {
            Assert.That((current.Id, current.Revoked), Is.EqualTo((2410077L, true)));
            Assert.That(current.LastUsedFromAddr, Is.EqualTo("2001:db8:4f2a::17"));
            Assert.That(current.CreatedBy, Is.EqualTo("c7d9e1f3-a5b7-4c9d-8e1f-3a5b7c9d1e2f"));
            Assert.That((old.Id, old.Name, old.Revoked), Is.EqualTo((177041L, "local-dev", true)));
            Assert.That(old.LastUsedAt, Is.EqualTo(Utc(2023, 1, 10, 17, 26, 31)));
            Assert.That(old.CreatedBy, Is.Null);
        });
    }
}
