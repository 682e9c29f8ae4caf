namespace ZsN2N.Ort.Imaging;

/// <summary>Why an image could not be decoded; lets a host map failures to its own codes (e.g. HTTP 413/415/422).</summary>
public enum ImageDecodeError
{
    /// <summary>The file does not exist.</summary>
    FileNotFound,

    /// <summary>The file or buffer has zero bytes.</summary>
    Empty,

    /// <summary>The bytes do not start like any supported image format.</summary>
    UnknownFormat,

    /// <summary>The header or the pixel data is truncated or corrupt.</summary>
    Corrupt,

    /// <summary>The file or the image exceeds an <see cref="ImageLimits"/> bound.</summary>
    TooLarge,

    /// <summary>The decoder produced a pixel depth or channel count this library does not handle.</summary>
    Unsupported,
}
