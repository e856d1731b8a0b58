using System;
using System.Threading.Tasks;
using Neon.Api.Reliability;
using Neon.Api.Serialization.Reading;

namespace Neon.Api.Pipeline.Stages;

/// <summary>A final response with a failure status becomes the <see cref="NeonApiException"/> that matches it, read through the generated <c>GeneralError</c>.</summary>
internal sealed class ErrorMappingStage(SecretRedactor redactor) : NeonStage
{
    public override async Task ProcessAsync(NeonCall call, StageChain next)
    {
        await next.InvokeAsync(call).ConfigureAwait(false);
        var response = call.Response!;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        try
        {
            throw Map(response, call.Time);
        }
        finally
        {
            response.Dispose(); // the exception holds copies of what it needs
        }
    }

    private NeonApiException Map(NeonResponse response, TimeProvider time)
    {
        var request = response.Request;
        var body = redactor.Scrub(response.Body.Text) ?? string.Empty;
        GeneralError? error = null;
        if (!response.Body.Truncated && !response.Body.IsBlank)
        {
            // A Neon error document (GeneralError), read like every other body; anything else stays a snippet.
            JsonDocumentReader.TryReadQuietly(response.Body.GetUtf8(), out error);
        }

        return NeonApiException.Create(new NeonErrorDetails(
            response.StatusCode,
            request.OperationId,
            request.Method,
            "/" + request.BuildPath(),
            redactor.Scrub(error?.Code),
            redactor.Scrub(error?.Message),
            redactor.Scrub(error?.RequestId) ?? response.RequestId,
            body,
            RetryPolicy.RetryAfter(response.Headers, response.Headers.Date ?? time.GetUtcNow()),
            response.Attempts,
            response.Elapsed));
    }
}
