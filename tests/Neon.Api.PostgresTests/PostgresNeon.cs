using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Neon.Api.Operations;
using Neon.Api.QuickStart;
using Neon.Api.Testing;
using Npgsql;
using Neon.Api.TestShared;
using NUnit.Framework;

namespace Neon.Api.PostgresTests;

/// <summary>
/// PostgreSQL's programs are needed: without them the tests fail in CI (the environment variable <c>CI</c> is set) and
/// are ignored elsewhere, both with what to install.
/// </summary>
internal static class PostgresRequirement
{
    public static void Check()
    {
        if (FakeNeonPostgresOptions.LocateBinDirectory() is not null)
        {
            return;
        }

        CiRequirement.Missing(
            $"CI must run the PostgreSQL tests (.ci/run installs PostgreSQL). {FakeNeonPostgresOptions.InstallHint}",
            FakeNeonPostgresOptions.InstallHint);
    }
}

/// <summary>
/// An emulator in PostgreSQL mode on a loopback port, its clusters in a folder of the test's own, and a client on a
/// fast-forwarding clock (waiting for Neon operations takes no real time; the PostgreSQL work is done by the time a
/// request is answered).
/// </summary>
internal sealed class PostgresNeon : IAsyncDisposable
{
    private PostgresNeon(FakeNeon neon, string workDirectory)
    {
        Neon = neon;
        WorkDirectory = workDirectory;
        var options = new NeonClientOptions { BaseUri = neon.BaseUri, TimeProvider = neon.Options.TimeProvider };
        Client = new NeonClient(FakeNeon.DefaultApiKey, options);
    }

    public FakeNeon Neon { get; }

    public NeonClient Client { get; }

    /// <summary>The folder given as <see cref="FakeNeonPostgresOptions.WorkDirectory"/> (the emulator makes its own inside).</summary>
    public string WorkDirectory { get; }

    public static NeonWaitOptions Wait { get; } = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(500),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        Timeout = TimeSpan.FromMinutes(1),
    };

    public static async Task<PostgresNeon> StartAsync()
    {
        PostgresRequirement.Check();
        // Under /tmp as the emulator's default is: short, and reachable by the postgres user when the tests run as root.
        var work = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), "pgt-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(work);
        if (OperatingSystem.IsLinux())
        {
            // The emulator's own folder inside is created by the user that runs PostgreSQL (postgres when root).
            File.SetUnixFileMode(work, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        }

        var options = new FakeNeonOptions
        {
            TimeProvider = new FastForwardTimeProvider(),
            OperationDuration = TimeSpan.FromSeconds(2),
            Postgres = new FakeNeonPostgresOptions { WorkDirectory = work },
        };
        return new PostgresNeon(await FakeNeon.StartAsync(options), work);
    }

    /// <summary>A project, ready; with the URI of its default database as its owner.</summary>
    public async Task<(string ProjectId, string BranchId, string Uri)> CreateProjectAsync()
    {
        var created = await Client.Project.CreateProjectAsync(new ProjectCreateRequest { Project = new ProjectCreateRequestProject { Name = "pg" } })
            .WaitForOperationsAsync(Client, Wait);
        return (created.Project.Id, created.Branch.Id, created.ConnectionUris.Single().ConnectionUri);
    }

    /// <summary>A child branch with a read-write endpoint, ready; and the URI of the same database and role on it.</summary>
    public async Task<(string BranchId, string EndpointId, string Uri)> CreateChildAsync(string projectId, string parentId, string role = "neondb_owner", string database = "neondb")
    {
        var branch = await Client.Branch.CreateProjectBranchAsync(
            projectId,
            new CreateProjectBranchRequest
            {
                Branch = new BranchCreateRequestBranch { ParentId = parentId },
                Endpoints = [new BranchCreateRequestEndpointOptions { Type = EndpointType.ReadWrite }],
            }).WaitForOperationsAsync(Client, Wait);
        var uri = await Client.Project.GetConnectionURIAsync(projectId, database, role, branchId: branch.Branch.Id);
        return (branch.Branch.Id, branch.Endpoints.Single().Id, uri.Uri);
    }

    /// <summary>
    /// Opens a connection, without pooling: <paramref name="target"/> is a <c>postgresql://</c> URI as the API returns
    /// it, or an Npgsql connection string (as the workflow helpers give).
    /// </summary>
    public static async Task<NpgsqlConnection> OpenAsync(string target)
    {
        var settings = target.StartsWith("postgres", StringComparison.Ordinal)
            ? PostgresQuery.ConnectionString(target)
            : new NpgsqlConnectionStringBuilder(target) { Pooling = false };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task<T> ScalarAsync<T>(string uri, string sql)
    {
        await using var connection = await OpenAsync(uri);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string uri, string sql)
    {
        await using var connection = await OpenAsync(uri);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of <c>items</c> (one text column), in order, joined by <c>", "</c>.</summary>
    public static async Task<string> ItemsAsync(string uri)
    {
        await using var connection = await OpenAsync(uri);
        await using var command = new NpgsqlCommand("select name from items order by name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new System.Collections.Generic.List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return string.Join(", ", names);
    }

    /// <summary>Asserts that nothing accepts connections behind the URI (the server is stopped or gone).</summary>
    public static async Task AssertRefusedAsync(string uri, string because)
    {
        var failure = await Assert.ThrowsAsync<NpgsqlException>(async () => await OpenAsync(uri), because);
        Assert.That(failure!.InnerException, Is.InstanceOf<SocketException>(), $"{because}: the connection is refused, not failed otherwise ({failure.Message})");
        Assert.That(((SocketException)failure.InnerException!).SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused), because);
    }

    /// <summary>Asserts that the server refuses the login with the SQLSTATE given (28P01 wrong password, 3D000 no such database...).</summary>
    public static async Task AssertRejectedAsync(string uri, string sqlState, string because)
    {
        var failure = await Assert.ThrowsAsync<PostgresException>(async () => await OpenAsync(uri), because);
        Assert.That(failure!.SqlState, Is.EqualTo(sqlState), $"{because}: {failure.MessageText}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Neon.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
