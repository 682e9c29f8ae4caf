namespace ZsN2N.Ort.Options;

/// <summary>
/// How long training runs and at which learning rates: Adam for <see cref="Iterations"/> steps from
/// <see cref="LearningRate"/>, times <see cref="Gamma"/> every <see cref="StepSize"/> steps (PyTorch's StepLR). The
/// defaults are the official ZS-N2N notebook's: 3000 steps at 1e-3, halved every 1000.
/// </summary>
public sealed record ScheduleOptions
{
    /// <summary>The <see cref="Iterations"/> of <see cref="Preset.Fast"/>.</summary>
    public const int FastIterations = 1500;

    /// <summary>The <see cref="StepSize"/> of <see cref="Preset.Fast"/>: the official three learning rates over its steps.</summary>
    public const int FastStepSize = 500;

    /// <summary>Training steps (the notebook's epochs: one step sees the whole image).</summary>
    public int Iterations { get; init; } = 3000;

    /// <summary>Adam's initial learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Steps between learning-rate decays.</summary>
    public int StepSize { get; init; } = 1000;

    /// <summary>Learning-rate factor at each decay.</summary>
    public float Gamma { get; init; } = 0.5f;

    /// <summary>The schedule of <paramref name="preset"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a <see cref="Preset"/>.</exception>
    public static ScheduleOptions For(Preset preset) => preset switch
    {
        Preset.Official => new ScheduleOptions(),
        Preset.Fast => new ScheduleOptions { Iterations = FastIterations, StepSize = FastStepSize },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Preset must be Official or Fast."),
    };
}
