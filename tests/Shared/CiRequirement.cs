using System;
using NUnit.Framework;

namespace Neon.Api.TestShared;

/// <summary>
/// For suites that need a program beside the .NET SDK (Node.js, PostgreSQL): in CI they must run, so a missing program
/// fails them; on a developer's machine they are skipped, saying what to install.
/// </summary>
internal static class CiRequirement
{
    /// <summary>True in CI: the variable <c>CI</c> set to anything but <c>false</c> or <c>0</c>.</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci
        && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails the test with <paramref name="inCi"/> in CI, else ignores it with <paramref name="elsewhere"/>.</summary>
    public static void Missing(string inCi, string elsewhere)
    {
        if (InCi)
        {
            Assert.Fail(inCi);
        }

        Assert.Ignore(elsewhere);
    }
}
