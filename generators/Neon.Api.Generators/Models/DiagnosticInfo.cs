using System.Linq;
using Microsoft.CodeAnalysis;
using Neon.Api.Generators.Diagnostics;

namespace Neon.Api.Generators.Models;

/// <summary>A diagnostic as data: the descriptor's id, the message arguments and where it applies.</summary>
internal sealed record DiagnosticInfo(string DescriptorId, EquatableArray<string> MessageArguments, LocationInfo? Location)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments) =>
        new(descriptor.Id, messageArguments.ToEquatableArray(), location);

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        DiagnosticDescriptors.ById(DescriptorId),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        MessageArguments.Cast<object>().ToArray());
}
