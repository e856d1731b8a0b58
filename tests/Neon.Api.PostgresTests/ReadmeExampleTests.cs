using System;
using System.Threading.Tasks;
using Neon.Api.Testing;
using Npgsql;
using NUnit.Framework;

namespace Neon.Api.PostgresTests;

/// <summary>The README's example of PostgreSQL mode, compiled and run as written.</summary>
public sealed class ReadmeExampleTests
{
    [Test]
    public async Task The_readme_example_connects_as_the_reported_role_to_the_reported_database()
    {
        PostgresRequirement.Check();

        // --- README: The emulator on a real PostgreSQL
        await using var fake = await FakeNeon.StartAsync(new FakeNeonOptions { Postgres = new FakeNeonPostgresOptions() });
        using var neon = new NeonClient(FakeNeon.DefaultApiKey, new NeonClientOptions { BaseUri = fake.BaseUri });
        var created = await neon.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject() })
            .WaitForOperationsAsync(neon);
        var uri = new Uri(created.ConnectionUris[0].ConnectionUri);  // postgresql://neondb_owner:npg_…@127.0.0.1:PORT/neondb
        var user = uri.UserInfo.Split(':', 2);                        // Npgsql takes key=value strings, not URIs
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host, Port = uri.Port, Database = uri.AbsolutePath.TrimStart('/'),
            Username = Uri.UnescapeDataString(user[0]), Password = Uri.UnescapeDataString(user[1]),
        }.ConnectionString);
        await db.OpenAsync();                                         // select current_user → neondb_owner
        // --- end README

        await using var query = new NpgsqlCommand("select current_user, current_database()", db);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.That((reader.GetString(0), reader.GetString(1)), Is.EqualTo((created.Roles[0].Name, created.Databases[0].Name)));
    }
}
