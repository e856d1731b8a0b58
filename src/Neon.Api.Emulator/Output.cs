using System;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using Neon.Api.Testing;

namespace Neon.Api.Emulator;

/// <summary>
/// What the emulator prints on standard output: one line per event, as text or as one JSON object. Lines are written
/// whole under a lock, so request lines from concurrent requests never interleave. Nothing printed carries the API
/// key, an Authorization header or a body.
/// </summary>
internal sealed class Output
{
    private readonly TextWriter _writer;
    private readonly bool _json;
    private readonly object _gate = new();

    public Output(TextWriter writer, bool json)
    {
        _writer = writer;
        _json = json;
    }

    public void Listening(Uri baseUri, string specVersion, bool apiKeyRequired)
    {
        if (_json)
        {
            Write(new JsonObject
            {
                ["event"] = "listening",
                ["base_uri"] = baseUri.ToString(),
                ["host"] = baseUri.Host,
                ["port"] = baseUri.Port,
                ["pid"] = Environment.ProcessId,
                ["spec"] = specVersion,
                ["api_key_required"] = apiKeyRequired,
            });
            return;
        }

        WriteLine($"Neon emulator listening on {baseUri}");
        WriteLine($"  spec {specVersion}; {(apiKeyRequired ? "only the configured API key is accepted" : "any non-empty bearer token is accepted")}; "
            + "Ctrl+C or SIGTERM stops it");
    }

    public void Request(FakeNeonRequestRecord record)
    {
        var milliseconds = Math.Round(record.Elapsed.TotalMilliseconds, 1);
        if (_json)
        {
            Write(new JsonObject
            {
                ["event"] = "request",
                ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["method"] = record.Method,
                ["path"] = record.Path,
                ["status"] = record.Status,
                ["request_id"] = record.RequestId,
                ["elapsed_ms"] = milliseconds,
            });
            return;
        }

        WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {record.Method} {record.Path} {record.Status} {milliseconds}ms request_id={record.RequestId}"));
    }

    public void Stopping(string reason)
    {
        if (_json)
        {
            Write(new JsonObject { ["event"] = "stopping", ["reason"] = reason });
            return;
        }

        WriteLine($"Neon emulator stopping ({reason}): finishing requests in flight");
    }

    public void Stopped()
    {
        if (_json)
        {
            Write(new JsonObject { ["event"] = "stopped" });
            return;
        }

        WriteLine("Neon emulator stopped");
    }

    private void Write(JsonObject line) => WriteLine(line.ToJsonString());

    private void WriteLine(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }
}
