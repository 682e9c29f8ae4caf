namespace ZsN2N.Ort.Imaging;

/// <summary>
/// Bounds checked before any pixel is decoded, so a decompression bomb (a small file whose header claims a huge
/// canvas) is refused without allocating. Setters validate; the type is a plain options class so hosts can bind it
/// from configuration.
/// </summary>
public sealed class ImageLimits
{
    /// <summary>Default <see cref="MaxWidth"/> and <see cref="MaxHeight"/>: 65535.</summary>
    public const int DefaultMaxSide = 65_535;

    /// <summary>Default <see cref="MaxPixels"/>: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>Default <see cref="MaxFileBytes"/>: 512 MiB.</summary>
    public const long DefaultMaxFileBytes = 512L * 1024 * 1024;

    private int _maxWidth = DefaultMaxSide;
    private int _maxHeight = DefaultMaxSide;
    private long _maxPixels = DefaultMaxPixels;
    private long _maxFileBytes = DefaultMaxFileBytes;

    /// <summary>Largest accepted width in pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxWidth
    {
        get => _maxWidth;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxWidth = value;
        }
    }

    /// <summary>Largest accepted height in pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxHeight
    {
        get => _maxHeight;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxHeight = value;
        }
    }

    /// <summary>Largest accepted width times height.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxPixels
    {
        get => _maxPixels;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxPixels = value;
        }
    }

    /// <summary>Largest accepted encoded size in bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxFileBytes
    {
        get => _maxFileBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxFileBytes = value;
        }
    }

    /// <summary>Throws when an encoded size exceeds <see cref="MaxFileBytes"/>.</summary>
    /// <param name="byteCount">The encoded size.</param>
    /// <param name="sourceName">File path or label used in the message.</param>
    /// <exception cref="ImageDecodeException">With <see cref="ImageDecodeError.TooLarge"/>.</exception>
    public void CheckFileSize(long byteCount, string sourceName) => CheckFileSize(byteCount, sourceName, complete: true);

    /// <summary>
    /// As <see cref="CheckFileSize(long, string)"/>, where <paramref name="complete"/> is false for the bytes read so far
    /// of a stream whose length is not known: the message then says the size is at least <paramref name="byteCount"/>.
    /// </summary>
    internal void CheckFileSize(long byteCount, string sourceName, bool complete)
    {
        if (byteCount > MaxFileBytes)
        {
            throw new ImageDecodeException(ImageDecodeError.TooLarge, sourceName,
                $"file is {(complete ? "" : "at least ")}{byteCount} bytes, above the limit of {MaxFileBytes} bytes.");
        }
    }

    /// <summary>Throws when a header's dimensions exceed the side or pixel-count limits.</summary>
    /// <param name="header">The sniffed header.</param>
    /// <param name="sourceName">File path or label used in the message.</param>
    /// <exception cref="ImageDecodeException">With <see cref="ImageDecodeError.TooLarge"/>.</exception>
    public void CheckDimensions(ImageHeader header, string sourceName)
    {
        if (header.Width > MaxWidth || header.Height > MaxHeight)
        {
            throw new ImageDecodeException(ImageDecodeError.TooLarge, sourceName,
                $"image is {header.Width}x{header.Height}, above the limit of {MaxWidth}x{MaxHeight}.");
        }

        if (header.PixelCount > MaxPixels)
        {
            throw new ImageDecodeException(ImageDecodeError.TooLarge, sourceName,
                $"image is {header.Width}x{header.Height} = {header.PixelCount} pixels, above the limit of {MaxPixels} pixels.");
        }
    }
}
