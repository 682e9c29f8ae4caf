using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Commands;

/// <summary>The command line's spelling of the engine's options (<see cref="OptionRange.Name"/>), and the engine's complaints in it.</summary>
internal static class OptionFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        [OptionRanges.Iterations.Name] = "--iterations",
        [OptionRanges.LearningRate.Name] = "--lr",
        [OptionRanges.StepSize.Name] = "--step-size",
        [OptionRanges.Gamma.Name] = "--gamma",
        [OptionRanges.Network.Name] = "--network",
        [OptionRanges.Features.Name] = "--width",
        [OptionRanges.EnsembleModels.Name] = "--ensemble",
        [OptionRanges.PatchMode.Name] = "--patch-training",
        [OptionRanges.PatchSize.Name] = "--patch-size",
        [OptionRanges.PatchCount.Name] = "--patches",
        [OptionRanges.PatchLearningRateFactor.Name] = "--patch-lr-factor",
        [OptionRanges.Noise.Name] = "--noise",
        [OptionRanges.Threads.Name] = "--threads",
        [OptionRanges.Device.Name] = "--device",
    };

    /// <summary>The flag that sets <paramref name="option"/>, or its engine name where no flag does.</summary>
    public static string Of(OptionRange option) => Flags.GetValueOrDefault(option.Name, option.Name);

    /// <summary>The complaint in the command line's words, e.g. <c>--iterations 0: must be between 1 and 10000000.</c></summary>
    public static string Describe(InvalidOptionException error) =>
        $"{Of(error.Option)} {InvalidOptionException.Format(error.ActualValue)}: must be {error.Option.Requirement}.";
}
