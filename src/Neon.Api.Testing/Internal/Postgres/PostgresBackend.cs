using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Postgres;

/// <summary>
/// The emulator on a real PostgreSQL: a cluster per branch. A project's first branch starts from a copy of a template
/// cluster (made by <c>initdb</c> once per emulator); a child branch starts from a copy of its parent's data
/// (<c>pg_basebackup</c> while the parent runs, a folder copy while it is stopped); reset and restore copy again.
/// Roles and databases are created, changed and dropped with the names and passwords the API reports. Everything lives
/// in one new folder, removed on <see cref="Dispose"/> after every server is stopped.
/// </summary>
internal sealed class PostgresBackend : IComputeBackend
{
    public const string LocalHost = "127.0.0.1";

    /// <summary>Small servers, so that tens of branches fit on one machine; durability is not needed in tests.</summary>
    private static readonly string[] ServerSettings =
    [
        "shared_buffers = 16MB",
        "max_connections = 20",
        "max_wal_senders = 4",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "log_min_error_statement = panic",
        "log_min_messages = warning",
        "dynamic_shared_memory_type = posix",
    ];

    /// <summary>
    /// The group role of the roles the API creates, as in Neon: they may create roles and databases, read and write
    /// every table, and create objects in the <c>public</c> schema of every database the API creates.
    /// </summary>
    private const string NeonSuperuser = "neon_superuser";

    private const string CreateNeonSuperuser =
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + NeonSuperuser + "') THEN "
        + "CREATE ROLE " + NeonSuperuser + " NOLOGIN CREATEDB CREATEROLE BYPASSRLS; "
        + "GRANT pg_read_all_data, pg_write_all_data TO " + NeonSuperuser + "; END IF; END $$;";

    private readonly object _gate = new();
    private readonly PgTools _tools;
    private readonly Dictionary<string, PgCluster> _clusters = new(StringComparer.Ordinal);
    private string? _template;
    private int _next;
    private bool _disposed;

    public PostgresBackend(FakeNeonPostgresOptions options)
    {
        _tools = PgTools.Create(options);
        Root = CreateRoot(options.WorkDirectory ?? DefaultWorkDirectory());
        _tools.WorkingDirectory = Root;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The emulator's own folder: every cluster's data, socket and log.</summary>
    public string Root { get; }

    /// <summary>The clusters that exist now (for diagnostics and tests).</summary>
    public int ClusterCount
    {
        get
        {
            lock (_gate)
            {
                return _clusters.Count;
            }
        }
    }

    public (string Host, int Port)? Address(EndpointModel endpoint)
    {
        lock (_gate)
        {
            return _clusters.TryGetValue(endpoint.BranchId, out var cluster) ? (LocalHost, cluster.Port) : null;
        }
    }

    public void CopyBranchData(BranchModel from, BranchModel to)
    {
        lock (_gate)
        {
            if (!_clusters.TryGetValue(from.Id, out var source))
            {
                return;
            }

            var target = Replace(to);
            if (source.IsRunning)
            {
                _tools.Run(
                    _tools.Program("pg_basebackup"),
                    ["-D", target.DataDirectory, "-h", source.RunDirectory, "-p", source.Port.ToString(CultureInfo.InvariantCulture),
                        "-U", PgCluster.Superuser, "--checkpoint=fast", "--no-sync", "--wal-method=stream"]);
            }
            else
            {
                _tools.Run("/bin/cp", ["-a", source.DataDirectory, target.DataDirectory]);
            }
        }
    }

    public void RoleCreated(BranchModel branch, RoleModel role)
    {
        var login = role.Password is null ? "NOLOGIN" : "LOGIN PASSWORD " + Sql.Literal(role.Password);
        Execute(
            branch,
            "postgres",
            $"{CreateNeonSuperuser}\nCREATE ROLE {Sql.Identifier(role.Name)} CREATEDB CREATEROLE {login} IN ROLE {NeonSuperuser};",
            role.Password);
    }

    public void RolePasswordChanged(BranchModel branch, RoleModel role)
    {
        if (role.Password is not null)
        {
            Execute(branch, "postgres", $"ALTER ROLE {Sql.Identifier(role.Name)} LOGIN PASSWORD {Sql.Literal(role.Password)};", role.Password);
        }
    }

    public void RoleDeleted(BranchModel branch, RoleModel role)
    {
        var name = Sql.Identifier(role.Name);
        foreach (var database in branch.Databases.Select(d => d.Name).Append("postgres"))
        {
            Execute(branch, database, $"REASSIGN OWNED BY {name} TO {PgCluster.Superuser}; DROP OWNED BY {name};");
        }

        Execute(branch, "postgres", $"DROP ROLE {name};");
    }

    public void DatabaseCreated(BranchModel branch, DatabaseModel database)
    {
        Execute(branch, "postgres", $"CREATE DATABASE {Sql.Identifier(database.Name)} OWNER {Sql.Identifier(database.OwnerName)};");
        Execute(branch, database.Name, $"{CreateNeonSuperuser}\nGRANT ALL ON SCHEMA public TO {NeonSuperuser};");
    }

    public void DatabaseChanged(BranchModel branch, string oldName, DatabaseModel database)
    {
        if (oldName != database.Name)
        {
            Execute(
                branch,
                "postgres",
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = {Sql.Literal(oldName)};\n"
                + $"ALTER DATABASE {Sql.Identifier(oldName)} RENAME TO {Sql.Identifier(database.Name)};");
        }

        Execute(branch, "postgres", $"ALTER DATABASE {Sql.Identifier(database.Name)} OWNER TO {Sql.Identifier(database.OwnerName)};");
    }

    public void DatabaseDeleted(BranchModel branch, DatabaseModel database) =>
        Execute(branch, "postgres", $"DROP DATABASE IF EXISTS {Sql.Identifier(database.Name)} WITH (FORCE);");

    public void Reconcile(EmulatorState state, DateTimeOffset now)
    {
        lock (_gate)
        {
            var wanted = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var project in state.AllProjects)
            {
                foreach (var branch in project.Branches)
                {
                    wanted[branch.Id] = !project.IsDeleted && project.Endpoints.Any(e => e.BranchId == branch.Id && !e.Disabled
                        && (e.State.Pending(now) ?? e.State.Current(now)) == EndpointModel.Active);
                }

                // Kept, stopped: the data of snapshots and of deleted branches that can still be recovered.
                foreach (var id in project.Features.Snapshots.Select(s => s.Data.Id).Concat(project.Features.DeletedBranches.Select(d => d.Branch.Id)))
                {
                    wanted[id] = false;
                }
            }

            foreach (var cluster in _clusters.Values.ToList())
            {
                if (!wanted.TryGetValue(cluster.BranchId, out var run))
                {
                    Remove(cluster);
                }
                else if (run)
                {
                    cluster.Start();
                }
                else
                {
                    cluster.Stop();
                }
            }
        }
    }

    /// <summary>Stops every server and deletes the emulator's folder (and nothing outside it).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            List<Exception>? failures = null;
            foreach (var cluster in _clusters.Values)
            {
                try
                {
                    cluster.Stop(immediate: true);
                }
                catch (FakeNeonPostgresException ex)
                {
                    (failures ??= []).Add(ex);
                }
            }

            _clusters.Clear();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _tools.Run("/bin/rm", ["-rf", Root], allowFailure: true);
            }

            if (failures is not null)
            {
                throw new AggregateException("some PostgreSQL servers of the emulator did not stop", failures);
            }
        }
    }

    /// <summary>Runs SQL on the branch's cluster, creating it from the template when the branch has none yet.</summary>
    private void Execute(BranchModel branch, string database, string sql, string? secret = null)
    {
        lock (_gate)
        {
            if (!_clusters.TryGetValue(branch.Id, out var cluster))
            {
                cluster = Replace(branch);
                _tools.Run("/bin/cp", ["-a", Template(), cluster.DataDirectory]);
            }

            cluster.Execute(database, sql, secret is null ? null : [secret]);
        }
    }

    /// <summary>A new, empty cluster folder for the branch (its old cluster stopped and deleted, its port kept).</summary>
    private PgCluster Replace(BranchModel branch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int? port = null;
        if (_clusters.TryGetValue(branch.Id, out var old))
        {
            port = old.Port;
            Remove(old);
        }

        var directory = Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"c{++_next}"));
        var cluster = new PgCluster(_tools, branch.Id, directory, AllocatePort, port);
        _tools.Run("/bin/mkdir", ["-m", "0700", "-p", cluster.RunDirectory]);
        _clusters[branch.Id] = cluster;
        return cluster;
    }

    /// <summary>A free port that no cluster of this emulator holds (a stopped one keeps its port for its next start).</summary>
    private int AllocatePort() => PgCluster.FreePort(_clusters.Values.Select(c => c.Port).ToHashSet());

    private void Remove(PgCluster cluster)
    {
        cluster.Stop(immediate: true);
        _clusters.Remove(cluster.BranchId);
        _tools.Run("/bin/rm", ["-rf", Path.GetDirectoryName(cluster.DataDirectory)!]);
    }

    /// <summary>The template cluster's data folder, made by <c>initdb</c> on first use.</summary>
    private string Template()
    {
        if (_template is not null)
        {
            return _template;
        }

        var template = Path.Combine(Root, "template");
        _tools.Run(
            _tools.Program("initdb"),
            ["-D", template, "-U", PgCluster.Superuser, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        File.AppendAllLines(Path.Combine(template, "postgresql.conf"), ["", "# Neon emulator (FakeNeon) settings", .. ServerSettings]);
        _template = template;
        return template;
    }

    /// <summary>
    /// <c>/tmp</c> on Linux and macOS, whatever <c>TMPDIR</c> says: a short path (socket paths are limited) that the
    /// user running PostgreSQL can reach when this process is root (a root's <c>TMPDIR</c> may be private); else the
    /// temporary folder.
    /// </summary>
    private static string DefaultWorkDirectory() =>
        !OperatingSystem.IsWindows() && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();

    /// <summary>The folder of this emulator: new and uniquely named, owned by the user that runs PostgreSQL.</summary>
    private string CreateRoot(string workDirectory)
    {
        if (!Directory.Exists(workDirectory))
        {
            throw new FakeNeonPostgresException($"the work folder '{workDirectory}' does not exist (FakeNeonPostgresOptions.WorkDirectory)");
        }

        if (workDirectory.Contains('\'', StringComparison.Ordinal) || workDirectory.Contains('"', StringComparison.Ordinal))
        {
            throw new FakeNeonPostgresException($"the work folder '{workDirectory}' must not contain quotes (FakeNeonPostgresOptions.WorkDirectory)");
        }

        var path = Path.Combine(Path.GetFullPath(workDirectory), "fakeneon-pg-" + Guid.NewGuid().ToString("N")[..12]);
        if (path.Length > 60)
        {
            // A Unix socket path is limited to about 107 bytes; the cluster folders add about 35.
            throw new FakeNeonPostgresException(
                $"the work folder '{workDirectory}' is too long for PostgreSQL's socket paths: choose one of at most 40 characters (FakeNeonPostgresOptions.WorkDirectory)");
        }

        // mkdir (not -p) fails if the path exists: the folder is ours alone.
        _tools.Run("/bin/mkdir", ["-m", "0700", path]);
        return path;
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            Dispose();
        }
#pragma warning disable CA1031 // the process is ending: nothing can be done about a failure here
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
