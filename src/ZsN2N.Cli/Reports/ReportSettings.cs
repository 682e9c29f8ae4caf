using ZsN2N.Ort;

namespace ZsN2N.Cli.Reports;

/// <summary>The training settings recorded in a report, so a run can be repeated.</summary>
internal sealed record ReportSettings(int Iterations, float LearningRate, int StepSize, float Gamma, int Width, ulong Seed, int Threads, string Device,
    int EnsembleSize, bool SelfEnsemble)
{
    /// <summary>The settings of <paramref name="options"/>.</summary>
    public static ReportSettings From(DenoiseOptions options) =>
        new(options.Iterations, options.LearningRate, options.StepSize, options.Gamma, options.Width, options.Seed, options.Threads,
            options.Device.ToString().ToLowerInvariant(), options.EnsembleSize, options.SelfEnsemble);
}
