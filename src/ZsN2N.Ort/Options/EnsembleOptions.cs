using ZsN2N.Ort.Models;

namespace ZsN2N.Ort.Options;

/// <summary>What the output averages over: several trained models, and each model's output over the image's flips and rotations.</summary>
public sealed record EnsembleOptions
{
    /// <summary>The <see cref="Models"/> of <see cref="Quality.High"/>: 1, since seed ensembles did not pay for their extra trainings so far (docs/quality.md).</summary>
    public const int HighQualityModels = 1;

    /// <summary>
    /// Models trained on the image, from seeds <see cref="DenoiseOptions.Seed"/>, <see cref="DenoiseOptions.Seed"/> + 1, …;
    /// the output is the mean of theirs. 1 (the default) is the official recipe; each more model costs one more training
    /// (docs/quality.md).
    /// </summary>
    public int Models { get; init; } = 1;

    /// <summary>
    /// Average each model's output over the 8 flips and 90-degree rotations of the image (the transformed outputs
    /// transformed back): 8 inference passes, no extra training (docs/quality.md).
    /// </summary>
    public bool SelfEnsemble { get; init; }

    /// <summary>The outputs averaged for each pixel: <see cref="Models"/>, times 8 with <see cref="SelfEnsemble"/>.</summary>
    public int Outputs => Models * (SelfEnsemble ? DihedralTransform.All.Count : 1);
}
