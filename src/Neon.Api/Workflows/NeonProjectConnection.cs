using System;
using Neon.Api.Core;

namespace Neon.Api.Workflows;

/// <summary>A project created by <see cref="NeonWorkflowExtensions.CreateProjectAndConnectAsync"/>, ready to use: its ids and how to connect to its default branch.</summary>
public sealed class NeonProjectConnection
{
    /// <summary>Creates the result (public so tests of your own code can make one).</summary>
    /// <param name="projectId">The project id.</param>
    /// <param name="branchId">The id of the project's default branch.</param>
    /// <param name="endpointId">The id of the default branch's read-write endpoint.</param>
    /// <param name="connection">How to connect.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public NeonProjectConnection(string projectId, string branchId, string endpointId, NeonConnectionInfo connection)
    {
        ProjectId = Guard.NotNull(projectId, nameof(projectId));
        BranchId = Guard.NotNull(branchId, nameof(branchId));
        EndpointId = Guard.NotNull(endpointId, nameof(endpointId));
        Connection = Guard.NotNull(connection, nameof(connection));
    }

    /// <summary>The project id.</summary>
    public string ProjectId { get; }

    /// <summary>The id of the project's default branch.</summary>
    public string BranchId { get; }

    /// <summary>The id of the default branch's read-write endpoint.</summary>
    public string EndpointId { get; }

    /// <summary>How to connect: host, database, role, password, URIs and connection strings.</summary>
    public NeonConnectionInfo Connection { get; }

    /// <summary>Describes the project without secrets.</summary>
    /// <returns>The project, branch and endpoint, and the connection with its password masked.</returns>
    public override string ToString() => $"NeonProjectConnection {ProjectId}, branch {BranchId}, endpoint {EndpointId}: {Connection}";
}
