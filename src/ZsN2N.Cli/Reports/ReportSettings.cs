using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Reports;

/// <summary>
/// The training settings recorded in a report, so a run can be repeated. <see cref="Threads"/> is per image;
/// <see cref="Parallel"/> images were trained at once (the output does not depend on it).
/// </summary>
internal sealed record ReportSettings(int Iterations, float LearningRate, int StepSize, float Gamma, int Width, ulong Seed, int Threads, string Device,
    int EnsembleSize, bool SelfEnsemble, bool ShiftAugmentation, int Parallel, string PatchTraining, int PatchSize, int PatchCount, float PatchLearningRateFactor, string Network)
{
    /// <summary>The settings of <paramref name="options"/>, with <paramref name="parallel"/> images at once.</summary>
    public static ReportSettings From(DenoiseOptions options, int parallel) =>
        new(options.Iterations, options.LearningRate, options.StepSize, options.Gamma, options.Width, options.Seed, options.Threads,
            options.Device.ToString().ToLowerInvariant(), options.EnsembleSize, options.SelfEnsemble, options.ShiftAugmentation, parallel,
            options.PatchTraining.ToString().ToLowerInvariant(), options.PatchSize, options.PatchCount, options.PatchLearningRateFactor,
            options.Network.ToString().ToLowerInvariant());
}
