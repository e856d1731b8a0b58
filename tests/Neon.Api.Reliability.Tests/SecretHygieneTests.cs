using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Neon.Api.Reliability.Tests.Infrastructure;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Reliability.Tests;

/// <summary>The API key never shows up in what the client raises or prints; plain http needs consent.</summary>
public class SecretHygieneTests
{
    private const string Key = SenderHarness.ApiKey;

    [Test]
    public async Task The_key_echoed_by_a_server_in_an_error_page_is_scrubbed_from_the_exception()
    {
        using var harness = new SenderHarness();
        string echo = $"<html><pre>Authorization: Bearer {Key}\nX-Debug: {Key}</pre></html>";
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(HttpStatusCode.OK, "text/html", echo);

        var error = await FaultLedger.BadInputAsync<NeonResponseFormatException>(() => harness.GetAsync("/projects"));

        AssertNoKey(error);
        Assert.That(error.BodySnippet, Does.Contain("Bearer [redacted]").And.Contain("X-Debug: [redacted]"));
    }

    [Test]
    public async Task The_key_echoed_in_a_JSON_parse_error_is_scrubbed()
    {
        using var harness = new SenderHarness();
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(HttpStatusCode.OK, "application/json", "{\"" + Key + "\": tru");

        var error = await FaultLedger.BadInputAsync<NeonResponseFormatException>(() => harness.GetAsync("/projects"));

        AssertNoKey(error);
    }

    [Test]
    public async Task Network_and_timeout_exceptions_do_not_carry_the_key()
    {
        using (var harness = new SenderHarness(configure: s => s.Retry.MaxRetries = 0))
        {
            harness.Mock.When(SenderHarness.Url("/projects")).Throw(Stubs.Reset());
            AssertNoKey(await FaultLedger.FaultAsync<NeonNetworkException>(() => harness.GetAsync("/projects")));
        }

        using (var harness = new SenderHarness(new HangingHandler(), SenderHarness.RealTime, timeout: TimeSpan.FromMilliseconds(50)))
        {
            AssertNoKey(await FaultLedger.FaultAsync<NeonTimeoutException>(() => harness.GetAsync("/projects")));
        }
    }

    [Test]
    public void Credentials_are_masked_wherever_headers_are_shown()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://console.neon.tech/api/v2/projects");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add("Proxy-Authorization", "Basic dXNlcjpwYXNz");
        request.Headers.Add("X-Request-ID", "req-1");

        string shown = SecretRedactor.FormatHeaders(request.Headers);

        Assert.That(shown, Does.Not.Contain(Key).And.Not.Contain("session=abc").And.Not.Contain("dXNlcjpwYXNz"));
        Assert.That(shown, Does.Contain("Authorization: [redacted]").And.Contain("Cookie: [redacted]").And.Contain("X-Request-ID: req-1"));
    }

    [TestCase("Authorization")]
    [TestCase("authorization")]
    [TestCase("Set-Cookie")]
    [TestCase("X-API-KEY")]
    public void Sensitive_header_names_are_recognised_in_any_case(string name) =>
        Assert.That(SecretRedactor.IsSensitiveHeader(name), Is.True);

    [Test]
    public void Scrubbing_removes_the_key_and_any_bearer_token()
    {
        var redactor = new SecretRedactor(Key);
        Assert.That(redactor.Scrub($"key={Key}; auth=Bearer other-token-123"), Is.EqualTo("key=[redacted]; auth=Bearer [redacted]"));
        Assert.That(redactor.Scrub(null), Is.Null);
    }

    [TestCase("http://console.neon.tech/api/v2")]
    [TestCase("http://10.1.2.3:8080/api/v2")]
    public void Plain_http_to_a_remote_host_is_refused(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new NeonClient(Key, new NeonClientOptions { BaseUri = new Uri(url) }));
        Assert.That(error!.Message, Does.Contain("plain http").And.Contain("AllowInsecureHttp"));
        Assert.That(error.Message, Does.Not.Contain(Key));
    }

    [TestCase("https://console.neon.tech/api/v2", false)]
    [TestCase("http://localhost:5000/api/v2", false)]
    [TestCase("http://127.0.0.1:5000/api/v2", false)]
    [TestCase("http://[::1]:5000/api/v2", false)]
    [TestCase("http://neon.internal/api/v2", true)]
    public void Https_loopback_and_explicit_consent_are_accepted(string url, bool allowInsecure) =>
        Assert.DoesNotThrow(() => new NeonClient(Key, new NeonClientOptions { BaseUri = new Uri(url), AllowInsecureHttp = allowInsecure }).Dispose());

    [Test]
    public void Other_schemes_are_refused() =>
        Assert.Throws<ArgumentException>(() => new NeonClient(Key, new NeonClientOptions { BaseUri = new Uri("ftp://console.neon.tech/"), AllowInsecureHttp = true }));

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\n")]
    public void An_empty_api_key_is_refused_at_construction_with_a_clear_message(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new NeonClient(key));
        Assert.That(error!.Message, Does.Contain("API key is empty"));
        Assert.That(error.ParamName, Is.EqualTo("apiKey"));
    }

    [Test]
    public void The_client_and_its_views_do_not_print_the_key()
    {
        using var client = new NeonClient(Key);
        Assert.That(client.ToString(), Does.Not.Contain(Key));
        Assert.That(client.WithTimeout(TimeSpan.FromSeconds(1)).ToString(), Does.Not.Contain(Key));
    }

    [Test]
    public async Task The_key_echoed_in_an_error_status_body_is_scrubbed_from_the_api_exception()
    {
        using var harness = new SenderHarness(configure: o => o.Retry.MaxRetries = 0);
        harness.Mock.When(SenderHarness.Url("/projects")).Respond(HttpStatusCode.BadRequest, "text/plain", $"bad header Authorization: Bearer {Key}");

        var error = await FaultLedger.FaultAsync<NeonApiException>(() => harness.GetAsync("/projects"));

        AssertNoKey(error);
        Assert.That(error.BodySnippet, Does.Not.Contain(Key));
    }

    private static void AssertNoKey(Exception error)
    {
        var texts = new List<string?> { error.Message, error.ToString() };
        if (error is NeonResponseFormatException format)
        {
            texts.Add(format.BodySnippet);
        }

        foreach (string? text in texts)
        {
            Assert.That(text ?? string.Empty, Does.Not.Contain(Key));
        }
    }
}
