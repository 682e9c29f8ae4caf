using ZsN2N.Ort.Imaging;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// The one list of the image formats this server accepts: every format the engine decodes (<see cref="ImageFormat"/>).
/// The page reads it from <c>GET /api/limits</c> for its file picker and its checks before uploading; the server's
/// refusal of an unknown format names the same list.
/// </summary>
public static class AcceptedFormats
{
    /// <summary>The accepted formats, in the engine's order.</summary>
    public static IReadOnlyList<AcceptedFormat> All { get; } =
        Enum.GetValues<ImageFormat>().Where(format => format != ImageFormat.Unknown).Select(Describe).ToArray();

    /// <summary>The names as a phrase: "PNG, JPEG, BMP, WebP, GIF or TIFF".</summary>
    public static string Names { get; } = string.Join(", ", All.SkipLast(1).Select(f => f.Name)) + " or " + All[^1].Name;

    private static AcceptedFormat Describe(ImageFormat format) => format switch
    {
        ImageFormat.Png => new("PNG", ["image/png"], [".png"]),
        ImageFormat.Jpeg => new("JPEG", ["image/jpeg"], [".jpg", ".jpeg", ".jpe", ".jfif"]),
        ImageFormat.Bmp => new("BMP", ["image/bmp", "image/x-ms-bmp"], [".bmp", ".dib"]),
        ImageFormat.WebP => new("WebP", ["image/webp"], [".webp"]),
        ImageFormat.Gif => new("GIF", ["image/gif"], [".gif"]),
        ImageFormat.Tiff => new("TIFF", ["image/tiff"], [".tif", ".tiff"]),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The engine decodes a format the web app cannot describe yet."),
    };
}
