using System.Globalization;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Pipeline;

/// <summary>
/// PSNR (dB, data range 1) and SSIM of the denoised image as written and of the noisy input, both against the clean
/// reference, as scikit-image computes them.
/// </summary>
/// <param name="Psnr">The denoised image's PSNR.</param>
/// <param name="Ssim">The denoised image's mean SSIM.</param>
/// <param name="NoisyPsnr">The noisy input's PSNR, for comparison.</param>
/// <param name="NoisySsim">The noisy input's mean SSIM.</param>
public sealed record ImageScores(double Psnr, double Ssim, double NoisyPsnr, double NoisySsim)
{
    /// <summary>The scores of <paramref name="denoised"/> and <paramref name="noisy"/> against <paramref name="clean"/>, all of one size.</summary>
    /// <exception cref="ArgumentException">The images differ in size or channels.</exception>
    public static ImageScores Of(PlanarImage clean, PlanarImage noisy, PlanarImage denoised) =>
        new(Psnr: Imaging.Metrics.Psnr.Compute(clean, denoised), Ssim: Imaging.Metrics.Ssim.Compute(clean, denoised),
            NoisyPsnr: Imaging.Metrics.Psnr.Compute(clean, noisy), NoisySsim: Imaging.Metrics.Ssim.Compute(clean, noisy));

    /// <summary>A caption with a PSNR and an SSIM, e.g. <c>PSNR 28.14 dB  SSIM 0.8121</c>.</summary>
    public static string Caption(double psnr, double ssim) =>
        string.Create(CultureInfo.InvariantCulture, $"PSNR {psnr:F2} dB  SSIM {ssim:F4}");
}
