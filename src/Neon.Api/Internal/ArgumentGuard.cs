using System;

namespace Neon.Api.Internal;

/// <summary>Argument checks that read the same on every target framework.</summary>
internal static class ArgumentGuard
{
    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="value"/> is null; returns it otherwise.</summary>
    public static T NotNull<T>(T? value, string parameterName)
        where T : class
    {
#if NET6_0_OR_GREATER
        ArgumentNullException.ThrowIfNull(value, parameterName);
        return value;
#else
        return value ?? throw new ArgumentNullException(parameterName);
#endif
    }
}
