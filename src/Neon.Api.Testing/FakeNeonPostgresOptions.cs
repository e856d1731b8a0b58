using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Neon.Api.Testing;

/// <summary>
/// Puts the emulator on a real PostgreSQL server (set <see cref="FakeNeonOptions.Postgres"/>): each branch gets its own
/// PostgreSQL cluster on a loopback port, and the connection URIs the API returns connect to it with the role, password
/// and database the API reports.
/// </summary>
/// <remarks>
/// The emulator drives PostgreSQL through its command-line programs (<c>initdb</c>, <c>pg_ctl</c>,
/// <c>pg_basebackup</c>, <c>psql</c>) found in <see cref="BinDirectory"/>; it needs no database driver. All the
/// clusters live in one new folder under <see cref="WorkDirectory"/>, which the emulator deletes, after stopping every
/// cluster, when it is disposed. PostgreSQL refuses to run as root: when the process runs as root, the programs run as
/// <see cref="ServiceUser"/> (through <c>runuser</c>).
/// </remarks>
public sealed class FakeNeonPostgresOptions
{
    /// <summary>
    /// What to install when PostgreSQL is not found, as one sentence (for test skips and error messages).
    /// </summary>
    public const string InstallHint =
        "PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup, postgres, psql) were not found: install them "
        + "(Debian/Ubuntu: 'apt-get install -y --no-install-recommends postgresql') or set FakeNeonPostgresOptions.BinDirectory "
        + "(or the environment variable " + BinDirectoryVariable + ") to the folder that holds them.";

    /// <summary>The environment variable read when <see cref="BinDirectory"/> is not set: a folder holding <c>initdb</c>.</summary>
    public const string BinDirectoryVariable = "FAKENEON_PG_BIN";

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "pg_basebackup", "postgres", "psql"];

    /// <summary>
    /// The folder of PostgreSQL's programs. When <see langword="null"/> (the default), the emulator uses
    /// <see cref="LocateBinDirectory"/>.
    /// </summary>
    public string? BinDirectory { get; set; }

    /// <summary>
    /// The folder in which the emulator creates its own (new, uniquely named) folder for the clusters; <c>/tmp</c> (or,
    /// where there is none, the system's temporary folder) when <see langword="null"/>. Nothing else in it is touched.
    /// At most 40 characters long (PostgreSQL's socket paths are limited); when this process is root it must be
    /// reachable by <see cref="ServiceUser"/>.
    /// </summary>
    public string? WorkDirectory { get; set; }

    /// <summary>The operating-system user that runs PostgreSQL when this process runs as root (default <c>postgres</c>).</summary>
    public string ServiceUser { get; set; } = "postgres";

    /// <summary>How long one PostgreSQL program may run before the emulator gives up on it (default 60 s).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Finds a folder holding PostgreSQL's server programs: the environment variable <see cref="BinDirectoryVariable"/>,
    /// then Debian's <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (the newest version first), then the folders on
    /// <c>PATH</c>.
    /// </summary>
    /// <returns>The folder, or <see langword="null"/> when none has every program (see <see cref="InstallHint"/>).</returns>
    public static string? LocateBinDirectory()
    {
        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } fromVariable)
        {
            return HasPrograms(fromVariable) ? fromVariable : null;
        }

        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var versions = Directory.GetDirectories(Debian)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .OrderByDescending(entry => entry.Version);
            foreach (var (dir, _) in versions)
            {
                var bin = Path.Combine(dir, "bin");
                if (HasPrograms(bin))
                {
                    return bin;
                }
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasPrograms);
    }

    /// <summary>True when <paramref name="directory"/> holds every program the emulator runs.</summary>
    internal static bool HasPrograms(string directory) =>
        RequiredPrograms.All(program => File.Exists(Path.Combine(directory, program)));

    /// <summary>A copy, so that the emulator's settings do not change under it.</summary>
    internal FakeNeonPostgresOptions Clone() => (FakeNeonPostgresOptions)MemberwiseClone();
}
