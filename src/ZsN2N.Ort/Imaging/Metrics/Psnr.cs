namespace ZsN2N.Ort.Imaging.Metrics;

/// <summary>
/// Peak signal-to-noise ratio with data range 1: <c>10·log10(1 / MSE)</c>, the MSE taken over every colour value of
/// every channel (alpha is ignored), accumulated in double precision. Matches scikit-image's
/// <c>peak_signal_noise_ratio(ref, test, data_range=1)</c>.
/// </summary>
public static class Psnr
{
    /// <summary>Computes the PSNR in dB.</summary>
    /// <param name="reference">The clean image.</param>
    /// <param name="test">The image to score; same <c>[C, H, W]</c>.</param>
    /// <returns>PSNR in dB; <see cref="double.PositiveInfinity"/> for identical images.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static double Compute(PlanarImage reference, PlanarImage test)
    {
        MetricGuards.RequireSameShape(reference, test);
        ReadOnlySpan<float> a = reference.Pixels;
        ReadOnlySpan<float> b = test.Pixels;
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }

        double mse = sum / a.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(1 / mse);
    }
}
