using System;
using System.Collections.Generic;
using System.Linq;
using Neon.Api.Testing.Internal.Http;

namespace Neon.Api.Testing.Internal.State;

/// <summary>
/// Everything the emulator knows. Not thread-safe by itself: the dispatcher holds one lock around
/// every request that reads or writes it.
/// </summary>
internal sealed class EmulatorState
{
    private readonly Dictionary<string, ProjectModel> _projects = new(StringComparer.Ordinal);
    private readonly Random _operationRandom;
    private long _sequence;

    public EmulatorState(FakeNeonOptions options)
    {
        Options = options;
        Ids = new IdGenerator(options.Seed);
        Account = new AccountState(Ids);
        _operationRandom = new Random(unchecked((options.Seed * 31) + 17));
    }

    public FakeNeonOptions Options { get; }

    public IdGenerator Ids { get; }

    public List<ApiKeyModel> ApiKeys { get; } = [];

    public AccountState Account { get; }

    /// <summary>What stands behind the endpoints: nothing, or real PostgreSQL clusters (<see cref="FakeNeonOptions.Postgres"/>).</summary>
    public Postgres.IComputeBackend Compute { get; set; } = Postgres.NoCompute.Instance;

    /// <summary>How long an operation (or a function build, or an anonymization run) takes: the option, never negative.</summary>
    public TimeSpan OperationDuration => Options.OperationDuration < TimeSpan.Zero ? TimeSpan.Zero : Options.OperationDuration;

    /// <summary>Projects in creation order, including deleted (recoverable) ones.</summary>
    public IEnumerable<ProjectModel> AllProjects => _projects.Values.OrderBy(p => p.Sequence);

    /// <summary>A number that grows with every call: creation order of anything.</summary>
    public long NextSequence() => ++_sequence;

    public void Add(ProjectModel project) => _projects.Add(project.Id, project);

    /// <summary>A live project, or 404.</summary>
    public ProjectModel RequireProject(string projectId) =>
        _projects.TryGetValue(projectId, out var project) && !project.IsDeleted
            ? project
            : throw ApiError.NotFound($"project {projectId} not found");

    /// <summary>A project that is live or deleted but recoverable, or 404.</summary>
    public ProjectModel? FindAnyProject(string projectId) => _projects.GetValueOrDefault(projectId);

    public static BranchModel RequireBranch(ProjectModel project, string branchId) =>
        project.Branches.FirstOrDefault(b => b.Id == branchId)
        ?? throw ApiError.NotFound($"branch {branchId} not found");

    public static EndpointModel RequireEndpoint(ProjectModel project, string endpointId) =>
        project.Endpoints.FirstOrDefault(e => e.Id == endpointId)
        ?? throw ApiError.NotFound($"endpoint {endpointId} not found");

    public static DatabaseModel RequireDatabase(BranchModel branch, string name) =>
        branch.Databases.FirstOrDefault(d => d.Name == name)
        ?? throw ApiError.NotFound($"database \"{name}\" not found on branch {branch.Id}");

    public static RoleModel RequireRole(BranchModel branch, string name) =>
        branch.Roles.FirstOrDefault(r => r.Name == name)
        ?? throw ApiError.NotFound($"role \"{name}\" not found on branch {branch.Id}");

    public static BucketModel RequireBucket(BranchModel branch, string name) =>
        branch.Buckets.GetValueOrDefault(name)
        ?? throw ApiError.NotFound($"bucket \"{name}\" not found on branch {branch.Id}");

    /// <summary>
    /// Starts an operation on a project. Whether it will fail is decided now, from
    /// <see cref="FakeNeonOptions.FailNextOperations"/> and <see cref="FakeNeonOptions.OperationFailureRate"/>.
    /// It runs after the project's operations that are not terminal yet: a mutation is locked out while
    /// any runs, so those are the ones the same request started, and Neon runs them one after another.
    /// </summary>
    public OperationModel StartOperation(
        ProjectModel project, string action, DateTimeOffset now, string? branchId = null, string? endpointId = null)
    {
        var previous = project.Operations.Where(o => !o.IsTerminal(now)).Select(o => o.EndsAt).DefaultIfEmpty(now).Max();
        var operation = new OperationModel
        {
            Id = Ids.Uuid(),
            ProjectId = project.Id,
            BranchId = branchId,
            EndpointId = endpointId,
            Action = action,
            CreatedAt = now,
            StartsAt = previous > now ? previous : now,
            Duration = OperationDuration,
            FailureMessage = DecideFailure() ? $"{action} failed: injected failure" : null,
            Sequence = NextSequence(),
        };
        project.Operations.Add(operation);
        return operation;
    }

    private bool DecideFailure()
    {
        if (Options.FailNextOperations > 0)
        {
            Options.FailNextOperations--;
            return true;
        }

        return Options.OperationFailureRate > 0 && _operationRandom.NextDouble() < Options.OperationFailureRate;
    }
}
