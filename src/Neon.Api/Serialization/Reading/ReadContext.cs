using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Neon.Api.Serialization.Reading;

/// <summary>
/// A value in a response that could not be converted to its property's type. It is kept as sent in the model's
/// <c>AdditionalProperties</c> under <see cref="WireName"/>; this record says where, never what (it may be a secret).
/// </summary>
internal sealed class ValueMismatch
{
    public ValueMismatch(string path, string model, string property, string wireName, string expected, string found)
    {
        Path = path;
        Model = model;
        Property = property;
        WireName = wireName;
        Expected = expected;
        Found = found;
    }

    /// <summary>The JSON path of the value, for example <c>$.project.pg_version</c>.</summary>
    public string Path { get; }

    /// <summary>The model that declares the property.</summary>
    public string Model { get; }

    /// <summary>The C# property.</summary>
    public string Property { get; }

    /// <summary>The JSON name the raw value is kept under.</summary>
    public string WireName { get; }

    /// <summary>The property's type.</summary>
    public string Expected { get; }

    /// <summary>The kind of JSON value that was sent (object, array, string, integer, ...).</summary>
    public string Found { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({Model}.{Property}, {Expected}) holds a JSON {Found} that does not fit";
}

/// <summary>Thrown while reading when values must not be kept raw (<see cref="NeonValueMismatchHandling.Fail"/>).</summary>
internal sealed class ValueMismatchException(ValueMismatch mismatch) : Exception(mismatch.ToString())
{
    public ValueMismatch Mismatch { get; } = mismatch;
}

/// <summary>
/// The state of one read: where in the document the reader is (for messages only) and the values that did not fit.
/// </summary>
internal sealed class ReadContext
{
    private string?[] _names = new string?[16];
    private int[] _indices = new int[16];
    private int _depth;

    public ReadContext(bool failOnMismatch)
    {
        FailOnMismatch = failOnMismatch;
    }

    /// <summary>Whether a value that does not fit fails the read instead of being kept raw.</summary>
    public bool FailOnMismatch { get; }

    /// <summary>The values kept raw, in document order; <see langword="null"/> when there were none.</summary>
    public List<ValueMismatch>? Mismatches { get; private set; }

    /// <summary>Enters a property.</summary>
    public void Enter(string name)
    {
        Grow();
        _names[_depth++] = name;
    }

    /// <summary>Enters an array item.</summary>
    public void Enter(int index)
    {
        Grow();
        _names[_depth] = null;
        _indices[_depth++] = index;
    }

    /// <summary>Leaves the property or item entered last.</summary>
    public void Leave() => _depth--;

    /// <summary>The JSON path of the current position, for example <c>$.branches[2].name</c>.</summary>
    public string Path
    {
        get
        {
            var builder = new StringBuilder("$");
            for (var i = 0; i < _depth; i++)
            {
                if (_names[i] is { } name)
                {
                    builder.Append('.').Append(name);
                }
                else
                {
                    builder.Append('[').Append(_indices[i].ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }

            return builder.ToString();
        }
    }

    /// <summary>Records a value that did not fit (or throws when that is the rule).</summary>
    public void Mismatch(Type model, string property, string wireName, Type expected, string found)
    {
        var mismatch = new ValueMismatch(Path, model.Name, property, wireName, Describe(expected), found);
        if (FailOnMismatch)
        {
            throw new ValueMismatchException(mismatch);
        }

        (Mismatches ??= []).Add(mismatch);
    }

    /// <summary>A C# type as a reader knows it: <c>int</c>, <c>IList&lt;Branch&gt;</c>, <c>DateTimeOffset?</c>.</summary>
    internal static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Describe(inner) + "?";
        }

        if (type == typeof(int))
        {
            return "int";
        }

        if (type == typeof(long))
        {
            return "long";
        }

        if (type == typeof(bool))
        {
            return "bool";
        }

        if (type == typeof(string))
        {
            return "string";
        }

        if (type == typeof(double))
        {
            return "double";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name.Substring(0, type.Name.IndexOf('`'));
        var arguments = type.GetGenericArguments();
        var parts = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            parts[i] = Describe(arguments[i]);
        }

        return name + "<" + string.Join(", ", parts) + ">";
    }

    private void Grow()
    {
        if (_depth == _names.Length)
        {
            Array.Resize(ref _names, _depth * 2);
            Array.Resize(ref _indices, _depth * 2);
        }
    }
}
