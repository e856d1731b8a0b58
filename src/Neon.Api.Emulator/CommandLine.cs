using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Neon.Api.Testing;

namespace Neon.Api.Emulator;

/// <summary>What the command line asked for.</summary>
internal sealed class EmulatorSettings
{
    /// <summary>The emulator's knobs, its server settings (<see cref="FakeNeonOptions.Server"/>) included.</summary>
    public FakeNeonOptions Options { get; } = new();

    /// <summary>Where to write the bound port once listening (removed on stop).</summary>
    public string? PortFile { get; set; }

    /// <summary>Print one JSON object per line instead of text.</summary>
    public bool Json { get; set; }

    /// <summary>No line per request.</summary>
    public bool Quiet { get; set; }

    public bool Help { get; set; }

    public bool Version { get; set; }
}

/// <summary>A command line the emulator cannot run with; the message names the option and says what to fix.</summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException()
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The options, parsed from <c>--name value</c> or <c>--name=value</c>; the help text is written from the same table.
/// </summary>
internal static class CommandLine
{
    /// <summary>The environment variable read for the API key when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "NEON_EMULATOR_API_KEY";

    /// <summary>Every option: name, value placeholder (null for a flag), help text, and how it applies.</summary>
    internal static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("--host", "ADDRESS", "IP address to listen on (default 127.0.0.1; 'localhost' = 127.0.0.1; ::1 for IPv6; "
            + "0.0.0.0 exposes the emulator to the network)", (s, v) => s.Options.Server.Host = v),
        new("--port", "PORT", "TCP port, 0 to 65535 (default 0: a free port, printed on start)",
            (s, v) => s.Options.Server.Port = ParseInt(v, "a port number (0 to 65535)") is var port and >= 0 and <= 65535
                ? port
                : throw new FormatException("expected a port number (0 to 65535)")),
        new("--port-file", "PATH", "write the bound port to PATH once listening (removed on stop)", (s, v) => s.PortFile = v),
        new("--json", null, "print one JSON object per line (events 'listening', 'request', 'stopping', 'stopped')",
            (s, _) => s.Json = true),
        new("--quiet", null, "no line per request", (s, _) => s.Quiet = true),
        new("--api-key", "KEY", $"accept only this bearer token, and keys created with POST /api_keys (default: any "
            + $"non-empty token; also read from {ApiKeyVariable})", (s, v) => s.Options.ApiKey = NonEmpty(v)),
        new("--seed", "N", "seed of generated ids and fault sampling (default 20240101)",
            (s, v) => s.Options.Seed = ParseInt(v, "an integer")),
        new("--operation-duration", "DURATION", "how long operations take (default 200ms; 0 = at once)",
            (s, v) => s.Options.OperationDuration = ParseDuration(v)),
        new("--latency", "DURATION", "delay added before every answer (default 0)", (s, v) => s.Options.Latency = ParseDuration(v)),
        new("--too-many-requests-rate", "RATE", "share (0 to 1) of requests answered 429 with Retry-After (default 0)",
            (s, v) => s.Options.TooManyRequestsRate = ParseRate(v)),
        new("--service-unavailable-rate", "RATE", "share (0 to 1) of requests answered 503 with Retry-After (default 0)",
            (s, v) => s.Options.ServiceUnavailableRate = ParseRate(v)),
        new("--retry-after", "DURATION", "Retry-After sent with injected 429/503, whole seconds rounded up (default 1s)",
            (s, v) => s.Options.RetryAfter = ParseDuration(v)),
        new("--operation-failure-rate", "RATE", "share (0 to 1) of operations that end 'failed' (default 0)",
            (s, v) => s.Options.OperationFailureRate = ParseRate(v)),
        new("--fail-next-operations", "N", "the first N operations end 'failed' (default 0)",
            (s, v) => s.Options.FailNextOperations = ParseCount(v)),
        new("--max-request-body-size", "SIZE", "largest request body accepted; larger ones get 413 (default 10MiB; "
            + "bytes, or with a K or M suffix, powers of 1024)", (s, v) => s.Options.Server.MaxRequestBodySize = ParseSize(v)),
        new("--request-headers-timeout", "DURATION", "time a client has to send its request headers (default 10s)",
            (s, v) => s.Options.Server.RequestHeadersTimeout = ParseDuration(v)),
        new("--request-body-timeout", "DURATION", "time a client has to send a whole request body; then 408 (default 30s)",
            (s, v) => s.Options.Server.RequestBodyTimeout = ParseDuration(v)),
        new("--shutdown-timeout", "DURATION", "on stop, how long requests in flight may take to finish (default 5s)",
            (s, v) => s.Options.Server.ShutdownTimeout = ParseDuration(v)),
        new("--help", null, "show this help (also -h)", (s, _) => s.Help = true),
        new("--version", null, "show the version and the Neon API spec it emulates", (s, _) => s.Version = true),
    ];

    /// <summary>Reads the arguments; the environment supplies what options leave out (the API key).</summary>
    /// <exception cref="CommandLineException">An unknown option, a missing value or a value out of range.</exception>
    public static EmulatorSettings Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var settings = new EmulatorSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = arg is "-h" ? "--help" : equals > 0 ? arg[..equals] : arg;
            var option = Options.FirstOrDefault(o => o.Name == name)
                ?? throw new CommandLineException(arg.StartsWith('-')
                    ? $"unknown option '{name}'"
                    : $"unexpected argument '{arg}' (options start with --)");
            string value;
            if (option.Value is null)
            {
                if (equals > 0)
                {
                    throw new CommandLineException($"{name} takes no value");
                }

                value = string.Empty;
            }
            else if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new CommandLineException($"{name} needs a value ({option.Value})");
            }

            try
            {
                option.Apply(settings, value);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new CommandLineException($"{name}: '{value}' is not valid: {FirstLine(ex.Message)}", ex);
            }
        }

        if (settings.Options.ApiKey is null && environment(ApiKeyVariable) is { Length: > 0 } key)
        {
            settings.Options.ApiKey = key;
        }

        return settings;
    }

    /// <summary>The <c>--help</c> text.</summary>
    public static string Help()
    {
        var text = new StringBuilder()
            .AppendLine("neon-emulator: the Neon API v2 emulator as an HTTP server.")
            .AppendLine()
            .AppendLine("Usage: neon-emulator [options]")
            .AppendLine()
            .AppendLine("Options:");
        var width = Options.Max(o => Label(o).Length) + 2;
        foreach (var option in Options)
        {
            text.Append("  ").Append(Label(option).PadRight(width)).AppendLine(option.Description);
        }

        return text
            .AppendLine()
            .AppendLine("DURATION: a number with a unit: 250ms, 2s, 1.5m (or 0). SIZE: bytes, or 512K, 10M (KiB, MiB).")
            .AppendLine("On start it prints 'Neon emulator listening on <base URI>'; Ctrl+C or SIGTERM stops it (exit 0).")
            .AppendLine("Exit codes: 0 stopped normally, 1 could not start (address in use, port file not writable), 2 bad command line.")
            .ToString();
    }

    /// <summary>A duration: a number and one of ms, s, m, h (<c>250ms</c>, <c>1.5s</c>), or <c>0</c>.</summary>
    /// <exception cref="FormatException">Anything else, or a negative value.</exception>
    public static TimeSpan ParseDuration(string text)
    {
        var trimmed = text.Trim();
        if (trimmed == "0")
        {
            return TimeSpan.Zero;
        }

        (string Suffix, double Milliseconds)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, milliseconds) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return TimeSpan.FromMilliseconds(number * milliseconds);
            }
        }

        throw new FormatException("expected a duration such as 250ms, 2s or 1.5m (or 0)");
    }

    /// <summary>A size in bytes, optionally with a K or M suffix (KiB, MiB: powers of 1024; <c>KB</c>, <c>KiB</c> too).</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static long ParseSize(string text)
    {
        var trimmed = text.Trim();
        (string Suffix, long Factor)[] units = [("KiB", 1024), ("KB", 1024), ("K", 1024), ("MiB", 1024 * 1024), ("MB", 1024 * 1024), ("M", 1024 * 1024)];
        var factor = 1L;
        foreach (var (suffix, unit) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^suffix.Length];
                factor = unit;
                break;
            }
        }

        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > long.MaxValue / factor)
        {
            throw new FormatException("expected a size in bytes such as 1048576, 512K or 10M");
        }

        return number * factor;
    }

    /// <summary>A share between 0 and 1 inclusive (<c>0.25</c>).</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static double ParseRate(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
            ? rate
            : throw new FormatException("expected a share between 0 and 1, such as 0.25");

    private static int ParseInt(string text, string what) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"expected {what}");

    private static int ParseCount(string text) =>
        ParseInt(text, "a whole number, 0 or more") is var count and >= 0 ? count : throw new FormatException("expected a whole number, 0 or more");

    private static string NonEmpty(string text) =>
        text.Length > 0 ? text : throw new FormatException("expected a non-empty token");

    private static string Label(OptionSpec option) => option.Value is null ? option.Name : $"{option.Name} {option.Value}";

    private static string FirstLine(string message) =>
        message.Split('\n')[0].Replace(" (Parameter 'value')", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>One option of the table.</summary>
    internal sealed record OptionSpec(string Name, string? Value, string Description, Action<EmulatorSettings, string> Apply);
}
