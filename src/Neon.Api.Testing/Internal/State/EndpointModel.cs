using System;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>A compute endpoint.</summary>
internal sealed class EndpointModel
{
    public const string Active = "active";

    public const string Idle = "idle";

    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public required string BranchId { get; set; }

    public required Regions.Region Region { get; init; }

    public required string Type { get; init; }

    public string? Name { get; set; }

    public required ResourceState State { get; init; }

    public double MinCu { get; set; } = 0.25;

    public double MaxCu { get; set; } = 0.25;

    public bool PoolerEnabled { get; set; }

    public bool Disabled { get; set; }

    public bool PasswordlessAccess { get; set; }

    public long SuspendTimeoutSeconds { get; set; }

    public string Provisioner { get; set; } = "k8s-neonvm";

    public JsonObject? Settings { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Where the endpoint really listens, in PostgreSQL mode; null for Neon's host names.</summary>
    public Postgres.IEndpointAddressing? Addressing { get; init; }

    public string Host => Addressing?.Address(this)?.Host ?? $"{Id}.{Region.ProxyHost}";

    /// <summary>The pooled host: in PostgreSQL mode the same server as <see cref="Host"/> (no pooler runs).</summary>
    public string PoolerHost => Addressing?.Address(this)?.Host ?? $"{Id}-pooler.{Region.ProxyHost}";

    /// <summary>The port, in PostgreSQL mode; null for Neon's default port.</summary>
    public int? Port => Addressing?.Address(this)?.Port;

    public JsonObject ToJson(DateTimeOffset now)
    {
        var current = State.Current(now);
        var json = new JsonObject
        {
            ["host"] = Host,
            ["id"] = Id,
        };
        if (Name is not null)
        {
            json["name"] = Name;
        }

        json["project_id"] = ProjectId;
        json["branch_id"] = BranchId;
        json["autoscaling_limit_min_cu"] = MinCu;
        json["autoscaling_limit_max_cu"] = MaxCu;
        json["region_id"] = Region.Id;
        json["type"] = Type;
        json["current_state"] = current;
        if (State.Pending(now) is { } pending)
        {
            json["pending_state"] = pending;
        }

        json["settings"] = Settings?.DeepClone() ?? new JsonObject();
        json["pooler_enabled"] = PoolerEnabled;
        json["pooler_mode"] = "transaction";
        json["disabled"] = Disabled;
        json["passwordless_access"] = PasswordlessAccess;
        json["creation_source"] = "console";
        json["created_at"] = Formats.Time(CreatedAt);
        json["updated_at"] = Formats.Time(UpdatedAt);
        if (current == Active)
        {
            json["started_at"] = Formats.Time(State.ChangedAt(now));
            json["last_active"] = Formats.Time(now);
        }
        else if (current == Idle)
        {
            json["suspended_at"] = Formats.Time(State.ChangedAt(now));
        }

        json["proxy_host"] = Region.ProxyHost;
        json["suspend_timeout_seconds"] = SuspendTimeoutSeconds;
        json["provisioner"] = Provisioner;
        return json;
    }
}
