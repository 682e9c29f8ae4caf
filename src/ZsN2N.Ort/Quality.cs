namespace ZsN2N.Ort;

/// <summary>The quality presets of <see cref="DenoiseOptions.WithQuality"/>.</summary>
public enum Quality
{
    /// <summary>The official ZS-N2N recipe: one model, its plain output.</summary>
    Official,

    /// <summary>
    /// Shift-augmented training (<see cref="DenoiseOptions.ShiftAugmentation"/>) of
    /// <see cref="DenoiseOptions.HighQualityEnsembleSize"/> model(s), without the self-ensemble, which lowered the
    /// PSNR of shift-augmented models on most images measured; what it gains and costs: docs/quality.md.
    /// </summary>
    High,
}
