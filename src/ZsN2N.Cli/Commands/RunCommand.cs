using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Config;
using ZsN2N.Cli.Help;
using ZsN2N.Cli.Progress;
using ZsN2N.Ort;
using ZsN2N.Ort.Files;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// <c>zsn2n run [config.json]</c>: what the original Python runner's main.py did. Reads a clean image named by the
/// config, adds Gaussian noise of std <c>degree</c>, denoises it with the config's schedule, writes clean, noisy,
/// denoised, a captioned side-by-side picture and the loss curve, and prints the PSNRs. Without an argument it uses
/// the config.json and camera.png bundled in <c>samples/</c> beside the executable.
/// </summary>
internal sealed class RunCommand(IAnsiConsole console) : Command<RunCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "The original runner: read CONFIG (JSON with the keys image, learning_rate, epoch_count, step_size, gamma, degree, max_bytes; "
        + "image is relative to the config's folder, degree is the Gaussian noise std in 0..1 units, max_bytes the largest image file accepted), "
        + "add the noise to the clean image, denoise it, and write clean.png, noisy.png, denoised.png, comparison.png (side by side, each with its PSNR), "
        + "loss.png and results.json into OUTDIR; print the PSNRs. Without CONFIG it uses samples/config.json bundled with zsn2n (camera.png, sigma about 25). "
        + "An unknown key, a wrong type or an out-of-range value is refused naming the key (exit code 2).\n\n"
        + ExitCodes.HelpText;

    /// <summary>The bundled config, copied beside the executable from the repository's samples/ folder.</summary>
    public static string BundledConfig => Path.Combine(AppContext.BaseDirectory, "samples", "config.json");

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var configPath = settings.Config ?? BundledConfig;
        RunConfig config;
        try
        {
            config = RunConfig.Load(configPath);
        }
        catch (ConfigException e)
        {
            return CliErrors.Usage(e.Message);
        }

        // The config's keys and the flags were checked against the engine's ranges when they were read.
        var schedule = config.ToSchedule();
        var options = new DenoiseOptions
        {
            Schedule = schedule with { Iterations = settings.Iterations ?? schedule.Iterations },
            Network = new NetworkOptions { Features = settings.Width },
            Noise = new NoiseOptions { Mode = config.ToNoiseMode() },
            Seed = (ulong)settings.Seed,
            Execution = new ExecutionOptions { Threads = settings.Threads ?? Environment.ProcessorCount, Device = settings.Device },
            Limits = new LimitOptions { Image = new ImageLimits { MaxFileBytes = config.MaxBytes } },
        };

        var outputFolder = Path.GetFullPath(settings.Output);
        var progress = BatchProgress.For(console, settings.Quiet);
        if (!settings.Quiet)
        {
            progress.WriteLine($"Config: {Path.GetFullPath(configPath)}");
            progress.WriteLine($"Image: {config.Image}");
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Noise: Gaussian, degree {config.Degree:G4} (sigma {config.Degree * 255:G4} of 255), seed {settings.Seed}; training {options.Schedule.Iterations} steps, lr {options.Schedule.LearningRate:G4}, step_size {options.Schedule.StepSize}, gamma {options.Schedule.Gamma:G4}"));
        }

        PlanarImage clean;
        try
        {
            clean = ImageIo.Read(config.Image, options.Limits.Image);
        }
        catch (ImageDecodeException e)
        {
            return CliErrors.Failure(e.Message);
        }

        var noisy = new GaussianNoise(config.Degree, settings.Seed).Apply(clean);
        var clock = Stopwatch.StartNew();
        DenoiseResult? result = null;
        try
        {
            progress.Run(1, () =>
            {
                var display = progress.StartImage(Path.GetFileName(config.Image), options.Schedule.Iterations);
                result = new Denoiser(options).Denoise(noisy, display, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                display.Succeeded(string.Create(CultureInfo.InvariantCulture, $"final loss {result.FinalLoss:G6}"), clock.Elapsed);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine("Cancelled; nothing was written.");
            return ExitCodes.Cancelled;
        }

        var denoised = result!.Denoised;
        var noisyPsnr = Psnr.Compute(clean, noisy);
        var denoisedPsnr = Psnr.Compute(clean, denoised);
        var noisySsim = Ssim.Compute(clean, noisy);
        var denoisedSsim = Ssim.Compute(clean, denoised);

        Directory.CreateDirectory(outputFolder);
        ImageIo.Write(clean, Path.Combine(outputFolder, "clean.png"));
        ImageIo.Write(noisy, Path.Combine(outputFolder, "noisy.png"));
        ImageIo.Write(denoised, Path.Combine(outputFolder, "denoised.png"));
        ComparisonPicture.Write(Path.Combine(outputFolder, "comparison.png"),
        [
            new(clean, "clean"),
            new(noisy, "noisy", PsnrCaption(noisyPsnr)),
            new(denoised, "denoised", PsnrCaption(denoisedPsnr)),
        ]);
        LossPlot.Write(Path.Combine(outputFolder, "loss.png"), result.LossHistory, $"{Path.GetFileName(config.Image)}: training loss");
        var results = new Dictionary<string, object>
        {
            ["config"] = Path.GetFullPath(configPath),
            ["image"] = config.Image,
            ["degree"] = config.Degree,
            ["noise"] = result.Plan.NoiseDescription,
            ["iterations"] = result.LossHistory.Count,
            ["finalLoss"] = result.FinalLoss,
            ["noisyPsnr"] = noisyPsnr,
            ["denoisedPsnr"] = denoisedPsnr,
            ["noisySsim"] = noisySsim,
            ["denoisedSsim"] = denoisedSsim,
            ["seconds"] = clock.Elapsed.TotalSeconds,
        };
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "results.json"), JsonSerializer.Serialize(results, Reports.ReportWriter.Options));

        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Noisy PSNR: {noisyPsnr:F2} dB (SSIM {noisySsim:F4})"));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Denoised PSNR: {denoisedPsnr:F2} dB (SSIM {denoisedSsim:F4})"));
        progress.WriteLine($"Outputs: {outputFolder} (clean.png, noisy.png, denoised.png, comparison.png, loss.png, results.json)");
        return ExitCodes.Success;
    }

    private static string PsnrCaption(double value) => string.Create(CultureInfo.InvariantCulture, $"PSNR {value:F2} dB");

    /// <summary>The command line of <c>run</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[CONFIG]")]
        [Description("The config JSON. Default: samples/config.json bundled with zsn2n (camera.png, degree 0.1, 3000 steps).")]
        public string? Config { get; init; }

        [CommandOption("-o|--output <OUTDIR>")]
        [Description("Folder for the outputs (created if missing; files in it are replaced).")]
        [DefaultValue("zsn2n-run")]
        public string Output { get; init; } = "zsn2n-run";

        [CommandOption("--iterations <N>")]
        [RangeDescription("Schedule.Iterations", "Override the config's epoch_count, e.g. for a quick look; {range}.")]
        public int? Iterations { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of the noise and of the initial weights.")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        [CommandOption("--width <N>")]
        [RangeDescription("Network.Features", "Feature channels of the network's hidden layers, {range}.")]
        [DefaultValue(48)]
        public int Width { get; init; }

        [CommandOption("--threads <N>")]
        [RangeDescription("Execution.Threads", "ONNX Runtime threads, {range}. Default: the number of processors.")]
        public int? Threads { get; init; }

        [CommandOption("--device <DEVICE>")]
        [Description("Where to train: cpu, or cuda (needs ONNX Runtime's GPU natives, Microsoft.ML.OnnxRuntime.Gpu, and an NVIDIA GPU).")]
        [DefaultValue("cpu")]
        [TypeConverter(typeof(ExecutionDeviceConverter))]
        public ExecutionDevice Device { get; init; }

        [CommandOption("-q|--quiet")]
        [Description("No progress output: only the PSNRs and the output folder.")]
        public bool Quiet { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (Config is not null && !File.Exists(Config))
            {
                return ValidationResult.Error($"Config '{Config}' does not exist.");
            }

            if (Config is null && !File.Exists(BundledConfig))
            {
                return ValidationResult.Error($"The bundled config '{BundledConfig}' is missing; give a config file.");
            }

            if (File.Exists(Output))
            {
                return ValidationResult.Error($"--output '{Output}' is a file; it must be a folder.");
            }

            if (Seed < 0)
            {
                return ValidationResult.Error($"--seed {Seed}: must not be negative.");
            }

            var invalid = (Iterations is { } iterations ? OptionRanges.Iterations.Check(iterations) : null)
                ?? OptionRanges.Features.Check(Width)
                ?? (Threads is { } threads ? OptionRanges.Threads.Check(threads) : null);
            return invalid is null ? ValidationResult.Success() : ValidationResult.Error(OptionFlags.Describe(invalid));
        }
    }
}
