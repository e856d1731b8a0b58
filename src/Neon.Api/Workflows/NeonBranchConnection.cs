using System;
using Neon.Api.Core;

namespace Neon.Api.Workflows;

/// <summary>A branch created by <see cref="NeonWorkflowExtensions.CreateBranchAndConnectAsync"/>, ready to use: its ids and how to connect to it.</summary>
public class NeonBranchConnection
{
    /// <summary>Creates the result (public so tests of your own code can make one).</summary>
    /// <param name="projectId">The project id.</param>
    /// <param name="branchId">The branch id.</param>
    /// <param name="branchName">The branch name.</param>
    /// <param name="endpointId">The id of the compute endpoint created with the branch.</param>
    /// <param name="expiresAt">When Neon deletes the branch by itself, if set.</param>
    /// <param name="connection">How to connect.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public NeonBranchConnection(string projectId, string branchId, string branchName, string endpointId, DateTimeOffset? expiresAt, NeonConnectionInfo connection)
    {
        ProjectId = Guard.NotNull(projectId, nameof(projectId));
        BranchId = Guard.NotNull(branchId, nameof(branchId));
        BranchName = Guard.NotNull(branchName, nameof(branchName));
        EndpointId = Guard.NotNull(endpointId, nameof(endpointId));
        ExpiresAt = expiresAt;
        Connection = Guard.NotNull(connection, nameof(connection));
    }

    /// <summary>The project id.</summary>
    public string ProjectId { get; }

    /// <summary>The branch id (<c>br-...</c>).</summary>
    public string BranchId { get; }

    /// <summary>The branch name.</summary>
    public string BranchName { get; }

    /// <summary>The id of the compute endpoint created with the branch (<c>ep-...</c>).</summary>
    public string EndpointId { get; }

    /// <summary>The <c>expires_at</c> sent to Neon (it deletes the branch then); <see langword="null"/> when the branch does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>How to connect: host, database, role, password, URIs and connection strings.</summary>
    public NeonConnectionInfo Connection { get; }

    /// <summary>Describes the branch without secrets.</summary>
    /// <returns>The branch, its project and endpoint, and the connection with its password masked.</returns>
    public override string ToString() =>
        $"{GetType().Name} {BranchName} ({BranchId}) in project {ProjectId}, endpoint {EndpointId}{(ExpiresAt is { } at ? $", expires {at:u}" : string.Empty)}: {Connection}";
}
