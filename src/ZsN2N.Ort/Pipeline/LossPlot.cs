using System.Globalization;
using OpenCvSharp;
using ZsN2N.Ort.Files;

namespace ZsN2N.Ort.Pipeline;

/// <summary>
/// The training-loss curve as a PNG: loss per step on a logarithmic axis (the ZS-N2N loss falls by
/// orders of magnitude early on, then flattens), with the first and last step and the smallest and largest loss
/// labelled. Drawn with OpenCV lines and Hershey text, so it needs no plotting library.
/// </summary>
public static class LossPlot
{
    private const int Width = 800;
    private const int Height = 480;
    private const int Left = 110;
    private const int Right = 30;
    private const int Top = 50;
    private const int Bottom = 60;
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;

    /// <summary>The plot as PNG bytes.</summary>
    /// <param name="losses">Loss per training step, step 1 first; at least one value.</param>
    /// <param name="title">Shown above the plot, e.g. the image's name.</param>
    /// <exception cref="ArgumentException">No losses.</exception>
    public static byte[] Encode(IReadOnlyList<float> losses, string title)
    {
        ArgumentOutOfRangeException.ThrowIfZero(losses.Count);
        var finite = losses.Where(v => float.IsFinite(v) && v > 0).ToArray();
        var logScale = finite.Length == losses.Count;
        Func<double, double> axis = logScale ? Math.Log10 : v => v;
        double min = losses.Where(float.IsFinite).DefaultIfEmpty(0).Min();
        double max = losses.Where(float.IsFinite).DefaultIfEmpty(1).Max();
        var (low, high) = (axis(min), axis(max));
        if (high - low < 1e-12)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int step) => Left + (losses.Count == 1 ? 0 : (double)step / (losses.Count - 1) * plotWidth);
        double Y(double loss) => Top + (1 - (axis(loss) - low) / (high - low)) * plotHeight;

        using var canvas = new Mat(Height, Width, MatType.CV_8UC3, Scalar.White);
        var grey = new Scalar(160, 160, 160);
        Cv2.Rectangle(canvas, new Point(Left, Top), new Point(Left + plotWidth, Top + plotHeight), grey, 1);

        // One point per horizontal pixel at most: the mean over the steps it covers keeps a 10^6-step curve readable.
        var points = new List<Point>();
        var perPixel = Math.Max(1, (int)Math.Ceiling(losses.Count / (double)plotWidth));
        for (var start = 0; start < losses.Count; start += perPixel)
        {
            var end = Math.Min(losses.Count, start + perPixel);
            var values = Enumerable.Range(start, end - start).Select(i => (double)losses[i]).Where(double.IsFinite).ToArray();
            if (values.Length > 0)
            {
                points.Add(new Point(X((start + end - 1) / 2), Y(values.Average())));
            }
        }

        if (points.Count == 1)
        {
            Cv2.Circle(canvas, points[0], 3, new Scalar(180, 90, 30), -1, LineTypes.AntiAlias);
        }
        else
        {
            Cv2.Polylines(canvas, [points], isClosed: false, new Scalar(180, 90, 30), 2, LineTypes.AntiAlias);
        }

        var black = Scalar.Black;
        Text(canvas, title, new Point(Left, 32), 0.7, black);
        Text(canvas, Number(max), new Point(8, Top + 6), 0.5, black);
        Text(canvas, Number(min), new Point(8, Top + plotHeight), 0.5, black);
        Text(canvas, logScale ? "loss (log)" : "loss", new Point(8, Top + plotHeight / 2), 0.5, black);
        Text(canvas, "1", new Point(Left - 4, Top + plotHeight + 22), 0.5, black);
        var last = losses.Count.ToString(CultureInfo.InvariantCulture);
        var lastWidth = Cv2.GetTextSize(last, Font, 0.5, 1, out _).Width;
        Text(canvas, last, new Point(Left + plotWidth - lastWidth, Top + plotHeight + 22), 0.5, black);
        Text(canvas, "training step", new Point(Left + plotWidth / 2 - 50, Top + plotHeight + 48), 0.5, black);

        Cv2.ImEncode(".png", canvas, out var bytes);
        return bytes;
    }

    /// <summary>Writes the plot to <paramref name="path"/> through <see cref="AtomicFile"/>.</summary>
    public static void Write(string path, IReadOnlyList<float> losses, string title) => AtomicFile.WriteAllBytes(path, Encode(losses, title));

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static void Text(Mat canvas, string text, Point origin, double scale, Scalar colour) =>
        Cv2.PutText(canvas, text, origin, Font, scale, colour, 1, LineTypes.AntiAlias);
}
