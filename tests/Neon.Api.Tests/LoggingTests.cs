using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>The client's log events: what they say, and that no credential is ever in them.</summary>
public class LoggingTests
{
    [Test]
    public async Task Attempts_answers_and_retries_are_logged_without_any_credential()
    {
        var logger = new CapturingLogger();
        using var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When("https://console.neon.tech/api/v2/projects/p-1").Respond(_ => ++calls == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("upstream said: Bearer " + TestSupport.ApiKey) }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"project":{"id":"p-1"}}""") });
        mock.When("https://console.neon.tech/api/v2/projects/p-2").Respond(HttpStatusCode.Unauthorized, "application/json",
            $$"""{"code":"UNAUTHORIZED","message":"key {{TestSupport.ApiKey}} is not valid"}""");
        using var client = TestSupport.CreateClient(mock, new NeonClientOptions { Logger = logger });

        await client.Project.GetProjectAsync("p-1");
        var error = await Assert.ThrowsAsync<NeonAuthenticationException>(() => client.Project.GetProjectAsync("p-2"));

        var names = logger.Events.Select(e => e.EventId.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain("NeonRequestSending").And.Contain("NeonResponseReceived").And.Contain("NeonRequestRetrying").And.Contain("NeonRequestHeaders"));
            Assert.That(logger.Events.Single(e => e.EventId.Name == "NeonRequestRetrying").Message, Does.Contain("getProject").And.Contain("503"));
            Assert.That(logger.Events.First(e => e.EventId.Name == "NeonRequestHeaders").Message, Does.Contain("Authorization: [redacted]"));
            Assert.That(logger.Events.Where(e => e.Everything.Contains(TestSupport.ApiKey, StringComparison.Ordinal)).Select(e => e.Message), Is.Empty, "no log event carries the key");
            Assert.That(error!.Message + error.BodySnippet + error, Does.Not.Contain(TestSupport.ApiKey));
        });
    }

    [Test]
    public async Task Without_a_logger_nothing_is_formatted()
    {
        var logger = new CapturingLogger { Enabled = false };
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"regions":[]}""");
        using var client = TestSupport.CreateClient(mock, new NeonClientOptions { Logger = logger });

        await client.Region.GetActiveRegionsAsync();

        Assert.That(logger.Events, Is.Empty);
    }

    private sealed record LogEvent(LogLevel Level, EventId EventId, string Message, string Everything);

    private sealed class CapturingLogger : ILogger
    {
        public bool Enabled { get; init; } = true;

        public List<LogEvent> Events { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => Enabled;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("|", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            var message = formatter(state, exception);
            lock (Events)
            {
                Events.Add(new LogEvent(logLevel, eventId, message, message + values + exception));
            }
        }
    }
}
