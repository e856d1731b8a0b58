using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;
using Neon.Api.Reliability;

namespace Neon.Api.Pipeline;

/// <summary>
/// The one send path of the client: every generated operation ends here. It hands the call to the reliability
/// policies (deadline, project-lock queue, retries, bounded body read: <see cref="SendPipeline"/>), which build a
/// fresh authenticated message per attempt; then it maps error statuses to the <see cref="NeonApiException"/> family
/// and reads JSON bodies into models.
/// </summary>
internal sealed class NeonPipeline
{
    private const string RequestIdHeader = "X-Request-ID";

    private readonly HttpMessageInvoker _transport;
    private readonly NeonCredential _credential;
    private readonly SecretRedactor _redactor;
    private string? _userAgent;

    internal NeonPipeline(HttpMessageInvoker transport, NeonCredential credential, NeonClientOptions options, Uri baseUri)
    {
        _transport = transport;
        _credential = credential;
        _redactor = credential.CreateRedactor();
        Options = options;
        Timeout = options.Timeout;
        BaseUri = baseUri;
        Sender = new SendPipeline(SendAttemptAsync, request => CreateMessage(request, Guid.NewGuid().ToString("N")), _redactor, options);
    }

    /// <summary>A view of <paramref name="shared"/> with another deadline: same transport, retries and project queue.</summary>
    private NeonPipeline(NeonPipeline shared, TimeSpan timeout)
    {
        _transport = shared._transport;
        _credential = shared._credential;
        _redactor = shared._redactor;
        Options = shared.Options;
        BaseUri = shared.BaseUri;
        Sender = shared.Sender;
        Timeout = timeout;
    }

    /// <summary>The API base URL, ending with a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>The <c>User-Agent</c> sent with every request (built on first use: start-up stays cheap).</summary>
    public string UserAgent => _userAgent ??= NeonUserAgent.Build(Options.ApplicationName);

    internal NeonClientOptions Options { get; }

    /// <summary>The deadline of each call through this pipeline (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    internal TimeSpan Timeout { get; }

    internal SendPipeline Sender { get; }

    /// <summary>Sends a request and reads its JSON response into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The response model.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response model.</returns>
    public async Task<T> SendAsync<T>(NeonRequest request, CancellationToken cancellationToken)
    {
        using var response = await Sender.SendAsync(request, Timeout, bufferSuccessBody: true, ReadModel<T>, cancellationToken).ConfigureAwait(false);
        return (T)response.Model!;
    }

    /// <summary>Sends a request whose success response has no body to read.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has accepted the call.</returns>
    public async Task SendAsync(NeonRequest request, CancellationToken cancellationToken)
    {
        using var response = await Sender.SendAsync(request, Timeout, bufferSuccessBody: true, readSuccess: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request whose success response is a binary stream.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; dispose it after reading.</returns>
    public async Task<NeonFileResponse> SendForFileAsync(NeonRequest request, CancellationToken cancellationToken)
    {
        using var response = await Sender.SendAsync(request, Timeout, bufferSuccessBody: false, readSuccess: null, cancellationToken).ConfigureAwait(false);
        var message = response.Message!;
        try
        {
#if NET5_0_OR_GREATER
            var stream = await message.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            var stream = await message.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            return new NeonFileResponse(message, stream);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>Reads a success body into the operation's model (called by the send path inside the call's queue turn).</summary>
    private object? ReadModel<T>(NeonResponse response) =>
        ResponseJson.Deserialize<T>(response, _redactor, Sender.Logger, Options.ValueMismatchHandling == NeonValueMismatchHandling.Fail);

    /// <summary>The same pipeline with another per-call deadline (see <see cref="NeonClient.WithTimeout(TimeSpan)"/>).</summary>
    internal NeonPipeline WithTimeout(TimeSpan timeout) => new(this, timeout);

    /// <summary>One attempt; an <see cref="HttpClient"/> must not buffer the body, so that it is read with a bound.</summary>
    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        _transport is HttpClient client
            ? client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : _transport.SendAsync(message, cancellationToken);

    private HttpRequestMessage CreateMessage(NeonRequest request, string requestId)
    {
        var message = request.CreateMessage(BaseUri);
        message.Headers.Authorization = _credential.CreateHeader();
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (!message.Headers.Contains(RequestIdHeader))
        {
            message.Headers.TryAddWithoutValidation(RequestIdHeader, requestId);
        }

        return message;
    }
}
