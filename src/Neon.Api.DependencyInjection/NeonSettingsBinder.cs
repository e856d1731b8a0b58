using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Neon.Api.DependencyInjection;

/// <summary>Binds a configuration section (<c>ApiKey</c> and the settable properties of <see cref="NeonClientOptions"/>) and notes keys that match nothing.</summary>
internal static class NeonSettingsBinder
{
    /// <summary>The settings of <see cref="NeonClientOptions"/> a section may hold (objects and delegates such as the logger are set in code).</summary>
    public static IReadOnlyList<string> KnownSettings { get; } = typeof(NeonClientOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && IsBindable(p.PropertyType))
        .Select(p => p.Name)
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToArray();

    public static void Bind(IConfiguration section, NeonServiceOptions options)
    {
        options.SectionPath = (section as IConfigurationSection)?.Path ?? options.SectionPath;
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, nameof(NeonServiceOptions.ApiKey), StringComparison.OrdinalIgnoreCase))
            {
                options.ApiKey = child.Value;
            }
            else if (!KnownSettings.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                options.UnknownSettings.Add(child.Key);
            }
        }

        section.Bind(options.Client);
        var retry = section.GetSection(nameof(NeonClientOptions.Retry));
        if (retry.Exists())
        {
            // A misspelt retry setting fails the start instead of being ignored.
            retry.Bind(options.Client.Retry, binder => binder.ErrorOnUnknownConfiguration = true);
        }
    }

    private static bool IsBindable(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(NeonRetryOptions);
}
