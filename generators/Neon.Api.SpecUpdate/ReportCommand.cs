using System.Text;
using System.Text.Json.Nodes;
using Neon.Api.SpecUpdate.Diff;
using Neon.Api.SpecUpdate.Reporting;
using Neon.Api.SpecUpdate.Specs;
using Neon.Api.SpecUpdate.Vendoring;

namespace Neon.Api.SpecUpdate;

/// <summary>The <c>report</c> command: compares the state kept by <c>fetch</c> with the repository as it is now.</summary>
internal static class ReportCommand
{
    /// <summary>The report's file name in the work folder.</summary>
    public const string ReportFile = "REPORT.md";

    /// <summary>The one-line build failure summary's file name in the work folder.</summary>
    public const string FailureFile = "build-failure.txt";

    /// <summary>Writes REPORT.md, prints the report, and records breaking changes in CHANGELOG.md when asked to.</summary>
    public static UpdateReport Run(Options options, TextWriter console)
    {
        var repository = options.Required("repo");
        var work = options.Required("work");
        var buildLog = options.Optional("build-log");
        var failure = buildLog is null ? null : BuildLog.Read(File.Exists(buildLog) ? File.ReadLines(buildLog) : [], repository);
        if (failure?.FailedCommands.Count > 0)
        {
            failure = failure with { CommandOutput = CommandProbe.Run(failure.FailedCommands[0], repository, TimeSpan.FromMinutes(2)) };
        }

        var report = Build(
            repository,
            Path.Combine(work, SpecVendor.BeforeFolder),
            failure,
            options.Optional("no-api"),
            TestOutcome.Read(options.Optional("tests")));

        File.WriteAllText(Path.Combine(work, ReportFile), ReportWriter.Write(report), new UTF8Encoding(false));
        console.WriteLine(ReportWriter.Write(report, maxApiLines: 20));
        console.WriteLine($"Report written to {Path.Combine(work, ReportFile)}.");
        if (report.Build is { } built)
        {
            // build.cake names what failed in its final error from this file.
            var why = built.CommandOutput.Count > 0 ? ": " + built.CommandOutput[^1].Trim() : string.Empty;
            File.WriteAllText(Path.Combine(work, FailureFile), $"spec {report.To}: {built.Summary}{why}");
        }

        if (options.Has("changelog") && report.Breaking)
        {
            var changelog = Path.Combine(repository, "CHANGELOG.md");
            var text = File.Exists(changelog) ? File.ReadAllText(changelog) : "# Changelog\n";
            File.WriteAllText(changelog, Changelog.Apply(text, report), new UTF8Encoding(false));
            console.WriteLine($"CHANGELOG.md: the breaking changes of spec {report.To} are listed under [Unreleased], Changed (breaking).");
        }

        return report;
    }

    /// <summary>The report for the state kept in <paramref name="before"/> and the repository as it is now.</summary>
    public static UpdateReport Build(string repository, string before, BuildFailure? buildFailure, string? noApiReason, TestOutcome tests)
    {
        var oldSpec = Path.Combine(before, SpecVendor.SpecFileName);
        if (!File.Exists(oldSpec))
        {
            throw new UpdateException($"Nothing to compare: {oldSpec} is missing (the fetch step keeps it there).");
        }

        var openapi = Path.Combine(repository, "openapi");
        var oldModel = SpecModel.Parse(File.ReadAllText(oldSpec));
        var newModel = SpecModel.Parse(File.ReadAllText(Path.Combine(openapi, SpecVendor.SpecFileName)));
        var oldProvenance = JsonFiles.ReadObject(Path.Combine(before, Provenance.FileName));
        var provenance = JsonFiles.ReadObject(Path.Combine(openapi, Provenance.FileName));

        IReadOnlyList<ApiScopeChange>? api = null;
        string apiNote;
        if (noApiReason is not null)
        {
            apiNote = noApiReason;
        }
        else
        {
            var oldApi = ApiBaseline.Load(Path.Combine(before, SpecVendor.ApiFolder));
            var newApi = ApiBaseline.Load(Path.Combine(repository, "src"));
            if (oldApi.Count == 0 && newApi.Count == 0)
            {
                apiNote = "no public API baseline (PublicAPI.Shipped.txt, PublicAPI.Unshipped.txt) under src/";
            }
            else
            {
                api = ApiBaseline.Compare(oldApi, newApi);
                apiNote = "Against the baseline before the update (PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt of every package, regenerated for the new spec)";
            }
        }

        return new UpdateReport(
            Provenance.VersionIn(oldProvenance),
            Provenance.VersionIn(provenance) ?? "?",
            Source(provenance),
            oldModel.Operations.Count,
            newModel.Operations.Count,
            SpecDiff.Compare(oldModel, newModel),
            api,
            apiNote,
            buildFailure,
            tests);
    }

    private static List<KeyValuePair<string, string>> Source(JsonObject? provenance)
    {
        var source = new List<KeyValuePair<string, string>>();
        foreach (var (key, label) in new[] { ("package", "Package"), ("version", "Version"), ("command", "Fetched with"), ("integrity", "Tarball integrity (checked)"), ("sha256", "Spec sha256"), ("retrieved", "Retrieved") })
        {
            if (Provenance.Text(provenance, key) is { } value)
            {
                source.Add(new(label, value));
            }
        }

        return source;
    }
}
