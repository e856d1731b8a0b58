using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Neon.Api.Testing;
using Neon.Api.TestShared;
using Neon.Api.Workflows;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests.OperationSpecific;

/// <summary>
/// The exact requests the workflow helpers send (bodies, query strings, order), where the emulator cannot show them,
/// against canned responses.
/// </summary>
[OperationSpecific("createProjectBranch", "getConnectionURI", "listProjectBranches", "getProjectBranch", "restoreProjectBranch", "deleteProjectBranch")]
public sealed class WorkflowRequestTests
{
    private const string Base = "https://console.neon.tech/api/v2/";
    private const string Secret = "s3cr3t/pa:ss@word";
    private const string EscapedSecret = "s3cr3t%2Fpa%3Ass%40word";

    // 10:00:00.25 UTC: a time to live of 30 minutes ends at 10:30:00.25, sent rounded up to the second.
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, 250, TimeSpan.Zero);

    /// <summary>A create response without <c>connection_uris</c> (as Neon answers for a parent with several databases or roles), operations already finished.</summary>
    private static string CreatedBranch(string databases = """[{"id":1,"branch_id":"br-new","name":"neondb","owner_name":"neondb_owner"}]""") => $$"""
        {"branch":{"id":"br-new","project_id":"p-1","name":"test-1","current_state":"init"},
         "endpoints":[{"id":"ep-new","host":"ep-new.us-east-2.aws.neon.tech","project_id":"p-1","branch_id":"br-new","type":"read_write"}],
         "operations":[{"id":"op-1","project_id":"p-1","action":"create_branch","status":"finished"},{"id":"op-2","project_id":"p-1","action":"start_compute","status":"finished"}],
         "roles":[],"databases":{{databases}}}
        """;

    private static string Uri(string host) => $$"""{"uri":"postgresql://neondb_owner:{{EscapedSecret}}@{{host}}/neondb?sslmode=require&channel_binding=require"}""";

    private static NeonClient Client(MockHttpMessageHandler mock) =>
        new(TestSupport.ApiKey, mock, new NeonClientOptions { TimeProvider = new FastForwardTimeProvider(Now), QueueProjectMutations = false });

    [Test]
    public async Task An_ephemeral_branch_sends_the_clocks_time_plus_its_time_to_live_and_asks_Neon_for_both_uris()
    {
        using var mock = new MockHttpMessageHandler();
        var bodies = new List<string>();
        mock.Expect(HttpMethod.Post, Base + "projects/p-1/branches").Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent(CreatedBranch(), System.Text.Encoding.UTF8, "application/json") };
        });
        mock.When(HttpMethod.Get, Base + "projects/p-1/connection_uri").WithExactQueryString("database_name=neondb&role_name=neondb_owner&branch_id=br-new&endpoint_id=ep-new&pooled=false")
            .Respond("application/json", Uri("ep-new.us-east-2.aws.neon.tech"));
        mock.When(HttpMethod.Get, Base + "projects/p-1/connection_uri").WithExactQueryString("database_name=neondb&role_name=neondb_owner&branch_id=br-new&endpoint_id=ep-new&pooled=true")
            .Respond("application/json", Uri("ep-new-pooler.us-east-2.aws.neon.tech"));
        using var neon = Client(mock);

        var branch = await neon.CreateEphemeralBranchAsync("p-1", new NeonBranchOptions { BranchName = "test-1", ParentBranchId = "br-main", TimeToLive = TimeSpan.FromMinutes(30) });

        mock.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(bodies.Single(), Is.EqualTo("""{"endpoints":[{"type":"read_write"}],"branch":{"parent_id":"br-main","name":"test-1","expires_at":"2026-05-01T10:30:01+00:00"}}"""));
            Assert.That(branch.ExpiresAt, Is.EqualTo(new DateTimeOffset(2026, 5, 1, 10, 30, 1, TimeSpan.Zero)));
            Assert.That(branch.Connection.Host, Is.EqualTo("ep-new.us-east-2.aws.neon.tech"));
            Assert.That(branch.Connection.PooledHost, Is.EqualTo("ep-new-pooler.us-east-2.aws.neon.tech"), "the pooled host is the one Neon returned for pooled=true");
            Assert.That(branch.Connection.Password, Is.EqualTo(Secret), "unescaped from the URI");
            Assert.That(branch.Connection.ChannelBinding, Is.EqualTo("require"));
            Assert.That(new[] { branch.ToString(), $"{branch}", $"{branch.Connection}" }, Has.All.Not.Contains(Secret).And.All.Not.Contains(EscapedSecret));
        });
    }

    [Test]
    public async Task A_point_in_time_branch_of_a_named_parent_finds_the_parent_then_sends_its_id_and_the_timestamp()
    {
        using var mock = new MockHttpMessageHandler();
        var bodies = new List<string>();
        mock.Expect(HttpMethod.Get, Base + "projects/p-1/branches").WithExactQueryString("search=staging")
            .Respond("application/json", """{"branches":[{"id":"br-staging-old","name":"staging-old"},{"id":"br-staging","name":"staging"}],"pagination":{}}""");
        mock.Expect(HttpMethod.Post, Base + "projects/p-1/branches").Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent(CreatedBranch(), System.Text.Encoding.UTF8, "application/json") };
        });
        mock.When(HttpMethod.Get, Base + "projects/p-1/connection_uri").Respond(request =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Uri(request.RequestUri!.Query.Contains("pooled=true", StringComparison.Ordinal) ? "pool" : "direct"), System.Text.Encoding.UTF8, "application/json") });
        using var neon = Client(mock);

        await neon.CreateBranchAndConnectAsync("p-1", new NeonBranchOptions
        {
            ParentBranchName = "staging",
            ParentTimestamp = new DateTimeOffset(2026, 4, 30, 23, 59, 0, TimeSpan.Zero),
            DatabaseName = "neondb",
        });

        mock.VerifyNoOutstandingExpectation();
        Assert.That(bodies.Single(), Is.EqualTo("""{"endpoints":[{"type":"read_write"}],"branch":{"parent_id":"br-staging","parent_timestamp":"2026-04-30T23:59:00+00:00"}}"""), "the exact name, no expiration without a time to live");
    }

    [Test]
    public async Task Reset_reads_the_parent_and_restores_from_it()
    {
        using var mock = new MockHttpMessageHandler();
        var bodies = new List<string>();
        mock.Expect(HttpMethod.Get, Base + "projects/p-1/branches/br-dev").Respond("application/json", """{"branch":{"id":"br-dev","parent_id":"br-main","name":"dev"}}""");
        mock.Expect(HttpMethod.Post, Base + "projects/p-1/branches/br-dev/restore").Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"branch":{"id":"br-dev","name":"dev"},"operations":[{"id":"op-9","project_id":"p-1","action":"create_timeline","status":"running"}]}""", System.Text.Encoding.UTF8, "application/json"),
            };
        });
        mock.Expect(HttpMethod.Get, Base + "projects/p-1/operations/op-9").Respond("application/json", """{"operation":{"id":"op-9","project_id":"p-1","action":"create_timeline","status":"finished"}}""");
        using var neon = Client(mock);

        await neon.ResetBranchFromParentAsync("p-1", "br-dev", preserveUnderName: "dev-old");

        mock.VerifyNoOutstandingExpectation();
        Assert.That(bodies.Single(), Is.EqualTo("""{"source_branch_id":"br-main","preserve_under_name":"dev-old"}"""));
    }

    [Test]
    public async Task Contradicting_options_are_refused_before_anything_is_sent()
    {
        using var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond(HttpStatusCode.InternalServerError);
        using var neon = Client(mock);
        NeonBranchOptions[] invalid =
        [
            new() { ParentBranchId = "br-1", ParentBranchName = "main" },
            new() { ParentLsn = "0/1A2B3C", ParentTimestamp = Now },
            new() { TimeToLive = TimeSpan.Zero },
            new() { DatabaseName = " " },
        ];

        var messages = new List<string>();
        foreach (var options in invalid)
        {
            messages.Add((await Assert.ThrowsAsync<ArgumentException>(() => neon.CreateEphemeralBranchAsync("p-1", options)))!.Message);
        }

        Assert.That(messages[0], Does.Contain("ParentBranchId and ParentBranchName"));
        Assert.That(messages[1], Does.Contain("ParentTimestamp and ParentLsn"));
        Assert.That(messages[2], Does.Contain("TimeToLive must be positive"));
        Assert.That(messages[3], Does.Contain("DatabaseName is empty"));
        await Assert.ThrowsAsync<ArgumentException>(() => neon.CreateBranchAndConnectAsync(" "));
        Assert.That(mock.GetMatchCount(any), Is.Zero);
    }

    [Test]
    public async Task A_uri_Neon_garbles_is_a_format_error_that_does_not_quote_it_and_the_branch_is_deleted()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Base + "projects/p-1/branches").Respond(HttpStatusCode.Created, "application/json", CreatedBranch());
        mock.When(HttpMethod.Get, Base + "projects/p-1/connection_uri").Respond("application/json", $$"""{"uri":"https://neondb_owner:{{EscapedSecret}}@ep-new.neon.tech/"}""");
        var deleted = mock.When(HttpMethod.Delete, Base + "projects/p-1/branches/br-new").Respond("application/json", """{"branch":{"id":"br-new"},"operations":[]}""");
        using var neon = Client(mock);

        var error = await Assert.ThrowsAsync<NeonResponseFormatException>(() => neon.CreateBranchAndConnectAsync("p-1"));

        Assert.That(error!.Message, Does.Contain("not a postgresql:// URI").And.Not.Contains(Secret).And.Not.Contains(EscapedSecret));
        Assert.That(error.ToString(), Does.Not.Contain(EscapedSecret));
        Assert.That(error.OperationId, Is.EqualTo("getConnectionURI"));
        Assert.That(mock.GetMatchCount(deleted), Is.EqualTo(1), "the branch made for the failed call was deleted");
    }

    [Test]
    public async Task A_failed_clean_up_is_logged_and_the_original_failure_is_the_one_thrown()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Base + "projects/p-1/branches").Respond(HttpStatusCode.Created, "application/json", CreatedBranch().Replace("\"status\":\"finished\"}]", "\"status\":\"running\"}]", StringComparison.Ordinal));
        mock.When(HttpMethod.Get, Base + "projects/p-1/operations/op-2").Respond("application/json", """{"operation":{"id":"op-2","project_id":"p-1","action":"start_compute","status":"failed","error":"no capacity"}}""");
        var deleted = mock.When(HttpMethod.Delete, Base + "projects/p-1/branches/br-new").Respond(HttpStatusCode.InternalServerError, "application/json", """{"code":"INTERNAL","message":"try later"}""");
        var logger = new FakeLogger();
        using var neon = new NeonClient(TestSupport.ApiKey, mock, new NeonClientOptions { TimeProvider = new FastForwardTimeProvider(Now), Logger = logger });

        var error = await Assert.ThrowsAsync<Operations.NeonOperationFailedException>(() => neon.CreateEphemeralBranchAsync("p-1"));

        var warning = logger.Collector.GetSnapshot().Single(r => r.Id.Name == "NeonResourceNotDeleted");
        Assert.That(error!.Error, Is.EqualTo("no capacity"));
        Assert.That(mock.GetMatchCount(deleted), Is.EqualTo(1));
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Does.Contain("Branch br-new of project p-1").And.Contains("clean-up after NeonOperationFailedException").And.Contains("NeonServerException"));
    }
}
