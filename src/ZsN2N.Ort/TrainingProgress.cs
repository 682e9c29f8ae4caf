namespace ZsN2N.Ort;

/// <summary>A progress report while one image trains.</summary>
/// <param name="Iteration">Steps done, 1-based.</param>
/// <param name="TotalIterations">Steps planned.</param>
/// <param name="Loss">The loss of the latest step.</param>
/// <param name="Elapsed">Training time so far.</param>
public readonly record struct TrainingProgress(int Iteration, int TotalIterations, float Loss, TimeSpan Elapsed)
{
    /// <summary>Steps per second so far.</summary>
    public double IterationsPerSecond => Elapsed > TimeSpan.Zero ? Iteration / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to the last step at the rate so far.</summary>
    public TimeSpan Remaining => IterationsPerSecond > 0 ? TimeSpan.FromSeconds((TotalIterations - Iteration) / IterationsPerSecond) : TimeSpan.Zero;
}
