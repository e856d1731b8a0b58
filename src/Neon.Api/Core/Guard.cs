using System;

namespace Neon.Api.Core;

/// <summary>Argument checks used by the generated operations.</summary>
internal static class Guard
{
    /// <summary>Throws when a required argument is null (a no-op for value types).</summary>
    /// <typeparam name="T">The argument type.</typeparam>
    /// <param name="value">The argument.</param>
    /// <param name="name">The argument's name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static void NotNull<T>(T value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"{name} is required.");
        }
    }
}
