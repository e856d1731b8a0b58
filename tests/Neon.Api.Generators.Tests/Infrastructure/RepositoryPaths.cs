using System;
using System.IO;

namespace Neon.Api.Generators.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder (works in any clone, with or without path maps).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Neon.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Neon.Generated.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string TestProject => Path.Combine(Root, "tests", "Neon.Api.Generators.Tests");

    public static string Library => Path.Combine(Root, "src", "Neon.Api");

    public static string Input(string name) => File.ReadAllText(Path.Combine(TestProject, "Inputs", name));
}
