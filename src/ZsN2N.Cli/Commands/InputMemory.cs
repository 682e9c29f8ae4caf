using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Commands;

/// <summary>The memory the inputs of a run are expected to need, planned from their headers before any is decoded.</summary>
internal static class InputMemory
{
    // Enough for the size field of PNG, BMP, WebP, GIF and TIFF, and of nearly every JPEG (after its EXIF block).
    private const int HeaderBytes = 64 * 1024;

    /// <summary>
    /// The largest <see cref="Denoiser.EstimateMemory"/> among <paramref name="files"/>, each taken as a colour image
    /// (the most a file of that size can need); 0 when no header could be read. A file whose first bytes give no size
    /// within the denoiser's <see cref="DenoiseOptions.Limits"/> is left out: it is reported, or checked against the
    /// memory limit, when its turn comes.
    /// </summary>
    public static long LargestEstimate(Denoiser denoiser, IEnumerable<string> files) =>
        files.Select(file => TryReadHeader(file, denoiser.Options.Limits))
            .OfType<ImageHeader>()
            .Select(header => denoiser.EstimateMemory(3, header.Height, header.Width).TotalBytes)
            .DefaultIfEmpty(0)
            .Max();

    private static ImageHeader? TryReadHeader(string path, ImageLimits limits)
    {
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[(int)Math.Min(HeaderBytes, file.Length)];
            file.ReadExactly(buffer);
            var header = ImageHeaderReader.Read(buffer, path);
            limits.CheckDimensions(header, path);
            return header.Width > 0 && header.Height > 0 ? header : null;
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
