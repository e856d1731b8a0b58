using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Reliability;

namespace Neon.Api.Pipeline.Stages;

/// <summary>
/// The last stage: sends the attempt's message and reads the body with a bound (<see cref="BoundedBody"/>). A failure
/// to get a response is recorded on the call for the retry stage to judge, never thrown from here.
/// </summary>
internal sealed class TransportStage(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> transport, SendPipeline shared) : NeonStage
{
    public override async Task ProcessAsync(NeonCall call, StageChain next)
    {
        var request = call.Request;
        var message = call.Message!;
        call.Response = null;
        call.Failure = null;
        HttpResponseMessage? answer = null;
        try
        {
            string? sentRequestId = message.Headers.TryGetValues("X-Request-ID", out var ids) ? string.Join(",", ids) : null;
            NeonLog.Sending(shared.Logger, request.OperationId, request.Method, message.RequestUri?.AbsolutePath ?? request.PathTemplate, call.Attempts);
            NeonLog.Headers(shared.Logger, request.OperationId, () => SecretRedactor.FormatHeaders(message.Headers));
            answer = await transport(message, call.Token).ConfigureAwait(false);
            NeonLog.Response(shared.Logger, request.OperationId, (int)answer.StatusCode, call.AttemptElapsed, sentRequestId);
            if (answer.IsSuccessStatusCode && !call.BufferSuccessBody)
            {
                call.Response = new NeonResponse(request, answer, ResponseBody.Empty, keepMessage: true, sentRequestId);
                answer = null; // the caller owns it now
            }
            else
            {
                call.Activity = $"reading the response to attempt {call.Attempts}";
                long limit = answer.IsSuccessStatusCode ? shared.MaxResponseBytes : SendPipeline.ErrorBodyLimit;
                ResponseBody body = await BoundedBody.ReadAsync(answer.Content, limit, call.Token).ConfigureAwait(false);
                call.Response = new NeonResponse(request, answer, body, keepMessage: false, sentRequestId);
            }
        }
        catch (Exception ex) when (IsTransportFailure(ex, call.Token))
        {
            call.Failure = ex;
        }
        finally
        {
            answer?.Dispose();
        }
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken token) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !token.IsCancellationRequested);
}
