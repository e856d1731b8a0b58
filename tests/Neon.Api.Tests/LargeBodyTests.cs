using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>
/// Large bodies are read in one pass; keeping one bad value raw must never hide a truncated or garbled document.
/// </summary>
public class LargeBodyTests
{
    private static string Projects(int count, string? badCreatedAt = null) =>
        "{\"projects\":[" + string.Join(",", Enumerable.Range(0, count).Select(i =>
            $"{{\"id\":\"p-{i}\",\"name\":\"project {i}\",\"region_id\":\"aws-us-east-2\",\"pg_version\":17,\"created_at\":\"{(i == 7 && badCreatedAt is not null ? badCreatedAt : "2026-06-01T10:00:00Z")}\",\"updated_at\":\"2026-06-02T10:00:00Z\"}}"))
        + "],\"pagination\":{\"cursor\":\"p-99\"}}";

    [Test]
    public async Task A_large_body_with_one_bad_value_is_read_whole()
    {
        var body = Projects(200, badCreatedAt: "not-a-date");
        Assert.That(body.Length, Is.GreaterThan(16 * 1024), "the body spans more than one read buffer");
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", body);
        using var client = TestSupport.CreateClient(mock);

        var response = await client.Project.ListProjectsAsync(limit: 200);

        Assert.That(response.Projects, Has.Count.EqualTo(200));
        Assert.That(response.Projects[7].CreatedAt, Is.EqualTo(default(System.DateTimeOffset)), "the property is left unset");
        Assert.That(response.Projects[7].AdditionalProperties["created_at"].ToString(), Is.EqualTo("not-a-date"), "the value is kept as sent");
        Assert.That(response.Projects[199].Name, Is.EqualTo("project 199"));
    }

    [TestCase(0.5)]
    [TestCase(0.99)]
    public async Task A_large_truncated_body_is_a_format_error(double keep)
    {
        var body = Projects(200);
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", body[..(int)(body.Length * keep)]);
        using var client = TestSupport.CreateClient(mock);

        var error = await Assert.ThrowsAsync<NeonResponseFormatException>(() => client.Project.ListProjectsAsync(limit: 200));

        Assert.That(error!.Message, Does.Contain("malformed or truncated JSON"));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
