namespace Neon.Api.Serialization;

/// <summary>An extensible enumeration value, seen without its type.</summary>
internal interface IStringEnum
{
    /// <summary>The value as sent on the wire (empty for an unset value).</summary>
    string Value { get; }
}

/// <summary>Implemented by the generated extensible enumerations so one converter serves them all.</summary>
/// <typeparam name="T">The enumeration type.</typeparam>
internal interface IStringEnum<out T> : IStringEnum
    where T : struct
{

    /// <summary>Creates a value of <typeparamref name="T"/> from its wire form (called on the default instance).</summary>
    T FromWire(string value);
}
