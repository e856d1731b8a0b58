using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json;

namespace Neon.Api.Benchmarks.Server;

/// <summary>
/// Response bodies shaped like the spec's schemas (<c>ProjectListItem</c>, <c>Project</c>, <c>ListProjectsResponse</c>,
/// <c>CreatedBranch</c>, <c>OperationResponse</c>): every required property, and the optional ones the real API fills
/// in, with values the spec allows (a default NSwag client rejects a missing required property or an unknown enum).
/// </summary>
public static class SpecBodies
{
    private const string Region = "aws-us-east-2";
    private const string ProxyHost = "us-east-2.aws.neon.tech";
    private const string BranchId = "br-bench-wind-a1b2c3d4";
    private const string ParentBranchId = "br-bench-root-00000000";
    private const string EndpointId = "ep-bench-wind-a1b2c3d4";

    /// <summary>The page of a listing that starts after <paramref name="start"/> projects (fewer when the account ends).</summary>
    public static byte[] ListPage(int start, int pageSize, string? sentCursor)
    {
        var projects = Enumerable.Range(start, Math.Max(0, Math.Min(pageSize, BenchData.ProjectCount - start))).Select(ListItem).ToList();

        // The real API always answers with a cursor; on the empty page after the last one it echoes the sent cursor.
        string cursor = projects.Count > 0 ? BenchData.ProjectId(start + projects.Count - 1) : sentCursor ?? string.Empty;
        return Utf8(new Dictionary<string, object>
        {
            ["projects"] = projects,
            ["pagination"] = new { cursor },
            ["applications"] = new Dictionary<string, object>(),
            ["integrations"] = new Dictionary<string, object>(),
        });
    }

    /// <summary>The <c>ProjectResponse</c> of project number <paramref name="index"/>.</summary>
    public static byte[] Project(int index)
    {
        var project = ListItem(index);
        project.Remove("active_time");
        project["data_storage_bytes_hour"] = 1_048_576L * 24;
        project["data_transfer_bytes"] = 52_428_800L;
        project["written_data_bytes"] = 104_857_600L;
        project["compute_time_seconds"] = 7_200L;
        project["active_time_seconds"] = 28_800L;
        project["consumption_period_start"] = Time(0);
        project["consumption_period_end"] = Time(30 * 24 * 60);
        project["owner"] = new { email = "owner@example.com", name = "Bench Owner", branches_limit = 5000, subscription_type = "scale_v3" };
        project["maintenance_scheduled_for"] = Time(7 * 24 * 60);
        return Utf8(new { project });
    }

    /// <summary>The 201 body of <c>createProjectBranch</c>: the branch, one endpoint, and two running operations.</summary>
    public static byte[] CreatedBranch(string projectId) => Utf8(new
    {
        branch = new Dictionary<string, object>
        {
            ["id"] = BranchId,
            ["project_id"] = projectId,
            ["parent_id"] = ParentBranchId,
            ["parent_lsn"] = "0/1FA22C0",
            ["parent_timestamp"] = Time(0),
            ["name"] = "bench-branch",
            ["current_state"] = "init",
            ["pending_state"] = "ready",
            ["state_changed_at"] = Time(60),
            ["creation_source"] = "console",
            ["primary"] = false,
            ["default"] = false,
            ["protected"] = false,
            ["cpu_used_sec"] = 0,
            ["compute_time_seconds"] = 0,
            ["active_time_seconds"] = 0,
            ["written_data_bytes"] = 0,
            ["data_transfer_bytes"] = 0,
            ["created_at"] = Time(60),
            ["updated_at"] = Time(60),
            ["init_source"] = "parent-data",
            ["created_by"] = new { name = "Bench Owner", image = "https://avatars.example.com/u/1" },
        },
        endpoints = new[]
        {
            new Dictionary<string, object>
            {
                ["host"] = EndpointId + "." + ProxyHost,
                ["id"] = EndpointId,
                ["project_id"] = projectId,
                ["branch_id"] = BranchId,
                ["autoscaling_limit_min_cu"] = 0.25,
                ["autoscaling_limit_max_cu"] = 2,
                ["region_id"] = Region,
                ["type"] = "read_write",
                ["current_state"] = "init",
                ["pending_state"] = "active",
                ["settings"] = new { },
                ["pooler_enabled"] = false,
                ["pooler_mode"] = "transaction",
                ["disabled"] = false,
                ["passwordless_access"] = true,
                ["creation_source"] = "console",
                ["created_at"] = Time(60),
                ["updated_at"] = Time(60),
                ["proxy_host"] = ProxyHost,
                ["suspend_timeout_seconds"] = 0,
                ["provisioner"] = "k8s-neonvm",
            },
        },
        operations = new[]
        {
            Operation(projectId, BenchData.OperationIds[0], "create_timeline", "running"),
            Operation(projectId, BenchData.OperationIds[1], "start_compute", "running"),
        },
        roles = new[] { new { branch_id = BranchId, name = "neondb_owner", @protected = false, created_at = Time(60), updated_at = Time(60) } },
        databases = new[] { new { id = 2_718_281L, branch_id = BranchId, name = "neondb", owner_name = "neondb_owner", created_at = Time(60), updated_at = Time(60) } },
        connection_uris = new[]
        {
            new
            {
                connection_uri = "postgresql://neondb_owner:npg_bench@" + EndpointId + "." + ProxyHost + "/neondb?sslmode=require",
                connection_parameters = new
                {
                    database = "neondb",
                    password = "npg_bench",
                    role = "neondb_owner",
                    host = EndpointId + "." + ProxyHost,
                    pooler_host = EndpointId + "-pooler." + ProxyHost,
                },
            },
        },
    });

    /// <summary>The <c>OperationResponse</c> of a branch creation's operation, already finished.</summary>
    public static byte[] FinishedOperation(string projectId, string operationId) =>
        Utf8(new { operation = Operation(projectId, operationId, operationId == BenchData.OperationIds[0] ? "create_timeline" : "start_compute", "finished") });

    /// <summary>A <c>GeneralError</c> body.</summary>
    public static byte[] Error(string message) => Utf8(new { code = "", message });

    private static Dictionary<string, object> ListItem(int index) => new()
    {
        ["id"] = BenchData.ProjectId(index),
        ["platform_id"] = "aws",
        ["region_id"] = Region,
        ["name"] = "bench-project-" + index.ToString(CultureInfo.InvariantCulture),
        ["provisioner"] = "k8s-neonvm",
        ["default_endpoint_settings"] = new { autoscaling_limit_min_cu = 0.25, autoscaling_limit_max_cu = 2, suspend_timeout_seconds = 0 },
        ["settings"] = new
        {
            allowed_ips = new { ips = Array.Empty<string>(), protected_branches_only = false },
            enable_logical_replication = false,
            maintenance_window = new { weekdays = new[] { 6 }, start_time = "07:00", end_time = "08:00" },
            block_public_connections = false,
            block_vpc_connections = false,
            hipaa = false,
        },
        ["pg_version"] = 17,
        ["proxy_host"] = ProxyHost,
        ["branch_logical_size_limit"] = 0,
        ["branch_logical_size_limit_bytes"] = 0,
        ["store_passwords"] = true,
        ["active_time"] = 3_600 + index,
        ["cpu_used_sec"] = 120 + index,
        ["creation_source"] = "console",
        ["created_at"] = Time(index),
        ["updated_at"] = Time(index + 5),
        ["synthetic_storage_size"] = 31_457_280L,
        ["quota_reset_at"] = Time(30 * 24 * 60),
        ["owner_id"] = "1d8f2c3e-7b6a-4f4e-9e3c-2a1b0c9d8e7f",
        ["compute_last_active_at"] = Time(index + 10),
        ["org_id"] = "org-bench-12345678",
        ["history_retention_seconds"] = 86_400,
    };

    private static Dictionary<string, object> Operation(string projectId, string id, string action, string status)
    {
        var operation = new Dictionary<string, object>
        {
            ["id"] = id,
            ["project_id"] = projectId,
            ["branch_id"] = BranchId,
            ["action"] = action,
            ["status"] = status,
            ["failures_count"] = 0,
            ["created_at"] = Time(60),
            ["updated_at"] = Time(61),
            ["total_duration_ms"] = status == "finished" ? 1_250 : 0,
        };
        if (action == "start_compute")
        {
            operation["endpoint_id"] = EndpointId;
        }

        return operation;
    }

    private static string Time(int minutes) =>
        BenchData.Epoch.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Utf8(object value) => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value));
}
