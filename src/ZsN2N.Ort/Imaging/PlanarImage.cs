namespace ZsN2N.Ort.Imaging;

/// <summary>
/// An image as float32 planes in layout <c>[C, H, W]</c>, row-major, nominal values 0..1, with channel order R, G, B
/// for colour (C = 3) or a single luminance plane (C = 1). Shape and metadata are immutable; pixel values are
/// writable through the span accessors. It also carries what is needed to write a result back like the input:
/// <see cref="BitDepth"/>, an untouched <see cref="Alpha"/> plane of raw values, and the <see cref="SourceFormat"/>.
/// Purely managed: nothing to dispose.
/// </summary>
public sealed class PlanarImage
{
    private readonly float[] _pixels;
    private readonly ushort[]? _alpha;

    /// <summary>Creates a zero-filled image with no alpha.</summary>
    /// <param name="channels">1 (gray) or 3 (RGB).</param>
    /// <param name="height">Height in pixels, positive.</param>
    /// <param name="width">Width in pixels, positive.</param>
    /// <param name="bitDepth">8 or 16: the depth used when the image is written.</param>
    /// <exception cref="ArgumentOutOfRangeException">A shape value or the bit depth is invalid.</exception>
    public PlanarImage(int channels, int height, int width, int bitDepth = 8)
        : this(channels, height, width, new float[CheckedLength(channels, height, width)], bitDepth)
    {
    }

    /// <summary>Wraps existing planes. The image takes ownership of both arrays (no copy); the caller must not keep writing to them.</summary>
    /// <param name="channels">1 (gray) or 3 (RGB).</param>
    /// <param name="height">Height in pixels, positive.</param>
    /// <param name="width">Width in pixels, positive.</param>
    /// <param name="pixels">Planes <c>[C, H, W]</c>, length <c>C*H*W</c>.</param>
    /// <param name="bitDepth">8 or 16: the depth used when the image is written.</param>
    /// <param name="alpha">Optional raw alpha plane <c>[H, W]</c> at <paramref name="bitDepth"/> (0..255 or 0..65535).</param>
    /// <param name="sourceFormat">Where the image came from; <see cref="ImageFormat.Unknown"/> when built in memory.</param>
    /// <exception cref="ArgumentOutOfRangeException">A shape value, the bit depth or an alpha value is invalid.</exception>
    /// <exception cref="ArgumentException">An array length does not match the shape.</exception>
    public PlanarImage(int channels, int height, int width, float[] pixels, int bitDepth = 8, ushort[]? alpha = null,
        ImageFormat sourceFormat = ImageFormat.Unknown)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        long length = CheckedLength(channels, height, width);
        if (bitDepth is not (8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, "Bit depth must be 8 or 16.");
        }

        if (pixels.Length != length)
        {
            throw new ArgumentException($"Pixel array has {pixels.Length} values; [{channels}, {height}, {width}] needs {length}.", nameof(pixels));
        }

        if (alpha is not null)
        {
            if (alpha.Length != (long)height * width)
            {
                throw new ArgumentException($"Alpha array has {alpha.Length} values; [{height}, {width}] needs {(long)height * width}.", nameof(alpha));
            }

            if (bitDepth == 8 && alpha.AsSpan().IndexOfAnyExceptInRange((ushort)0, (ushort)255) is var bad and >= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha[bad], $"8-bit alpha value at index {bad} exceeds 255.");
            }
        }

        Channels = channels;
        Height = height;
        Width = width;
        BitDepth = bitDepth;
        SourceFormat = sourceFormat;
        _pixels = pixels;
        _alpha = alpha;
    }

    /// <summary>Number of colour planes: 1 (gray) or 3 (R, G, B in that order).</summary>
    public int Channels { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>8 or 16: the integer depth the image is written at where the format allows.</summary>
    public int BitDepth { get; }

    /// <summary>The container the image was decoded from, or <see cref="ImageFormat.Unknown"/>.</summary>
    public ImageFormat SourceFormat { get; }

    /// <summary>True for a single luminance plane.</summary>
    public bool IsGrayscale => Channels == 1;

    /// <summary>True when an alpha plane is carried.</summary>
    public bool HasAlpha => _alpha is not null;

    /// <summary>All planes, <c>[C, H, W]</c> row-major; valid as long as the image is referenced.</summary>
    public Span<float> Pixels => _pixels;

    /// <summary>The raw alpha plane <c>[H, W]</c> at <see cref="BitDepth"/>, or empty when <see cref="HasAlpha"/> is false. Never modified by processing.</summary>
    public ReadOnlySpan<ushort> Alpha => _alpha;

    /// <summary>One colour plane, <c>[H, W]</c>.</summary>
    /// <param name="channel">0..C-1 (R, G, B for colour).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is out of range.</exception>
    public Span<float> GetPlane(int channel)
    {
        CheckChannel(channel);
        int planeSize = Height * Width;
        return _pixels.AsSpan(channel * planeSize, planeSize);
    }

    /// <summary>One row of one colour plane, length <see cref="Width"/>.</summary>
    /// <param name="channel">0..C-1 (R, G, B for colour).</param>
    /// <param name="y">Row index, 0..H-1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public Span<float> GetRow(int channel, int y)
    {
        CheckChannel(channel);
        CheckRow(y);
        return _pixels.AsSpan((channel * Height + y) * Width, Width);
    }

    /// <summary>One row of the raw alpha plane, length <see cref="Width"/>.</summary>
    /// <param name="y">Row index, 0..H-1.</param>
    /// <exception cref="InvalidOperationException">The image has no alpha.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="y"/> is out of range.</exception>
    public ReadOnlySpan<ushort> GetAlphaRow(int y)
    {
        if (_alpha is null)
        {
            throw new InvalidOperationException("The image has no alpha plane.");
        }

        CheckRow(y);
        return _alpha.AsSpan(y * Width, Width);
    }

    /// <summary>
    /// A new image with the same shape, bit depth, alpha and source format but other pixel values, e.g. a denoised
    /// result. Takes ownership of <paramref name="pixels"/>; the alpha array is shared (it is never written).
    /// </summary>
    /// <param name="pixels">Planes <c>[C, H, W]</c>, length <c>C*H*W</c>.</param>
    /// <exception cref="ArgumentException">The length does not match.</exception>
    public PlanarImage WithPixels(float[] pixels) =>
        new(Channels, Height, Width, pixels, BitDepth, _alpha, SourceFormat);

    /// <summary>A deep copy of the pixels sharing the read-only alpha plane.</summary>
    public PlanarImage Clone() => WithPixels((float[])_pixels.Clone());

    private static long CheckedLength(int channels, int height, int width)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 (gray) or 3 (RGB).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        long length = (long)channels * height * width;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"[{channels}, {height}, {width}] exceeds the largest array ({Array.MaxLength}).");
        }

        return length;
    }

    private void CheckChannel(int channel)
    {
        if ((uint)channel >= (uint)Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"Channel must be in 0..{Channels - 1}.");
        }
    }

    private void CheckRow(int y)
    {
        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"Row must be in 0..{Height - 1}.");
        }
    }
}
