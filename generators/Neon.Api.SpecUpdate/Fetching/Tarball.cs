using System.Formats.Tar;
using System.IO.Compression;

namespace Neon.Api.SpecUpdate.Fetching;

/// <summary>Reads one file out of an npm package tarball (a gzip-compressed tar whose files sit under <c>package/</c>).</summary>
internal static class Tarball
{
    /// <summary>The bytes of the entry at <paramref name="entryPath"/>, exactly as packed.</summary>
    public static byte[] ReadEntry(byte[] tgz, string entryPath)
    {
        using var gzip = new GZipStream(new MemoryStream(tgz), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.TrimStart('.', '/');
            names.Add(name);
            if ((entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile) && string.Equals(name, entryPath, StringComparison.Ordinal))
            {
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                return content.ToArray();
            }
        }

        throw new UpdateException($"The package has no {entryPath}; it holds: {string.Join(", ", names)}.");
    }
}
