using System.Reflection;
using System.Runtime.InteropServices;

namespace Neon.Api.Core;

/// <summary>Builds the <c>User-Agent</c>: the library and its version, the runtime, and the caller's application name.</summary>
internal static class NeonUserAgent
{
    public static string Version { get; } = ReadVersion();

    private static string? _library;

    public static string Build(string? applicationName)
    {
        var agent = _library ??= Library();
        return string.IsNullOrWhiteSpace(applicationName) ? agent : applicationName!.Trim() + " " + agent;
    }

    private static string Library()
    {
        var runtime = RuntimeInformation.FrameworkDescription.Replace('(', '[').Replace(')', ']');
        return $"neon-api-dotnet/{Version} ({runtime}; {RuntimeInformation.OSDescription.Replace('(', '[').Replace(')', ']').Replace(';', ',')})";
    }

    private static string ReadVersion()
    {
        var assembly = typeof(NeonUserAgent).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational!.IndexOf('+');
            return plus > 0 ? informational.Substring(0, plus) : informational;
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
