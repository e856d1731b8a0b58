namespace Neon.Api.Generators.Models;

/// <summary>One parameter of a raw operation method.</summary>
/// <param name="Name">The name as it must appear in C# (keywords escaped with <c>@</c>).</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
/// <param name="IsNullable">Whether <c>null</c> is a valid value (nullable value or reference type).</param>
/// <param name="IsCancellationToken">Whether it is the method's <c>CancellationToken</c>.</param>
/// <param name="DefaultValue">The C# text of the declared default value, or <see langword="null"/> when there is none.</param>
internal sealed record ParameterModel(string Name, string Type, bool IsNullable, bool IsCancellationToken, string? DefaultValue);
