using System.Globalization;

namespace ZsN2N.Ort.Imaging.Noise;

/// <summary>
/// What <see cref="NoiseEstimator"/> found in a noisy image: how correlated its noise is between neighbouring pixels,
/// and how strong it is. Values are in 0..1 units of the pixel values.
/// </summary>
/// <param name="Ratio">
/// The ratio of lag-1 to lag-2 second-difference energies in the image's flattest blocks: about 1 for
/// pixel-independent noise (Gaussian, Poisson), about 0.45 for a camera's bilinear demosaicing, 0.6 after JPEG.
/// </param>
/// <param name="Sigma1">The noise level seen from each pixel's immediate neighbours (lag 1).</param>
/// <param name="Sigma2">The noise level seen from pixels two apart (lag 2): what a network on the pixel-shuffle sub-images sees.</param>
public sealed record NoiseEstimate(double Ratio, double Sigma1, double Sigma2)
{
    /// <summary>
    /// <see cref="Ratio"/> below this reads as spatially correlated noise. Measured on whole images (docs/camera-noise.md):
    /// every Gaussian and Poisson image of the development set at 0.909 or more, every camera-pipeline image at 0.700 or
    /// less; the threshold sits in the middle of that gap.
    /// </summary>
    public const double CorrelatedBelow = 0.80;

    /// <summary>Whether the noise is spatially correlated (<see cref="Ratio"/> below <see cref="CorrelatedBelow"/>).</summary>
    public bool IsCorrelated => Ratio < CorrelatedBelow;

    /// <summary>For people: "correlated noise (ratio 0.46, level 8.9/255)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(IsCorrelated ? "correlated" : "pixel-independent")} noise (ratio {Ratio:F2}, level {Sigma2 * 255:F1}/255)");
}
