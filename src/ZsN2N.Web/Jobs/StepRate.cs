using ZsN2N.Ort;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// A job's training speed as measured between its first progress report and its latest one, so the first steps,
/// slower while ONNX Runtime sizes its memory and the caches warm, do not count: counting them made the first
/// estimate about three times too long (issue 20). Known once as many steps have run past the first report as before
/// it, and at least <see cref="MinMeasuredSteps"/>; before that no time is guessed. The mean over all measured steps moves little from report to
/// report, so the estimate holds.
/// </summary>
/// <param name="First">The first progress report.</param>
/// <param name="Latest">The latest progress report.</param>
internal readonly record struct StepRate(TrainingProgress First, TrainingProgress Latest)
{
    /// <summary>Steps past the first report before the rate is trusted.</summary>
    public const int MinMeasuredSteps = 5;

    /// <summary>Seconds per training step, or null while too few steps were measured.</summary>
    public double? SecondsPerStep
    {
        get
        {
            var steps = Latest.Iteration - First.Iteration;
            return steps >= Math.Max(MinMeasuredSteps, First.Iteration) ? (Latest.Elapsed - First.Elapsed).TotalSeconds / steps : null;
        }
    }

    /// <summary>Seconds of training left at the measured rate, or null while it is not known.</summary>
    public double? RemainingSeconds => SecondsPerStep * (Latest.TotalIterations - Latest.Iteration);
}
