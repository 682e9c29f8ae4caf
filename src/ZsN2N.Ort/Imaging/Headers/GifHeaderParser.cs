using System.Buffers.Binary;

namespace ZsN2N.Ort.Imaging.Headers;

/// <summary>GIF: "GIF87a"/"GIF89a", then the logical screen width and height as little-endian 16-bit values.</summary>
internal static class GifHeaderParser
{
    public static bool IsMatch(ReadOnlySpan<byte> data) => data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8);

    public static ImageHeader Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        if (data.Length < 10)
        {
            throw HeaderParsing.Truncated(ImageFormat.Gif, sourceName);
        }

        ushort width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        ushort height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        return HeaderParsing.Create(ImageFormat.Gif, width, height, sourceName);
    }
}
