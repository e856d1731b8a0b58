using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using NUnit.Framework;

namespace Neon.Api.Tests;

/// <summary>
/// The build-time regeneration target itself: it is skipped when nothing changed, and a changed spec changes the
/// generated API with no other step. These run MSBuild on the real project (a few seconds each).
/// </summary>
[NonParallelizable]
public class RegenerationTests
{
    private static string Project => Path.Combine(TestSupport.RepositoryRoot, "src", "Neon.Api", "Neon.Api.csproj");

    [Test]
    public void Unchanged_spec_config_and_templates_do_not_rerun_NSwag()
    {
        // The test project's build already generated the client for net10.0 in this configuration.
        var output = RunMSBuild($"-t:NeonGenerateClient -p:TargetFramework=net10.0 -p:Configuration={TestSupport.Configuration} -v:d");

        Assert.That(output, Does.Contain("Skipping target \"NeonGenerateClient\" because all output files are up-to-date"), output);
        Assert.That(output, Does.Not.Contain("dotnet-nswag.dll\" run"));
    }

    [Test]
    public void A_new_operation_in_the_spec_becomes_a_method_with_no_other_step()
    {
        var work = Directory.CreateTempSubdirectory("neon-regen-");
        try
        {
            var spec = File.ReadAllText(TestSupport.SpecPath);
            const string anchor = "\npaths:\n";
            var at = spec.IndexOf(anchor, StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThan(0), "the spec has a paths section");
            var newPath = """
              /regions/{region_id}/widgets:
                get:
                  operationId: listRegionWidgets
                  summary: List widgets of a region (added by the regeneration test)
                  tags:
                  - Region
                  parameters:
                  - name: region_id
                    in: path
                    required: true
                    schema:
                      type: string
                  - name: widget_kind
                    in: query
                    schema:
                      type: string
                      enum: [small, extra_large]
                  responses:
                    "200":
                      description: The widgets
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [widgets]
                            properties:
                              widgets:
                                type: array
                                items:
                                  type: object
                                  properties:
                                    widget_id:
                                      type: string
                                    created_at:
                                      type: string
                                      format: date-time

            """;
            File.WriteAllText(Path.Combine(work.FullName, "spec.yaml"), spec.Insert(at + anchor.Length, newPath.Replace("\r\n", "\n")));
            var generated = Path.Combine(work.FullName, "NeonApi.g.cs");

            var output = RunMSBuild(
                $"-t:NeonGenerateClient -p:TargetFramework=net10.0 -p:Configuration={TestSupport.Configuration} " +
                $"-p:NeonSpecFile={Quote(Path.Combine(work.FullName, "spec.yaml"))} -p:NeonGeneratedDir={Quote(work.FullName + "/")} " +
                $"-p:NeonNormalizedSpec={Quote(Path.Combine(work.FullName, "normalized.json"))} -p:NeonGeneratedFile={Quote(generated)}");

            Assert.That(File.Exists(generated), Is.True, output);
            var code = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(generated), @"\s+", " ").Replace("( ", "(", StringComparison.Ordinal);
            Assert.Multiple(() =>
            {
                Assert.That(code, Does.Contain("[global::Neon.Api.NeonOperation(\"listRegionWidgets\", \"GET\", \"/regions/{region_id}/widgets\", \"Region\")]"));
                Assert.That(code, Does.Contain("ListRegionWidgetsAsync(string regionId, ListRegionWidgetsWidgetKind? widgetKind = null"));
                Assert.That(code, Does.Contain("public partial class ListRegionWidgetsResponse"));
                Assert.That(code, Does.Contain("public partial class ListRegionWidgetsResponseWidgetsItem"));
                Assert.That(code, Does.Contain("public static ListRegionWidgetsWidgetKind ExtraLarge { get; }"));
                Assert.That(code, Does.Contain("public System.DateTimeOffset? CreatedAt { get; set; }"));
            });
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Quote(string path) => "\"" + path + "\"";

    private static string RunMSBuild(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", $"msbuild {Quote(Project)} -nologo -nodeReuse:false {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestSupport.RepositoryRoot,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("MSBuild did not finish within 5 minutes");
        }

        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, output.ToString());
        return output.ToString();
    }
}
