using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Core;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>
/// A real <see cref="NeonClient"/> over MockHttp (or any handler), sending hand-made <see cref="NeonRequest"/>s
/// through its pipeline, on a fast-forwarding clock that records the waits (so that no test sleeps).
/// </summary>
internal sealed class SenderHarness : IDisposable
{
    public const string ApiKey = "napi_TEST_SECRET_k3y_0123456789abcdefghijklmnop";
    public const string OperationId = "testCall";
    public static readonly Uri BaseAddress = new("https://console.neon.tech/api/v2/");

    public SenderHarness(HttpMessageHandler? handler = null, Action<NeonClientOptions>? configure = null, TimeSpan? timeout = null, Uri? baseAddress = null)
    {
        Handler = handler ?? Mock;
        Options = new NeonClientOptions
        {
            BaseUri = baseAddress ?? BaseAddress,
            Timeout = timeout ?? Timeout.InfiniteTimeSpan,
            TimeProvider = Clock,
        };
        configure?.Invoke(Options);
        Client = new NeonClient(ApiKey, Handler, Options);
    }

    /// <summary>
    /// Puts the client on the system clock, for tests where a real server hangs or answers slowly: a request in flight
    /// takes no virtual time, so only a real clock can reach a deadline while the server sits on it.
    /// </summary>
    public static void RealTime(NeonClientOptions options) => options.TimeProvider = TimeProvider.System;

    public MockHttpMessageHandler Mock { get; } = new();

    public HttpMessageHandler Handler { get; }

    public RecordingClock Clock { get; } = new();

    public NeonClientOptions Options { get; }

    public NeonClient Client { get; }

    public static string Url(string path) => BaseAddress.AbsoluteUri.TrimEnd('/') + path;

    public Task<JObject> GetAsync(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, timeout, cancellationToken);

    /// <summary>
    /// Sends a call that reads its answer as a <see cref="CreatedBranch"/> (a model with <c>operations</c>, as a real
    /// mutation returns, so that the project queue sees them) and hands it back as JSON: fields the model does not
    /// declare come back from its <c>AdditionalProperties</c>.
    /// </summary>
    public async Task<JObject> SendAsync(HttpMethod method, string path, string? json = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var request = new NeonRequest(method.Method, path, OperationId);
        if (json is not null)
        {
            request.SetJsonBody(JToken.Parse(json));
        }

        NeonClient client = timeout is null ? Client : Client.WithTimeout(timeout.Value);
        var model = await client.Pipeline.SendAsync<CreatedBranch>(request, cancellationToken).ConfigureAwait(false);
        return JObject.FromObject(model, Newtonsoft.Json.JsonSerializer.Create(Neon.Api.Serialization.NeonJson.CreateSettings()));
    }

    public void Dispose()
    {
        Client.Dispose();
        Mock.Dispose();
    }
}
