using System.Buffers.Binary;

namespace ZsN2N.Ort.Imaging.Headers;

/// <summary>
/// TIFF: byte order "II"/"MM", version 42 (classic: 32-bit offsets, 12-byte IFD entries) or 43 (BigTIFF: 64-bit
/// offsets, 20-byte entries); the first IFD's ImageWidth (256) and ImageLength (257) tags give the size, stored
/// inline as SHORT, LONG or LONG8.
/// </summary>
internal static class TiffHeaderParser
{
    private const ushort ImageWidthTag = 256;
    private const ushort ImageLengthTag = 257;
    private const ushort PhotometricTag = 262;
    private const ushort PhotometricSeparated = 5;

    public static bool IsMatch(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && ((data[0] == 'I' && data[1] == 'I' && data[2] is 42 or 43 && data[3] == 0)
                          || (data[0] == 'M' && data[1] == 'M' && data[2] == 0 && data[3] is 42 or 43));

    public static ImageHeader Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        bool little = data[0] == 'I';
        bool big = ReadUInt16(data[2..], little) == 43;
        int headerLength = big ? 16 : 8;
        if (data.Length < headerLength)
        {
            throw HeaderParsing.Truncated(ImageFormat.Tiff, sourceName);
        }

        ulong ifdOffset = big ? ReadUInt64(data[8..], little) : ReadUInt32(data[4..], little);
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        if (ifdOffset > (ulong)(data.Length - countSize))
        {
            throw HeaderParsing.Truncated(ImageFormat.Tiff, sourceName);
        }

        int pos = (int)ifdOffset;
        ulong entryCount = big ? ReadUInt64(data[pos..], little) : ReadUInt16(data[pos..], little);
        pos += countSize;

        ulong? width = null;
        ulong? height = null;
        for (ulong i = 0; i < entryCount && (width is null || height is null); i++, pos += entrySize)
        {
            if (pos + entrySize > data.Length)
            {
                throw HeaderParsing.Truncated(ImageFormat.Tiff, sourceName);
            }

            ushort tag = ReadUInt16(data[pos..], little);
            if (tag is not (ImageWidthTag or ImageLengthTag))
            {
                continue;
            }

            ushort type = ReadUInt16(data[(pos + 2)..], little);
            ReadOnlySpan<byte> value = data[(pos + (big ? 12 : 8))..];
            ulong number = type switch
            {
                3 => ReadUInt16(value, little),
                4 => ReadUInt32(value, little),
                16 when big => ReadUInt64(value, little),
                _ => throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName,
                    $"TIFF tag {tag} has unexpected field type {type}."),
            };

            if (tag == ImageWidthTag)
            {
                width = number;
            }
            else
            {
                height = number;
            }
        }

        if (width is null || height is null)
        {
            throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, "TIFF first directory lacks ImageWidth or ImageLength.");
        }

        return HeaderParsing.Create(ImageFormat.Tiff, width.Value, height.Value, sourceName);
    }

    /// <summary>
    /// True when the first directory says PhotometricInterpretation = Separated (CMYK inks). OpenCV's unchanged read
    /// hands such samples back as if they were B, G, R, A, so <see cref="ImageIo"/> asks it to convert to colour instead.
    /// Assumes <see cref="Parse"/> accepted the data; any inconsistency reads as false.
    /// </summary>
    public static bool IsSeparated(ReadOnlySpan<byte> data)
    {
        bool little = data[0] == 'I';
        bool big = ReadUInt16(data[2..], little) == 43;
        ulong ifdOffset = big ? ReadUInt64(data[8..], little) : ReadUInt32(data[4..], little);
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        if (ifdOffset > (ulong)(data.Length - countSize))
        {
            return false;
        }

        int pos = (int)ifdOffset;
        ulong entryCount = big ? ReadUInt64(data[pos..], little) : ReadUInt16(data[pos..], little);
        pos += countSize;
        for (ulong i = 0; i < entryCount && pos + entrySize <= data.Length; i++, pos += entrySize)
        {
            if (ReadUInt16(data[pos..], little) == PhotometricTag)
            {
                return ReadUInt16(data[(pos + (big ? 12 : 8))..], little) == PhotometricSeparated;
            }
        }

        return false;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16BigEndian(data);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32BigEndian(data);

    private static ulong ReadUInt64(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(data) : BinaryPrimitives.ReadUInt64BigEndian(data);
}
