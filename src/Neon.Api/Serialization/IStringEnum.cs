namespace Neon.Api.Serialization;

/// <summary>Implemented by the generated extensible enumerations so one converter serves them all.</summary>
/// <typeparam name="T">The enumeration type.</typeparam>
internal interface IStringEnum<out T>
    where T : struct
{
    /// <summary>The value as sent on the wire.</summary>
    string Value { get; }

    /// <summary>Creates a value of <typeparamref name="T"/> from its wire form (called on the default instance).</summary>
    T FromWire(string value);
}
