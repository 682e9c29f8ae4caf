namespace ZsN2N.Ort.Imaging.Headers;

/// <summary>Shared checks for the per-format header parsers.</summary>
internal static class HeaderParsing
{
    /// <summary>Builds a header after checking the claimed dimensions are non-zero and fit an <see cref="int"/>.</summary>
    public static ImageHeader Create(ImageFormat format, ulong width, ulong height, string sourceName)
    {
        if (width == 0 || height == 0)
        {
            throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName,
                $"{format} header claims an empty image ({width}x{height}).");
        }

        if (width > int.MaxValue || height > int.MaxValue)
        {
            throw new ImageDecodeException(ImageDecodeError.TooLarge, sourceName,
                $"{format} header claims {width}x{height}, beyond any supported size.");
        }

        return new ImageHeader(format, (int)width, (int)height);
    }

    /// <summary>The exception for a header that ends before the size fields.</summary>
    public static ImageDecodeException Truncated(ImageFormat format, string sourceName) =>
        new(ImageDecodeError.Corrupt, sourceName, $"{format} header is truncated before the image size.");
}
