using System;
using System.Linq;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.TestShared;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Neon.Api.Tests.OperationSpecific;

/// <summary>The fixtures of endpoints, databases, roles, operations, consumption, organizations and API keys (see the first part).</summary>
public partial class PeerFixtureValueTests
{
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
            Assert.That(Field(primary.Settings, "preload_libraries")?["enabled_libraries"]?.Select(v => (string?)v), Is.EqualTo(Items("pg_stat_statements", "timescaledb")));
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
            Assert.That(current.Select(r => (r.Name, (string?)Field(r, "authentication_method"))), Is.EqualTo(Items(("billing_owner", (string?)"password"), ("ledger_writer", "password"), ("reporting_group", "no_login"))));
            Assert.That(current.All(r => r.Password is null), Is.True, "listings carry no passwords");
            Assert.That(old.Select(r => (r.Name, r.Protected)), Is.EqualTo(Items(("dana", (bool?)false), ("web_access", true))));
            Assert.That(old.All(r => Field(r, "authentication_method") is null), Is.True);
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
    [OperationSpecific("getConsumptionHistoryPerProjectV2")]
    public async Task GetConsumptionHistoryPerProjectV2_keeps_byte_counts_above_two_to_the_31()
    {
        var from = Utc(2026, 6, 1, 0, 0, 0);
        var result = (await ReadAsync("getConsumptionHistoryPerProjectV2.json", c => ClientOperations.CallAsync(c, "getConsumptionHistoryPerProjectV2", new
        {
            from,
            to = from.AddDays(1),
            granularity = "daily",
            orgId = "org-amber-field-20731946",
            metrics = Items("compute_unit_seconds", "public_network_transfer_bytes"),
        })))!;
        var metrics = result["projects"]!.Single()["periods"]!.Single()["consumption"]!.Single()["metrics"]!;

        Assert.Multiple(() =>
        {
            Assert.That(metrics.Select(m => (string?)m["metric_name"]), Is.EqualTo(Items("compute_unit_seconds", "root_branch_bytes_month", "public_network_transfer_bytes", "extra_branches_month")));
            Assert.That((long)metrics[0]!["value"]!, Is.EqualTo(52185));
            Assert.That((long)metrics[1]!["value"]!, Is.EqualTo(46170898));

            // 5.5 GiB does not fit an int; it must come back as sent (typed, or kept raw), never as 0.
            Assert.That((long)metrics[2]!["value"]!, Is.EqualTo(5_905_580_032L));
        });
    }

    [Test]
    [OperationSpecific("getConsumptionHistoryPerProjectV2")]
    public void The_unbounded_metric_value_of_consumption_v2_holds_64_bits()
    {
        // The schema behind the operation's metrics (ConsumptionMetricValue) declares "value" as a bare integer.
        var metric = ClientOperations.Method("getConsumptionHistoryPerProjectV2").DeclaringType!.Assembly.GetType("Neon.Api.ConsumptionMetricValue");

        Assert.That(metric?.GetProperty("Value")?.PropertyType, Is.EqualTo(typeof(long)), "a day's transfer bytes exceed 2^31");
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
            Assert.That((bool?)Field(current, "require_mfa"), Is.True);
            Assert.That(current.AllowHipaaProjects, Is.False);
            Assert.That(current.CreatedAt, Is.EqualTo(Utc(2025, 11, 3, 10, 12, 45)));
            Assert.That(old.Plan, Is.EqualTo("scale_v2"));
            Assert.That(Field(old, "require_mfa"), Is.Null);
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
            Assert.That((bool?)Field(admin.User, "has_mfa"), Is.True);
            Assert.That(Field(admin.User, "deactivated_at"), Is.Null);
            Assert.That(former.Member.Role, Is.EqualTo(MemberRole.Member));
            Assert.That((DateTimeOffset)Field(former.User, "deactivated_at")!, Is.EqualTo(Utc(2026, 5, 1, 0, 0, 0)));
            Assert.That((string?)Field(current, "pagination")?["next"], Is.EqualTo(former.Member.Id));
            Assert.That(old.Members.Single().Member.OrgId, Is.EqualTo("org-pale-dune-58210394"));
            Assert.That(old.Members.Single().Member.JoinedAt, Is.Null);
            Assert.That(Field(old.Members.Single().User, "has_mfa"), Is.Null);
            Assert.That(Field(old, "pagination"), Is.Null);
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
