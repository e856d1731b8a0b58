using System;
using System.IO;
using System.Threading.Tasks;
using Neon.Api.QuickStart;
using Npgsql;
using NUnit.Framework;

namespace Neon.Api.PostgresTests;

/// <summary>The quick start's PostgreSQL mode: how it reads a URI, when it is on, and the whole flow on real PostgreSQL.</summary>
public sealed class QuickStartPostgresModeTests
{
    [Test]
    public void A_connection_uri_becomes_npgsql_settings_with_escapes_undone()
    {
        var settings = PostgresQuery.ConnectionString("postgresql://app%40owner:p%2Fw%3Ad@127.0.0.1:54321/my%20db");

        Assert.Multiple(() =>
        {
            Assert.That(settings.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(settings.Port, Is.EqualTo(54321));
            Assert.That(settings.Username, Is.EqualTo("app@owner"));
            Assert.That(settings.Password, Is.EqualTo("p/w:d"));
            Assert.That(settings.Database, Is.EqualTo("my db"));
            Assert.That(settings.Pooling, Is.False, "every open really connects");
        });
    }

    [Test]
    public void Neons_uri_keeps_its_tls_requirement_and_default_port()
    {
        var settings = PostgresQuery.ConnectionString("postgresql://app:pw@ep-x.us-east-2.aws.neon.tech/neondb?sslmode=require");

        Assert.That(settings.SslMode, Is.EqualTo(SslMode.Require));
        Assert.That(settings.Port, Is.EqualTo(NpgsqlConnection.DefaultPort));
    }

    [Test]
    public void Another_scheme_is_refused()
    {
        Assert.Throws<FormatException>(() => PostgresQuery.ConnectionString("https://example.com/db"));
    }

    [TestCase(new[] { "--postgres" }, null, ExpectedResult = true)]
    [TestCase(new string[0], "1", ExpectedResult = true)]
    [TestCase(new string[0], "0", ExpectedResult = false)]
    [TestCase(new string[0], null, ExpectedResult = false)]
    [TestCase(new[] { "--other" }, "", ExpectedResult = false)]
    public bool The_mode_is_on_with_the_switch_or_the_variable(string[] args, string? variable) =>
        PostgresQuery.Requested(args, name => name == PostgresQuery.Variable ? variable : null);

    [Test]
    public async Task The_flow_runs_a_real_query_as_the_role_it_created_in_the_database_it_created()
    {
        await using var neon = await PostgresNeon.StartAsync();
        using var output = new StringWriter();
        var options = new QuickStartOptions
        {
            Wait = PostgresNeon.Wait,
            TimeProvider = neon.Neon.Options.TimeProvider,
            UseConnection = (uri, token) => PostgresQuery.RunAsync(uri, output, token),
        };

        var result = await new QuickStartFlow(neon.Client, output, options).RunAsync();

        TestContext.Out.WriteLine(output.ToString());
        Assert.That(result.ProjectDeleted, Is.True);
        Assert.That(output.ToString(), Does.Contain("current_user = quickstart_app, current_database() = quickstart_db"));
        Assert.That(output.ToString(), Does.Contain("PostgreSQL "), "the server's version() line");
        Assert.That(result.MaskedConnectionUri, Does.StartWith("postgresql://quickstart_app:****@127.0.0.1:"));
    }
}
