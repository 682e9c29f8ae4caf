using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Tools.Shared;

namespace ZsN2N.Bench;

/// <summary>
/// Times this engine on one image and prints one JSON line, as tools/reference/zsn2n_torch.py does: engine, image,
/// preset, quality, steps, threads, ms_per_step, total_s, final_loss, peak_rss_mib and, with --clean, psnr.
/// </summary>
internal sealed class BenchCommand : Command<BenchCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Times this engine on one image and prints one JSON line, as tools/reference/zsn2n_torch.py does (tools/compare-torch.ps1 reads both). "
        + "--preset sets the schedule (steps, learning-rate decay), --quality the network and augmentation; --steps overrides the step count.";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var noisy = ImageIo.Read(settings.Noisy);
        var schedule = new DenoiseOptions().WithPreset(settings.Preset).WithQuality(settings.Quality);
        var steps = settings.Steps ?? schedule.Schedule.Iterations;
        var denoiser = new Denoiser(schedule with
        {
            Schedule = schedule.Schedule with { Iterations = steps },
            Network = schedule.Network with { Features = settings.Width },
            Seed = settings.Seed,
            Execution = schedule.Execution with { Threads = settings.Threads },
        });

        var wall = Stopwatch.StartNew();
        var result = denoiser.Denoise(noisy);
        wall.Stop();
        var report = new Dictionary<string, object>
        {
            ["engine"] = "zsn2n-ort",
            ["image"] = Path.GetFileName(settings.Noisy),
            ["preset"] = settings.Preset.ToString().ToLowerInvariant(),
            ["quality"] = settings.Quality.ToString().ToLowerInvariant(),
            ["steps"] = steps,
            ["threads"] = denoiser.Options.Execution.Threads,
            ["ms_per_step"] = result.TrainingTime.TotalMilliseconds / steps,
            ["total_s"] = wall.Elapsed.TotalSeconds,
            ["final_loss"] = result.FinalLoss,
            ["peak_rss_mib"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
        };
        if (settings.Clean is { } clean)
        {
            report["psnr"] = Psnr.Compute(ImageIo.Read(clean), result.Denoised);
        }

        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    /// <summary>The command line of <c>zsn2n-bench</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--noisy <FILE>", isRequired: true)]
        [Description("The noisy image to denoise.")]
        public string Noisy { get; init; } = "";

        [CommandOption("--clean <FILE>")]
        [Description("The clean image, to add the PSNR of the result.")]
        public string? Clean { get; init; }

        [CommandOption("--preset <PRESET>")]
        [Description("official or fast: the training schedule.")]
        [DefaultValue(Preset.Official)]
        public Preset Preset { get; init; }

        [CommandOption("--quality <QUALITY>")]
        [Description("official or high: the network and augmentation.")]
        [DefaultValue(Quality.Official)]
        public Quality Quality { get; init; }

        [CommandOption("--steps <N>")]
        [Description("Training steps. Default: the preset's.")]
        public int? Steps { get; init; }

        [CommandOption("--threads <N>")]
        [Description("ONNX Runtime threads.")]
        [DefaultValue(1)]
        public int Threads { get; init; }

        [CommandOption("--width <N>")]
        [Description("Feature channels of the network's hidden layers.")]
        [DefaultValue(48)]
        public int Width { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of the initial weights.")]
        [DefaultValue(0UL)]
        public ulong Seed { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.All(
            OptionChecks.AtLeast("--steps", Steps, 1),
            OptionChecks.AtLeast("--threads", Threads, 1),
            OptionChecks.AtLeast("--width", Width, 1));
    }
}
