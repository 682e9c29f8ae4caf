using System.Numerics;
using OpenCvSharp;

namespace ZsN2N.Ort.Imaging;

/// <summary>
/// Row-wise copies between interleaved OpenCV rows (B, G, R[, A], or Gray[, A]) and <see cref="PlanarImage"/> planes.
/// Integers map to 0..1 by /255 or /65535; back by ×255 or ×65535 with round-half-up after clamping to [0, 1]
/// (NaN → 0). Float sources are clamped the same way and stored as 16-bit.
/// </summary>
internal static class PixelConversion
{
    /// <summary>Copies a continuous or strided Mat of <typeparamref name="TPixel"/> into a new image, dividing samples by <paramref name="divisor"/>.</summary>
    public static unsafe PlanarImage ToPlanar<TPixel>(Mat mat, int channels, bool hasAlpha, int bitDepth, float divisor, ImageFormat format)
        where TPixel : unmanaged, INumberBase<TPixel>
    {
        int height = mat.Rows;
        int width = mat.Cols;
        int stride = mat.Channels();
        ushort[]? alpha = hasAlpha ? new ushort[height * width] : null;
        var image = new PlanarImage(channels, height, width, new float[channels * height * width], bitDepth, alpha, format);
        for (int y = 0; y < height; y++)
        {
            var source = new ReadOnlySpan<TPixel>((void*)mat.Ptr(y), width * stride);
            for (int c = 0; c < channels; c++)
            {
                // OpenCV rows are BGR(A); planes are RGB.
                int offset = channels == 3 ? 2 - c : 0;
                Span<float> row = image.GetRow(c, y);
                for (int x = 0; x < width; x++)
                {
                    row[x] = Clamp01(float.CreateTruncating(source[x * stride + offset]) / divisor);
                }
            }

            if (alpha is not null)
            {
                Span<ushort> alphaRow = alpha.AsSpan(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    TPixel a = source[x * stride + stride - 1];
                    alphaRow[x] = typeof(TPixel) == typeof(float)
                        ? ToUInt16(float.CreateTruncating(a))
                        : ushort.CreateTruncating(a);
                }
            }
        }

        return image;
    }

    /// <summary>True when every pixel of a 4-channel Mat has B = G = R.</summary>
    public static unsafe bool IsGrayBgra<TPixel>(Mat mat)
        where TPixel : unmanaged, INumberBase<TPixel>
    {
        int rows = mat.Rows;
        int length = mat.Cols * 4;
        for (int y = 0; y < rows; y++)
        {
            var source = new ReadOnlySpan<TPixel>((void*)mat.Ptr(y), length);
            for (int i = 0; i < source.Length; i += 4)
            {
                if (source[i] != source[i + 1] || source[i] != source[i + 2])
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Builds a Mat at <paramref name="bitDepth"/> with 1, 3 or 4 channels: gray, BGR, or BGRA (gray with alpha is
    /// widened to BGRA because OpenCV encoders take no two-channel images). The caller disposes it.
    /// </summary>
    public static unsafe Mat FromPlanar(PlanarImage image, int bitDepth, bool includeAlpha)
    {
        bool alpha = includeAlpha && image.HasAlpha;
        int stride = alpha ? 4 : image.Channels;
        var mat = new Mat(image.Height, image.Width, bitDepth == 8 ? MatType.CV_8UC(stride) : MatType.CV_16UC(stride));
        try
        {
            for (int y = 0; y < image.Height; y++)
            {
                if (bitDepth == 8)
                {
                    WriteRow(image, y, new Span<byte>((void*)mat.Ptr(y), image.Width * stride), stride, alpha);
                }
                else
                {
                    WriteRow(image, y, new Span<ushort>((void*)mat.Ptr(y), image.Width * stride), stride, alpha);
                }
            }

            return mat;
        }
        catch
        {
            mat.Dispose();
            throw;
        }
    }

    private static void WriteRow<TPixel>(PlanarImage image, int y, Span<TPixel> target, int stride, bool alpha)
        where TPixel : unmanaged, INumberBase<TPixel>
    {
        float max = typeof(TPixel) == typeof(byte) ? byte.MaxValue : ushort.MaxValue;
        int colourSlots = alpha ? 3 : image.Channels;
        for (int slot = 0; slot < colourSlots; slot++)
        {
            // Slot order is B, G, R; a gray image fills every colour slot from its single plane.
            ReadOnlySpan<float> row = image.GetRow(image.Channels == 3 ? 2 - slot : 0, y);
            for (int x = 0; x < row.Length; x++)
            {
                target[x * stride + slot] = TPixel.CreateTruncating(Clamp01(row[x]) * max + 0.5f);
            }
        }

        if (alpha)
        {
            ReadOnlySpan<ushort> alphaRow = image.GetAlphaRow(y);
            bool narrow = typeof(TPixel) == typeof(byte) && image.BitDepth == 16;
            for (int x = 0; x < alphaRow.Length; x++)
            {
                // 65535 / 255 = 257 exactly, so (a + 128) / 257 rounds 16-bit alpha to 8 bits.
                int a = narrow ? (alphaRow[x] + 128) / 257 : alphaRow[x];
                target[x * stride + 3] = TPixel.CreateTruncating(a);
            }
        }
    }

    /// <summary>Clamps to [0, 1]; NaN becomes 0.</summary>
    public static float Clamp01(float value) => value > 0f ? (value < 1f ? value : 1f) : 0f;

    private static ushort ToUInt16(float value) => (ushort)(Clamp01(value) * ushort.MaxValue + 0.5f);
}
