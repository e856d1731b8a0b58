using System;
using System.Net.Http;
using System.Threading.Tasks;
using Neon.Api.Core;

namespace Neon.Api.Pipeline.Stages;

/// <summary>Each attempt gets a fresh message (authentication, user agent, request id, accept), so that retries replay the same bytes.</summary>
internal sealed class AttemptMessageStage(Func<NeonRequest, HttpRequestMessage> createMessage) : NeonStage
{
    public override async Task ProcessAsync(NeonCall call, StageChain next)
    {
        call.Attempts++;
        call.Activity = $"waiting for the response to attempt {call.Attempts}";
        call.AttemptStarted = call.Time.GetTimestamp();
        using HttpRequestMessage message = createMessage(call.Request);
        call.Message = message;
        try
        {
            await next.InvokeAsync(call).ConfigureAwait(false);
        }
        finally
        {
            call.Message = null;
        }
    }
}
