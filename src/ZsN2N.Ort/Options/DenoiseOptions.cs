using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Options;

/// <summary>
/// How one image is denoised. The defaults are the official ZS-N2N notebook's recipe: 3000 Adam steps at
/// learning rate 1e-3, halved every 1000 steps, network width 48.
/// </summary>
public sealed record DenoiseOptions
{
    /// <summary>Training steps (the notebook's epochs: one step sees the whole image).</summary>
    public int Iterations { get; init; } = 3000;

    /// <summary>Adam's initial learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Steps between learning-rate decays.</summary>
    public int StepSize { get; init; } = 1000;

    /// <summary>Learning-rate factor at each decay.</summary>
    public float Gamma { get; init; } = 0.5f;

    /// <summary>Feature channels of the hidden layers.</summary>
    public int Width { get; init; } = 48;

    /// <summary>The noise predictor trained: the paper's (the default) or a deeper one (docs/quality.md).</summary>
    public NetworkKind Network { get; init; } = NetworkKind.Paper;

    /// <summary>Seed of the initial weights; the same seed and thread count give the same output bits.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Models trained on the image, from seeds <see cref="Seed"/>, <see cref="Seed"/> + 1, …; the output is the mean of
    /// theirs. 1 (the default) is the official recipe; each more model costs one more training (docs/quality.md).
    /// </summary>
    public int EnsembleSize { get; init; } = 1;

    /// <summary>
    /// Train each step on the image shifted by a random 0 to <see cref="ShiftAugmentationPixels"/> pixels down and
    /// right (a random crop that much smaller; with patch training, crops at any origin): the pair downsampler's 2×2
    /// grid moves with the shift, so the network sees other pixel pairs from step to step instead of the same
    /// ones, and fits the noise of one pairing less (docs/quality.md).
    /// </summary>
    public bool ShiftAugmentation { get; init; }

    /// <summary>The largest shift of <see cref="ShiftAugmentation"/>, in pixels.</summary>
    public const int ShiftAugmentationPixels = 2;

    /// <summary>
    /// Average each model's output over the 8 flips and 90-degree rotations of the image (the transformed outputs
    /// transformed back): 8 inference passes, no extra training (docs/quality.md).
    /// </summary>
    public bool SelfEnsemble { get; init; }

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The execution provider.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    /// <summary>Size limits applied before an input image is decoded.</summary>
    public ImageLimits Limits { get; init; } = new();

    /// <summary>Steps between progress reports (the last step is always reported).</summary>
    public int ProgressInterval { get; init; } = 10;

    /// <summary>The <see cref="EnsembleSize"/> of <see cref="Quality.High"/>: 1, since seed ensembles did not pay for their extra trainings so far (docs/quality.md).</summary>
    public const int HighQualityEnsembleSize = 1;

    /// <summary>These options with the network and ensemble settings of <paramref name="quality"/>.</summary>
    public DenoiseOptions WithQuality(Quality quality) => quality switch
    {
        Quality.Official => this with { Network = NetworkKind.Paper, EnsembleSize = 1, SelfEnsemble = false, ShiftAugmentation = false },
        Quality.High => this with { Network = NetworkKind.Deep, EnsembleSize = HighQualityEnsembleSize, SelfEnsemble = true, ShiftAugmentation = true },
        _ => throw new ArgumentOutOfRangeException(nameof(quality), quality, "Quality must be Official or High."),
    };

    /// <summary>The <see cref="Iterations"/> of <see cref="Preset.Fast"/>.</summary>
    public const int FastIterations = 1500;

    /// <summary>The <see cref="StepSize"/> of <see cref="Preset.Fast"/>: the official three learning rates over its steps.</summary>
    public const int FastStepSize = 500;

    /// <summary>These options with the training schedule of <paramref name="preset"/> (steps, learning rate, decay).</summary>
    public DenoiseOptions WithPreset(Preset preset) => preset switch
    {
        Preset.Official => this with { Iterations = 3000, LearningRate = 1e-3f, StepSize = 1000, Gamma = 0.5f },
        Preset.Fast => this with { Iterations = FastIterations, LearningRate = 1e-3f, StepSize = FastStepSize, Gamma = 0.5f },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Preset must be Official or Fast."),
    };

    /// <summary>Default <see cref="PatchSize"/>: the crop side chosen by measurement in docs/large-images.md.</summary>
    public const int DefaultPatchSize = 128;

    /// <summary>Default <see cref="PatchThresholdPixels"/>: 512 x 512 pixels.</summary>
    public const long DefaultPatchThresholdPixels = 512L * 512;

    /// <summary>
    /// Inference runs in overlapping tiles of at most this many kept pixels a side, so its memory follows the
    /// tile, not the image; the result equals the untiled one to within 1e-5. 0 runs the whole image at once.
    /// </summary>
    public int TileSize { get; init; } = DenoiserModel.DefaultTileSize;

    /// <summary>
    /// Whether a training step sees the whole image or a random <see cref="PatchSize"/> crop of it. The default,
    /// <see cref="PatchTrainingMode.Auto"/>, uses crops above <see cref="PatchThresholdPixels"/>; the result says
    /// which was used.
    /// </summary>
    public PatchTrainingMode PatchTraining { get; init; } = PatchTrainingMode.Auto;

    /// <summary>Side of the square crops of patch training, even; a side of the image shorter than it is taken whole.</summary>
    public int PatchSize { get; init; } = DefaultPatchSize;

    /// <summary>Default <see cref="PatchCount"/>: the crops per step chosen by measurement in docs/large-images.md.</summary>
    public const int DefaultPatchCount = 2;

    /// <summary>Random crops each step of patch training sees, their loss one mean over all of them.</summary>
    public int PatchCount { get; init; } = DefaultPatchCount;

    /// <summary>Default <see cref="PatchLearningRateFactor"/>, chosen by measurement in docs/large-images.md.</summary>
    public const float DefaultPatchLearningRateFactor = 2f;

    /// <summary>
    /// Patch training runs at <see cref="LearningRate"/> times this: the gradient of a few crops is a noisy sample of the
    /// whole image's, and Adam divides each step by the gradient's running magnitude, noise included, so at the same
    /// learning rate crops take smaller steps and end up short of the whole image's result (docs/large-images.md).
    /// </summary>
    public float PatchLearningRateFactor { get; init; } = DefaultPatchLearningRateFactor;

    /// <summary>Images with more pixels than this train on crops when <see cref="PatchTraining"/> is <see cref="PatchTrainingMode.Auto"/>.</summary>
    public long PatchThresholdPixels { get; init; } = DefaultPatchThresholdPixels;

    /// <summary>
    /// The most memory a run may be estimated to need, in bytes, or null for
    /// the default (a fraction of this machine's memory, <c>Planning.MemoryBudget</c>). A run over it is refused
    /// before it starts, with a message naming the options to change.
    /// </summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The learning-rate schedule these options describe.</summary>
    internal StepLrSchedule Schedule => new(LearningRate, StepSize, Gamma);

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        ThrowIfOutside(nameof(Iterations), Iterations, 1, 10_000_000);
        ThrowIfOutside(nameof(StepSize), StepSize, 1, int.MaxValue);
        ThrowIfOutside(nameof(Width), Width, 1, 1024);
        ThrowIfOutside(nameof(EnsembleSize), EnsembleSize, 1, 64);
        ThrowIfOutside(nameof(Threads), Threads, 1, 1024);
        ThrowIfOutside(nameof(ProgressInterval), ProgressInterval, 1, int.MaxValue);
        if (TileSize != 0)
        {
            ThrowIfOutside(nameof(TileSize), TileSize, DenoiserModel.MinTileSize, DenoiserModel.MaxTileSize);
        }

        ThrowIfOutside(nameof(PatchSize), PatchSize, 16, 65_536);
        ThrowIfOutside(nameof(PatchCount), PatchCount, 1, 256);
        if (PatchSize % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PatchSize), PatchSize, "PatchSize must be even, so crops keep the pair downsampler's 2x2 blocks.");
        }

        if (!Enum.IsDefined(Network))
        {
            throw new ArgumentOutOfRangeException(nameof(Network), Network, "Network must be Paper or Deep.");
        }

        if (!Enum.IsDefined(PatchTraining))
        {
            throw new ArgumentOutOfRangeException(nameof(PatchTraining), PatchTraining, "PatchTraining must be Auto, Always or Never.");
        }

        if (PatchThresholdPixels < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(PatchThresholdPixels), PatchThresholdPixels, "PatchThresholdPixels must be at least 4.");
        }

        if (MemoryLimitBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryLimitBytes), MemoryLimitBytes, "MemoryLimitBytes must be positive (or null for the default).");
        }
        if (!float.IsFinite(LearningRate) || LearningRate <= 0 || LearningRate > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be in (0, 10].");
        }

        if (!float.IsFinite(PatchLearningRateFactor) || PatchLearningRateFactor <= 0 || PatchLearningRateFactor > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(PatchLearningRateFactor), PatchLearningRateFactor, "PatchLearningRateFactor must be in (0, 100].");
        }

        if (!float.IsFinite(Gamma) || Gamma <= 0 || Gamma > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "Gamma must be in (0, 1].");
        }

        ArgumentNullException.ThrowIfNull(Limits);
    }

    private static void ThrowIfOutside(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}
