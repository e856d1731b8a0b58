using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>Error mapping, client construction and secret hygiene at the foundation level.</summary>
public class ErrorAndClientTests
{
    private const string ProjectUrl = "https://console.neon.tech/api/v2/projects/proj-1";

    [TestCase(401, typeof(NeonAuthenticationException))]
    [TestCase(403, typeof(NeonAuthenticationException))]
    [TestCase(404, typeof(NeonNotFoundException))]
    [TestCase(409, typeof(NeonConflictException))]
    [TestCase(423, typeof(NeonLockedException))]
    [TestCase(429, typeof(NeonRateLimitedException))]
    [TestCase(500, typeof(NeonServerException))]
    [TestCase(400, typeof(NeonApiException))]
    public async Task General_error_body_becomes_the_typed_exception(int status, Type expected)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(ProjectUrl).Respond((HttpStatusCode)status, "application/json",
            """{"code":"ERR_EXAMPLE","message":"something specific went wrong","request_id":"req-123"}""");
        using var client = TestSupport.CreateClient(mock);

        var error = await CatchAsync(() => client.Project.GetProjectAsync("proj-1"));

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.TypeOf(expected));
            Assert.That(error!.Status, Is.EqualTo(status));
            Assert.That(error.ErrorCode, Is.EqualTo("ERR_EXAMPLE"));
            Assert.That(error.ErrorMessage, Is.EqualTo("something specific went wrong"));
            Assert.That(error.RequestId, Is.EqualTo("req-123"));
            Assert.That(error.OperationId, Is.EqualTo("getProject"));
            Assert.That(error.Message, Does.Contain("getProject").And.Contain("something specific went wrong").And.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(error.Message + error, Does.Not.Contain(TestSupport.ApiKey));
        });
    }

    [Test]
    public async Task Html_error_page_gives_a_clear_exception_with_a_bounded_snippet()
    {
        var page = "<html><body><h1>502 Bad Gateway</h1>" + new string('x', 10_000) + "</body></html>";
        using var mock = new MockHttpMessageHandler();
        mock.When(ProjectUrl).Respond(HttpStatusCode.BadGateway, "text/html", page);
        using var client = TestSupport.CreateClient(mock);

        var error = await CatchAsync(() => client.Project.GetProjectAsync("proj-1"));

        Assert.That(error, Is.TypeOf<NeonServerException>());
        Assert.That(error.ErrorCode, Is.Null);
        Assert.That(error.BodySnippet, Does.StartWith("<html>").And.Length.EqualTo(NeonErrorDetails.MaxSnippetLength));
        Assert.That(error.Message, Does.Contain("not a Neon error object").And.Contain("502 Bad Gateway"));
        Assert.That(error.Message.Length, Is.LessThan(1000));
    }

    [Test]
    public async Task Empty_error_body_still_gives_a_clear_exception()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(ProjectUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var client = TestSupport.CreateClient(mock);

        var error = await CatchAsync(() => client.Project.GetProjectAsync("proj-1"));

        Assert.That(error.Status, Is.EqualTo(503));
        Assert.That(error.Message, Does.Contain("empty response body"));
        Assert.That(error.RequestId, Has.Length.EqualTo(32), "falls back to the X-Request-ID the client sent");
    }

    [Test]
    public async Task The_request_id_comes_from_the_body_then_the_response_header_then_the_id_sent()
    {
        using var mock = new MockHttpMessageHandler();
        string? sent = null;
        mock.When(ProjectUrl).Respond(request =>
        {
            sent = string.Join(",", request.Headers.GetValues("X-Request-ID"));
            var response = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"code":"NOT_FOUND","message":"no"}""", System.Text.Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("X-Request-ID", "from-header");
            return response;
        });
        mock.When("https://console.neon.tech/api/v2/projects/proj-2").Respond(HttpStatusCode.NotFound, "application/json", """{"code":"NOT_FOUND","message":"no","request_id":"from-body"}""");
        using var client = TestSupport.CreateClient(mock);

        var fromHeader = await CatchAsync(() => client.Project.GetProjectAsync("proj-1"));
        var fromBody = await CatchAsync(() => client.Project.GetProjectAsync("proj-2"));

        Assert.That(sent, Has.Length.EqualTo(32), "the client sends its own X-Request-ID");
        Assert.That(fromHeader.RequestId, Is.EqualTo("from-header"));
        Assert.That(fromBody.RequestId, Is.EqualTo("from-body"));
    }

    [Test]
    public async Task Retry_after_is_read_from_a_429()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(ProjectUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("""{"code":"RATE","message":"slow down"}""") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        using var client = TestSupport.CreateClient(mock);

        var error = await CatchAsync(() => client.Project.GetProjectAsync("proj-1"));

        Assert.That(error, Is.TypeOf<NeonRateLimitedException>());
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task Success_with_a_body_that_is_not_json_is_a_format_error_not_a_parser_error()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(ProjectUrl).Respond(HttpStatusCode.OK, "text/html", "<html>maintenance</html>");
        using var client = TestSupport.CreateClient(mock);

        var error = await Assert.ThrowsAsync<NeonResponseFormatException>(() => client.Project.GetProjectAsync("proj-1"));
        Assert.That(error!.Message, Does.Contain("not JSON").And.Contain("getProject"));
        Assert.That(error.BodySnippet, Is.EqualTo("<html>maintenance</html>"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Empty_api_key_fails_at_construction(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new NeonClient(key));
        Assert.That(error!.Message, Does.Contain("API key"));
    }

    [Test]
    public void Plain_http_is_refused_unless_loopback_or_opted_in()
    {
        var refused = Assert.Throws<ArgumentException>(() => _ = new NeonClient(TestSupport.ApiKey, new NeonClientOptions { BaseUri = new Uri("http://neon.example.com/api/v2") }));
        Assert.That(refused!.Message, Does.Contain("unencrypted"));
        using var loopback = new NeonClient(TestSupport.ApiKey, new NeonClientOptions { BaseUri = new Uri("http://127.0.0.1:5000/api/v2") });
        Assert.That(loopback.BaseUri.AbsoluteUri, Is.EqualTo("http://127.0.0.1:5000/api/v2/"));
        using var optedIn = new NeonClient(TestSupport.ApiKey, new NeonClientOptions { BaseUri = new Uri("http://proxy.internal/api/v2/"), AllowInsecureHttp = true });
        Assert.That(optedIn.BaseUri.Host, Is.EqualTo("proxy.internal"));
    }

    [Test]
    public void A_missing_clock_is_refused_with_a_message_naming_the_default()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new NeonClient(TestSupport.ApiKey, new NeonClientOptions { TimeProvider = null! }));

        Assert.That(error!.Message, Does.Contain("NeonClientOptions.TimeProvider").And.Contain("TimeProvider.System"));
    }

    [Test]
    public async Task Key_is_sent_per_request_and_never_kept_on_an_injected_HttpClient()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("https://console.neon.tech/api/v2/users/me").WithHeaders("Authorization", "Bearer " + TestSupport.ApiKey).Respond("application/json", "{}");
        using var http = new HttpClient(mock);
        using var client = new NeonClient(TestSupport.ApiKey, http);

        await client.Users.GetCurrentUserInfoAsync();

        Assert.That(http.DefaultRequestHeaders.Authorization, Is.Null);
        Assert.That(http.DefaultRequestHeaders.Any(), Is.False);
        Assert.That(client.ToString(), Does.Not.Contain(TestSupport.ApiKey).And.Contain("console.neon.tech"));
    }

    [Test]
    public async Task Base_url_option_points_the_client_elsewhere()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect("https://neon.example.test/custom/api/v2/regions").Respond("application/json", """{"regions":[]}""");
        using var client = TestSupport.CreateClient(mock, new NeonClientOptions { BaseUri = new Uri("https://neon.example.test/custom/api/v2") });

        await client.Region.GetActiveRegionsAsync();

        mock.VerifyNoOutstandingExpectation();
    }

    private static async Task<NeonApiException> CatchAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (NeonApiException exception)
        {
            return exception;
        }

        throw new AssertionException("expected a NeonApiException");
    }
}
