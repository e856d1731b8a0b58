using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Neon.Api.Pipeline;

/// <summary>Where a <see cref="NeonPipelinePolicy"/> runs in the send path (see <see cref="NeonClientOptions.AddPolicy"/>).</summary>
public enum NeonPipelinePosition
{
    /// <summary>Once per call, outside retries and the project queue (after tracing starts).</summary>
    PerCall = 0,

    /// <summary>Once per attempt, just before it is sent: the attempt's <see cref="NeonPipelineMessage.Request"/> is there to change.</summary>
    PerAttempt = 1,
}

/// <summary>
/// A stage of your own in the client's send path, in the spirit of Azure SDK pipeline policies: add a header to every
/// request, measure calls, log what your platform needs. Register it with <see cref="NeonClientOptions.AddPolicy"/>.
/// </summary>
public abstract class NeonPipelinePolicy
{
    /// <summary>Processes one call (or one attempt); call <paramref name="proceed"/> exactly once to let it go on.</summary>
    /// <param name="message">The call: the operation, the attempt's request, and after <paramref name="proceed"/> the response status.</param>
    /// <param name="proceed">Runs the rest of the send path.</param>
    /// <returns>A task that completes when the rest of the path has.</returns>
    public abstract Task ProcessAsync(NeonPipelineMessage message, Func<Task> proceed);
}

/// <summary>What a <see cref="NeonPipelinePolicy"/> sees of a call.</summary>
public sealed class NeonPipelineMessage
{
    private readonly NeonCall _call;

    internal NeonPipelineMessage(NeonCall call)
    {
        _call = call;
    }

    /// <summary>The spec's operationId (for example <c>createProjectBranch</c>).</summary>
    public string OperationId => _call.Request.OperationId;

    /// <summary>The HTTP method in upper case.</summary>
    public string Method => _call.Request.Method;

    /// <summary>The spec's path template (for example <c>/projects/{project_id}/branches</c>).</summary>
    public string PathTemplate => _call.Request.PathTemplate;

    /// <summary>The number of the current attempt (1 for the first; 0 before any was made).</summary>
    public int Attempt => _call.Attempts;

    /// <summary>
    /// The current attempt's request, authenticated and ready to send: a <see cref="NeonPipelinePosition.PerAttempt"/>
    /// policy may add headers. <see langword="null"/> outside an attempt (in a per-call policy).
    /// </summary>
    public HttpRequestMessage? Request => _call.Message;

    /// <summary>The status of the response, once the rest of the path has returned one.</summary>
    public int? StatusCode => _call.Response is { } response ? (int)response.StatusCode : null;

    /// <summary>The headers of the response, once the rest of the path has returned one.</summary>
    public HttpResponseHeaders? ResponseHeaders => _call.Response?.Headers;

    /// <summary>The call's cancellation (the caller's token and the call's deadline).</summary>
    public CancellationToken CancellationToken => _call.Token;
}
