namespace ZsN2N.QualityBench;

/// <summary>One scored output: an image of a noise type, denoised by the first <paramref name="Models"/> seeds of a set, with or without the self-ensemble.</summary>
/// <param name="Noise">The noise folder, e.g. <c>noisy_g25</c>.</param>
/// <param name="Image">The image name without extension.</param>
/// <param name="Set">The training flags: <c>official</c>, <c>shift</c> or <c>deep-shift</c>.</param>
/// <param name="Models">How many seeds' models are averaged.</param>
/// <param name="SelfEnsemble">Whether each model's output is averaged over the 8 flips and rotations.</param>
/// <param name="Psnr">PSNR against the clean image, as written to PNG.</param>
/// <param name="Ssim">SSIM against the clean image, as written to PNG.</param>
/// <param name="Seconds">Training seconds of the models plus the inference.</param>
internal sealed record Row(string Noise, string Image, string Set, int Models, bool SelfEnsemble, double Psnr, double Ssim, double Seconds)
{
    /// <summary>The variant's name in the tables, e.g. <c>deep-shift, 3 models + self-ensemble</c>.</summary>
    public string Variant => Set + (Models == 1 ? "" : $", {Models} models") + (SelfEnsemble ? " + self-ensemble" : "");
}
