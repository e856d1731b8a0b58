namespace Neon.Api.Operations;

/// <summary>What an operation status means for a caller waiting on it.</summary>
public enum NeonOperationOutcome
{
    /// <summary>Still going (<c>scheduling</c>, <c>running</c>, <c>cancelling</c>, or a status this library does not know): keep polling.</summary>
    InProgress = 0,

    /// <summary>Done successfully (<c>finished</c> or <c>skipped</c>).</summary>
    Succeeded = 1,

    /// <summary>Done unsuccessfully (<c>failed</c>, <c>error</c> or <c>cancelled</c>).</summary>
    Failed = 2,
}
