using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Ort.Options;

/// <summary>The quality presets of <see cref="DenoiseOptions.WithQuality"/>.</summary>
public enum Quality
{
    /// <summary>The official ZS-N2N recipe: one model, its plain output.</summary>
    Official,

    /// <summary>
    /// The deep network (<see cref="NetworkKind.Deep"/>, a third 3x3 convolution) with shift-augmented training
    /// (<see cref="DenoiseOptions.ShiftAugmentation"/>), <see cref="EnsembleOptions.HighQualityModels"/> model(s),
    /// and its output averaged over the 8 flips and rotations of the image (<see cref="EnsembleOptions.SelfEnsemble"/>);
    /// about 1.7 times the official training time. What it gains and costs: docs/quality.md.
    /// </summary>
    High,
}
