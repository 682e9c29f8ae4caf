namespace ZsN2N.Ort.Imaging.Noise;

/// <summary>
/// Additive white Gaussian noise as in the ZS-N2N notebook: <c>noisy = clamp(x + σ·n, 0, 1)</c> with n ~ N(0, 1)
/// drawn independently per value. σ is in 0..1 units (σ = 25/255 for the usual "σ = 25"). Immutable settings;
/// <see cref="Apply"/> is deterministic for a <see cref="Seed"/>: it draws from a fresh
/// <c>System.Random(Seed)</c> by Box–Muller, in <c>[C, H, W]</c> order, so the same seed gives the same bits.
/// </summary>
public sealed class GaussianNoise
{
    /// <summary>Creates the settings.</summary>
    /// <param name="sigma">Standard deviation in 0..1 units; finite and not negative.</param>
    /// <param name="seed">Seed of the random stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is negative, NaN or infinite.</exception>
    public GaussianNoise(double sigma, int seed)
    {
        if (!double.IsFinite(sigma) || sigma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Sigma must be finite and not negative.");
        }

        Sigma = sigma;
        Seed = seed;
    }

    /// <summary>Standard deviation in 0..1 units.</summary>
    public double Sigma { get; }

    /// <summary>Seed of the random stream.</summary>
    public int Seed { get; }

    /// <summary>Returns a noisy copy; the input is not changed. Bit depth, alpha and source format are kept.</summary>
    /// <param name="image">The clean image.</param>
    /// <returns>A new image with values clamped to [0, 1].</returns>
    public PlanarImage Apply(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var sampler = new NormalSampler(Seed);
        ReadOnlySpan<float> clean = image.Pixels;
        var noisy = new float[clean.Length];
        for (int i = 0; i < clean.Length; i++)
        {
            noisy[i] = PixelConversion.Clamp01((float)(clean[i] + Sigma * sampler.Next()));
        }

        return image.WithPixels(noisy);
    }
}
