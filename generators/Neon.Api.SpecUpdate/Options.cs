namespace Neon.Api.SpecUpdate;

/// <summary>The tool's <c>--name value</c> options (a name without a value is a switch).</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    /// <summary>Reads the options after the command name.</summary>
    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                options.values[name] = null;
            }
            else if (name is not null)
            {
                options.values[name] = arg;
                name = null;
            }
            else
            {
                throw new UpdateException($"Unexpected argument '{arg}'.");
            }
        }

        return options;
    }

    /// <summary>True when the switch or option was given.</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The option's value, or null when it was not given (or is empty).</summary>
    public string? Optional(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>The option's value; throws when it is missing.</summary>
    public string Required(string name) => Optional(name) ?? throw new UpdateException($"Missing --{name}.");
}
