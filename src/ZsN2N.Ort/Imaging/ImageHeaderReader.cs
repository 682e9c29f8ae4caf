using ZsN2N.Ort.Imaging.Headers;

namespace ZsN2N.Ort.Imaging;

/// <summary>
/// Reads an image's format and dimensions from its first bytes without decoding pixels, for PNG, JPEG, BMP, WebP,
/// GIF and TIFF. Used by <see cref="ImageIo"/> to enforce <see cref="ImageLimits"/> before any allocation.
/// </summary>
public static class ImageHeaderReader
{
    // Enough for the size field of PNG, BMP, WebP, GIF and TIFF, and of nearly every JPEG (after its EXIF block).
    private const int FileHeaderBytes = 64 * 1024;

    /// <summary>
    /// The header of the file at <paramref name="path"/>, read from its first bytes for planning before anything is
    /// decoded; null when they give no size within <paramref name="limits"/> (the file is refused, saying why, when it
    /// is read).
    /// </summary>
    public static ImageHeader? TryReadFile(string path, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[(int)Math.Min(FileHeaderBytes, file.Length)];
            file.ReadExactly(buffer);
            var header = Read(buffer, path);
            limits.CheckDimensions(header, path);
            return header;
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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
