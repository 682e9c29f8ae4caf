using OpenCvSharp;
using ZsN2N.Ort.Files;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Pipeline;

/// <summary>
/// A side-by-side picture (noisy, denoised, clean): the images in a row, 8-bit RGB, each under a
/// caption (its name and, when known, its PSNR and SSIM against the clean image) drawn with OpenCV's Hershey font.
/// Images narrower than <see cref="MinPanelWidth"/> are enlarged by a whole factor (nearest neighbour, so pixels stay
/// visible and unsmoothed) for the caption to fit.
/// </summary>
public static class ComparisonPicture
{
    /// <summary>Narrower panels are enlarged by a whole factor to at least this width.</summary>
    public const int MinPanelWidth = 192;

    private const int Gap = 8;
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;

    /// <summary>One image of the row and its caption lines.</summary>
    public sealed record Panel(PlanarImage Image, params string[] Caption);

    /// <summary>The picture as PNG bytes; all panels must have the same size.</summary>
    /// <exception cref="ArgumentException">No panels, or panels of different sizes.</exception>
    public static byte[] Encode(IReadOnlyList<Panel> panels)
    {
        ArgumentOutOfRangeException.ThrowIfZero(panels.Count);
        var (height, width) = (panels[0].Image.Height, panels[0].Image.Width);
        if (panels.FirstOrDefault(p => p.Image.Height != height || p.Image.Width != width) is { } odd)
        {
            throw new ArgumentException($"Comparison panels differ in size: {width}x{height} and {odd.Image.Width}x{odd.Image.Height}.", nameof(panels));
        }

        var scale = width >= MinPanelWidth ? 1 : Math.Min(16, (MinPanelWidth + width - 1) / width);
        var panelWidth = width * scale;
        var panelHeight = height * scale;
        var fontScale = Math.Clamp(panelWidth / 480.0, 0.4, 1.2);
        var thickness = fontScale >= 0.8 ? 2 : 1;
        var lineHeight = Cv2.GetTextSize("Ag", Font, fontScale, thickness, out var baseline).Height + baseline + 6;
        var lines = panels.Max(p => p.Caption.Length);
        var captionHeight = lines * lineHeight + 6;

        using var canvas = new Mat(captionHeight + panelHeight, panels.Count * panelWidth + (panels.Count - 1) * Gap, MatType.CV_8UC3, Scalar.White);
        for (var i = 0; i < panels.Count; i++)
        {
            var left = i * (panelWidth + Gap);
            using (var bgr = ToBgr8(panels[i].Image))
            using (var scaled = new Mat())
            {
                Cv2.Resize(bgr, scaled, new Size(panelWidth, panelHeight), interpolation: InterpolationFlags.Nearest);
                using var target = new Mat(canvas, new Rect(left, captionHeight, panelWidth, panelHeight));
                scaled.CopyTo(target);
            }

            for (var line = 0; line < panels[i].Caption.Length; line++)
            {
                var origin = new Point(left + 4, (line + 1) * lineHeight);
                Cv2.PutText(canvas, panels[i].Caption[line], origin, Font, fontScale, Scalar.Black, thickness, LineTypes.AntiAlias);
            }
        }

        Cv2.ImEncode(".png", canvas, out var bytes);
        return bytes;
    }

    /// <summary>Writes the picture to <paramref name="path"/> through <see cref="AtomicFile"/>.</summary>
    public static void Write(string path, IReadOnlyList<Panel> panels) => AtomicFile.WriteAllBytes(path, Encode(panels));

    // 8-bit, no alpha (a transparent area would show the canvas colour anyway), grey widened to BGR.
    private static Mat ToBgr8(PlanarImage image)
    {
        var opaque = new PlanarImage(image.Channels, image.Height, image.Width, image.Pixels.ToArray(), bitDepth: 8);
        var mat = ImageIo.ToMat(opaque);
        if (mat.Channels() == 3)
        {
            return mat;
        }

        using (mat)
        {
            var bgr = new Mat();
            Cv2.CvtColor(mat, bgr, ColorConversionCodes.GRAY2BGR);
            return bgr;
        }
    }
}
