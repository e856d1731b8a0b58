using System;
using System.IO;
using System.Text.RegularExpressions;
using Neon.Api.SpecNormalizer;
using NUnit.Framework;

namespace Neon.Api.Tests;

/// <summary>The tidy step after NSwag changes whitespace only.</summary>
public partial class CodeTidyTests
{
    private const string Sample = """
        public partial class X
        {

            /// <summary>

            /// Doc
            /// </summary>

            [Attr]

            public Task<T> FooAsync(
        string a, int b = 1)
            {

                Guard(a);

                return Send(a);

            }


            public int Y { get; set; }
        }
        """;

    [Test]
    public void Only_whitespace_changes_and_no_blank_lines_are_left_where_templates_stood()
    {
        var tidy = CodeTidy.Tidy(Sample);

        Assert.That(Whitespace().Replace(tidy, string.Empty), Is.EqualTo(Whitespace().Replace(Sample, string.Empty)));
        Assert.That(tidy, Does.Contain("public Task<T> FooAsync(string a, int b = 1)"));
        Assert.That(tidy, Does.Contain("/// <summary>\n    /// Doc\n    /// </summary>\n    [Attr]\n    public Task<T>"));
        Assert.That(tidy, Does.Contain("        Guard(a);\n        return Send(a);\n    }"));
        Assert.That(tidy, Does.Contain("    }\n\n    public int Y"), "members stay one blank line apart");
        Assert.That(tidy, Does.Not.Contain("\n\n\n"));
    }

    [Test]
    public void The_generated_client_is_already_tidy_and_tidying_is_idempotent()
    {
        var generated = Path.Combine(TestSupport.RepositoryRoot, "src", "Neon.Api", "obj", TestSupport.Configuration, "net10.0", "generated", "NeonApi.g.cs");
        var code = File.ReadAllText(generated);

        Assert.That(CodeTidy.Tidy(code), Is.EqualTo(code));
        Assert.That(code, Does.Not.Contain("\n\n\n"));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
