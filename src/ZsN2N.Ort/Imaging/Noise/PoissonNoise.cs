namespace ZsN2N.Ort.Imaging.Noise;

/// <summary>
/// Poisson (shot) noise as in the ZS-N2N notebook: <c>noisy = Poisson(peak·x) / peak</c>, where peak is the photon
/// count of a white pixel (e.g. 50). As in the notebook the result is not clamped, so values may exceed 1;
/// negative or NaN inputs count as 0. Immutable settings; <see cref="Apply"/> is deterministic for a
/// <see cref="Seed"/>: it draws from a fresh <c>System.Random(Seed)</c> in <c>[C, H, W]</c> order.
/// </summary>
public sealed class PoissonNoise
{
    /// <summary>Creates the settings.</summary>
    /// <param name="peak">Expected count at value 1; positive and finite.</param>
    /// <param name="seed">Seed of the random stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="peak"/> is not positive or not finite.</exception>
    public PoissonNoise(double peak, int seed)
    {
        if (!double.IsFinite(peak) || peak <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(peak), peak, "Peak must be positive and finite.");
        }

        Peak = peak;
        Seed = seed;
    }

    /// <summary>Expected count at value 1.</summary>
    public double Peak { get; }

    /// <summary>Seed of the random stream.</summary>
    public int Seed { get; }

    /// <summary>Returns a noisy copy; the input is not changed. Bit depth, alpha and source format are kept.</summary>
    /// <param name="image">The clean image.</param>
    /// <returns>A new image with values in multiples of 1/<see cref="Peak"/>, not clamped above.</returns>
    public PlanarImage Apply(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var sampler = new PoissonSampler(Seed);
        ReadOnlySpan<float> clean = image.Pixels;
        var noisy = new float[clean.Length];
        for (int i = 0; i < clean.Length; i++)
        {
            double lambda = clean[i] > 0 ? Peak * clean[i] : 0;
            noisy[i] = (float)(sampler.Next(lambda) / Peak);
        }

        return image.WithPixels(noisy);
    }
}
