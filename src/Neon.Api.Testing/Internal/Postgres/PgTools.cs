using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Neon.Api.Testing.Internal.Postgres;

/// <summary>
/// Runs PostgreSQL's programs: as <see cref="FakeNeonPostgresOptions.ServiceUser"/> (through <c>runuser</c>) when this
/// process is root, since PostgreSQL refuses to run as root. SQL goes through standard input, never the command line,
/// so that passwords do not show in process listings; error text is cleared of the secrets it is given.
/// </summary>
internal sealed class PgTools
{
    private const string RunUser = "/usr/sbin/runuser";

    private readonly string _binDirectory;
    private readonly string? _serviceUser;
    private readonly TimeSpan _timeout;

    private PgTools(string binDirectory, string? serviceUser, TimeSpan timeout)
    {
        _binDirectory = binDirectory;
        _serviceUser = serviceUser;
        _timeout = timeout;
    }

    /// <summary>The folder the programs run in (set once the emulator's own folder exists).</summary>
    public string WorkingDirectory { get; set; } = Path.GetTempPath();

    /// <summary>Checks that the programs exist (and <c>runuser</c> and the service user when running as root).</summary>
    public static PgTools Create(FakeNeonPostgresOptions options)
    {
        var bin = options.BinDirectory ?? FakeNeonPostgresOptions.LocateBinDirectory();
        if (bin is null || !FakeNeonPostgresOptions.HasPrograms(bin))
        {
            throw new FakeNeonPostgresException(
                bin is null ? FakeNeonPostgresOptions.InstallHint : $"'{bin}' does not hold initdb, pg_ctl, pg_basebackup, postgres and psql. {FakeNeonPostgresOptions.InstallHint}");
        }

        string? serviceUser = null;
        if (IsRoot())
        {
            if (!File.Exists(RunUser))
            {
                throw new FakeNeonPostgresException(
                    $"PostgreSQL refuses to run as root, and {RunUser} (util-linux) is missing to run it as '{options.ServiceUser}': install util-linux or run the tests as another user.");
            }

            serviceUser = options.ServiceUser;
            var check = new PgTools(bin, serviceUser, options.CommandTimeout).Run("/usr/bin/id", ["-u"], allowFailure: true);
            if (check.ExitCode != 0)
            {
                throw new FakeNeonPostgresException(
                    $"PostgreSQL refuses to run as root, and the user '{serviceUser}' that should run it does not exist: create it "
                    + "(the postgresql package does) or set FakeNeonPostgresOptions.ServiceUser.");
            }
        }

        return new PgTools(bin, serviceUser, options.CommandTimeout);
    }

    /// <summary>True when the programs run as another user than this process (which is root).</summary>
    public bool RunsAsServiceUser => _serviceUser is not null;

    /// <summary>The full path of one of PostgreSQL's programs.</summary>
    public string Program(string name) => Path.Combine(_binDirectory, name);

    /// <summary>Runs a program (as the service user when root); throws with its output when it fails.</summary>
    public ProcessResult Run(string program, IReadOnlyList<string> arguments, string? input = null, IReadOnlyCollection<string>? secrets = null, bool allowFailure = false)
    {
        var start = new ProcessStartInfo
        {
            FileName = _serviceUser is null ? program : RunUser,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory,
        };
        if (_serviceUser is not null)
        {
            foreach (var part in new[] { "-u", _serviceUser, "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No settings of the caller's own PostgreSQL client leak in (PGHOST, PGPASSWORD, a service file...).
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = System.Diagnostics.Process.Start(start)
            ?? throw new FakeNeonPostgresException($"could not start {Path.GetFileName(program)}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program ended without reading its input; its exit code and output say why.
        }

        if (!process.WaitForExit(_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new FakeNeonPostgresException($"{Path.GetFileName(program)} did not finish within {_timeout.TotalSeconds:0} s");
        }

        process.WaitForExit();
        Task.WaitAll(stdout, stderr);
        var result = new ProcessResult(process.ExitCode, stdout.Result, Redact(stderr.Result, secrets));
        if (result.ExitCode != 0 && !allowFailure)
        {
            throw new FakeNeonPostgresException(
                $"{Path.GetFileName(program)} failed (exit code {result.ExitCode}): {Tail(result.Error)}");
        }

        return result;
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private static string Redact(string text, IReadOnlyCollection<string>? secrets) =>
        secrets is null ? text : secrets.Where(s => s.Length > 0).Aggregate(text, (current, secret) => current.Replace(secret, "****", StringComparison.Ordinal));

    /// <summary>The last lines of a program's error output, enough to say what went wrong.</summary>
    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(4));
    }
}

/// <summary>What a program returned.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error);
