namespace ZsN2N.Ort.Imaging.Metrics;

/// <summary>
/// Mean structural similarity matching scikit-image's <c>structural_similarity(ref, test, data_range=1)</c> defaults
/// for float images (with <c>channel_axis</c> for colour): a 7×7 uniform window, K1 = 0.01, K2 = 0.03, sample
/// covariance (scaled by N/(N−1), N = 49), and per pixel
/// <c>S = (2·μx·μy + C1)(2·σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))</c> with C1 = K1², C2 = K2².
/// scikit-image filters with reflect padding and then crops (7−1)/2 = 3 pixels from every border before the mean;
/// the surviving windows never touch the padding, so this computes exactly those valid windows and skips padding.
/// Colour images score the mean of the per-channel means. Alpha is ignored.
/// </summary>
public static class Ssim
{
    /// <summary>Side of the square uniform window.</summary>
    public const int WindowSize = 7;

    private const double K1 = 0.01;
    private const double K2 = 0.03;
    private const double C1 = K1 * K1;
    private const double C2 = K2 * K2;
    private const int Quantities = 5; // Σx, Σy, Σx², Σy², Σxy

    /// <summary>Computes the mean SSIM.</summary>
    /// <param name="reference">The clean image.</param>
    /// <param name="test">The image to score; same <c>[C, H, W]</c>.</param>
    /// <returns>Mean SSIM, 1 for identical images.</returns>
    /// <exception cref="ArgumentException">The shapes differ, or a side is below <see cref="WindowSize"/>.</exception>
    public static double Compute(PlanarImage reference, PlanarImage test)
    {
        MetricGuards.RequireSameShape(reference, test);
        if (reference.Height < WindowSize || reference.Width < WindowSize)
        {
            throw new ArgumentException(
                $"SSIM needs both sides at least {WindowSize}; image is {reference.Width}x{reference.Height}.", nameof(reference));
        }

        // Ring buffer of horizontal window sums for the last WindowSize rows: [row slot, quantity, x].
        int outWidth = reference.Width - WindowSize + 1;
        var ring = new double[WindowSize * Quantities * outWidth];
        double total = 0;
        for (int c = 0; c < reference.Channels; c++)
        {
            total += ChannelMean(reference, test, c, ring, outWidth);
        }

        return total / reference.Channels;
    }

    private static double ChannelMean(PlanarImage reference, PlanarImage test, int channel, double[] ring, int outWidth)
    {
        const double n = WindowSize * WindowSize;
        const double covNorm = n / (n - 1);
        double sum = 0;
        for (int y = 0; y < reference.Height; y++)
        {
            Span<double> slot = ring.AsSpan(y % WindowSize * Quantities * outWidth, Quantities * outWidth);
            HorizontalSums(reference.GetRow(channel, y), test.GetRow(channel, y), slot, outWidth);
            if (y < WindowSize - 1)
            {
                continue;
            }

            for (int x = 0; x < outWidth; x++)
            {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int r = 0; r < WindowSize; r++)
                {
                    int baseIndex = r * Quantities * outWidth + x;
                    sx += ring[baseIndex];
                    sy += ring[baseIndex + outWidth];
                    sxx += ring[baseIndex + 2 * outWidth];
                    syy += ring[baseIndex + 3 * outWidth];
                    sxy += ring[baseIndex + 4 * outWidth];
                }

                double ux = sx / n, uy = sy / n;
                double vx = covNorm * (sxx / n - ux * ux);
                double vy = covNorm * (syy / n - uy * uy);
                double vxy = covNorm * (sxy / n - ux * uy);
                sum += (2 * ux * uy + C1) * (2 * vxy + C2) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
            }
        }

        return sum / ((double)(reference.Height - WindowSize + 1) * outWidth);
    }

    private static void HorizontalSums(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<double> slot, int outWidth)
    {
        for (int x = 0; x < outWidth; x++)
        {
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int k = x; k < x + WindowSize; k++)
            {
                double p = a[k], q = b[k];
                sx += p;
                sy += q;
                sxx += p * p;
                syy += q * q;
                sxy += p * q;
            }

            slot[x] = sx;
            slot[outWidth + x] = sy;
            slot[2 * outWidth + x] = sxx;
            slot[3 * outWidth + x] = syy;
            slot[4 * outWidth + x] = sxy;
        }
    }
}
