using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Ort.Options;

/// <summary>
/// How one image is denoised, in parts: the training <see cref="Schedule"/>, the <see cref="Network"/>, the
/// <see cref="Ensemble"/> the output averages over, <see cref="PatchTraining"/> for large images, the <see cref="Noise"/>
/// it expects, the <see cref="Execution"/> (device, threads, tiles) and the <see cref="Limits"/>. The defaults are the official ZS-N2N
/// notebook's recipe: 3000 Adam steps at learning rate 1e-3, halved every 1000, the paper's network with 48 features.
/// Every range is in <see cref="OptionRanges"/>; <see cref="Validate"/> checks them all.
/// </summary>
public sealed record DenoiseOptions
{
    /// <summary>The largest shift of <see cref="ShiftAugmentation"/>, in pixels.</summary>
    public const int ShiftAugmentationPixels = 2;

    /// <summary>How long training runs and at which learning rates.</summary>
    public ScheduleOptions Schedule { get; init; } = new();

    /// <summary>The noise predictor trained.</summary>
    public NetworkOptions Network { get; init; } = new();

    /// <summary>The models and transforms the output averages over.</summary>
    public EnsembleOptions Ensemble { get; init; } = new();

    /// <summary>Whether steps see the whole image or random crops of it.</summary>
    public PatchTrainingOptions PatchTraining { get; init; } = new();

    /// <summary>The noise the image is expected to hold: pixel-independent (the default), a camera's, or estimated per image.</summary>
    public NoiseOptions Noise { get; init; } = new();

    /// <summary>
    /// Train each step on the image shifted by a random 0 to <see cref="ShiftAugmentationPixels"/> pixels down and
    /// right (a random crop that much smaller; with patch training, crops at any origin): the pair downsampler's 2×2
    /// grid moves with the shift, so the network sees other pixel pairs from step to step instead of the same
    /// ones, and fits the noise of one pairing less (docs/quality.md).
    /// </summary>
    public bool ShiftAugmentation { get; init; }

    /// <summary>Seed of the initial weights (and of the crops); the same seed and thread count give the same output bits.</summary>
    public ulong Seed { get; init; }

    /// <summary>Device, threads, inference tiles and progress reports.</summary>
    public ExecutionOptions Execution { get; init; } = new();

    /// <summary>The input image's size limits and the memory a run may plan to use.</summary>
    public LimitOptions Limits { get; init; } = new();

    /// <summary>These options with the training schedule of <paramref name="preset"/> (steps, learning rate, decay).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a <see cref="Preset"/>.</exception>
    public DenoiseOptions WithPreset(Preset preset) => this with { Schedule = ScheduleOptions.For(preset) };

    /// <summary>These options with the network, ensemble and shift-augmentation settings of <paramref name="quality"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> is not a <see cref="Quality"/>.</exception>
    public DenoiseOptions WithQuality(Quality quality) => quality switch
    {
        Quality.Official => this with
        {
            Network = Network with { Kind = NetworkKind.Paper },
            Ensemble = new EnsembleOptions(),
            ShiftAugmentation = false,
        },
        Quality.High => this with
        {
            Network = Network with { Kind = NetworkKind.Deep },
            Ensemble = new EnsembleOptions { Models = EnsembleOptions.HighQualityModels, SelfEnsemble = true },
            ShiftAugmentation = true,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(quality), quality, "Quality must be Official or High."),
    };

    /// <summary>Checks every value against <see cref="OptionRanges"/>.</summary>
    /// <exception cref="InvalidOptionException">A value is out of range (the first in <see cref="OptionRanges.All"/>'s order); it names the option, the value and the range.</exception>
    /// <exception cref="ArgumentNullException">A part is null.</exception>
    public void Validate()
    {
        if (OptionRanges.Check(this) is [var first, ..])
        {
            throw first;
        }
    }
}
