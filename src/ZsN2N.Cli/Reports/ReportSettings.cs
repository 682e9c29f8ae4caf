using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Reports;

/// <summary>
/// The training settings recorded in a report, so a run can be repeated. <see cref="Threads"/> is per image;
/// <see cref="Parallel"/> images were trained at once (the output does not depend on it).
/// </summary>
internal sealed record ReportSettings(int Iterations, float LearningRate, int StepSize, float Gamma, int Width, ulong Seed, int Threads, string Device,
    int EnsembleSize, bool SelfEnsemble, bool ShiftAugmentation, int Parallel, string PatchTraining, int PatchSize, int PatchCount, float PatchLearningRateFactor, string Network,
    string Noise)
{
    /// <summary>The settings of <paramref name="options"/>, with <paramref name="parallel"/> images at once.</summary>
    public static ReportSettings From(DenoiseOptions options, int parallel) =>
        new(options.Schedule.Iterations, options.Schedule.LearningRate, options.Schedule.StepSize, options.Schedule.Gamma, options.Network.Features,
            options.Seed, options.Execution.Threads, options.Execution.Device.ToString().ToLowerInvariant(), options.Ensemble.Models,
            options.Ensemble.SelfEnsemble, options.ShiftAugmentation, parallel, options.PatchTraining.Mode.ToString().ToLowerInvariant(),
            options.PatchTraining.Size, options.PatchTraining.Count, options.PatchTraining.LearningRateFactor, options.Network.Kind.ToString().ToLowerInvariant(),
            options.Noise.Mode.ToString().ToLowerInvariant());
}
