using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Models;

/// <summary>
/// Runs a denoiser over an image in overlapping tiles, so peak memory follows the tile size, not the image.
/// </summary>
/// <remarks>
/// An output pixel depends on the input pixels within the network's receptive-field radius, or halo (2 for the
/// paper's two 3×3 convolutions and a 1×1 one). Each tile is run with that many real neighbouring pixels on every
/// side that has them, and only its centre is kept, so every kept pixel sees exactly the inputs it sees in an
/// untiled run; the network's zero padding then only applies at the true image border, as untiled. The result
/// equals the untiled one up to float rounding of differently blocked convolutions (well under 1e-5).
/// <para>
/// A denoiser of pixel-shuffle sub-images (<see cref="PixelShuffleDenoiser"/>) groups pixels by the parity of their
/// row and column, so every tile is read from an even row and column (its alignment), as the whole image is; its halo
/// is a multiple of the alignment too.
/// </para>
/// </remarks>
internal static class TiledInference
{
    /// <summary>
    /// Denoises <paramref name="image"/> with <paramref name="session"/> in tiles of at most <paramref name="tileSize"/>
    /// kept pixels a side (0: one run), each read with <paramref name="halo"/> pixels of context (rounded up to a
    /// multiple of <paramref name="alignment"/>) from a row and column that are multiples of <paramref name="alignment"/>.
    /// </summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    public static PlanarImage Run(RuntimeSession session, PlanarImage image, int tileSize, int halo, int alignment, CancellationToken cancellationToken = default)
    {
        var output = new float[image.Pixels.Length];
        if (tileSize == 0 || (image.Height <= tileSize && image.Width <= tileSize))
        {
            RunOne(session, image.Pixels.ToArray(), output, image.Channels, image.Height, image.Width);
            return image.WithPixels(output);
        }

        // Near-equal tiles rather than full tiles and a sliver: fewer distinct shapes, no 1-pixel runs.
        var rows = Bounds(image.Height, tileSize, alignment);
        var columns = Bounds(image.Width, tileSize, alignment);
        halo = (halo + alignment - 1) / alignment * alignment;

        // Two buffers sized for the largest padded tile serve every tile, so the managed heap does not grow with the image.
        var largest = (long)image.Channels * (MaxSpan(rows) + 2 * halo) * (MaxSpan(columns) + 2 * halo);
        var input = new float[largest];
        var result = new float[largest];
        for (var i = 0; i + 1 < rows.Length; i++)
        {
            for (var j = 0; j + 1 < columns.Length; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunTile(session, image, output, input, result, halo, (rows[i], rows[i + 1]), (columns[j], columns[j + 1]));
            }
        }

        return image.WithPixels(output);
    }

    /// <summary>
    /// The tile edges along one axis: near-equal spans of at most <paramref name="tileSize"/>, as few as fit, every edge
    /// but the last a multiple of <paramref name="alignment"/>.
    /// </summary>
    internal static int[] Bounds(int length, int tileSize, int alignment = 1)
    {
        var units = (length + alignment - 1) / alignment;
        var unitsPerTile = tileSize / alignment;
        var count = (units + unitsPerTile - 1) / unitsPerTile;
        return Enumerable.Range(0, count + 1).Select(i => Math.Min(length, alignment * (int)((long)i * units / count))).ToArray();
    }

    private static int MaxSpan(int[] bounds) => Enumerable.Range(0, bounds.Length - 1).Max(i => bounds[i + 1] - bounds[i]);

    private static void RunTile(RuntimeSession session, PlanarImage image, float[] output, float[] input, float[] result, int halo,
        (int Top, int Bottom) rows, (int Left, int Right) columns)
    {
        var ((top, bottom), (left, right)) = (rows, columns);
        var inTop = Math.Max(0, top - halo);
        var inBottom = Math.Min(image.Height, bottom + halo);
        var inLeft = Math.Max(0, left - halo);
        var inRight = Math.Min(image.Width, right + halo);
        int channels = image.Channels, height = inBottom - inTop, width = inRight - inLeft;
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < height; y++)
            {
                image.GetRow(c, inTop + y).Slice(inLeft, width).CopyTo(input.AsSpan((c * height + y) * width, width));
            }
        }

        RunOne(session, input, result, channels, height, width);

        var keptWidth = right - left;
        for (var c = 0; c < channels; c++)
        {
            for (var y = top; y < bottom; y++)
            {
                result.AsSpan((c * height + y - inTop) * width + left - inLeft, keptWidth)
                    .CopyTo(output.AsSpan((c * image.Height + y) * image.Width + left, keptWidth));
            }
        }
    }

    // Runs the first channels x height x width values of pixels into output; both may be longer.
    private static void RunOne(RuntimeSession session, float[] pixels, float[] output, int channels, int height, int width)
    {
        long[] shape = [1, channels, height, width];
        var length = channels * height * width;
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels.AsMemory(0, length), shape);
        using var result = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output.AsMemory(0, length), shape);
        session.Run(InferenceGraph.ImageInput, input, shape, InferenceGraph.DenoisedOutput, result);
    }
}
