using ZsN2N.Ort.Imaging.Headers;

namespace ZsN2N.Ort.Imaging;

/// <summary>
/// Reads an image's format and dimensions from its first bytes without decoding pixels, for PNG, JPEG, BMP, WebP,
/// GIF and TIFF. Used by <see cref="ImageIo"/> to enforce <see cref="ImageLimits"/> before any allocation.
/// </summary>
public static class ImageHeaderReader
{
    /// <summary>Sniffs the format and reads the size the header claims.</summary>
    /// <param name="data">The encoded image (at least its header; JPEG may need the bytes up to its frame header).</param>
    /// <param name="sourceName">File path or label used in error messages.</param>
    /// <returns>The format and claimed size.</returns>
    /// <exception cref="ImageDecodeException">
    /// <see cref="ImageDecodeError.Empty"/> for no bytes, <see cref="ImageDecodeError.UnknownFormat"/> when no
    /// signature matches, <see cref="ImageDecodeError.Corrupt"/> for a truncated or malformed header.
    /// </exception>
    public static ImageHeader Read(ReadOnlySpan<byte> data, string sourceName = "<buffer>")
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        if (data.IsEmpty)
        {
            throw new ImageDecodeException(ImageDecodeError.Empty, sourceName, "file is empty (0 bytes).");
        }

        if (PngHeaderParser.IsMatch(data))
        {
            return PngHeaderParser.Parse(data, sourceName);
        }

        if (JpegHeaderParser.IsMatch(data))
        {
            return JpegHeaderParser.Parse(data, sourceName);
        }

        if (BmpHeaderParser.IsMatch(data))
        {
            return BmpHeaderParser.Parse(data, sourceName);
        }

        if (WebPHeaderParser.IsMatch(data))
        {
            return WebPHeaderParser.Parse(data, sourceName);
        }

        if (GifHeaderParser.IsMatch(data))
        {
            return GifHeaderParser.Parse(data, sourceName);
        }

        if (TiffHeaderParser.IsMatch(data))
        {
            return TiffHeaderParser.Parse(data, sourceName);
        }

        throw new ImageDecodeException(ImageDecodeError.UnknownFormat, sourceName,
            "not a supported image (expected PNG, JPEG, BMP, WebP, GIF or TIFF).");
    }
}
