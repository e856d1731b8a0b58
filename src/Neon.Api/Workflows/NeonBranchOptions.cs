using System;
using Neon.Api.Operations;

namespace Neon.Api.Workflows;

/// <summary>
/// How <see cref="NeonWorkflowExtensions.CreateBranchAndConnectAsync"/> and
/// <see cref="NeonWorkflowExtensions.CreateEphemeralBranchAsync"/> create a branch and what they connect to.
/// Every property is optional: the defaults make a branch of the project's default branch, at its head, with a
/// read-write compute, connected as the owner of its only database.
/// </summary>
public sealed class NeonBranchOptions
{
    /// <summary>The id of the parent branch (<c>br-...</c>). Default: the project's default branch. Set at most one of this and <see cref="ParentBranchName"/>.</summary>
    public string? ParentBranchId { get; set; }

    /// <summary>The name of the parent branch, looked up among the project's branches (one extra request). Set at most one of this and <see cref="ParentBranchId"/>.</summary>
    public string? ParentBranchName { get; set; }

    /// <summary>Branch from this point in the parent's history (<c>parent_timestamp</c>) instead of its head. Set at most one of this and <see cref="ParentLsn"/>.</summary>
    public DateTimeOffset? ParentTimestamp { get; set; }

    /// <summary>Branch from this Log Sequence Number of the parent (<c>parent_lsn</c>). Set at most one of this and <see cref="ParentTimestamp"/>.</summary>
    public string? ParentLsn { get; set; }

    /// <summary>The new branch's name. Default: Neon generates one.</summary>
    public string? BranchName { get; set; }

    /// <summary>The type of the compute endpoint created with the branch. Default <see cref="EndpointType.ReadWrite"/>.</summary>
    public EndpointType EndpointType { get; set; } = EndpointType.ReadWrite;

    /// <summary>The database to connect to. Default: the branch's only database (an error names them when there are several).</summary>
    public string? DatabaseName { get; set; }

    /// <summary>The role to connect as. Default: the owner of <see cref="DatabaseName"/>.</summary>
    public string? RoleName { get; set; }

    /// <summary>
    /// How long the branch may live: when set, Neon's <c>expires_at</c> is the client's clock
    /// (<see cref="NeonClientOptions.TimeProvider"/>) plus this, rounded up to a whole second, and Neon deletes the
    /// branch then even if this process is gone. An ephemeral branch uses
    /// <see cref="NeonEphemeralBranch.DefaultTimeToLive"/> when this is not set. Must be positive.
    /// </summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>How to wait for the operations that create (and, for an ephemeral branch, delete) the branch; default <see cref="NeonWaitOptions.Default"/> on the client's clock.</summary>
    public NeonWaitOptions? Wait { get; set; }

    /// <summary>Checks the options before any request is sent.</summary>
    /// <exception cref="ArgumentException">Two exclusive options are set, or a value is out of range.</exception>
    internal void Validate()
    {
        if (ParentBranchId is not null && ParentBranchName is not null)
        {
            throw new ArgumentException("Set at most one of NeonBranchOptions.ParentBranchId and ParentBranchName.", "options");
        }

        if (ParentTimestamp is not null && ParentLsn is not null)
        {
            throw new ArgumentException("Set at most one of NeonBranchOptions.ParentTimestamp and ParentLsn: a branch starts at one point of its parent's history.", "options");
        }

        if (TimeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"NeonBranchOptions.TimeToLive must be positive; it was {ttl}.", "options");
        }

        foreach (var (name, value) in new[] { ("ParentBranchId", ParentBranchId), ("ParentBranchName", ParentBranchName), ("ParentLsn", ParentLsn), ("BranchName", BranchName), ("DatabaseName", DatabaseName), ("RoleName", RoleName) })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"NeonBranchOptions.{name} is empty; leave it null for the default.", "options");
            }
        }
    }
}
