using System;

namespace Neon.Api.Core;

/// <summary>Argument checks shared by the hand-written runtime and the generated operations.</summary>
internal static class Guard
{
    /// <summary>Throws when a required argument is null (a no-op for value types); returns it otherwise.</summary>
    /// <typeparam name="T">The argument type.</typeparam>
    /// <param name="value">The argument.</param>
    /// <param name="name">The argument's name.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static T NotNull<T>(T value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"{name} is required.");
        }

        return value;
    }
}
