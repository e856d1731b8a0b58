using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Neon.Api.Testing.Internal.State;

/// <summary>
/// A function of a branch, identified by its slug. A child branch inherits its parent's functions as they are
/// at fork time (<see cref="Owned"/> false): it can deploy to them (which makes them its own) but not rename or
/// delete them.
/// </summary>
internal sealed class FunctionModel
{
    public required string Id { get; init; }

    public required string Slug { get; init; }

    /// <summary>The display name; null falls back to the slug.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The branch the function is on (its invocation host carries the branch id).</summary>
    public required string BranchId { get; init; }

    /// <summary>The functions domain of the project's region, such as <c>functions.us-east-2.aws.neon.tech</c>.</summary>
    public required string Domain { get; init; }

    public string InvocationUrl => $"https://{BranchId}-{Slug}.{Domain}/";

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>False when the function is only inherited from an ancestor branch.</summary>
    public bool Owned { get; set; } = true;

    /// <summary>Deployments, oldest first; ids count from 1.</summary>
    public List<FunctionDeployment> Deployments { get; } = [];

    /// <summary>A copy for a branch forked from this one (deployments are immutable and shared).</summary>
    public FunctionModel Inherited(string branchId)
    {
        var copy = new FunctionModel
        {
            Id = Id,
            Slug = Slug,
            DisplayName = DisplayName,
            BranchId = branchId,
            Domain = Domain,
            CreatedAt = CreatedAt,
            Owned = false,
        };
        copy.Deployments.AddRange(Deployments);
        return copy;
    }

    /// <summary>The <c>NeonFunction</c> schema.</summary>
    public JsonObject ToJson(DateTimeOffset now)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["slug"] = Slug,
            ["name"] = DisplayName ?? Slug,
            ["invocation_url"] = InvocationUrl,
        };
        if (Deployments.Count > 0)
        {
            json["current_deployment"] = Deployments[^1].ToJson(now);
        }

        if (Deployments.LastOrDefault(d => d.Status(now) == FunctionDeployment.Completed) is { } active)
        {
            json["active_deployment"] = active.ToJson(now);
        }

        json["created_at"] = Formats.Time(CreatedAt);
        return json;
    }
}

/// <summary>
/// A deployment of a function: <c>pending</c> for the first quarter of the build time, <c>building</c> until
/// it ends, then <c>completed</c>, or <c>failed</c> with <see cref="BuildError"/>. Only the names of its
/// environment variables are kept: values are write-only.
/// </summary>
internal sealed record FunctionDeployment(
    int Id, string Runtime, int MemoryMib, string? BuildError, string[] EnvironmentNames, DateTimeOffset CreatedAt, TimeSpan BuildTime)
{
    public const string Completed = "completed";

    public string Status(DateTimeOffset now) =>
        now >= CreatedAt + BuildTime ? (BuildError is null ? Completed : "failed")
        : now >= CreatedAt + (BuildTime / 4) ? "building"
        : "pending";

    /// <summary>The <c>NeonFunctionDeployment</c> schema.</summary>
    public JsonObject ToJson(DateTimeOffset now)
    {
        var status = Status(now);
        var json = new JsonObject
        {
            ["id"] = Id,
            ["status"] = status,
            ["memory_mib"] = MemoryMib,
            ["runtime"] = Runtime,
            ["created_at"] = Formats.Time(CreatedAt),
            ["environment"] = new JsonArray(Array.ConvertAll(EnvironmentNames, n => (JsonNode?)n)),
        };
        if (status == "failed")
        {
            json["error"] = BuildError;
        }

        return json;
    }
}
