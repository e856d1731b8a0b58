using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Neon.Api.Generators.Tests.Infrastructure;

/// <summary>An AdditionalFile for the generator driver, as MSBuild's <c>&lt;AdditionalFiles&gt;</c> would pass it.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    /// <summary>Where the library's build passes the operation tag mapping from.</summary>
    public const string OperationTagsPath = "openapi/operation-tags.json";

    private readonly SourceText? _text;

    public InMemoryAdditionalText(string path, string? text)
    {
        Path = path;
        _text = text is null ? null : SourceText.From(text);
    }

    public override string Path { get; }

    /// <summary>The mapping at its usual path, read from a file under <c>Inputs/</c>.</summary>
    public static InMemoryAdditionalText OperationTags(string inputName) => new(OperationTagsPath, RepositoryPaths.Input(inputName));

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
}
