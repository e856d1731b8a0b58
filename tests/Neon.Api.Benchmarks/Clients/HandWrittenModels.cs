using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace Neon.Api.Benchmarks.Clients;

// Small POCOs holding only what the hand-written client's caller uses; Json.NET skips the rest of each body.

/// <summary>The fields of a project the hand-written client keeps.</summary>
public sealed class ProjectSummary
{
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("name")]
    public string Name { get; set; } = "";

    [JsonProperty("region_id")]
    public string RegionId { get; set; } = "";

    [JsonProperty("pg_version")]
    public int PgVersion { get; set; }

    [JsonProperty("created_at")]
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A <c>ProjectResponse</c>.</summary>
public sealed class ProjectEnvelope
{
    [JsonProperty("project")]
    public ProjectSummary Project { get; set; } = new();
}

/// <summary>One page of <c>listProjects</c>.</summary>
public sealed class ProjectPage
{
    [JsonProperty("projects")]
    public List<ProjectSummary> Projects { get; set; } = [];

    [JsonProperty("pagination")]
    public PageCursor? Pagination { get; set; }
}

/// <summary><c>pagination</c> of a listing.</summary>
public sealed class PageCursor
{
    [JsonProperty("cursor")]
    public string? Cursor { get; set; }
}

/// <summary>The branch-creation request body.</summary>
public sealed class NewBranchRequest
{
    [JsonProperty("branch")]
    public NewBranch Branch { get; set; } = new();

    [JsonProperty("endpoints")]
    public List<NewEndpoint> Endpoints { get; set; } = [];
}

/// <summary><c>branch</c> of the branch-creation request.</summary>
public sealed class NewBranch
{
    [JsonProperty("name")]
    public string? Name { get; set; }
}

/// <summary>One endpoint of the branch-creation request.</summary>
public sealed class NewEndpoint
{
    [JsonProperty("type")]
    public string Type { get; set; } = "read_write";
}

/// <summary>The parts of a <c>CreatedBranch</c> the caller uses.</summary>
public sealed class CreatedBranchSummary
{
    [JsonProperty("branch")]
    public BranchSummary Branch { get; set; } = new();

    [JsonProperty("operations")]
    public List<OperationSummary> Operations { get; set; } = [];
}

/// <summary>The fields of a branch the hand-written client keeps.</summary>
public sealed class BranchSummary
{
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("name")]
    public string Name { get; set; } = "";
}

/// <summary>The fields of an operation the hand-written client keeps.</summary>
public sealed class OperationSummary
{
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("status")]
    public string Status { get; set; } = "";
}

/// <summary>An <c>OperationResponse</c>.</summary>
public sealed class OperationEnvelope
{
    [JsonProperty("operation")]
    public OperationSummary Operation { get; set; } = new();
}
