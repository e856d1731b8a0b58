using System;
using System.Data.Common;
using Neon.Api.Workflows;
using NUnit.Framework;

namespace Neon.Api.Tests;

/// <summary><see cref="NeonConnectionInfo"/>: reading Neon's URIs, the connection strings it makes, and keeping the password out of sight.</summary>
public sealed class ConnectionInfoTests
{
    private const string Password = "p;a=s's\"w@rd/:%";
    private static readonly string EscapedPassword = Uri.EscapeDataString(Password);
    private static readonly string Direct = $"postgresql://app_owner:{EscapedPassword}@ep-cool-darkness-123456.us-east-2.aws.neon.tech/app%20db?sslmode=require&channel_binding=require";
    private static readonly string Pooled = $"postgresql://app_owner:{EscapedPassword}@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/app%20db?sslmode=require&channel_binding=require";

    private sealed record Holder(string Name, NeonConnectionInfo Connection);

    [Test]
    public void The_parts_of_Neons_uris_are_read_and_unescaped()
    {
        var info = NeonConnectionInfo.Parse(Direct, Pooled);

        Assert.Multiple(() =>
        {
            Assert.That(info.Host, Is.EqualTo("ep-cool-darkness-123456.us-east-2.aws.neon.tech"));
            Assert.That(info.PooledHost, Is.EqualTo("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech"));
            Assert.That(info.Port, Is.Null, "no port in the URI: PostgreSQL's default");
            Assert.That(info.Database, Is.EqualTo("app db"));
            Assert.That(info.Role, Is.EqualTo("app_owner"));
            Assert.That(info.Password, Is.EqualTo(Password));
            Assert.That(info.SslMode, Is.EqualTo("require"));
            Assert.That(info.ChannelBinding, Is.EqualTo("require"));
            Assert.That(info.ConnectionUri, Is.EqualTo(Direct), "kept as Neon sent it");
            Assert.That(info.PooledConnectionUri, Is.EqualTo(Pooled));
        });
    }

    [Test]
    public void The_connection_strings_carry_every_part_quoted_so_a_builder_reads_them_back()
    {
        var info = NeonConnectionInfo.Parse(Direct.Replace(".neon.tech/", ".neon.tech:5433/", StringComparison.Ordinal), Pooled);

        var direct = new DbConnectionStringBuilder { ConnectionString = info.ConnectionString };
        var pooled = new DbConnectionStringBuilder { ConnectionString = info.GetConnectionString(pooled: true) };

        Assert.Multiple(() =>
        {
            Assert.That(direct["Host"], Is.EqualTo(info.Host));
            Assert.That(direct["Port"], Is.EqualTo("5433"));
            Assert.That(direct["Database"], Is.EqualTo("app db"));
            Assert.That(direct["Username"], Is.EqualTo("app_owner"));
            Assert.That(direct["Password"], Is.EqualTo(Password), "quoted, so ; = ' and \" survive");
            Assert.That(direct["SSL Mode"], Is.EqualTo("Require"), "Npgsql's spelling");
            Assert.That(direct["Channel Binding"], Is.EqualTo("Require"));
            Assert.That(pooled["Host"], Is.EqualTo(info.PooledHost));
            Assert.That(pooled.ContainsKey("Port"), Is.False, "the pooled URI names no port");
            Assert.That(info.GetConnectionString(pooled: false), Is.EqualTo(info.ConnectionString));
        });
    }

    [Test]
    public void The_password_is_masked_in_every_description()
    {
        var info = NeonConnectionInfo.Parse(Direct, Pooled);
        var branch = new NeonBranchConnection("p-1", "br-1", "test", "ep-1", null, info);
        var project = new NeonProjectConnection("p-1", "br-1", "ep-1", info);

        string[] descriptions = [info.ToString(), $"{info}", branch.ToString(), $"{branch}", project.ToString(), new Holder("db", info).ToString(), info.MaskedConnectionUri];

        Assert.That(descriptions, Has.All.Not.Contains(Password).And.All.Not.Contains(EscapedPassword));
        Assert.That(info.ToString(), Is.EqualTo("NeonConnectionInfo { Host = ep-cool-darkness-123456.us-east-2.aws.neon.tech, PooledHost = ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech, Database = app db, Role = app_owner, Password = **** }"));
        Assert.That(info.MaskedConnectionUri, Is.EqualTo("postgresql://app_owner:****@ep-cool-darkness-123456.us-east-2.aws.neon.tech/app%20db?sslmode=require&channel_binding=require"));
        Assert.That(new Holder("db", info).ToString(), Does.Contain("Password = ****"), "a record holding it prints the masked form");
    }

    [TestCase("not a uri", "is not a postgresql:// URI")]
    [TestCase("https://app_owner:SECRET@ep-1.neon.tech/neondb", "is not a postgresql:// URI")]
    [TestCase("postgresql://app_owner@ep-1.neon.tech/neondb", "does not carry a role and a password")]
    [TestCase("postgresql://app_owner:SECRET@ep-1.neon.tech/", "names no database")]
    [TestCase("postgres://:SECRET@ep-1.neon.tech/neondb", "does not carry a role and a password")]
    public void A_uri_that_cannot_connect_is_a_format_error_that_never_quotes_it(string uri, string expected)
    {
        var error = Assert.Throws<FormatException>(() => NeonConnectionInfo.Parse(uri, Pooled));

        Assert.That(error!.Message, Does.Contain(expected).And.Not.Contains("SECRET"));
    }

    [Test]
    public void Uris_for_different_roles_or_databases_are_refused()
    {
        var other = Pooled.Replace("app_owner", "someone_else", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => NeonConnectionInfo.Parse(Direct, other));

        Assert.That(error!.Message, Does.Contain("someone_else").And.Contains("app_owner").And.Not.Contains(EscapedPassword));
        Assert.Throws<ArgumentNullException>(() => NeonConnectionInfo.Parse(null!, Pooled));
    }

    [TestCase("postgresql://r:p@ep-1.neon.tech/db?sslmode=require", "postgresql://r:p@ep-1-pooler.neon.tech/db?sslmode=require")]
    [TestCase("postgresql://r:p@ep-1.neon.tech:5432/db", "postgresql://r:p@ep-1-pooler.neon.tech:5432/db")]
    [TestCase("postgresql://r:p@ep-1.neon.tech.evil/db", null)]
    [TestCase("postgresql://r:p@other.neon.tech/db", null)]
    public void The_pooled_uri_of_a_create_response_puts_Neons_pooler_host_in_place_of_its_host(string uri, string? expected)
    {
        Assert.That(NeonConnectionInfo.WithPoolerHost(uri, "ep-1.neon.tech", "ep-1-pooler.neon.tech"), Is.EqualTo(expected));
    }
}
