using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Neon.Api.Serialization;

namespace Neon.Api.Core;

/// <summary>
/// One call to the Neon API as the generated operation methods describe it: method, path template with its values,
/// query, headers and body. The pipeline turns it into a fresh <see cref="HttpRequestMessage"/> for every attempt,
/// so retries always replay the same bytes.
/// </summary>
internal sealed class NeonRequest
{
    private readonly List<KeyValuePair<string, string>> _query = [];
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private readonly Dictionary<string, string> _pathValues = new(StringComparer.Ordinal);
    private List<(string Name, NeonFileUpload? File, string? Value)>? _form;
    private string? _jsonBody;
    private string[] _accept = [DefaultAccept];

    /// <summary>
    /// What a request accepts unless <see cref="SetAccept(string)"/> says otherwise: JSON, the media type of every Neon
    /// document (hand-built requests such as operation polls rely on it).
    /// </summary>
    public const string DefaultAccept = "application/json";

    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method in upper case.</param>
    /// <param name="pathTemplate">The spec's path template, for example <c>/projects/{project_id}</c>.</param>
    /// <param name="operationId">The spec's operationId.</param>
    public NeonRequest(string method, string pathTemplate, string operationId)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        PathTemplate = pathTemplate ?? throw new ArgumentNullException(nameof(pathTemplate));
        OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
    }

    /// <summary>The HTTP method in upper case.</summary>
    public string Method { get; }

    /// <summary>The spec's path template.</summary>
    public string PathTemplate { get; }

    /// <summary>The spec's operationId.</summary>
    public string OperationId { get; }

    /// <summary>Whether the method may change state on the server (anything but GET, HEAD and OPTIONS).</summary>
    public bool IsMutation => Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>The JSON body, once serialized.</summary>
    public string? JsonBody => _jsonBody;

    /// <summary>The query parameters in the order they were added (values as sent, before escaping).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    /// <summary>
    /// Sets the media types the request accepts, as the generated operations read them from the spec (the media types of
    /// the operation's success responses; see the spec normalizer's <c>x-neon-accept</c>).
    /// </summary>
    /// <param name="mediaTypes">A comma-separated list; empty to send no <c>Accept</c> header.</param>
    public void SetAccept(string mediaTypes)
    {
        _accept = (mediaTypes ?? throw new ArgumentNullException(nameof(mediaTypes)))
            .Split(',')
            .Select(m => m.Trim())
            .Where(m => m.Length > 0)
            .ToArray();
    }

    /// <summary>
    /// Makes the body a multipart form even if no field is added: an operation whose spec declares a multipart body
    /// sends one (possibly without parts), so the server sees the media type it expects.
    /// </summary>
    public void StartForm()
    {
        _form ??= [];
    }

    /// <summary>Whether the spec documents a success without a body beside the one with a body (read as an empty model).</summary>
    public bool EmptySuccessAllowed { get; private set; }

    /// <summary>Marks an operation whose spec documents a bodiless success (for example 204 on a delete of a resource already gone).</summary>
    public void AllowEmptySuccess() => EmptySuccessAllowed = true;

    /// <summary>Fills a path parameter.</summary>
    /// <param name="name">The spec's parameter name, for example <c>project_id</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="argumentName">The C# argument it came from, for the error message.</param>
    /// <exception cref="ArgumentException">The value is null, empty or whitespace.</exception>
    public void SetPathParameter(string name, object? value, string argumentName)
    {
        var text = value is null ? null : FormatScalar(value);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException(
                $"{argumentName} must not be empty: it fills the {{{name}}} part of {Method} {PathTemplate} ({OperationId}).",
                argumentName);
        }

        _pathValues[name] = text!;
    }

    /// <summary>Adds a query parameter; a null value is left out.</summary>
    /// <param name="name">The spec's parameter name.</param>
    /// <param name="value">A scalar, an extensible enum, a date or a collection of them.</param>
    /// <param name="explode">For collections: repeat the name for each item (<c>a=1&amp;a=2</c>) instead of joining them with commas.</param>
    public void AddQuery(string name, object? value, bool explode = true)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                _query.Add(new(name, text));
                return;
            case IEnumerable items:
                var parts = new List<string>();
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        parts.Add(FormatScalar(item));
                    }
                }

                if (explode)
                {
                    foreach (var part in parts)
                    {
                        _query.Add(new(name, part));
                    }
                }
                else if (parts.Count > 0)
                {
                    _query.Add(new(name, string.Join(",", parts)));
                }

                return;
            default:
                _query.Add(new(name, FormatScalar(value)));
                return;
        }
    }

    /// <summary>Adds a header parameter; a null value is left out.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The value.</param>
    public void AddHeader(string name, object? value)
    {
        if (value is not null)
        {
            _headers.Add(new(name, FormatScalar(value)));
        }
    }

    /// <summary>Sets the JSON body; a null body sends none.</summary>
    /// <param name="body">The request model.</param>
    public void SetJsonBody(object? body)
    {
        _jsonBody = body is null ? null : NeonJson.Serialize(body);
    }

    /// <summary>Adds a file to a multipart form body; a null file is left out.</summary>
    /// <param name="name">The form field name.</param>
    /// <param name="file">The file.</param>
    public void AddFormFile(string name, NeonFileUpload? file)
    {
        if (file is not null)
        {
            (_form ??= []).Add((name, file, null));
        }
    }

    /// <summary>Adds a field to a multipart form body; a null value is left out.</summary>
    /// <param name="name">The form field name.</param>
    /// <param name="value">The value.</param>
    public void AddFormField(string name, object? value)
    {
        if (value is not null)
        {
            (_form ??= []).Add((name, null, FormatScalar(value)));
        }
    }

    /// <summary>The path with its parameters filled in and escaped, relative to the API base (no leading slash).</summary>
    /// <returns>The relative path.</returns>
    public string BuildPath()
    {
        var builder = new StringBuilder(PathTemplate.Length + 32);
        var i = 0;
        while (i < PathTemplate.Length)
        {
            var open = PathTemplate.IndexOf('{', i);
            if (open < 0)
            {
                builder.Append(PathTemplate, i, PathTemplate.Length - i);
                break;
            }

            var close = PathTemplate.IndexOf('}', open);
            builder.Append(PathTemplate, i, open - i);
            var name = PathTemplate.Substring(open + 1, close - open - 1);
            if (!_pathValues.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"The path parameter {name} of {OperationId} was not set.");
            }

            builder.Append(Uri.EscapeDataString(value));
            i = close + 1;
        }

        return builder.ToString().TrimStart('/');
    }

    /// <summary>The path and query relative to the API base, escaped (no leading slash).</summary>
    /// <returns>The relative URL.</returns>
    public string BuildRelativeUrl()
    {
        var path = BuildPath();
        if (_query.Count == 0)
        {
            return path;
        }

        var builder = new StringBuilder(path, path.Length + 64);
        for (var i = 0; i < _query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(_query[i].Key))
                .Append('=')
                .Append(Uri.EscapeDataString(_query[i].Value));
        }

        return builder.ToString();
    }

    /// <summary>Creates a new message for one attempt; the pipeline adds authentication and its own headers.</summary>
    internal HttpRequestMessage CreateMessage(Uri baseUri)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(baseUri, BuildRelativeUrl()));
        foreach (var mediaType in _accept)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        foreach (var header in _headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (_jsonBody is not null)
        {
            message.Content = new StringContent(_jsonBody, Encoding.UTF8, "application/json");
        }
        else if (_form is not null)
        {
            message.Content = CreateForm(_form);
        }

        return message;
    }

    private static MultipartFormDataContent CreateForm(List<(string Name, NeonFileUpload? File, string? Value)> fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, file, value) in fields)
        {
            if (file is not null)
            {
                var content = new ByteArrayContent(file.GetBytes());
                content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                form.Add(content, name, file.FileName);
            }
            else
            {
                form.Add(new StringContent(value ?? string.Empty, Encoding.UTF8), name);
            }
        }

        return form;
    }

    /// <summary>Formats one value the way Neon expects it in a path, query or header.</summary>
    internal static string FormatScalar(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset offset => offset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime time => (time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime())
            .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        Enum enumValue => Convert.ToInt64(enumValue, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
