namespace ZsN2N.Ort.Options;

/// <summary>
/// Whether a training step sees the whole image or random crops of it. Crops bound the cost and memory of a step by the
/// crop, not the image (docs/large-images.md). The default, <see cref="PatchTrainingMode.Auto"/>, uses crops above
/// <see cref="ThresholdPixels"/>.
/// </summary>
public sealed record PatchTrainingOptions
{
    /// <summary>Default <see cref="Size"/>: the crop side chosen by measurement in docs/large-images.md.</summary>
    public const int DefaultSize = 128;

    /// <summary>Default <see cref="Count"/>: the crops per step chosen by measurement in docs/large-images.md.</summary>
    public const int DefaultCount = 2;

    /// <summary>Default <see cref="LearningRateFactor"/>, chosen by measurement in docs/large-images.md.</summary>
    public const float DefaultLearningRateFactor = 2f;

    /// <summary>Default <see cref="ThresholdPixels"/>: 512 x 512 pixels.</summary>
    public const long DefaultThresholdPixels = 512L * 512;

    /// <summary>When steps see crops: above <see cref="ThresholdPixels"/> (the default), always, or never.</summary>
    public PatchTrainingMode Mode { get; init; } = PatchTrainingMode.Auto;

    /// <summary>Side of the square crops, even; a side of the image shorter than it is taken whole.</summary>
    public int Size { get; init; } = DefaultSize;

    /// <summary>Random crops each step sees, their loss one mean over all of them.</summary>
    public int Count { get; init; } = DefaultCount;

    /// <summary>
    /// Patch training runs at the schedule's learning rate times this: the gradient of a few crops is a noisy sample of
    /// the whole image's, and Adam divides each step by the gradient's running magnitude, noise included, so at the same
    /// learning rate crops take smaller steps and end up short of the whole image's result (docs/large-images.md).
    /// </summary>
    public float LearningRateFactor { get; init; } = DefaultLearningRateFactor;

    /// <summary>Images with more pixels than this train on crops when <see cref="Mode"/> is <see cref="PatchTrainingMode.Auto"/>.</summary>
    public long ThresholdPixels { get; init; } = DefaultThresholdPixels;
}
