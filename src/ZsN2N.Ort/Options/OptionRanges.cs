using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Options;

/// <summary>
/// The values every option of <see cref="DenoiseOptions"/> allows, and the one check of them: each range is written
/// here once, and the command line's help, config.json and the web app's settings read it from here.
/// </summary>
public static class OptionRanges
{
    /// <summary><see cref="ScheduleOptions.Iterations"/>.</summary>
    public static OptionRange Iterations { get; } = OptionRange.Whole("Schedule.Iterations", 1, 10_000_000);

    /// <summary><see cref="ScheduleOptions.LearningRate"/>.</summary>
    public static OptionRange LearningRate { get; } = OptionRange.Real("Schedule.LearningRate", 0, 10);

    /// <summary><see cref="ScheduleOptions.StepSize"/>.</summary>
    public static OptionRange StepSize { get; } = OptionRange.Whole("Schedule.StepSize", 1, int.MaxValue);

    /// <summary><see cref="ScheduleOptions.Gamma"/>.</summary>
    public static OptionRange Gamma { get; } = OptionRange.Real("Schedule.Gamma", 0, 1);

    /// <summary><see cref="NetworkOptions.Kind"/>.</summary>
    public static OptionRange Network { get; } = OptionRange.OneOf<NetworkKind>("Network.Kind");

    /// <summary><see cref="NetworkOptions.Features"/>.</summary>
    public static OptionRange Features { get; } = OptionRange.Whole("Network.Features", 1, 1024);

    /// <summary><see cref="EnsembleOptions.Models"/>.</summary>
    public static OptionRange EnsembleModels { get; } = OptionRange.Whole("Ensemble.Models", 1, 64);

    /// <summary><see cref="PatchTrainingOptions.Mode"/>.</summary>
    public static OptionRange PatchMode { get; } = OptionRange.OneOf<PatchTrainingMode>("PatchTraining.Mode");

    /// <summary><see cref="PatchTrainingOptions.Size"/>: even, so crops keep the pair downsampler's 2x2 blocks.</summary>
    public static OptionRange PatchSize { get; } = OptionRange.Whole("PatchTraining.Size", 16, 65_536, even: true);

    /// <summary><see cref="PatchTrainingOptions.Count"/>.</summary>
    public static OptionRange PatchCount { get; } = OptionRange.Whole("PatchTraining.Count", 1, 256);

    /// <summary><see cref="PatchTrainingOptions.LearningRateFactor"/>.</summary>
    public static OptionRange PatchLearningRateFactor { get; } = OptionRange.Real("PatchTraining.LearningRateFactor", 0, 100);

    /// <summary><see cref="PatchTrainingOptions.ThresholdPixels"/>.</summary>
    public static OptionRange PatchThresholdPixels { get; } = OptionRange.Whole("PatchTraining.ThresholdPixels", 4, long.MaxValue);

    /// <summary><see cref="NoiseOptions.Mode"/>.</summary>
    public static OptionRange Noise { get; } = OptionRange.OneOf<NoiseMode>("Noise.Mode");

    /// <summary><see cref="ExecutionOptions.Threads"/>.</summary>
    public static OptionRange Threads { get; } = OptionRange.Whole("Execution.Threads", 1, 1024);

    /// <summary><see cref="ExecutionOptions.Device"/>.</summary>
    public static OptionRange Device { get; } = OptionRange.OneOf<ExecutionDevice>("Execution.Device");

    /// <summary><see cref="ExecutionOptions.TileSize"/>.</summary>
    public static OptionRange TileSize { get; } = OptionRange.WholeOrZero("Execution.TileSize", "untiled", DenoiserModel.MinTileSize, DenoiserModel.MaxTileSize);

    /// <summary><see cref="ExecutionOptions.ProgressInterval"/>.</summary>
    public static OptionRange ProgressInterval { get; } = OptionRange.Whole("Execution.ProgressInterval", 1, int.MaxValue);

    /// <summary><see cref="LimitOptions.MemoryBytes"/> when set (null is the default limit).</summary>
    public static OptionRange MemoryBytes { get; } = OptionRange.Whole("Limits.MemoryBytes", 1, long.MaxValue);

    /// <summary>Every range, in the order of <see cref="DenoiseOptions"/>.</summary>
    public static IReadOnlyList<OptionRange> All { get; } =
    [
        Iterations, LearningRate, StepSize, Gamma, Network, Features, EnsembleModels, PatchMode, PatchSize, PatchCount,
        PatchLearningRateFactor, PatchThresholdPixels, Noise, Threads, Device, TileSize, ProgressInterval, MemoryBytes,
    ];

    /// <summary>The range named <paramref name="name"/> (<see cref="OptionRange.Name"/>).</summary>
    /// <exception cref="KeyNotFoundException">No option has that name.</exception>
    public static OptionRange Named(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No option is named '{name}'.");

    /// <summary>Every value of <paramref name="options"/> outside its range, in the order of <see cref="All"/>; empty when all are valid.</summary>
    /// <exception cref="ArgumentNullException">A part of <paramref name="options"/> is null.</exception>
    public static IReadOnlyList<InvalidOptionException> Check(DenoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Schedule);
        ArgumentNullException.ThrowIfNull(options.Network);
        ArgumentNullException.ThrowIfNull(options.Ensemble);
        ArgumentNullException.ThrowIfNull(options.PatchTraining);
        ArgumentNullException.ThrowIfNull(options.Noise);
        ArgumentNullException.ThrowIfNull(options.Execution);
        ArgumentNullException.ThrowIfNull(options.Limits);
        ArgumentNullException.ThrowIfNull(options.Limits.Image);
        var (schedule, network, patches, execution) = (options.Schedule, options.Network, options.PatchTraining, options.Execution);
        InvalidOptionException?[] failures =
        [
            Iterations.Check(schedule.Iterations),
            LearningRate.Check(schedule.LearningRate),
            StepSize.Check(schedule.StepSize),
            Gamma.Check(schedule.Gamma),
            Network.Check(network.Kind),
            Features.Check(network.Features),
            EnsembleModels.Check(options.Ensemble.Models),
            PatchMode.Check(patches.Mode),
            PatchSize.Check(patches.Size),
            PatchCount.Check(patches.Count),
            PatchLearningRateFactor.Check(patches.LearningRateFactor),
            PatchThresholdPixels.Check(patches.ThresholdPixels),
            Noise.Check(options.Noise.Mode),
            Threads.Check(execution.Threads),
            Device.Check(execution.Device),
            TileSize.Check(execution.TileSize),
            ProgressInterval.Check(execution.ProgressInterval),
            options.Limits.MemoryBytes is { } memory ? MemoryBytes.Check(memory) : null,
        ];
        return failures.OfType<InvalidOptionException>().ToArray();
    }
}
