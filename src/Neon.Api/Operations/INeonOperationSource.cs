using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Operations;

/// <summary>Reads the current state of a Neon operation; the generated operation client implements it.</summary>
public interface INeonOperationSource
{
    /// <summary>Fetches the current state of an operation (<c>GET /projects/{project_id}/operations/{operation_id}</c>).</summary>
    /// <param name="projectId">The project id.</param>
    /// <param name="operationId">The operation id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The operation's current state.</returns>
    Task<NeonOperationState> GetOperationStateAsync(string projectId, string operationId, CancellationToken cancellationToken);
}
