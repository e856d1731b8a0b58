using System;
using System.Collections.Generic;

namespace Neon.Api.Testing;

/// <summary>
/// Settings and fault-injection knobs of a <see cref="FakeNeon"/>.
/// </summary>
/// <remarks>
/// The emulator keeps a reference to this object and reads the knobs on every request, so a test
/// may change them while the emulator runs (for example set <see cref="ForceLockedMutations"/>
/// before the call that should draw a 423). Counting knobs (<see cref="ForceLockedMutations"/>,
/// <see cref="FailNextOperations"/>) are consumed by the emulator as it uses them.
/// </remarks>
public sealed class FakeNeonOptions
{
    private FakeNeonServerOptions _server = new();

    /// <summary>
    /// The clock that drives operations (scheduling, running, finished), timestamps and <see cref="Latency"/>.
    /// Defaults to <see cref="TimeProvider.System"/>. Tests pass a <see cref="FastForwardTimeProvider"/> (and the same
    /// instance to the client's <c>NeonClientOptions.TimeProvider</c>) so that waiting takes no real time, or a
    /// <c>FakeTimeProvider</c> they advance themselves.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long an operation takes from creation to a terminal status (default 200 ms).
    /// An operation is <c>scheduling</c> for the first quarter of it, then <c>running</c>.
    /// <see cref="TimeSpan.Zero"/> makes operations finish at once.
    /// </summary>
    public TimeSpan OperationDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Seed of the random generators (fault sampling and generated ids), for reproducible runs.</summary>
    public int Seed { get; set; } = 20240101;

    /// <summary>Latency added to every request before it is answered, on <see cref="TimeProvider"/> (default none).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Share (0..1) of requests answered <c>429 Too Many Requests</c> with <c>Retry-After</c>.</summary>
    public double TooManyRequestsRate { get; set; }

    /// <summary>Share (0..1) of requests answered <c>503 Service Unavailable</c> with <c>Retry-After</c>.</summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>The delay sent in <c>Retry-After</c> (whole seconds, rounded up) on injected 429 and 503 answers. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The next this-many mutations (POST, PATCH, PUT, DELETE on implemented routes) are answered
    /// <c>423 Locked</c>; decremented as they are used.
    /// </summary>
    public int ForceLockedMutations { get; set; }

    /// <summary>Projects whose every mutation is answered <c>423 Locked</c> until removed from the set.</summary>
    public ISet<string> LockedProjectIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Projects whose details do not arrive within a listing's timeout: <c>listProjects</c> and
    /// <c>listSharedProjects</c> leave them out of <c>projects</c> and name them in <c>unavailable_project_ids</c>
    /// (on the page where they would have been), as Neon does; every other operation sees them as usual.
    /// </summary>
    public ISet<string> UnavailableProjectIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The next this-many operations created end in status <c>failed</c> with an <c>error</c> message;
    /// decremented as they are used.
    /// </summary>
    public int FailNextOperations { get; set; }

    /// <summary>Share (0..1) of created operations that end in status <c>failed</c>.</summary>
    public double OperationFailureRate { get; set; }

    /// <summary>
    /// When set, only this bearer token (and keys created through <c>POST /api_keys</c>) is accepted;
    /// when <see langword="null"/> (the default) any non-empty bearer token is accepted.
    /// Revoked keys are always refused.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Where and how <see cref="FakeNeon.StartAsync"/> serves the emulator over HTTP: address, port, request-body
    /// limit, timeouts, per-request report. Read once, when the server starts; unused by the in-process handler.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public FakeNeonServerOptions Server
    {
        get => _server;
        set => _server = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// When set, the emulator runs on a real PostgreSQL (a cluster per branch, on 127.0.0.1): the connection URIs it
    /// returns connect, with the role, password and database names the API reports, and branches copy their parent's
    /// data. <see langword="null"/> (the default) keeps the emulator in memory. Read once, when the emulator is
    /// created; see the emulator's README, "On a real PostgreSQL".
    /// </summary>
    public FakeNeonPostgresOptions? Postgres { get; set; }
}
