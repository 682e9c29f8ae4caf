namespace ZsN2N.Ort.Training;

/// <summary>
/// The learning rate of torch.optim.lr_scheduler.StepLR: the initial rate times
/// <see cref="Gamma"/> to the power ⌊step / <see cref="StepSize"/>⌋, for the 0-based step.
/// The official ZS-N2N notebook uses 1e-3, halved every 1000 steps.
/// </summary>
internal sealed record StepLrSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive and finite, or gamma exceeds 1.</exception>
    public StepLrSchedule(float initialLearningRate = 1e-3f, int stepSize = 1000, float gamma = 0.5f)
    {
        if (!float.IsFinite(initialLearningRate) || initialLearningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialLearningRate), initialLearningRate, "The learning rate must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!float.IsFinite(gamma) || gamma <= 0 || gamma > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 1].");
        }

        InitialLearningRate = initialLearningRate;
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>The rate of the first step.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public float Gamma { get; }

    /// <summary>The rate for 0-based step <paramref name="step"/>.</summary>
    public float At(long step) => (float)(InitialLearningRate * Math.Pow(Gamma, step / StepSize));
}
