using System.Linq;
using Microsoft.CodeAnalysis;

namespace Neon.Api.Generators.Models;

/// <summary>A diagnostic as data: its descriptor, the message arguments and where it applies.</summary>
/// <remarks>
/// Holding the descriptor itself (not its id) means there is no lookup that a new descriptor could be missing from.
/// The record stays equatable by value: <see cref="DiagnosticDescriptor"/> implements value equality over its id,
/// texts, category, severity and help link (<c>DiagnosticTests</c> checks it).
/// </remarks>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, EquatableArray<string> MessageArguments, LocationInfo? Location)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments) =>
        new(descriptor, messageArguments.ToEquatableArray(), location);

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        Descriptor,
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        MessageArguments.Cast<object>().ToArray());
}
