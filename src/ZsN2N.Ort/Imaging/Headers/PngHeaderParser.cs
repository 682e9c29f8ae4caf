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

    /// <summary>
    /// Walks the chunk list up to an empty IEND and refuses a chunk whose length runs past the end of the data, or an
    /// IEND that holds data. OpenCV's PNG reader allocates a chunk's claimed length before reading it, so a 145-byte
    /// file claiming a 2 GiB IDAT made it allocate gigabytes (found by the fuzz test); this bounds the work by the
    /// bytes actually present.
    /// </summary>
    public static void CheckChunks(ReadOnlySpan<byte> data, string sourceName)
    {
        int pos = Signature.Length;
        while (pos + 8 <= data.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            ReadOnlySpan<byte> type = data.Slice(pos + 4, 4);
            long remaining = data.Length - pos - 12L;
            if (length > remaining)
            {
                throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName,
                    $"PNG data could not be decoded: chunk '{AsciiName(type)}' at byte {pos} claims {length} bytes but only {Math.Max(remaining, 0)} follow (truncated or corrupt).");
            }

            if (type.SequenceEqual("IEND"u8))
            {
                // An IEND with data is not the end to OpenCV, which reads on past it; the check must not stop there either.
                if (length != 0)
                {
                    throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName,
                        $"PNG data could not be decoded: the IEND chunk at byte {pos} holds {length} bytes; it must be empty (corrupt).");
                }

                return;
            }

            pos += 12 + (int)length;
        }

        throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, $"PNG data could not be decoded: it ends at byte {data.Length} without an IEND chunk (truncated).");
    }

    private static string AsciiName(ReadOnlySpan<byte> type)
    {
        Span<char> name = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            name[i] = type[i] is >= 0x20 and < 0x7F ? (char)type[i] : '?';
        }

        return new string(name);
    }
}
