using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort;

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

    /// <summary>Seed of the initial weights; the same seed and thread count give the same output bits.</summary>
    public ulong Seed { get; init; }

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The execution provider.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    /// <summary>Size limits applied before an input image is decoded.</summary>
    public ImageLimits Limits { get; init; } = new();

    /// <summary>Steps between progress reports (the last step is always reported).</summary>
    public int ProgressInterval { get; init; } = 10;

    /// <summary>The learning-rate schedule these options describe.</summary>
    public StepLrSchedule Schedule => new(LearningRate, StepSize, Gamma);

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        ThrowIfOutside(nameof(Iterations), Iterations, 1, 10_000_000);
        ThrowIfOutside(nameof(StepSize), StepSize, 1, int.MaxValue);
        ThrowIfOutside(nameof(Width), Width, 1, 1024);
        ThrowIfOutside(nameof(Threads), Threads, 1, 1024);
        ThrowIfOutside(nameof(ProgressInterval), ProgressInterval, 1, int.MaxValue);
        if (!float.IsFinite(LearningRate) || LearningRate <= 0 || LearningRate > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be in (0, 10].");
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
