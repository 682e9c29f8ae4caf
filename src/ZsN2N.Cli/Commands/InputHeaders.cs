using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Cli.Commands;

/// <summary>What the inputs of a run will need, planned from their headers before any is decoded.</summary>
internal static class InputHeaders
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
        Read(files, denoiser.Options.Limits)
            .Select(header => denoiser.EstimateMemory(3, header.Height, header.Width).TotalBytes)
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>
    /// The fewest <see cref="Denoiser.UsefulThreads"/> among <paramref name="files"/>: how many threads each image can be
    /// given without any of them idling; <see cref="int.MaxValue"/> when no header could be read.
    /// </summary>
    public static int FewestUsefulThreads(Denoiser denoiser, IEnumerable<string> files) =>
        Read(files, denoiser.Options.Limits)
            .Select(header => denoiser.UsefulThreads(header.Height, header.Width))
            .DefaultIfEmpty(int.MaxValue)
            .Min();

    private static IEnumerable<ImageHeader> Read(IEnumerable<string> files, ImageLimits limits) =>
        files.Select(file => TryRead(file, limits)).OfType<ImageHeader>();

    private static ImageHeader? TryRead(string path, ImageLimits limits)
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
