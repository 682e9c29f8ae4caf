namespace ZsN2N.Ort;

/// <summary>The quality presets of <see cref="DenoiseOptions.WithQuality"/>.</summary>
public enum Quality
{
    /// <summary>The official ZS-N2N recipe: one model, its plain output.</summary>
    Official,

    /// <summary>
    /// <see cref="DenoiseOptions.HighQualityEnsembleSize"/> models from consecutive seeds, each averaged over the 8
    /// flips and rotations of the image: higher PSNR for that many times the training time (docs/quality.md).
    /// </summary>
    High,
}
