using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Reliability;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests.Infrastructure;

/// <summary>The send path over MockHttp (or any handler), with a recording delay so that no test sleeps.</summary>
internal sealed class SenderHarness : IDisposable
{
    public const string ApiKey = "napi_TEST_SECRET_k3y_0123456789abcdefghijklmnop";
    public static readonly Uri BaseAddress = new("https://console.neon.tech/api/v2/");

    private readonly HttpClient _client;

    public SenderHarness(HttpMessageHandler? handler = null, Action<ReliabilitySettings>? configure = null, TimeSpan? timeout = null, Uri? baseAddress = null)
    {
        Handler = handler ?? Mock;
        Base = baseAddress ?? BaseAddress;
        _client = new HttpClient(Handler);
        Settings = new ReliabilitySettings
        {
            Retry = new NeonRetryOptions { Delay = Delay.Invoke },
            BaseAddress = Base,
            Redactor = new SecretRedactor(ApiKey),
            Random = () => 0.5,
            Timeout = timeout,
        };
        configure?.Invoke(Settings);
        Sender = new ReliableSender((request, ct) => _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct), Settings);
    }

    public MockHttpMessageHandler Mock { get; } = new();

    /// <summary>The API base of this harness (MockHttp's fixed one, or a loopback server's).</summary>
    public Uri Base { get; }

    public HttpMessageHandler Handler { get; }

    public RecordingDelay Delay { get; } = new();

    public ReliabilitySettings Settings { get; }

    public ReliableSender Sender { get; }

    public static string Url(string path) => BaseAddress.AbsoluteUri.TrimEnd('/') + path;

    public Task<JObject> GetAsync(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, timeout, cancellationToken);

    public async Task<JObject> SendAsync(HttpMethod method, string path, string? json = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var message = new HttpRequestMessage(method, Base.AbsoluteUri.TrimEnd('/') + path);
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        if (json is not null)
        {
            message.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        ReplayableRequest request = await ReplayableRequest.FromAsync(message, cancellationToken);
        return await Sender.SendAsync(request, timeout ?? Settings.Timeout, Map, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        Mock.Dispose();
    }

    private JObject Map(NeonResponse response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new StandInApiException(response);
        }

        return ResponseJson.Deserialize<JObject>(response, JsonSerializer.CreateDefault(), Settings.Redactor);
    }
}

/// <summary>Stands in for the lead's NeonApiException family until the foundation is merged.</summary>
internal sealed class StandInApiException(NeonResponse response)
    : NeonException($"{response.Request} failed with {(int)response.StatusCode}")
{
    public int Status { get; } = (int)response.StatusCode;
}
