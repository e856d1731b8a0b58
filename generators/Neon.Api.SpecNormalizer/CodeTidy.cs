using System;
using System.Collections.Generic;
using System.Text;

namespace Neon.Api.SpecNormalizer;

/// <summary>
/// Tidies the C# that NSwag renders: the Liquid engine it embeds leaves a blank line wherever a template tag stood.
/// Only whitespace between lines changes, so the code means exactly what it meant.
/// </summary>
internal static class CodeTidy
{
    public static string Tidy(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        var result = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                var previous = result.Count == 0 ? string.Empty : result[^1].Trim();
                var next = NextNonBlank(lines, i + 1);
                var keep = previous.Length > 0 && next.Length > 0
                    && !previous.StartsWith("///", StringComparison.Ordinal)
                    && !previous.EndsWith('{')
                    && !(previous.StartsWith('[') && previous.EndsWith(']'))
                    && !next.StartsWith('}')
                    && !(previous.StartsWith("//", StringComparison.Ordinal) && next.StartsWith("//", StringComparison.Ordinal))
                    && !(previous.EndsWith(';') && IsStatement(next));
                if (keep)
                {
                    result.Add(string.Empty);
                }

                continue;
            }

            // A parameter list the template started on its own line: join it to the opening parenthesis.
            if (result.Count > 0 && result[^1].EndsWith('(') && !result[^1].TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                result[^1] += line.Trim();
                continue;
            }

            result.Add(line.TrimEnd());
        }

        var text = new StringBuilder(code.Length);
        foreach (var line in result)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A line inside a method body rather than the start of a member (docs, attributes, declarations).</summary>
    private static bool IsStatement(string line) =>
        !line.StartsWith("///", StringComparison.Ordinal)
        && !line.StartsWith('[')
        && !line.StartsWith("public ", StringComparison.Ordinal)
        && !line.StartsWith("private ", StringComparison.Ordinal)
        && !line.StartsWith("internal ", StringComparison.Ordinal)
        && !line.StartsWith("protected ", StringComparison.Ordinal)
        && !line.StartsWith("#", StringComparison.Ordinal);

    private static string NextNonBlank(string[] lines, int start)
    {
        for (var i = start; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                return lines[i].Trim();
            }
        }

        return string.Empty;
    }
}
