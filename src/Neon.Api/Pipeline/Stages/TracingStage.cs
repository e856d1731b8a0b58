using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Neon.Api.Pipeline.Stages;

/// <summary>One client span per call (queueing and retries included), from <see cref="NeonTelemetry.Source"/>; nothing is built without a listener.</summary>
internal sealed class TracingStage : NeonStage
{
    // Without a listener the stage is not even an async step.
    public override Task ProcessAsync(NeonCall call, StageChain next) =>
        NeonTelemetry.Source.HasListeners() ? TraceAsync(call, next) : next.InvokeAsync(call);

    private static async Task TraceAsync(NeonCall call, StageChain next)
    {
        using Activity? activity = NeonTelemetry.Source.StartActivity("Neon " + call.Request.OperationId, ActivityKind.Client);
        activity?.SetTag("neon.operation_id", call.Request.OperationId);
        activity?.SetTag("http.request.method", call.Request.Method);
        activity?.SetTag("url.template", call.Request.PathTemplate);
        try
        {
            await next.InvokeAsync(call).ConfigureAwait(false);
            if (activity is not null && call.Response is { } response)
            {
                activity.SetTag("http.response.status_code", (int)response.StatusCode);
                activity.SetTag("neon.request_id", response.RequestId);
            }
        }
        catch (Exception exception) when (activity is not null)
        {
            if (exception is NeonApiException api)
            {
                activity.SetTag("http.response.status_code", api.Status);
                activity.SetTag("neon.request_id", api.RequestId);
            }

            activity.SetTag("error.type", exception.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, exception is NeonApiException failed ? $"HTTP {failed.Status}" : exception.GetType().Name);
            throw;
        }
    }
}
