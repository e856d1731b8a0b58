using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>One client activity per call from the <c>Neon.Api</c> source, with status and no credential.</summary>
[NonParallelizable]
public class TracingTests
{
    [Test]
    public async Task Each_call_is_one_client_activity_with_its_outcome()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == NeonTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var mock = new MockHttpMessageHandler();
        mock.When("https://console.neon.tech/api/v2/projects/p-1").Respond("application/json", """{"project":{"id":"p-1"}}""");
        mock.When("https://console.neon.tech/api/v2/projects/missing").Respond(HttpStatusCode.NotFound, "application/json", """{"code":"NOT_FOUND","message":"no"}""");
        using var client = TestSupport.CreateClient(mock);

        await client.Project.GetProjectAsync("p-1");
        await Assert.ThrowsAsync<NeonNotFoundException>(() => client.Project.GetProjectAsync("missing"));

        var mine = stopped.Where(a => a.OperationName == "Neon getProject").ToList();
        Assert.That(mine, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(mine[0].Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(mine[0].GetTagItem("http.request.method"), Is.EqualTo("GET"));
            Assert.That(mine[0].GetTagItem("url.template"), Is.EqualTo("/projects/{project_id}"));
            Assert.That(mine[0].GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(mine[0].Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(mine[1].GetTagItem("http.response.status_code"), Is.EqualTo(404));
            Assert.That(mine[1].Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(mine.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty), Has.None.Contains(TestSupport.ApiKey));
        });
    }
}
