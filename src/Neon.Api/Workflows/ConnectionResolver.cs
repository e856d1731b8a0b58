using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Workflows;

/// <summary>
/// Finds the database and role to connect as, and the two connection URIs: from a create response's
/// <c>connection_uris</c> when it holds that database and role, otherwise from <c>getConnectionURI</c> (direct and
/// <c>pooled=true</c>).
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>The database and role: the ones asked for, else the only database and its owner.</summary>
    /// <exception cref="NeonWorkflowException">No database was asked for and the branch has none or several, or no role was asked for and the database's owner is unknown.</exception>
    public static (string Database, string Role) Choose(string branchId, IEnumerable<Database>? databases, string? databaseName, string? roleName)
    {
        var known = databases?.ToList() ?? [];
        if (databaseName is null)
        {
            databaseName = known.Count switch
            {
                1 => known[0].Name,
                0 => throw new NeonWorkflowException($"Branch {branchId} has no database to connect to; create one, or set DatabaseName to one you will create."),
                _ => throw new NeonWorkflowException($"Branch {branchId} has {known.Count} databases ({string.Join(", ", known.Select(d => d.Name))}); set DatabaseName to the one to connect to."),
            };
        }

        var owner = known.FirstOrDefault(d => d.Name == databaseName)?.OwnerName;
        var role = roleName ?? owner
            ?? throw new NeonWorkflowException($"The owner of database '{databaseName}' on branch {branchId} is not known; set RoleName to the role to connect as.");
        return (databaseName, role);
    }

    /// <summary>The connection for <paramref name="database"/> as <paramref name="role"/> through the endpoint.</summary>
    /// <exception cref="NeonApiException">A <c>getConnectionURI</c> call failed (for example 404 for an unknown database or role).</exception>
    /// <exception cref="NeonResponseFormatException">Neon returned a URI that is not a PostgreSQL URI.</exception>
    public static async Task<NeonConnectionInfo> ConnectAsync(
        NeonClient client,
        string projectId,
        string branchId,
        string endpointId,
        string database,
        string role,
        IEnumerable<ConnectionDetails>? connectionUris,
        string createOperationId,
        CancellationToken cancellationToken)
    {
        var details = connectionUris?.FirstOrDefault(c => c?.ConnectionParameters is { } p && p.Database == database && p.Role == role && !string.IsNullOrEmpty(c.ConnectionUri));
        if (details is not null
            && NeonConnectionInfo.WithPoolerHost(details.ConnectionUri, details.ConnectionParameters.Host, details.ConnectionParameters.PoolerHost) is { } pooledUri)
        {
            return Parse(details.ConnectionUri, pooledUri, createOperationId);
        }

        // Both URIs from Neon: the reads are not queued, so they go out together.
        var direct = client.Project.GetConnectionURIAsync(projectId, database, role, branchId, endpointId, pooled: false, cancellationToken);
        var pooled = client.Project.GetConnectionURIAsync(projectId, database, role, branchId, endpointId, pooled: true, cancellationToken);
        var answers = await Task.WhenAll(direct, pooled).ConfigureAwait(false);
        return Parse(answers[0].Uri, answers[1].Uri, "getConnectionURI");
    }

    private static NeonConnectionInfo Parse(string directUri, string pooledUri, string operationId)
    {
        try
        {
            return NeonConnectionInfo.Parse(directUri, pooledUri);
        }
        catch (FormatException e)
        {
            // The URIs hold the password: the snippet stays empty and the message is the parser's, which never quotes them.
            throw new NeonResponseFormatException($"Neon's {operationId} answer cannot be used to connect: {e.Message}", HttpStatusCode.OK, operationId, bodySnippet: null, e);
        }
    }
}
