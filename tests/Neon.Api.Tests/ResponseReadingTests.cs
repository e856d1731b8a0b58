using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Neon.Api.Tests;

/// <summary>
/// The README's reading rules, through the client's real response path: a document cut anywhere fails; a value that
/// does not fit its property is kept as sent, logged without its value, or fails the call by option; top-level
/// arrays read as the method's collection.
/// </summary>
public class ResponseReadingTests
{
    // A project as Neon answers getProject (fields and shapes from the API reference), with nested objects, arrays,
    // dates, numbers, booleans and nulls, so that cuts fall inside and between every kind of token.
    private const string ProjectBody = """
        {
          "project": {
            "data_storage_bytes_hour": 1040,
            "data_transfer_bytes": 100800,
            "written_data_bytes": 204,
            "compute_time_seconds": 79,
            "active_time_seconds": 100,
            "cpu_used_sec": 79,
            "id": "shiny-wind-028834",
            "platform_id": "aws",
            "region_id": "aws-us-east-2",
            "name": "shiny-wind-028834",
            "provisioner": "k8s-pod",
            "default_endpoint_settings": { "autoscaling_limit_min_cu": 0.25, "autoscaling_limit_max_cu": 2, "suspend_timeout_seconds": 0 },
            "settings": {
              "allowed_ips": { "ips": ["192.0.2.1", "198.51.100.0/24"], "protected_branches_only": false },
              "enable_logical_replication": false,
              "maintenance_window": { "weekdays": [5], "start_time": "07:00", "end_time": "08:00" },
              "block_public_connections": false
            },
            "pg_version": 17,
            "proxy_host": "us-east-2.aws.neon.tech",
            "branch_logical_size_limit": 512,
            "branch_logical_size_limit_bytes": 536870912,
            "store_passwords": true,
            "creation_source": "console",
            "history_retention_seconds": 86400,
            "created_at": "2026-02-01T11:00:00Z",
            "updated_at": "2026-02-01T11:07:34Z",
            "synthetic_storage_size": 34816512,
            "consumption_period_start": "2026-02-01T00:00:00Z",
            "consumption_period_end": "2026-03-01T00:00:00Z",
            "owner_id": "org-morning-bread-81040908",
            "owner": { "email": "ops@example.com", "name": "Ops", "branches_limit": 10, "subscription_type": "launch" },
            "org_id": "org-morning-bread-81040908",
            "compute_last_active_at": null
          }
        }
        """;

    private static readonly string[] AllowedIps = ["192.0.2.1", "198.51.100.0/24"];
    private static readonly string[] KeyNames = ["ci", "deploy"];

    [Test]
    public async Task The_realistic_body_reads_whole()
    {
        var project = (await GetProjectAsync(ProjectBody)).Project;

        Assert.That(project.Id, Is.EqualTo("shiny-wind-028834"));
        Assert.That(project.PgVersion, Is.EqualTo(17));
        Assert.That(project.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 2, 1, 11, 0, 0, TimeSpan.Zero)));
        Assert.That(project.Settings!.AllowedIps!.Ips, Is.EqualTo(AllowedIps));
        Assert.That(project.DefaultEndpointSettings!.AutoscalingLimitMinCu, Is.EqualTo(0.25));
        Assert.That(project.AdditionalProperties, Is.Empty, "every field of the body has its property");
    }

    [Test]
    public async Task A_body_cut_after_any_token_is_a_format_error()
    {
        var bytes = Encoding.UTF8.GetBytes(ProjectBody);
        var cuts = new SortedSet<int>();
        var reader = new Utf8JsonReader(bytes);
        while (reader.Read())
        {
            // After the token, and after the white space that follows it (a cut at a member boundary).
            cuts.Add((int)reader.BytesConsumed);
            var next = (int)reader.BytesConsumed;
            while (next < bytes.Length && char.IsWhiteSpace((char)bytes[next]))
            {
                next++;
            }

            cuts.Add(next);
        }

        cuts.RemoveWhere(cut => cut >= bytes.Length || bytes.AsSpan(cut).Trim(" \r\n\t"u8).Length == 0);
        Assert.That(cuts, Has.Count.GreaterThan(150), "the body has many tokens to cut after");

        var accepted = new List<string>();
        foreach (var cut in cuts)
        {
            try
            {
                await GetProjectAsync(Encoding.UTF8.GetString(bytes, 0, cut));
                accepted.Add($"cut at byte {cut}: ...{Encoding.UTF8.GetString(bytes, Math.Max(0, cut - 30), Math.Min(cut, 30))}");
            }
            catch (NeonResponseFormatException error) when (error.Message.Contains("malformed or truncated JSON", StringComparison.Ordinal))
            {
                // The expected outcome.
            }
        }

        Assert.That(accepted, Is.Empty, "truncated documents that were read as if whole");
    }

    public static IEnumerable<TestCaseData> Mismatches()
    {
        yield return new TestCaseData("\"pg_version\": 17", "\"pg_version\": 99999999999", "pg_version", "Project.PgVersion", "$.project.pg_version").SetName("an int too large");
        yield return new TestCaseData("\"pg_version\": 17", "\"pg_version\": \"x\"", "pg_version", "Project.PgVersion", "$.project.pg_version").SetName("a string for an int");
        yield return new TestCaseData("\"data_transfer_bytes\": 100800", "\"data_transfer_bytes\": 99999999999999999999999", "data_transfer_bytes", "Project.DataTransferBytes", "$.project.data_transfer_bytes").SetName("a number beyond any long");
        yield return new TestCaseData("\"created_at\": \"2026-02-01T11:00:00Z\"", "\"created_at\": \"yesterday\"", "created_at", "Project.CreatedAt", "$.project.created_at").SetName("a date that is not a date");
        yield return new TestCaseData("\"store_passwords\": true", "\"store_passwords\": {\"enabled\": true}", "store_passwords", "Project.StorePasswords", "$.project.store_passwords").SetName("an object for a boolean");
        yield return new TestCaseData("\"ips\": [\"192.0.2.1\", \"198.51.100.0/24\"]", "\"ips\": [\"192.0.2.1\", {\"cidr\": \"198.51.100.0/24\"}]", "ips", "AllowedIps.Ips", "$.project.settings.allowed_ips.ips").SetName("an array with one item that does not fit");
    }

    [TestCaseSource(nameof(Mismatches))]
    public async Task A_value_that_does_not_fit_is_kept_as_sent_and_logged_without_its_value(string original, string replacement, string wireName, string property, string path)
    {
        var body = Replace(ProjectBody, original, replacement);
        var logger = new FakeLogger();

        var project = (await GetProjectAsync(body, new NeonClientOptions { Logger = logger })).Project;

        var sent = JObject.Parse(body).SelectTokens("$..['" + wireName + "']").Single();
        var owner = wireName == "ips" ? project.Settings!.AllowedIps!.AdditionalProperties : project.AdditionalProperties;
        Assert.That(owner.TryGetValue(wireName, out var kept), Is.True, $"{wireName} is kept in AdditionalProperties");
        Assert.That(JToken.DeepEquals(kept, sent), Is.True, $"kept as sent: {kept} vs {sent}");
        Assert.That(NeonJson(project), Does.Contain(Compact(replacement)), "written back as it came");
        Assert.That(project.Name, Is.EqualTo("shiny-wind-028834"), "the rest of the document is read");

        var warning = logger.Collector.GetSnapshot().Single(record => record.Level == LogLevel.Warning);
        Assert.That(warning.Message, Does.Contain("getProject").And.Contain(path).And.Contain(property));
        var value = replacement.Substring(replacement.IndexOf(':', StringComparison.Ordinal) + 1).Trim().Trim('"');
        Assert.That(warning.Message, Does.Not.Contain(value), "the log never carries the value");
    }

    [Test]
    public async Task A_secret_in_a_value_that_does_not_fit_never_reaches_the_log_or_the_exception()
    {
        const string secret = "npg_Sup3rS3cretPassw0rd";
        var body = """{"password": {"value": "npg_Sup3rS3cretPassw0rd"}}""";
        var logger = new FakeLogger();
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", body);

        using (var client = TestSupport.CreateClient(mock, new NeonClientOptions { Logger = logger }))
        {
            var revealed = await client.Branch.GetProjectBranchRolePasswordAsync("p1", "br-1", "app");
            Assert.That(revealed.Password, Is.Null);
            Assert.That(revealed.AdditionalProperties["password"]["value"]!.ToString(), Is.EqualTo(secret), "kept for the caller");
        }

        Assert.That(string.Join("\n", logger.Collector.GetSnapshot().Select(r => r.Message)), Does.Not.Contain(secret).And.Contain("password"));

        using var strict = TestSupport.CreateClient(mock, new NeonClientOptions { ValueMismatchHandling = NeonValueMismatchHandling.Fail });
        var error = await Assert.ThrowsAsync<NeonResponseFormatException>(() => strict.Branch.GetProjectBranchRolePasswordAsync("p1", "br-1", "app"));
        Assert.That(error!.Message, Does.Contain("$.password").And.Not.Contain(secret));
        Assert.That(error.ToString(), Does.Not.Contain(secret));
    }

    [TestCaseSource(nameof(Mismatches))]
    public async Task With_Fail_a_value_that_does_not_fit_fails_the_call_naming_where(string original, string replacement, string wireName, string property, string path)
    {
        var body = Replace(ProjectBody, original, replacement);

        var error = await Assert.ThrowsAsync<NeonResponseFormatException>(
            () => GetProjectAsync(body, new NeonClientOptions { ValueMismatchHandling = NeonValueMismatchHandling.Fail }));

        Assert.That(error!.Message, Does.Contain(path).And.Contain(property).And.Contain("ValueMismatchHandling"));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_array_where_the_response_object_belongs_is_a_format_error()
    {
        var error = await Assert.ThrowsAsync<NeonResponseFormatException>(() => GetProjectAsync("[1, 2]"));
        Assert.That(error!.Message, Does.Contain("a JSON array where an object (ProjectResponse) was expected"));
    }

    [Test]
    public async Task An_array_where_a_nested_object_belongs_is_kept_as_sent()
    {
        var response = await GetProjectAsync("""{"project": [1, 2]}""");

        Assert.That(response.Project, Is.Null);
        Assert.That(response.AdditionalProperties["project"].ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("[1,2]"));
    }

    [Test]
    public async Task Unknown_fields_enum_values_nulls_and_missing_fields_are_tolerated_silently()
    {
        var logger = new FakeLogger();
        var body = """{"project": {"id": "p1", "name": null, "pg_version": null, "owner": {"email": "a@example.com", "subscription_type": "future_plan"}, "brand_new": {"a": [1]}}}""";

        var project = (await GetProjectAsync(body, new NeonClientOptions { Logger = logger })).Project;

        Assert.That(project.Id, Is.EqualTo("p1"));
        Assert.That(project.Name, Is.Null);
        Assert.That(project.PgVersion, Is.Zero);
        Assert.That(project.Owner!.SubscriptionType.Value, Is.EqualTo("future_plan"));
        Assert.That(project.Owner.SubscriptionType.IsKnown, Is.False);
        Assert.That(project.AdditionalProperties["brand_new"].ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"a\":[1]}"));
        Assert.That(logger.Collector.GetSnapshot().Where(r => r.Level >= LogLevel.Warning), Is.Empty, "forward compatibility is not a warning");
    }

    [Test]
    public async Task Top_level_arrays_read_as_the_methods_collection()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*/organizations/org-1/api_keys").Respond("application/json", "[]");
        mock.When("*/api_keys").Respond("application/json", """[{"id": 1, "name": "ci", "created_at": "2026-01-01T00:00:00Z", "created_by": {"id": "u1", "name": "Ops"}, "last_used_at": null}, {"id": 2, "name": "deploy", "created_at": "2026-01-02T00:00:00Z", "created_by": {"id": "u1", "name": "Ops"}}]""");
        using var client = TestSupport.CreateClient(mock);

        var keys = await client.ApiKey.ListApiKeysAsync();
        var orgKeys = await client.Organizations.ListOrgApiKeysAsync("org-1");

        Assert.That(keys.Select(k => k.Name), Is.EqualTo(KeyNames));
        Assert.That(keys.First().Id, Is.EqualTo(1));
        Assert.That(orgKeys, Is.Empty);
    }

    [Test]
    public async Task A_documented_bodiless_success_reads_as_an_empty_model_that_needs_no_waiting()
    {
        using var mock = new MockHttpMessageHandler();
        var delete = mock.When(HttpMethod.Delete, "*/projects/p1/branches/br-gone").Respond(HttpStatusCode.NoContent);
        using var client = TestSupport.CreateClient(mock);

        var deleted = await client.Branch.DeleteProjectBranchAsync("p1", "br-gone").WaitForOperationsAsync(client);

        Assert.That(deleted, Is.Not.Null);
        Assert.That(deleted.Operations, Is.Null.Or.Empty);
        Assert.That(mock.GetMatchCount(delete), Is.EqualTo(1), "one request: nothing to poll");
    }

    [Test]
    public void An_empty_body_where_the_spec_documents_none_is_still_a_format_error()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.NoContent);
        using var client = TestSupport.CreateClient(mock);

        Assert.ThrowsAsync<NeonResponseFormatException>(() => client.Project.GetProjectAsync("p1"));
    }

    [Test]
    public void Bounded_integer_fields_stay_int() =>
        Assert.That(typeof(Project).GetProperty(nameof(Project.PgVersion))!.PropertyType, Is.EqualTo(typeof(int)), "the spec bounds pg_version");

    [Test]
    public async Task Readme_example_finds_a_value_kept_raw()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", Replace(ProjectBody, "\"pg_version\": 17", "\"pg_version\": \"seventeen\""));
        using var neon = TestSupport.CreateClient(mock);
        var output = new System.IO.StringWriter();

        // --- README: Reading responses (Console replaced by output) ---
        var project = (await neon.Project.GetProjectAsync("shiny-wind-028834")).Project;
        if (project.AdditionalProperties.TryGetValue("pg_version", out var sent))
        {
            output.WriteLine($"the server sent pg_version as {sent.Type}: {sent}");
        }

        // --- end ---
        Assert.That(output.ToString().Trim(), Is.EqualTo("the server sent pg_version as String: seventeen"));
    }

    private static async Task<ProjectResponse> GetProjectAsync(string body, NeonClientOptions? options = null)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", body);
        using var client = TestSupport.CreateClient(mock, options);
        return await client.Project.GetProjectAsync("shiny-wind-028834");
    }

    private static string Replace(string body, string original, string replacement)
    {
        Assert.That(body, Does.Contain(original));
        return body.Replace(original, replacement, StringComparison.Ordinal);
    }

    private static string NeonJson(object model) => Compact(Neon.Api.Serialization.NeonJson.Serialize(model));

    private static string Compact(string json) => new string(json.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
