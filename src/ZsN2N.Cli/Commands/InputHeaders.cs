using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Planning;

namespace ZsN2N.Cli.Commands;

/// <summary>What the inputs of a run will need, planned from their headers before any is decoded.</summary>
internal static class InputHeaders
{
    // Enough for the size field of PNG, BMP, WebP, GIF and TIFF, and of nearly every JPEG (after its EXIF block).
    private const int HeaderBytes = 64 * 1024;

    /// <summary>
    /// The headers of <paramref name="files"/>, read once for all the plans below. A file whose first bytes give no size
    /// within <paramref name="limits"/> is left out: it is reported, or checked against the memory limit, when its turn
    /// comes.
    /// </summary>
    public static IReadOnlyList<ImageHeader> Read(IEnumerable<string> files, ImageLimits limits) =>
        files.Select(file => TryRead(file, limits)).OfType<ImageHeader>().ToList();

    /// <summary>
    /// The largest memory estimate of <see cref="Denoiser.Plan(ImageHeader)"/> among <paramref name="headers"/>, each taken as a colour image
    /// (the most a file of that size can need); 0 when there are none.
    /// </summary>
    public static long LargestEstimate(Denoiser denoiser, IEnumerable<ImageHeader> headers) =>
        headers.Select(header => denoiser.Plan(header).Memory.TotalBytes)
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>
    /// The fewest <see cref="TrainingPlan.UsefulThreads"/> among <paramref name="headers"/>: how many threads each image can be
    /// given without any of them idling; <see cref="int.MaxValue"/> when there are none.
    /// </summary>
    public static int FewestUsefulThreads(Denoiser denoiser, IEnumerable<ImageHeader> headers) =>
        headers.Select(header => denoiser.Plan(header).UsefulThreads)
            .DefaultIfEmpty(int.MaxValue)
            .Min();

    private static ImageHeader? TryRead(string path, ImageLimits limits)
    {
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[(int)Math.Min(HeaderBytes, file.Length)];
            file.ReadExactly(buffer);
            var header = ImageHeaderReader.Read(buffer, path);
            limits.CheckDimensions(header, path);
            // An image under 2x2 pixels is refused when its turn comes; it plans nothing.
            return header.Width > 1 && header.Height > 1 ? header : null;
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
