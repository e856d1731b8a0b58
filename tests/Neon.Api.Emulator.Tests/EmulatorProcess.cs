using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Neon.Api.Emulator.Tests;

/// <summary>
/// The tool started as a separate process (<c>dotnet Neon.Api.Emulator.dll ...</c>), its output read line by line as
/// it comes, and stopped with SIGTERM as a service manager or a test harness would.
/// </summary>
public sealed partial class EmulatorProcess : IAsyncDisposable
{
    /// <summary>Keeps a broken build from hanging the run; no assertion depends on it.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromMinutes(1);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly Task _stderr;

    private EmulatorProcess(Process process)
    {
        _process = process;
        _ = PumpAsync(process.StandardOutput);
        _stderr = process.StandardError.ReadToEndAsync().ContinueWith(t => Error = t.Result, TaskScheduler.Default);
    }

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "Neon.Api.Emulator.dll");

    /// <summary>Everything written to standard error, once the process has exited.</summary>
    public string Error { get; private set; } = string.Empty;

    /// <summary>Every line of standard output read so far.</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToArray();
            }
        }
    }

    public static EmulatorProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("NEON_EMULATOR_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new EmulatorProcess(Process.Start(start)!);
    }

    /// <summary>Runs the tool to its end (for options that exit at once): exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        await using var process = Start(args);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, string.Join('\n', process.Seen), process.Error);
    }

    /// <summary>Reads lines until the start line; returns the base URI it names.</summary>
    public async Task<Uri> WaitForBaseUriAsync()
    {
        var line = await WaitForLineAsync(l => ListeningLine().IsMatch(l));
        return new Uri(ListeningLine().Match(line).Groups["uri"].Value);
    }

    /// <summary>Reads lines until one matches (the lines read on the way are kept in <see cref="Seen"/>).</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        while (true)
        {
            string line;
            try
            {
                line = await _lines.Reader.ReadAsync(safety.Token);
            }
            catch (ChannelClosedException)
            {
                throw new InvalidOperationException($"the emulator ended before the expected line; output:\n{string.Join('\n', Seen)}\n{Error}");
            }

            if (match(line))
            {
                return line;
            }
        }
    }

    /// <summary>Sends SIGTERM (what <c>kill PID</c>, systemd and container runtimes send to stop a process).</summary>
    public void Terminate()
    {
        // Process.Kill sends SIGKILL on Unix, which no process can handle: the kill command sends SIGTERM.
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>Waits for the process to end, reads the rest of its output, and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var safety = new CancellationTokenSource(SafetyTimeout);
        await _process.WaitForExitAsync(safety.Token);
        await _stderr;
        while (await _lines.Reader.WaitToReadAsync(safety.Token))
        {
            _lines.Reader.TryRead(out _);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^Neon emulator listening on (?<uri>http://\S+)$")]
    private static partial Regex ListeningLine();

    private async Task PumpAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            lock (_seen)
            {
                _seen.Add(line);
            }

            await _lines.Writer.WriteAsync(line);
        }

        _lines.Writer.Complete();
    }
}
