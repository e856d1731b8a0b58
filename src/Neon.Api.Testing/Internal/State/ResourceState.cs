using System;

namespace Neon.Api.Testing.Internal.State;

/// <summary>
/// A resource's <c>current_state</c> and <c>pending_state</c>, moved by operations: the pending state
/// becomes current when its operation finishes, and is dropped when the operation fails.
/// Evaluated lazily against the clock (callers hold the emulator's lock).
/// </summary>
internal sealed class ResourceState
{
    private string _current;
    private string? _pending;
    private OperationModel? _operation;
    private DateTimeOffset _changedAt;

    public ResourceState(string current, DateTimeOffset at)
    {
        _current = current;
        _changedAt = at;
    }

    /// <summary>
    /// Moves towards <paramref name="target"/>: at once when there is no operation, else when it
    /// finishes. <paramref name="interim"/>, when given, is the current state until then.
    /// </summary>
    public void MoveTo(string target, OperationModel? operation, DateTimeOffset now, string? interim = null)
    {
        Settle(now);
        if (interim is not null && operation is not null)
        {
            _current = interim;
            _changedAt = now;
        }

        if (operation is null)
        {
            _current = target;
            _changedAt = now;
            _pending = null;
            return;
        }

        _pending = target;
        _operation = operation;
    }

    public string Current(DateTimeOffset now)
    {
        Settle(now);
        return _current;
    }

    public string? Pending(DateTimeOffset now)
    {
        Settle(now);
        return _pending;
    }

    /// <summary>When the current state was entered.</summary>
    public DateTimeOffset ChangedAt(DateTimeOffset now)
    {
        Settle(now);
        return _changedAt;
    }

    private void Settle(DateTimeOffset now)
    {
        if (_pending is null || _operation is null || !_operation.IsTerminal(now))
        {
            return;
        }

        if (_operation.Succeeded(now))
        {
            _current = _pending;
            _changedAt = _operation.EndsAt;
        }

        _pending = null;
        _operation = null;
    }
}
