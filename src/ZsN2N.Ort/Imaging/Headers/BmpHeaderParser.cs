using System.Buffers.Binary;

namespace ZsN2N.Ort.Imaging.Headers;

/// <summary>
/// BMP: "BM", a 14-byte file header, then a DIB header whose size at offset 14 selects the layout: 12 bytes
/// (OS/2 core header, unsigned 16-bit sides) or 40+ bytes (signed 32-bit sides; a negative height means top-down).
/// </summary>
internal static class BmpHeaderParser
{
    public static bool IsMatch(ReadOnlySpan<byte> data) => data.StartsWith("BM"u8);

    public static ImageHeader Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        if (data.Length < 18)
        {
            throw HeaderParsing.Truncated(ImageFormat.Bmp, sourceName);
        }

        uint dibSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (dibSize == 12)
        {
            if (data.Length < 22)
            {
                throw HeaderParsing.Truncated(ImageFormat.Bmp, sourceName);
            }

            return HeaderParsing.Create(ImageFormat.Bmp,
                BinaryPrimitives.ReadUInt16LittleEndian(data[18..]),
                BinaryPrimitives.ReadUInt16LittleEndian(data[20..]),
                sourceName);
        }

        if (dibSize < 40 || data.Length < 26)
        {
            throw HeaderParsing.Truncated(ImageFormat.Bmp, sourceName);
        }

        long width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
        long height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        if (width < 0)
        {
            throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, $"BMP header has a negative width ({width}).");
        }

        return HeaderParsing.Create(ImageFormat.Bmp, (ulong)width, (ulong)Math.Abs(height), sourceName);
    }
}
