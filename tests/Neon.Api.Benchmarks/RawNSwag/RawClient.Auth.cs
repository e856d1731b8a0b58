using System.Net.Http;
using System.Net.Http.Headers;

namespace Neon.Api.Benchmarks.RawNSwag;

/// <summary>The raw NSwag client's one hand-written part: the API key, through the generated request hook.</summary>
public partial class Client
{
    /// <summary>The API key sent as a bearer token with every request.</summary>
    public string? ApiKey { get; set; }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        }
    }
}
