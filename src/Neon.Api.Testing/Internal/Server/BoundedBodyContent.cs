using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.Server;

/// <summary>
/// A request body that is read from the connection only when the emulator asks for it (after authentication), never
/// past <see cref="ServerSettings.MaxRequestBodySize"/> and never for longer than
/// <see cref="ServerSettings.RequestBodyTimeout"/>. Refusals are <see cref="ApiError"/>s, so they get the same
/// <c>GeneralError</c> answer, request id and counters as every other error.
/// </summary>
internal sealed class BoundedBodyContent : HttpContent
{
    private const int ChunkSize = 16 * 1024;

    private readonly HttpRequest _request;
    private readonly ServerSettings _settings;
    private readonly FakeNeonCounters _counters;

    public BoundedBodyContent(HttpRequest request, ServerSettings settings, FakeNeonCounters counters)
    {
        _request = request;
        _settings = settings;
        _counters = counters;
    }

    /// <summary>True once the whole body was read; false when it was refused, timed out or never asked for.</summary>
    public bool ReadToEnd { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var limit = _settings.MaxRequestBodySize;
        if (_request.ContentLength > limit)
        {
            throw TooLarge($"the request body is {_request.ContentLength} bytes (Content-Length)");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.RequestBodyTimeout);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            while (true)
            {
                // Never more than one byte past the limit: enough to know that the body is too large.
                var wanted = (int)Math.Min(ChunkSize, limit - total + 1);
                var read = await ReadAsync(buffer.AsMemory(0, wanted), deadline, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                _counters.RecordRequestBodyBytes(read);
                if (total > limit)
                {
                    throw TooLarge("the request body is larger than that");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            ReadToEnd = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private async Task<int> ReadAsync(Memory<byte> buffer, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await _request.Body.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ApiError(
                HttpStatusCode.RequestTimeout,
                "REQUEST_TIMEOUT",
                $"the request body did not arrive in full within {_settings.RequestBodyTimeout.TotalSeconds:0.###} s "
                + "(FakeNeonServerOptions.RequestBodyTimeout, --request-body-timeout)");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge("the request body is larger than that");
        }
        catch (BadHttpRequestException ex)
        {
            throw ApiError.BadRequest($"the request body could not be read: {ex.Message}");
        }
    }

    private ApiError TooLarge(string what) => new(
        HttpStatusCode.RequestEntityTooLarge,
        "PAYLOAD_TOO_LARGE",
        $"the emulator accepts request bodies of at most {_settings.MaxRequestBodySize} bytes "
        + $"(FakeNeonServerOptions.MaxRequestBodySize, --max-request-body-size) and {what}");
}
