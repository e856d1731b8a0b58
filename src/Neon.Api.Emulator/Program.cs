using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Neon.Api.Testing;

namespace Neon.Api.Emulator;

/// <summary>The <c>neon-emulator</c> command: parse, start the server, print, wait for Ctrl+C or SIGTERM, stop.</summary>
internal static class Program
{
    public const int ExitStopped = 0;
    public const int ExitCannotStart = 1;
    public const int ExitBadCommandLine = 2;

    public static async Task<int> Main(string[] args)
    {
        EmulatorSettings settings;
        try
        {
            settings = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (CommandLineException ex)
        {
            await Console.Error.WriteLineAsync($"neon-emulator: {ex.Message}\nRun 'neon-emulator --help' to see the options.").ConfigureAwait(false);
            return ExitBadCommandLine;
        }

        if (settings.Help)
        {
            await Console.Out.WriteAsync(CommandLine.Help()).ConfigureAwait(false);
            return ExitStopped;
        }

        if (settings.Version)
        {
            using var probe = new FakeNeon();
            var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            await Console.Out.WriteLineAsync($"neon-emulator {version} (Neon API spec: {probe.SpecVersion})").ConfigureAwait(false);
            return ExitStopped;
        }

        return await RunAsync(settings, Console.Out, Console.Error).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(EmulatorSettings settings, TextWriter stdout, TextWriter stderr)
    {
        var output = new Output(stdout, settings.Json);
        if (!settings.Quiet)
        {
            settings.Options.Server.RequestCompleted = output.Request;
        }

        using var stop = new CancellationTokenSource();
        var reason = "stopped";
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // the process ends when Main returns, after the server has stopped
            reason = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl+C";
            stop.Cancel();
        }

        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        FakeNeon neon;
        try
        {
            neon = await FakeNeon.StartAsync(settings.Options, stop.Token).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"neon-emulator: cannot listen on {settings.Options.Server.Host}:{settings.Options.Server.Port}: {ex.Message}").ConfigureAwait(false);
            return ExitCannotStart;
        }
        catch (OperationCanceledException)
        {
            return ExitStopped; // stopped while starting
        }

        await using (neon.ConfigureAwait(false))
        {
            if (settings.PortFile is { } portFile)
            {
                try
                {
                    WritePortFile(portFile, neon.BaseUri.Port);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await stderr.WriteLineAsync($"neon-emulator: cannot write the port file '{portFile}': {ex.Message}").ConfigureAwait(false);
                    return ExitCannotStart;
                }
            }

            output.Listening(neon.BaseUri, neon.SpecVersion, settings.Options.ApiKey is not null);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                output.Stopping(reason);
            }
        }

        if (settings.PortFile is { } written)
        {
            File.Delete(written);
        }

        output.Stopped();
        return ExitStopped;
    }

    /// <summary>Writes the port through a temporary file and a rename, so a reader never sees a half-written file.</summary>
    private static void WritePortFile(string path, int port)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(temporary, path, overwrite: true);
    }
}
