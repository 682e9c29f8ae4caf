using System.Numerics;
using OpenCvSharp;
using ZsN2N.Ort.Files;
using ZsN2N.Ort.Imaging.Headers;

namespace ZsN2N.Ort.Imaging;

/// <summary>
/// Reads and writes <see cref="PlanarImage"/>s through OpenCV. Reading checks <see cref="ImageLimits"/> against the
/// file size and the sniffed header before decoding; writing picks the encoder from the extension, keeps 16 bits
/// where PNG/TIFF allow, keeps grayscale gray, reattaches alpha, and replaces the target atomically. Stateless.
/// </summary>
public static class ImageIo
{
    /// <summary>The name an image decoded from memory has in error messages.</summary>
    internal const string BufferName = "<buffer>";

    /// <summary>Reads an image file.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="limits">Bounds to enforce; <see langword="null"/> uses the defaults of <see cref="ImageLimits"/>.</param>
    /// <returns>The decoded image; its <see cref="PlanarImage.SourceFormat"/> is the sniffed container.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="ImageDecodeException">The file is missing, empty, too large, not an image, corrupt or of an unsupported depth or layout.</exception>
    public static PlanarImage Read(string path, ImageLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        limits ??= new ImageLimits();
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new ImageDecodeException(ImageDecodeError.FileNotFound, path, "file not found.");
        }

        if (file.Length == 0)
        {
            throw new ImageDecodeException(ImageDecodeError.Empty, path, "file is empty (0 bytes).");
        }

        limits.CheckFileSize(file.Length, path);
        return Decode(File.ReadAllBytes(path), limits, path);
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <param name="data">The encoded bytes; not retained.</param>
    /// <param name="limits">Bounds to enforce; <see langword="null"/> uses the defaults.</param>
    /// <param name="sourceName">Label used in error messages, e.g. an upload's file name.</param>
    /// <returns>The decoded image.</returns>
    /// <exception cref="ImageDecodeException">The data is empty, too large, not an image, corrupt or unsupported.</exception>
    public static PlanarImage Decode(ReadOnlySpan<byte> data, ImageLimits? limits = null, string sourceName = BufferName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        limits ??= new ImageLimits();
        limits.CheckFileSize(data.Length, sourceName);
        ImageHeader header = ImageHeaderReader.Read(data, sourceName);
        limits.CheckDimensions(header, sourceName);
        if (header.Format == ImageFormat.Png)
        {
            PngHeaderParser.CheckChunks(data, sourceName);
        }

        // JPEG cannot carry alpha, so it is decoded with AnyColor|AnyDepth, which (unlike Unchanged) applies the
        // EXIF orientation. A CMYK (Separated) TIFF read Unchanged comes back as four raw ink planes that would pass
        // for B, G, R and alpha, so it is converted to 8-bit colour instead. Every other format keeps alpha and 16-bit
        // samples via Unchanged.
        ImreadModes mode = header.Format switch
        {
            ImageFormat.Jpeg => ImreadModes.AnyColor | ImreadModes.AnyDepth,
            ImageFormat.Tiff when TiffHeaderParser.IsSeparated(data) => ImreadModes.Color,
            _ => ImreadModes.Unchanged,
        };
        Mat mat;
        try
        {
            mat = Cv2.ImDecode(data, mode);
        }
        catch (OpenCVException ex)
        {
            throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName, $"{header.Format} data could not be decoded: {ex.Message}", ex);
        }

        using (mat)
        {
            if (mat.Empty())
            {
                throw new ImageDecodeException(ImageDecodeError.Corrupt, sourceName,
                    $"{header.Format} data could not be decoded (truncated or corrupt, or no decoder for it).");
            }

            return FromMat(mat, header.Format, sourceName);
        }
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <param name="data">The encoded bytes; not retained.</param>
    /// <param name="limits">Bounds to enforce; <see langword="null"/> uses the defaults.</param>
    /// <param name="sourceName">Label used in error messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ImageDecodeException">As for the span overload.</exception>
    public static PlanarImage Decode(byte[] data, ImageLimits? limits = null, string sourceName = BufferName)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Decode(data.AsSpan(), limits, sourceName);
    }

    /// <summary>
    /// Copies a Mat as OpenCV decodes it (interleaved B, G, R[, A] or Gray[, A]) into planes. 8U becomes 8-bit,
    /// 16U and 32F become 16-bit; the last channel of a 2- or 4-channel Mat becomes the raw alpha plane. A BGRA Mat
    /// whose B, G and R are equal everywhere (how OpenCV returns a gray-with-alpha PNG) becomes gray with alpha;
    /// <see cref="ToMat"/> and <see cref="Write"/> widen it back to BGRA, so the file layout survives a round trip.
    /// </summary>
    /// <param name="mat">CV_8U, CV_16U or CV_32F with 1–4 channels; not disposed or retained.</param>
    /// <returns>A new image with <see cref="PlanarImage.SourceFormat"/> <see cref="ImageFormat.Unknown"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="mat"/> is empty.</exception>
    /// <exception cref="ImageDecodeException">With <see cref="ImageDecodeError.Unsupported"/> for another depth or channel count.</exception>
    public static PlanarImage FromMat(Mat mat)
    {
        ArgumentNullException.ThrowIfNull(mat);
        if (mat.Empty())
        {
            throw new ArgumentException("Mat is empty.", nameof(mat));
        }

        return FromMat(mat, ImageFormat.Unknown, "<Mat>");
    }

    /// <summary>
    /// Builds an OpenCV Mat of the image at its <see cref="PlanarImage.BitDepth"/>: gray (1 channel), BGR (3), or BGRA
    /// (4) when alpha is present — gray with alpha is widened to BGRA. The caller owns and must dispose the Mat.
    /// </summary>
    /// <param name="image">The image; not retained.</param>
    /// <returns>A new CV_8U or CV_16U Mat.</returns>
    public static Mat ToMat(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PixelConversion.FromPlanar(image, image.BitDepth, includeAlpha: true);
    }

    /// <summary>
    /// Encodes to the format named by <paramref name="extension"/>: at the image's bit depth for PNG and TIFF, 8-bit
    /// otherwise; alpha kept for PNG, TIFF, WebP and BMP (32-bit) and dropped for JPEG; gray stays gray except in WebP,
    /// which has no gray mode.
    /// </summary>
    /// <param name="image">The image; not retained.</param>
    /// <param name="extension">".png", ".jpg"/".jpeg", ".bmp", ".tif"/".tiff" or ".webp" (dot optional, any case).</param>
    /// <returns>The encoded bytes.</returns>
    /// <exception cref="ArgumentException">The extension is not supported.</exception>
    /// <exception cref="IOException">The encoder failed.</exception>
    public static byte[] Encode(PlanarImage image, string extension)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Encode(image, EncoderTarget.FromExtension(extension));
    }

    /// <summary>Encodes as <paramref name="format"/>, with the depth, alpha and gray rules of <see cref="Encode(PlanarImage, string)"/>.</summary>
    /// <param name="image">The image; not retained.</param>
    /// <param name="format">PNG, JPEG, BMP, TIFF or WebP.</param>
    /// <returns>The encoded bytes.</returns>
    /// <exception cref="ArgumentException"><paramref name="format"/> cannot be written (GIF).</exception>
    /// <exception cref="IOException">The encoder failed.</exception>
    public static byte[] Encode(PlanarImage image, ImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Encode(image, EncoderTarget.For(format));
    }

    internal static byte[] Encode(PlanarImage image, EncoderTarget target)
    {
        int bitDepth = Math.Min(image.BitDepth, target.MaxBitDepth);
        using Mat mat = PixelConversion.FromPlanar(image, bitDepth, target.SupportsAlpha);
        try
        {
            if (Cv2.ImEncode(target.Extension, mat, out byte[] bytes))
            {
                return bytes;
            }
        }
        catch (OpenCVException ex)
        {
            throw new IOException($"OpenCV could not encode a {image.Width}x{image.Height} {bitDepth}-bit image as {target.Format}: {ex.Message}", ex);
        }

        throw new IOException($"OpenCV could not encode a {image.Width}x{image.Height} {bitDepth}-bit image as {target.Format}.");
    }

    /// <summary>
    /// Writes the image, choosing the encoder from the path's extension (see <see cref="Encode(PlanarImage, string)"/>), through
    /// <see cref="AtomicFile"/>: a failure never leaves a partial file behind.
    /// </summary>
    /// <param name="image">The image; not retained.</param>
    /// <param name="path">The target file; its folder must exist. An existing file is replaced.</param>
    /// <exception cref="ArgumentException">The path is blank or its extension is not supported.</exception>
    /// <exception cref="IOException">Encoding or writing failed.</exception>
    public static void Write(PlanarImage image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteAllBytes(path, Encode(image, Path.GetExtension(path)));
    }

    private static PlanarImage FromMat(Mat mat, ImageFormat format, string sourceName)
    {
        int stride = mat.Channels();
        if (stride is < 1 or > 4)
        {
            throw new ImageDecodeException(ImageDecodeError.Unsupported, sourceName, $"decoder gave {stride} channels; expected 1 to 4.");
        }

        bool hasAlpha = stride is 2 or 4;
        MatType depth = mat.Depth();
        if (depth == MatType.CV_8U)
        {
            return PixelConversion.ToPlanar<byte>(mat, ColourChannels<byte>(mat, stride), hasAlpha, 8, byte.MaxValue, format);
        }

        if (depth == MatType.CV_16U)
        {
            return PixelConversion.ToPlanar<ushort>(mat, ColourChannels<ushort>(mat, stride), hasAlpha, 16, ushort.MaxValue, format);
        }

        if (depth == MatType.CV_32F)
        {
            return PixelConversion.ToPlanar<float>(mat, ColourChannels<float>(mat, stride), hasAlpha, 16, 1f, format);
        }

        throw new ImageDecodeException(ImageDecodeError.Unsupported, sourceName,
            $"decoder gave pixel depth {depth}; expected 8-bit, 16-bit or 32-bit float.");
    }

    private static int ColourChannels<TPixel>(Mat mat, int stride)
        where TPixel : unmanaged, INumberBase<TPixel> =>
        stride switch
        {
            3 => 3,
            4 => PixelConversion.IsGrayBgra<TPixel>(mat) ? 1 : 3,
            _ => 1,
        };
}
