using System;
using Neon.Api.Testing.Internal.State;

namespace Neon.Api.Testing.Internal.Postgres;

/// <summary>
/// What stands behind the emulator's endpoints: nothing (<see cref="NoCompute"/>, the default), or real PostgreSQL
/// clusters (<see cref="PostgresBackend"/>). Route handlers tell it, in a line each, what they changed in a branch's
/// data; after every mutating request the emulator calls <see cref="Reconcile"/>, which starts, stops and removes the
/// clusters to match the endpoints and branches that exist. Called under the emulator's lock.
/// </summary>
internal interface IComputeBackend : IEndpointAddressing, IDisposable
{
    /// <summary><paramref name="to"/>'s data becomes a copy of <paramref name="from"/>'s (branch creation, reset, restore).</summary>
    void CopyBranchData(BranchModel from, BranchModel to);

    /// <summary>A role was added to the branch (with the password the API reports, or none for <c>no_login</c>).</summary>
    void RoleCreated(BranchModel branch, RoleModel role);

    /// <summary>The role's password was reset.</summary>
    void RolePasswordChanged(BranchModel branch, RoleModel role);

    /// <summary>The role was deleted.</summary>
    void RoleDeleted(BranchModel branch, RoleModel role);

    /// <summary>A database was added to the branch.</summary>
    void DatabaseCreated(BranchModel branch, DatabaseModel database);

    /// <summary>A database was renamed from <paramref name="oldName"/> or given another owner.</summary>
    void DatabaseChanged(BranchModel branch, string oldName, DatabaseModel database);

    /// <summary>A database was deleted.</summary>
    void DatabaseDeleted(BranchModel branch, DatabaseModel database);

    /// <summary>
    /// Brings the compute in line with the state: a branch's cluster runs while one of its endpoints is (or is becoming)
    /// active and its project is not deleted; the data of snapshots and of recoverable deleted branches is kept, stopped;
    /// the cluster of a branch that no longer exists anywhere is removed.
    /// </summary>
    void Reconcile(EmulatorState state, DateTimeOffset now);
}

/// <summary>Where an endpoint accepts connections, when that is not Neon's host name.</summary>
internal interface IEndpointAddressing
{
    /// <summary>The host and port of the endpoint's server, or null for Neon's host name (and the default port).</summary>
    (string Host, int Port)? Address(EndpointModel endpoint);
}

/// <summary>The default backend: endpoints have Neon's host names and nothing listens behind them.</summary>
internal sealed class NoCompute : IComputeBackend
{
    public static readonly NoCompute Instance = new();

    private NoCompute()
    {
    }

    public (string Host, int Port)? Address(EndpointModel endpoint) => null;

    public void CopyBranchData(BranchModel from, BranchModel to)
    {
    }

    public void RoleCreated(BranchModel branch, RoleModel role)
    {
    }

    public void RolePasswordChanged(BranchModel branch, RoleModel role)
    {
    }

    public void RoleDeleted(BranchModel branch, RoleModel role)
    {
    }

    public void DatabaseCreated(BranchModel branch, DatabaseModel database)
    {
    }

    public void DatabaseChanged(BranchModel branch, string oldName, DatabaseModel database)
    {
    }

    public void DatabaseDeleted(BranchModel branch, DatabaseModel database)
    {
    }

    public void Reconcile(EmulatorState state, DateTimeOffset now)
    {
    }

    public void Dispose()
    {
    }
}
