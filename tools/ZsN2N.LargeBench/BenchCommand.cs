using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Options;
using ZsN2N.Tools.Shared;

namespace ZsN2N.LargeBench;

/// <summary>
/// <c>zsn2n-largebench bench</c>: upscales a dev photo to about 12 MP, adds Gaussian noise, denoises it with default
/// settings (or <c>--quality high</c>) and prints wall time, peak resident memory and PSNR against the upscaled clean
/// photo (docs/large-images.md).
/// </summary>
internal sealed class BenchCommand : Command<BenchCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Upscales a dev photo to about 12 MP, adds Gaussian noise, denoises it with default settings (or --quality high) and prints "
        + "wall time, peak resident memory and PSNR against the upscaled clean photo (docs/large-images.md). The default command.";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var threads = settings.ThreadCount;
        var wall = Stopwatch.StartNew();
        var source = ImageIo.Read(settings.Source ?? Path.Combine(settings.DevData, "large", "motorcycle_left.png"));
        var scale = Math.Sqrt(settings.Megapixels * 1e6 / ((double)source.Height * source.Width));
        var clean = PlanarImages.Resize(source, (int)Math.Round(source.Height * scale), (int)Math.Round(source.Width * scale));
        var noisy = new GaussianNoise(settings.Sigma / 255, 1).Apply(clean);
        var prepared = wall.Elapsed;

        var defaults = new DenoiseOptions { Execution = new() { Threads = threads } }.WithQuality(settings.Quality);
        var denoiser = new Denoiser(settings.Steps is { } steps ? defaults with { Schedule = defaults.Schedule with { Iterations = steps } } : defaults);
        var estimate = denoiser.Plan(noisy.Channels, noisy.Height, noisy.Width).Memory;
        var run = Stopwatch.StartNew();
        var result = denoiser.Denoise(noisy);
        run.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"image          {noisy.Width}x{noisy.Height} ({noisy.Height * (double)noisy.Width / 1e6:F1} MP), sigma {settings.Sigma}, {threads} threads");
        Console.WriteLine($"training       {result.Plan.Description}, {denoiser.Options.Schedule.Iterations} steps, {result.TrainingTime.TotalSeconds:F1} s");
        Console.WriteLine($"inference      tiles of {result.TileSize}, {(result.TotalTime - result.TrainingTime).TotalSeconds:F1} s (set-up included)");
        Console.WriteLine($"denoise time   {run.Elapsed.TotalSeconds:F1} s (plus {prepared.TotalSeconds:F1} s to make the image)");
        Console.WriteLine($"wall time      {wall.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"peak RSS       {peak / 1048576.0:F0} MiB (estimate {estimate.TotalMiB:F0} MiB)");
        Console.WriteLine($"PSNR           {Psnr.Compute(clean, noisy):F2} dB noisy -> {Psnr.Compute(clean, result.Denoised):F2} dB denoised");
        return 0;
    }

    /// <summary>The command line of <c>zsn2n-largebench bench</c>.</summary>
    internal sealed class Settings : DevDataSettings
    {
        [CommandOption("--source <FILE>")]
        [Description("The clean photo to upscale. Default: DATA/large/motorcycle_left.png.")]
        public string? Source { get; init; }

        [CommandOption("--megapixels <MP>")]
        [Description("The size to upscale it to.")]
        [DefaultValue(12.0)]
        public double Megapixels { get; init; }

        [CommandOption("--sigma <SIGMA>")]
        [Description("Standard deviation of the Gaussian noise, on the 0..255 scale.")]
        [DefaultValue(25.0)]
        public double Sigma { get; init; }

        [CommandOption("--quality <QUALITY>")]
        [Description("official or high.")]
        [DefaultValue(Quality.Official)]
        public Quality Quality { get; init; }

        [CommandOption("--steps <N>")]
        [Description("Training steps, for smoke tests only. Default: the quality's.")]
        public int? Steps { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.All(
            base.Validate(),
            OptionChecks.Positive("--megapixels", Megapixels),
            OptionChecks.AtLeast("--sigma", Sigma, 0),
            OptionChecks.AtLeast("--steps", Steps, 1));
    }
}
