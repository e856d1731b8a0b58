using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace Neon.Api.PackageTests.Infrastructure;

/// <summary>Code examples read from the documentation, so that what is run is what readers copy.</summary>
internal static class Markdown
{
    /// <summary>The first ```csharp block after the heading (any level) with this exact text.</summary>
    public static string CSharpBlockAfter(string markdown, string heading)
    {
        var text = markdown.ReplaceLineEndings("\n");
        var at = Regex.Match(text, @"^#+ " + Regex.Escape(heading) + @"\s*$", RegexOptions.Multiline);
        if (!at.Success)
        {
            throw new InvalidOperationException($"No heading '{heading}'.");
        }

        var block = Regex.Match(text[at.Index..], @"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);
        if (!block.Success)
        {
            throw new InvalidOperationException($"No ```csharp block after '{heading}'.");
        }

        return block.Groups[1].Value;
    }

    /// <summary>Splits top-level code into its using directives (which must come first in a program) and the rest.</summary>
    public static (string Usings, string Body) SplitUsings(string code)
    {
        var lines = code.Split('\n');
        bool IsUsing(string line) => Regex.IsMatch(line, @"^using [\w.]+;\s*$");
        return (string.Join('\n', lines.Where(IsUsing)), string.Join('\n', lines.Where(line => !IsUsing(line))));
    }
}
