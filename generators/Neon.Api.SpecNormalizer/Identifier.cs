using System.Text;

namespace Neon.Api.SpecNormalizer;

/// <summary>Turns names from the spec (snake_case, kebab-case, camelCase) into C# identifiers.</summary>
internal static class Identifier
{
    /// <summary>PascalCase: words split at any character that is not a letter or digit, each word capitalized.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upperNext = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, 'N');
        }

        return builder.ToString();
    }
}
