using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Neon.Api.Generators.Json;

/// <summary>The kinds of JSON value.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>One JSON value with its position in the text, so a diagnostic can point at it.</summary>
internal sealed class JsonNode
{
    private JsonNode(JsonKind kind, int start, string? text, List<JsonMember>? members, List<JsonNode>? items)
    {
        Kind = kind;
        Start = start;
        Text = text;
        Members = members ?? new List<JsonMember>();
        Items = items ?? new List<JsonNode>();
    }

    public JsonKind Kind { get; }

    /// <summary>The offset of the value's first character.</summary>
    public int Start { get; }

    /// <summary>The value of a string, or the text of a number; otherwise <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>The members of an object, in document order (duplicates kept).</summary>
    public List<JsonMember> Members { get; }

    /// <summary>The items of an array.</summary>
    public List<JsonNode> Items { get; }

    public static JsonNode Scalar(JsonKind kind, int start, string? text = null) => new(kind, start, text, null, null);

    public static JsonNode Object(int start, List<JsonMember> members) => new(JsonKind.Object, start, null, members, null);

    public static JsonNode Array(int start, List<JsonNode> items) => new(JsonKind.Array, start, null, null, items);

    /// <summary>The first member named <paramref name="name"/> of an object, or <see langword="null"/>.</summary>
    public JsonNode? this[string name]
    {
        get
        {
            foreach (var member in Members)
            {
                if (string.Equals(member.Name, name, StringComparison.Ordinal))
                {
                    return member.Value;
                }
            }

            return null;
        }
    }
}

/// <summary>An object member: its name, where the name starts, and its value.</summary>
internal sealed record JsonMember(string Name, int NameStart, JsonNode Value);

/// <summary>Thrown by <see cref="JsonReader"/> for text that is not JSON; <see cref="Position"/> is where reading stopped.</summary>
internal sealed class JsonReaderException : Exception
{
    public JsonReaderException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}

/// <summary>
/// A small strict JSON reader (RFC 8259) for the generator's one input file. Analyzers target netstandard2.0 and load
/// into every compiler host, so they carry no JSON library; this one reads a few kilobytes once per change.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;

    private JsonReader(string text) => _text = text;

    /// <summary>Reads one JSON document; a byte order mark and surrounding whitespace are allowed.</summary>
    /// <exception cref="JsonReaderException">The text is not one JSON value.</exception>
    public static JsonNode Read(string text)
    {
        var reader = new JsonReader(text);
        if (reader._position < text.Length && text[reader._position] == '\uFEFF')
        {
            reader._position++;
        }

        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position < text.Length)
        {
            throw new JsonReaderException("unexpected text after the JSON value", reader._position);
        }

        return value;
    }

    private JsonNode ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonReaderException($"nesting deeper than {MaxDepth} levels", _position);
        }

        SkipWhitespace();
        var start = _position;
        if (_position >= _text.Length)
        {
            throw new JsonReaderException("unexpected end of the text", _position);
        }

        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return JsonNode.Scalar(JsonKind.String, start, ReadString());
            case 't':
                return ReadLiteral("true", JsonKind.True);
            case 'f':
                return ReadLiteral("false", JsonKind.False);
            case 'n':
                return ReadLiteral("null", JsonKind.Null);
            default:
                return JsonNode.Scalar(JsonKind.Number, start, ReadNumber());
        }
    }

    private JsonNode ReadObject(int depth)
    {
        var start = _position++;
        var members = new List<JsonMember>();
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return JsonNode.Object(start, members);
        }

        do
        {
            SkipWhitespace();
            var nameStart = _position;
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw new JsonReaderException("expected a member name in double quotes", _position);
            }

            var name = ReadString();
            SkipWhitespace();
            Expect(':');
            members.Add(new JsonMember(name, nameStart, ReadValue(depth + 1)));
            SkipWhitespace();
        }
        while (TryConsume(','));

        Expect('}');
        return JsonNode.Object(start, members);
    }

    private JsonNode ReadArray(int depth)
    {
        var start = _position++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return JsonNode.Array(start, items);
        }

        do
        {
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
        }
        while (TryConsume(','));

        Expect(']');
        return JsonNode.Array(start, items);
    }

    private string ReadString()
    {
        _position++; // the opening quote
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new JsonReaderException("unterminated string", _position);
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw new JsonReaderException("control character in a string", _position - 1);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw new JsonReaderException("unterminated escape", _position);
            }

            var escape = _text[_position++];
            builder.Append(escape switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => ReadUnicodeEscape(),
                _ => throw new JsonReaderException($"invalid escape '\\{escape}'", _position - 2),
            });
        }
    }

    private char ReadUnicodeEscape()
    {
        if (_position + 4 > _text.Length
            || !ushort.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw new JsonReaderException("invalid \\u escape", _position - 2);
        }

        _position += 4;
        return (char)code;
    }

    private string ReadNumber()
    {
        var start = _position;
        TryConsume('-');
        if (TryConsume('0'))
        {
            // A leading zero stands alone.
        }
        else if (!ConsumeDigits())
        {
            throw new JsonReaderException("expected a JSON value", start);
        }

        if (TryConsume('.') && !ConsumeDigits())
        {
            throw new JsonReaderException("expected digits after the decimal point", _position);
        }

        if (_position < _text.Length && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            _position++;
            _ = TryConsume('+') || TryConsume('-');
            if (!ConsumeDigits())
            {
                throw new JsonReaderException("expected digits in the exponent", _position);
            }
        }

        return _text.Substring(start, _position - start);
    }

    private bool ConsumeDigits()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private JsonNode ReadLiteral(string literal, JsonKind kind)
    {
        var start = _position;
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new JsonReaderException("expected a JSON value", _position);
        }

        _position += literal.Length;
        return JsonNode.Scalar(kind, start);
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw new JsonReaderException(
                _position < _text.Length ? $"expected '{c}' but found '{_text[_position]}'" : $"expected '{c}' but the text ended",
                _position);
        }
    }
}
