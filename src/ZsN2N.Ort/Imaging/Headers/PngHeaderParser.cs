using System.Buffers.Binary;

namespace ZsN2N.Ort.Imaging.Headers;

/// <summary>PNG: 8-byte signature, then the IHDR chunk with big-endian width and height at offsets 16 and 20.</summary>
internal static class PngHeaderParser
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Ihdr => "IHDR"u8;

    public static bool IsMatch(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    public static ImageHeader Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        if (data.Length < 24)
        {
            throw HeaderParsing.Truncated(ImageFormat.Png, sourceName);
        }

        if (!data.Slice(12, 4).SequenceEqual(Ihdr))
        {
            throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, "PNG does not start with an IHDR chunk.");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        return HeaderParsing.Create(ImageFormat.Png, width, height, sourceName);
    }
}
