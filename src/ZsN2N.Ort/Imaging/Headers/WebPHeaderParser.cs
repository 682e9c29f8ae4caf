using System.Buffers.Binary;

namespace ZsN2N.Ort.Imaging.Headers;

/// <summary>
/// WebP: "RIFF", size, "WEBP", then the first chunk at offset 12 with its payload at 20:
/// "VP8 " (lossy: start code 9D 01 2A at 23, 14-bit sides at 26 and 28),
/// "VP8L" (lossless: signature 0x2F, then two 14-bit fields holding side minus one),
/// "VP8X" (extended: 24-bit canvas sides minus one at 24 and 27).
/// </summary>
internal static class WebPHeaderParser
{
    public static bool IsMatch(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8);

    public static ImageHeader Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        if (data.Length < 30)
        {
            throw HeaderParsing.Truncated(ImageFormat.WebP, sourceName);
        }

        ReadOnlySpan<byte> chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
            {
                throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, "WebP VP8 frame lacks its start code.");
            }

            return HeaderParsing.Create(ImageFormat.WebP,
                BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFFu,
                BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFFu,
                sourceName);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[20] != 0x2F)
            {
                throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, "WebP VP8L stream lacks its signature.");
            }

            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return HeaderParsing.Create(ImageFormat.WebP, (bits & 0x3FFFu) + 1, ((bits >> 14) & 0x3FFFu) + 1, sourceName);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            uint width = data[24] | (uint)data[25] << 8 | (uint)data[26] << 16;
            uint height = data[27] | (uint)data[28] << 8 | (uint)data[29] << 16;
            return HeaderParsing.Create(ImageFormat.WebP, width + 1, height + 1, sourceName);
        }

        throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName,
            $"WebP starts with an unknown chunk '{System.Text.Encoding.ASCII.GetString(chunk)}'.");
    }
}
