using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>A project with its branches, endpoints and operations.</summary>
internal sealed class ProjectModel
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required Regions.Region Region { get; init; }

    public required int PgVersion { get; init; }

    /// <summary>The organization that owns the project; null for a project of the personal account.</summary>
    public string? OrgId { get; set; }

    public bool StorePasswords { get; init; } = true;

    public int HistoryRetentionSeconds { get; set; } = 86400;

    public string Provisioner { get; init; } = "k8s-neonvm";

    public JsonObject? Settings { get; set; }

    public JsonObject? DefaultEndpointSettings { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Orders projects by creation (the key behind the listing cursor).</summary>
    public required long Sequence { get; init; }

    public List<BranchModel> Branches { get; } = [];

    public List<EndpointModel> Endpoints { get; } = [];

    public List<OperationModel> Operations { get; } = [];

    public ProjectAccessModel Access { get; } = new();

    /// <summary>Soft-deleted branches (recoverable for seven days) and snapshots: see <see cref="BranchFeatures"/>.</summary>
    public BranchFeatures Features { get; } = new();

    public bool IsDeleted => DeletedAt is not null;

    public BranchModel DefaultBranch => Branches.First(b => b.IsDefault);

    /// <summary>True while any operation of the project is not terminal.</summary>
    public bool HasRunningOperations(DateTimeOffset now) => Operations.Any(o => !o.IsTerminal(now));

    /// <summary>The <c>Project</c> schema.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["data_storage_bytes_hour"] = 0,
            ["data_transfer_bytes"] = 0,
            ["written_data_bytes"] = 0,
            ["compute_time_seconds"] = 0,
            ["active_time_seconds"] = 0,
        };
        AddCommon(json);
        json["consumption_period_start"] = Formats.Time(new DateTimeOffset(CreatedAt.Year, CreatedAt.Month, 1, 0, 0, 0, TimeSpan.Zero));
        json["consumption_period_end"] = Formats.Time(new DateTimeOffset(CreatedAt.Year, CreatedAt.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1));
        return json;
    }

    /// <summary>The <c>ProjectListItem</c> schema.</summary>
    public JsonObject ToListItemJson()
    {
        var json = new JsonObject { ["active_time"] = 0 };
        AddCommon(json);
        if (DeletedAt is { } deletedAt)
        {
            json["deleted_at"] = Formats.Time(deletedAt);
            json["recoverable_until"] = Formats.Time(deletedAt.AddDays(7));
        }

        return json;
    }

    private void AddCommon(JsonObject json)
    {
        json["cpu_used_sec"] = 0;
        json["id"] = Id;
        json["platform_id"] = Region.Platform;
        json["region_id"] = Region.Id;
        json["name"] = Name;
        json["provisioner"] = Provisioner;
        if (DefaultEndpointSettings is not null)
        {
            json["default_endpoint_settings"] = DefaultEndpointSettings.DeepClone();
        }

        if (Settings is not null)
        {
            json["settings"] = Settings.DeepClone();
        }

        json["pg_version"] = PgVersion;
        json["proxy_host"] = Region.ProxyHost;
        json["branch_logical_size_limit"] = 0;
        json["branch_logical_size_limit_bytes"] = 0;
        json["store_passwords"] = StorePasswords;
        json["creation_source"] = "console";
        json["history_retention_seconds"] = HistoryRetentionSeconds;
        json["created_at"] = Formats.Time(CreatedAt);
        json["updated_at"] = Formats.Time(UpdatedAt);
        json["owner_id"] = OrgId ?? AccountState.UserId;
        if (OrgId is not null)
        {
            json["org_id"] = OrgId;
        }
    }
}
