namespace ZsN2N.Ort.Imaging;

/// <summary>Container formats recognised by the header sniffer and the writer.</summary>
public enum ImageFormat
{
    /// <summary>Not decoded from a file (built in memory).</summary>
    Unknown = 0,

    /// <summary>Portable Network Graphics; 8- or 16-bit, optional alpha.</summary>
    Png,

    /// <summary>JPEG/JFIF; 8-bit, no alpha.</summary>
    Jpeg,

    /// <summary>Windows bitmap; 8-bit.</summary>
    Bmp,

    /// <summary>WebP; 8-bit, optional alpha.</summary>
    WebP,

    /// <summary>GIF (first frame); read only.</summary>
    Gif,

    /// <summary>TIFF or BigTIFF; 8- or 16-bit, optional alpha.</summary>
    Tiff,
}
