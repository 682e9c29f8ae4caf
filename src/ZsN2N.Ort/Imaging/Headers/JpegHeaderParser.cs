using System.Buffers.Binary;

namespace ZsN2N.Ort.Imaging.Headers;

/// <summary>
/// JPEG: SOI (FF D8), then marker segments (FF xx, big-endian length including itself) up to the first
/// start-of-frame SOFn (C0–CF except C4 DHT, C8 JPG, CC DAC), whose payload is precision, height, width.
/// </summary>
internal static class JpegHeaderParser
{
    public static bool IsMatch(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static ImageHeader Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        int pos = 2;
        while (pos < data.Length)
        {
            if (data[pos] != 0xFF)
            {
                throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName,
                    $"JPEG has no marker at byte {pos} (found 0x{data[pos]:X2}).");
            }

            // Any number of 0xFF fill bytes may precede a marker code.
            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                break;
            }

            byte marker = data[pos++];
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // Stand-alone markers carry no length.
            }

            if (marker is 0xD9 or 0xDA)
            {
                throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, "JPEG reaches its scan data without a frame header.");
            }

            if (pos + 2 > data.Length)
            {
                break;
            }

            int segmentLength = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (segmentLength < 2)
            {
                throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, $"JPEG segment at byte {pos} has length {segmentLength}.");
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (pos + 7 > data.Length)
                {
                    break;
                }

                ushort height = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 3)..]);
                ushort width = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]);
                return HeaderParsing.Create(ImageFormat.Jpeg, width, height, sourceName);
            }

            pos += segmentLength;
        }

        throw HeaderParsing.Truncated(ImageFormat.Jpeg, sourceName);
    }
}
