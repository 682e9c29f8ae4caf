namespace ZsN2N.Ort.Imaging;

/// <summary>What a file's header claims, read without decoding any pixels.</summary>
/// <param name="Format">The container format.</param>
/// <param name="Width">Width in pixels as stored (before any EXIF rotation).</param>
/// <param name="Height">Height in pixels as stored (before any EXIF rotation).</param>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    /// <summary>Width times height, as a 64-bit count.</summary>
    public long PixelCount => (long)Width * Height;
}
