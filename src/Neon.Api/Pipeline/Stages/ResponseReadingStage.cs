using System.Threading.Tasks;

namespace Neon.Api.Pipeline.Stages;

/// <summary>
/// Reads the final success body into the call's model (inside the project queue's turn, so that the operations it lists
/// are queued on before the next mutation enters), and stamps the response with the call's attempts and duration.
/// </summary>
internal sealed class ResponseReadingStage : NeonStage
{
    public override async Task ProcessAsync(NeonCall call, StageChain next)
    {
        await next.InvokeAsync(call).ConfigureAwait(false);
        var response = call.Response!;
        response.Attempts = call.Attempts;
        response.Elapsed = call.Elapsed;
        if (response.IsSuccessStatusCode && call.ReadSuccess is not null)
        {
            try
            {
                response.Model = call.ReadSuccess(response);
            }
            catch
            {
                response.Dispose();
                call.Response = null;
                throw;
            }
        }
    }
}
