using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Neon.Api.ContractTests;

/// <summary>
/// JSON as the suite reads it: strings stay strings (no date sniffing) and numbers keep their exact decimal value, so
/// that a comparison sees what was on the wire.
/// </summary>
internal static class Json
{
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            Culture = CultureInfo.InvariantCulture,
        };
        var token = JToken.ReadFrom(reader);
        if (reader.Read())
        {
            throw new JsonReaderException($"text after the JSON value at position {reader.LinePosition}");
        }

        return token;
    }

    public static string Write(JToken token) => token.ToString(Formatting.None);
}
