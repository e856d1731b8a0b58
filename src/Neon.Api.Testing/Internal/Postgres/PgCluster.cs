using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;

namespace Neon.Api.Testing.Internal.Postgres;

/// <summary>
/// One PostgreSQL cluster (a data folder and, while running, one <c>postgres</c> server): the compute and storage of
/// one branch. It listens on 127.0.0.1 and its own port, which it keeps across stops and starts while that port stays
/// free; its Unix socket (used only by the emulator, as the superuser) is in its own folder.
/// </summary>
internal sealed class PgCluster
{
    /// <summary>The cluster's superuser, used by the emulator only (Neon's own is named so too); it logs in only through the socket.</summary>
    public const string Superuser = "cloud_admin";

    private const int StartAttempts = 3;

    private readonly PgTools _tools;
    private readonly Func<int> _allocatePort;

    /// <summary>A cluster (not yet created on disk) with the given port, or one from <paramref name="allocatePort"/>.</summary>
    public PgCluster(PgTools tools, string branchId, string directory, Func<int> allocatePort, int? port = null)
    {
        _tools = tools;
        _allocatePort = allocatePort;
        BranchId = branchId;
        DataDirectory = Path.Combine(directory, "data");
        RunDirectory = Path.Combine(directory, "run");
        Port = port ?? allocatePort();
    }

    public string BranchId { get; }

    public string DataDirectory { get; }

    /// <summary>The socket's folder and the server log's.</summary>
    public string RunDirectory { get; }

    public int Port { get; private set; }

    public bool IsRunning { get; private set; }

    /// <summary>Starts the server and waits until it accepts connections; picks another port if its own was taken.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var options = string.Create(
                CultureInfo.InvariantCulture,
                $"-p {Port} -k '{RunDirectory}' -c listen_addresses=127.0.0.1");
            var result = _tools.Run(
                _tools.Program("pg_ctl"),
                ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(RunDirectory, "server.log"), "-o", options],
                allowFailure: true);
            if (result.ExitCode == 0)
            {
                IsRunning = true;
                return;
            }

            if (attempt == StartAttempts)
            {
                throw new FakeNeonPostgresException(
                    $"the PostgreSQL cluster of branch {BranchId} did not start (see {Path.Combine(RunDirectory, "server.log")}): {result.Error.Trim()}");
            }

            // Most likely another program took the port since it was chosen.
            Port = _allocatePort();
        }
    }

    /// <summary>Stops the server (fast shutdown: connections are closed) and waits until it is gone.</summary>
    public void Stop(bool immediate = false)
    {
        if (!IsRunning)
        {
            return;
        }

        IsRunning = false;
        _tools.Run(_tools.Program("pg_ctl"), ["stop", "-D", DataDirectory, "-w", "-t", "60", "-m", immediate ? "immediate" : "fast"], allowFailure: immediate);
    }

    /// <summary>Runs SQL as the superuser in a database; the secrets are cleared from any error text.</summary>
    public string Execute(string database, string sql, IReadOnlyCollection<string>? secrets = null)
    {
        Start();
        var result = _tools.Run(
            _tools.Program("psql"),
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=terse", "-h", RunDirectory,
                "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, "-d", database],
            sql,
            secrets);
        return result.Output;
    }

    /// <summary>A port that is free on 127.0.0.1 now (the system's pick of an ephemeral port) and not in <paramref name="reserved"/>.</summary>
    public static int FreePort(IReadOnlySet<int> reserved)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (!reserved.Contains(port))
            {
                return port;
            }
        }
    }
}
