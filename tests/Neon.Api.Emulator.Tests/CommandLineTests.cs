using System;
using System.Collections.Generic;
using NUnit.Framework;

namespace Neon.Api.Emulator.Tests;

/// <summary>The parser and its value formats, without a process.</summary>
public sealed class CommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [TestCase("250ms", 250)]
    [TestCase("2s", 2000)]
    [TestCase("1.5s", 1500)]
    [TestCase("1.5m", 90_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("0", 0)]
    public void Durations_take_a_unit(string text, double milliseconds) =>
        Assert.That(CommandLine.ParseDuration(text), Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));

    [TestCase("5")]
    [TestCase("-1s")]
    [TestCase("2 weeks")]
    [TestCase("")]
    public void A_duration_without_a_known_unit_is_refused(string text) =>
        Assert.That(() => CommandLine.ParseDuration(text), Throws.InstanceOf<FormatException>().With.Message.Contain("250ms"));

    [TestCase("1048576", 1048576L)]
    [TestCase("512K", 512L * 1024)]
    [TestCase("512KiB", 512L * 1024)]
    [TestCase("10M", 10L * 1024 * 1024)]
    [TestCase("10MB", 10L * 1024 * 1024)]
    public void Sizes_take_K_and_M_suffixes_as_powers_of_1024(string text, long bytes) =>
        Assert.That(CommandLine.ParseSize(text), Is.EqualTo(bytes));

    [TestCase("ten")]
    [TestCase("-5")]
    [TestCase("1.5M")]
    public void A_malformed_size_is_refused(string text) =>
        Assert.That(() => CommandLine.ParseSize(text), Throws.InstanceOf<FormatException>());

    [Test]
    public void Every_knob_reaches_the_emulator_options()
    {
        var settings = CommandLine.Parse(
            [
                "--host", "::1", "--port=4500", "--seed", "9", "--operation-duration", "2s", "--latency", "10ms",
                "--too-many-requests-rate", "0.25", "--service-unavailable-rate=0.5", "--retry-after", "3s",
                "--operation-failure-rate", "1", "--fail-next-operations", "2", "--max-request-body-size", "64K",
                "--request-headers-timeout", "4s", "--request-body-timeout", "5s", "--shutdown-timeout", "0",
                "--api-key", "k", "--json", "--quiet", "--port-file", "p.txt",
            ],
            NoEnvironment);

        var options = settings.Options;
        Assert.Multiple(() =>
        {
            Assert.That(options.Server.Host, Is.EqualTo("::1"));
            Assert.That(options.Server.Port, Is.EqualTo(4500));
            Assert.That(options.Seed, Is.EqualTo(9));
            Assert.That(options.OperationDuration, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(options.Latency, Is.EqualTo(TimeSpan.FromMilliseconds(10)));
            Assert.That(options.TooManyRequestsRate, Is.EqualTo(0.25));
            Assert.That(options.ServiceUnavailableRate, Is.EqualTo(0.5));
            Assert.That(options.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(options.OperationFailureRate, Is.EqualTo(1));
            Assert.That(options.FailNextOperations, Is.EqualTo(2));
            Assert.That(options.Server.MaxRequestBodySize, Is.EqualTo(64 * 1024));
            Assert.That(options.Server.RequestHeadersTimeout, Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(options.Server.RequestBodyTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(options.Server.ShutdownTimeout, Is.EqualTo(TimeSpan.Zero));
            Assert.That(options.ApiKey, Is.EqualTo("k"));
            Assert.That(settings.Json && settings.Quiet, Is.True);
            Assert.That(settings.PortFile, Is.EqualTo("p.txt"));
        });
    }

    [Test]
    public void The_api_key_option_wins_over_the_environment()
    {
        var environment = new Dictionary<string, string> { [CommandLine.ApiKeyVariable] = "from-env" };

        Assert.That(CommandLine.Parse([], name => environment.GetValueOrDefault(name)).Options.ApiKey, Is.EqualTo("from-env"));
        Assert.That(CommandLine.Parse(["--api-key", "flag"], name => environment.GetValueOrDefault(name)).Options.ApiKey, Is.EqualTo("flag"));
    }

    [TestCase(new[] { "--port" }, "--port needs a value (PORT)")]
    [TestCase(new[] { "--json=yes" }, "--json takes no value")]
    [TestCase(new[] { "serve" }, "unexpected argument 'serve'")]
    [TestCase(new[] { "--fail-next-operations", "-1" }, "--fail-next-operations: '-1' is not valid")]
    [TestCase(new[] { "--api-key", "" }, "--api-key: '' is not valid: expected a non-empty token")]
    public void Mistakes_are_named(string[] args, string message) =>
        Assert.That(() => CommandLine.Parse(args, NoEnvironment), Throws.InstanceOf<CommandLineException>().With.Message.Contain(message));
}
