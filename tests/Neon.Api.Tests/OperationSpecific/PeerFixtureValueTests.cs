using System;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.TestShared;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Neon.Api.Tests.OperationSpecific;

/// <summary>
/// What a user gets from the fixtures of <c>Fixtures/</c> through the typed methods: ids, names, instants, enum values
/// (unknown ones included), nested resources and operations, and what older servers left out or added.
/// </summary>
[OperationSpecific]
public partial class PeerFixtureValueTests
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

    /// <summary>A field by its wire name (see <see cref="ClientOperations.Field"/>): for fields that only newer specs declare.</summary>
    private static JToken? Field(object model, string wireName) => ClientOperations.Field(model, wireName);

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
            Assert.That((string?)Field(billing, "effective_project_permission"), Is.EqualTo("CAN_MANAGE"));
            Assert.That(fresh.MaintenanceStartsAt, Is.Null);
            Assert.That(Field(fresh, "effective_project_permission"), Is.Null);
            Assert.That(fresh.CreationSource, Is.EqualTo("neonctl"));
            Assert.That(page.UnavailableProjectIds, Is.EqualTo(Items("cold-river-55102938")));
            Assert.That(page.Pagination!.Cursor, Is.EqualTo("tiny-meadow-90316472"));
            Assert.That(Field(page, "applications")?["quiet-harbor-41829305"]?.Select(v => (string?)v), Is.EqualTo(Items("vercel", "github")));
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
            Assert.That((string?)Field(preview, "restricted_actions")?.Single()["name"], Is.EqualTo("reset-from-parent"));
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
            Assert.That((string?)Field(deleted.Branch, "recovery")?["deletion_method"], Is.EqualTo("user"));
            Assert.That((DateTimeOffset)Field(deleted.Branch, "recovery")!["recoverable_until"]!, Is.EqualTo(Utc(2026, 6, 10, 7, 0, 0)));
            Assert.That(deleted.Operations.Select(o => o.Action), Is.EqualTo(Items(OperationAction.SuspendCompute, OperationAction.DeleteTimeline)));
            Assert.That(deleted.Operations[0].EndpointId, Is.EqualTo("ep-swift-fog-a6b8c0d2"));
            Assert.That(deleted.Operations[1].EndpointId, Is.Null);
        });
    }

    // ---- endpoints ----
}
