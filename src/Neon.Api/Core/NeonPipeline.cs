using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.Core;

/// <summary>
/// The one send path of the client: every generated operation ends here. It creates a fresh message per attempt,
/// authenticates it, enforces the call deadline, maps error statuses to the <see cref="NeonApiException"/> family
/// and reads JSON bodies with a size bound.
/// </summary>
public sealed class NeonPipeline
{
    private const string RequestIdHeader = "X-Request-ID";
    private const int ErrorBodyLimit = 64 * 1024;

    private readonly HttpMessageInvoker _transport;
    private readonly NeonCredential _credential;

    internal NeonPipeline(HttpMessageInvoker transport, NeonCredential credential, NeonClientOptions options)
    {
        _transport = transport;
        _credential = credential;
        Options = options;
        BaseUri = options.GetNormalizedBaseUri();
        UserAgent = NeonUserAgent.Build(options.ApplicationName);
    }

    /// <summary>The API base URL, ending with a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>The <c>User-Agent</c> sent with every request.</summary>
    public string UserAgent { get; }

    internal NeonClientOptions Options { get; }

    /// <summary>Sends a request and reads its JSON response into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The response model.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response model.</returns>
    public async Task<T> SendAsync<T>(NeonRequest request, CancellationToken cancellationToken)
    {
        using var scope = new CallScope(this, request, cancellationToken);
        try
        {
            using var response = await SendCoreAsync(request, scope.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, request, Options.MaxResponseBytes, scope.Token).ConfigureAwait(false);
            return ParseSuccess<T>(response, request, body);
        }
        catch (OperationCanceledException exception) when (scope.IsDeadline(exception))
        {
            throw scope.TimeoutException(exception);
        }
    }

    /// <summary>Sends a request whose success response has no body to read.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has accepted the call.</returns>
    public async Task SendAsync(NeonRequest request, CancellationToken cancellationToken)
    {
        using var scope = new CallScope(this, request, cancellationToken);
        try
        {
            using var response = await SendCoreAsync(request, scope.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (scope.IsDeadline(exception))
        {
            throw scope.TimeoutException(exception);
        }
    }

    /// <summary>Sends a request whose success response is a binary stream.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; dispose it after reading.</returns>
    public async Task<NeonFileResponse> SendForFileAsync(NeonRequest request, CancellationToken cancellationToken)
    {
        using var scope = new CallScope(this, request, cancellationToken);
        try
        {
            var response = await SendCoreAsync(request, scope.Token).ConfigureAwait(false);
            try
            {
                var stream = await ReadStreamAsync(response.Content).ConfigureAwait(false);
                return new NeonFileResponse(response, stream);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException exception) when (scope.IsDeadline(exception))
        {
            throw scope.TimeoutException(exception);
        }
    }

    /// <summary>Sends one request and returns its success response, or throws the matching exception.</summary>
    private async Task<HttpResponseMessage> SendCoreAsync(NeonRequest request, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString("N");
        using var message = CreateMessage(request, requestId);
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new NeonNetworkException(
                $"Neon API call {request.OperationId} ({request.Method} {request.PathTemplate}) could not reach {BaseUri.Host}: {exception.Message}",
                exception);
        }

        if ((int)response.StatusCode is >= 200 and <= 299)
        {
            return response;
        }

        using (response)
        {
            throw await CreateErrorAsync(response, request, requestId, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage CreateMessage(NeonRequest request, string requestId)
    {
        var message = request.CreateMessage(BaseUri);
        message.Headers.Authorization = _credential.CreateHeader();
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!message.Headers.Contains(RequestIdHeader))
        {
            message.Headers.TryAddWithoutValidation(RequestIdHeader, requestId);
        }

        return message;
    }

    private static async Task<NeonApiException> CreateErrorAsync(HttpResponseMessage response, NeonRequest request, string requestId, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await ReadBoundedAsync(response.Content, ErrorBodyLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            body = string.Empty;
        }

        string? code = null, message = null, bodyRequestId = null;
        if (LooksLikeJson(body))
        {
            try
            {
                if (NeonJson.Parse(body) is JObject error)
                {
                    code = AsText(error["code"]);
                    message = AsText(error["message"]);
                    bodyRequestId = AsText(error["request_id"]);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the snippet carries what the server said.
            }
        }

        var headerRequestId = response.Headers.TryGetValues(RequestIdHeader, out var values) ? string.Join(",", values) : null;
        return NeonApiException.Create(new NeonErrorDetails(
            response.StatusCode,
            request.OperationId,
            request.Method,
            "/" + request.BuildPath(),
            code,
            message,
            bodyRequestId ?? headerRequestId ?? requestId,
            body,
            RetryAfterOf(response)));
    }

    private static T ParseSuccess<T>(HttpResponseMessage response, NeonRequest request, string body)
    {
        if (body.Length == 0)
        {
            throw new NeonResponseFormatException(
                $"Neon API call {request.OperationId} answered {(int)response.StatusCode} with an empty body where a {typeof(T).Name} was expected.",
                response.StatusCode,
                request.OperationId,
                body,
                null);
        }

        try
        {
            var token = NeonJson.Parse(body);
            if (token.Type != JTokenType.Object && typeof(T) != typeof(JToken))
            {
                throw new NeonResponseFormatException(
                    $"Neon API call {request.OperationId} answered {(int)response.StatusCode} with a JSON {token.Type.ToString().ToLowerInvariant()} where an object ({typeof(T).Name}) was expected.",
                    response.StatusCode,
                    request.OperationId,
                    body,
                    null);
            }

            return NeonJson.ToObject<T>(token)!;
        }
        catch (JsonException exception)
        {
            var what = LooksLikeJson(body) ? "malformed or truncated JSON" : "a body that is not JSON";
            var contentType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw new NeonResponseFormatException(
                $"Neon API call {request.OperationId} answered {(int)response.StatusCode} ({contentType}) with {what}: {exception.Message}",
                response.StatusCode,
                request.OperationId,
                body,
                exception);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, NeonRequest request, long limit, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadBoundedAsync(response.Content, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw new NeonResponseFormatException(
                $"Neon API call {request.OperationId} answered with a body larger than the limit of {limit} bytes (NeonClientOptions.MaxResponseBytes).",
                response.StatusCode,
                request.OperationId,
                null,
                exception);
        }
    }

    /// <summary>Reads a body as UTF-8 text, failing once it exceeds <paramref name="limit"/> bytes.</summary>
    internal static async Task<string> ReadBoundedAsync(HttpContent? content, long limit, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return string.Empty;
        }

        if (content.Headers.ContentLength > limit)
        {
            throw new InvalidDataException($"The body declares {content.Headers.ContentLength} bytes, over the limit of {limit}.");
        }

        using var stream = await ReadStreamAsync(content).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > limit)
            {
                throw new InvalidDataException($"The body is larger than the limit of {limit} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Task<Stream> ReadStreamAsync(HttpContent content) => content.ReadAsStreamAsync();

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool LooksLikeJson(string body)
    {
        foreach (var c in body)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    private static string? AsText(JToken? token) => token is null || token.Type == JTokenType.Null ? null : token.ToString();

    /// <summary>One call: links the caller's token with the call deadline and tells which of them fired.</summary>
    private sealed class CallScope : IDisposable
    {
        private readonly CancellationTokenSource? _deadline;
        private readonly CancellationTokenSource? _linked;
        private readonly CancellationToken _caller;
        private readonly NeonRequest _request;
        private readonly TimeSpan _timeout;

        public CallScope(NeonPipeline pipeline, NeonRequest request, CancellationToken caller)
        {
            _caller = caller;
            _request = request;
            _timeout = pipeline.Options.Timeout;
            if (_timeout == Timeout.InfiniteTimeSpan)
            {
                Token = caller;
                return;
            }

            _deadline = new CancellationTokenSource(_timeout);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _deadline.Token);
            Token = _linked.Token;
        }

        public CancellationToken Token { get; }

        public bool IsDeadline(OperationCanceledException exception) =>
            !_caller.IsCancellationRequested && _deadline is { IsCancellationRequested: true };

        public NeonTimeoutException TimeoutException(Exception inner) => new(
            $"Neon API call {_request.OperationId} ({_request.Method} {_request.PathTemplate}) did not complete within its deadline of {_timeout.TotalSeconds:0.###} s (NeonClientOptions.Timeout).",
            _timeout,
            inner);

        public void Dispose()
        {
            _linked?.Dispose();
            _deadline?.Dispose();
        }
    }
}
