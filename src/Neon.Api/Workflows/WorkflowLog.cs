using System;
using Microsoft.Extensions.Logging;

namespace Neon.Api.Workflows;

/// <summary>
/// The workflow helpers' log events (on the client's logger, <see cref="NeonClientOptions.Logger"/>). They name
/// projects, branches and the failure's type and message (which never carry the API key or a password), never a
/// connection URI.
/// </summary>
internal static class WorkflowLog
{
    private static readonly Action<ILogger, string, string, string, Exception?> NotDeleted =
        LoggerMessage.Define<string, string, string>(
            LogLevel.Warning,
            new EventId(101, "NeonResourceNotDeleted"),
            "{Resource} was not deleted ({Reason}): {Failure}");

    /// <summary>
    /// Something the helpers meant to delete (an ephemeral branch on dispose, a branch or project whose creation
    /// failed half way) is still there.
    /// </summary>
    public static void NotDeletedAfter(ILogger logger, string resource, string reason, Exception failure)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            NotDeleted(logger, resource, reason, $"{failure.GetType().Name}: {failure.Message}", null);
        }
    }
}
