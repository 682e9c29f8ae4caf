namespace ZsN2N.Ort.Imaging;

/// <summary>What an output extension can hold: the deepest integer depth and whether alpha survives.</summary>
/// <param name="Format">The container.</param>
/// <param name="Extension">The extension OpenCV selects its encoder by, with the dot.</param>
/// <param name="MaxBitDepth">16 for PNG and TIFF, else 8.</param>
/// <param name="SupportsAlpha">False for JPEG, whose alpha is dropped (OpenCV writes 32-bit BGRA BMPs).</param>
internal readonly record struct EncoderTarget(ImageFormat Format, string Extension, int MaxBitDepth, bool SupportsAlpha)
{
    /// <summary>The extensions accepted by <see cref="FromExtension"/>, for messages.</summary>
    public const string Supported = ".png, .jpg, .jpeg, .bmp, .tif, .tiff, .webp";

    /// <summary>Maps ".png", "PNG", "jpeg" and so on to a target.</summary>
    /// <exception cref="ArgumentException">The extension is not writable.</exception>
    public static EncoderTarget FromExtension(string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        return extension.TrimStart('.').ToLowerInvariant() switch
        {
            "png" => new(ImageFormat.Png, ".png", 16, true),
            "tif" or "tiff" => new(ImageFormat.Tiff, ".tiff", 16, true),
            "jpg" or "jpeg" => new(ImageFormat.Jpeg, ".jpg", 8, false),
            "bmp" => new(ImageFormat.Bmp, ".bmp", 8, true),
            "webp" => new(ImageFormat.WebP, ".webp", 8, true),
            _ => throw new ArgumentException($"Cannot write '{extension}' images; supported: {Supported}.", nameof(extension)),
        };
    }

    /// <summary>The target that writes <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="format"/> is GIF (read only) or not a format.</exception>
    public static EncoderTarget For(ImageFormat format) => format switch
    {
        ImageFormat.Png or ImageFormat.Tiff or ImageFormat.Jpeg or ImageFormat.Bmp or ImageFormat.WebP => FromExtension(format.ToString()),
        _ => throw new ArgumentException($"Cannot write {format} images; writable: Png, Jpeg, Bmp, Tiff, WebP.", nameof(format)),
    };

    /// <summary>The target that keeps a decoded image's <paramref name="source"/> format, or PNG where that cannot be written (GIF, or an image built in memory).</summary>
    public static EncoderTarget Keeping(ImageFormat source) => source is ImageFormat.Gif or ImageFormat.Unknown ? For(ImageFormat.Png) : For(source);
}
