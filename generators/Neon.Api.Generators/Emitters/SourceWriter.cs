using System;
using System.Collections.Generic;
using System.Text;

namespace Neon.Api.Generators.Emitters;

/// <summary>A minimal indenting writer for generated C#.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes a line at the current indentation (an empty line is written without indentation).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes a line with no indentation (preprocessor directives).</summary>
    public SourceWriter Directive(string text)
    {
        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents, and returns a scope that writes the closing brace when disposed.</summary>
    public Scope Block(string? closing = null)
    {
        Line("{");
        _indent++;
        return new Scope(this, "}" + closing);
    }

    /// <summary>Writes each item with <paramref name="write"/>, with an empty line between two items.</summary>
    public void Separated<T>(IEnumerable<T> items, Action<SourceWriter, T> write)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                Line();
            }

            first = false;
            write(this, item);
        }
    }

    /// <summary>The source written so far.</summary>
    public override string ToString() => _builder.ToString();

    internal readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closing;

        public Scope(SourceWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_closing);
        }
    }
}
