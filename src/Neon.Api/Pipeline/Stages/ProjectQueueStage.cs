using System;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;
using Neon.Api.Reliability;
using Neon.Api.Serialization.Reading;

namespace Neon.Api.Pipeline.Stages;

/// <summary>
/// Mutations of a project wait, in turn, until the operations this client's earlier mutations started there are final;
/// the operations a response lists are recorded (or, for reads, forgotten once seen final) inside the turn.
/// </summary>
internal sealed class ProjectQueueStage(SendPipeline shared) : NeonStage
{
    // With the queue off the stage is not even an async step.
    public override Task ProcessAsync(NeonCall call, StageChain next) =>
        shared.QueueProjectMutations ? QueueAsync(call, next) : next.InvokeAsync(call);

    private async Task QueueAsync(NeonCall call, StageChain next)
    {
        var request = call.Request;
        string? projectId = ProjectLockGate.MutatedProjectId(request.IsMutation, request.BuildPath());
        IDisposable? turn = null;
        if (projectId is not null)
        {
            call.Activity = $"queued behind the operations of project {projectId}";
            NeonLog.Queue(shared.Logger, request.OperationId, projectId);
            var queued = call.Elapsed;
            turn = await shared.Gate.EnterAsync(projectId, (operation, token) => PollAsync(operation, call, token), shared.Time, call.Token).ConfigureAwait(false);
            NeonTelemetry.RecordProjectQueueWait(request.OperationId, call.Elapsed - queued);
        }

        try
        {
            await next.InvokeAsync(call).ConfigureAwait(false);
            if (call.Response is { IsSuccessStatusCode: true, Model: { } model })
            {
                if (request.IsMutation)
                {
                    shared.Gate.Record(ProjectLockGate.PendingOperations(model, projectId));
                }
                else
                {
                    shared.Gate.Observe(model);
                }
            }
        }
        finally
        {
            turn?.Dispose();
        }
    }

    /// <summary>One poll: a <c>getProjectOperation</c> call through the retry and transport stages, read like any response.</summary>
    private async Task<string?> PollAsync(PendingOperation operation, NeonCall outer, CancellationToken token)
    {
        var poll = new NeonRequest("GET", "/projects/{project_id}/operations/{operation_id}", "getProjectOperation");
        poll.SetPathParameter("project_id", operation.ProjectId, "projectId");
        poll.SetPathParameter("operation_id", operation.OperationId, "operationId");
        try
        {
            using NeonResponse response = await shared.SendAttemptsAsync(new NeonCall(poll, outer) { Token = token }).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                && JsonDocumentReader.TryReadQuietly<OperationResponse>(response.Body.GetUtf8(), out var answer)
                ? answer.Operation?.Status.Value
                : null;
        }
        catch (NeonException)
        {
            // The operation cannot be observed: stop waiting for it and let 423 retries cover a lock that remains.
            return null;
        }
    }
}
