using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Progress;
using ZsN2N.Cli.Reports;
using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Training;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// <c>zsn2n denoise INPUT... -o OUTDIR</c>: trains one Zero-Shot Noise2Noise network per image and writes the denoised
/// image as PNG (and, with <c>--export-onnx</c>, the trained model). A file that fails is reported and skipped; the
/// exit code then says so (<see cref="ExitCodes"/>).
/// </summary>
internal sealed class DenoiseCommand(IAnsiConsole console) : Command<DenoiseCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Denoise images with Zero-Shot Noise2Noise: a small network is trained on each noisy image itself (no clean data, no pretrained weights), "
        + "then applied to it. Each INPUT is an image file or a folder (its png, jpg, jpeg, bmp, tif, tiff and webp files, sorted by name). "
        + "Writes OUTDIR/<name>.png at the input's bit depth (16-bit in, 16-bit out) and, with --export-onnx, OUTDIR/<name>.onnx. "
        + "A file that cannot be read or trained is reported and the others are still processed.\n\n"
        + ExitCodes.HelpText;

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files;
        try
        {
            files = InputFiles.Expand(settings.Inputs);
        }
        catch (FileNotFoundException e)
        {
            return CliErrors.Usage(e.Message);
        }

        var outputFolder = Path.GetFullPath(settings.Output!);
        if (files.Count == 0)
        {
            return CliErrors.Usage($"No image files ({string.Join(", ", InputFiles.ImageExtensions)}) found in: {string.Join(", ", settings.Inputs)}.");
        }

        if (InputFiles.FindConflict(files, outputFolder) is { } conflict)
        {
            return CliErrors.Usage(conflict);
        }

        Directory.CreateDirectory(outputFolder);
        var options = settings.ToOptions();
        var denoiser = new Denoiser(options);
        var progress = BatchProgress.For(console);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var reports = new List<ImageReport>(files.Count);
        try
        {
            progress.Run(() =>
            {
                for (var i = 0; i < files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var display = progress.StartImage($"[{i + 1}/{files.Count}] {Path.GetFileName(files[i])}", options.Iterations);
                    reports.Add(DenoiseOne(denoiser, files[i], outputFolder, settings.ExportOnnx, display, cancellationToken));
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"Cancelled after {reports.Count(r => r.Status == ImageReport.Succeeded)} of {files.Count} images; no partial file was written.");
            return ExitCodes.Cancelled;
        }

        var report = new DenoiseReport
        {
            Started = started,
            Seconds = clock.Elapsed.TotalSeconds,
            Settings = ReportSettings.From(options),
            Images = reports,
        };
        if (settings.Report is { } reportPath)
        {
            ReportWriter.Write(report, reportPath);
        }

        WriteSummary(progress, report, outputFolder, settings.Report);
        return report.Failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static ImageReport DenoiseOne(Denoiser denoiser, string path, string outputFolder, bool exportOnnx, IImageProgress display, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        PlanarImage? image = null;
        try
        {
            image = ImageIo.Read(path, denoiser.Options.Limits);
            var result = denoiser.Denoise(image, display, cancellationToken);

            // Stop before writing anything if Ctrl-C came during inference: no output for an image whose run was cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            var output = InputFiles.OutputPath(outputFolder, path, ".png");
            ImageIo.Write(result.Denoised, output);
            string? model = null;
            if (exportOnnx)
            {
                model = InputFiles.OutputPath(outputFolder, path, ".onnx");
                result.Model.Save(model);
            }

            display.Succeeded(result.FinalLoss, clock.Elapsed);
            return Describe(path, image) with
            {
                Status = ImageReport.Succeeded,
                Output = output,
                Model = model,
                Iterations = result.LossHistory.Count,
                Seconds = clock.Elapsed.TotalSeconds,
                TrainingSeconds = result.TrainingTime.TotalSeconds,
                FinalLoss = result.FinalLoss,
            };
        }
        catch (Exception e) when (e is ImageDecodeException or TrainingException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // ArgumentException: an image below 2x2 pixels, or one the encoder rejects; the message says which.
            var error = e is ImageDecodeException ? e.Message : $"{path}: {e.Message}";
            display.Failed(error);
            return Describe(path, image) with { Status = ImageReport.Failed, Error = error, Seconds = clock.Elapsed.TotalSeconds };
        }
    }

    private static ImageReport Describe(string path, PlanarImage? image) => new()
    {
        Path = path,
        Status = ImageReport.Failed,
        Width = image?.Width,
        Height = image?.Height,
        Channels = image?.Channels,
        HasAlpha = image?.HasAlpha,
        BitDepth = image?.BitDepth,
    };

    private static void WriteSummary(IBatchProgress progress, DenoiseReport report, string outputFolder, string? reportPath)
    {
        progress.WriteLine($"Denoised {report.Succeeded} of {report.Images.Count} images into {outputFolder} in {report.Seconds:F1} s.");
        if (report.Failed > 0)
        {
            progress.WriteLine($"{report.Failed} failed:");
            foreach (var failed in report.Images.Where(i => i.Status == ImageReport.Failed))
            {
                progress.WriteLine($"  {failed.Error}");
            }
        }

        if (reportPath is not null)
        {
            progress.WriteLine($"Report: {Path.GetFullPath(reportPath)}");
        }
    }

    /// <summary>The command line of <c>denoise</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        private static readonly Dictionary<string, string> OptionNames = new()
        {
            [nameof(DenoiseOptions.Iterations)] = "--iterations",
            [nameof(DenoiseOptions.LearningRate)] = "--lr",
            [nameof(DenoiseOptions.StepSize)] = "--step-size",
            [nameof(DenoiseOptions.Gamma)] = "--gamma",
            [nameof(DenoiseOptions.Width)] = "--width",
            [nameof(DenoiseOptions.Threads)] = "--threads",
        };

        [CommandArgument(0, "<INPUT>")]
        [Description("Image files and/or folders. A folder contributes the image files directly inside it, sorted by name.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("-o|--output <OUTDIR>")]
        [Description("Folder for the results (created if missing): <name>.png per input, and <name>.onnx with --export-onnx. Required.")]
        public string? Output { get; init; }

        [CommandOption("--iterations <N>")]
        [Description("Training steps per image (1 to 10000000).")]
        [DefaultValue(3000)]
        public int Iterations { get; init; }

        [CommandOption("--lr <RATE>")]
        [Description("Adam's initial learning rate, in (0, 10]].")]
        [DefaultValue(1e-3f)]
        public float LearningRate { get; init; }

        [CommandOption("--step-size <N>")]
        [Description("Steps between learning-rate decays.")]
        [DefaultValue(1000)]
        public int StepSize { get; init; }

        [CommandOption("--gamma <FACTOR>")]
        [Description("Learning-rate factor at each decay, in (0, 1]].")]
        [DefaultValue(0.5f)]
        public float Gamma { get; init; }

        [CommandOption("--width <N>")]
        [Description("Feature channels of the network's hidden layers (1 to 1024).")]
        [DefaultValue(48)]
        public int Width { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of the initial weights; the same seed and --threads give the same output.")]
        [DefaultValue(0UL)]
        public ulong Seed { get; init; }

        [CommandOption("--threads <N>")]
        [Description("ONNX Runtime threads (1 to 1024). Default: the number of processors.")]
        public int? Threads { get; init; }

        [CommandOption("--device <DEVICE>")]
        [Description("Where to train: cpu, or cuda (needs the GPU build and an NVIDIA GPU).")]
        [DefaultValue("cpu")]
        [TypeConverter(typeof(ExecutionDeviceConverter))]
        public ExecutionDevice Device { get; init; }

        [CommandOption("--export-onnx")]
        [Description("Also write each trained denoiser as OUTDIR/<name>.onnx (input 'image', output 'denoised', float32, shape 1 x C x H x W, values 0..1).")]
        public bool ExportOnnx { get; init; }

        [CommandOption("--report <FILE>")]
        [Description("Write a JSON report: per image its path, size, channels, bit depth, iterations, seconds and final loss, or its error.")]
        public string? Report { get; init; }

        /// <summary>The engine options these settings describe.</summary>
        public DenoiseOptions ToOptions() => new()
        {
            Iterations = Iterations,
            LearningRate = LearningRate,
            StepSize = StepSize,
            Gamma = Gamma,
            Width = Width,
            Seed = Seed,
            Threads = Threads ?? Environment.ProcessorCount,
            Device = Device,
        };

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Output))
            {
                return ValidationResult.Error("Missing -o|--output <OUTDIR>: the folder to write the denoised images to.");
            }

            if (File.Exists(Output))
            {
                return ValidationResult.Error($"--output '{Output}' is a file; it must be a folder.");
            }

            if (Report is not null && Directory.Exists(Report))
            {
                return ValidationResult.Error($"--report '{Report}' is a folder; it must be a file path such as report.json.");
            }

            if (Inputs.FirstOrDefault(input => !File.Exists(input) && !Directory.Exists(input)) is { } missing)
            {
                return ValidationResult.Error($"Input '{missing}' does not exist.");
            }

            // The engine owns the ranges; report its complaint under the option's command-line name.
            try
            {
                ToOptions().Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                var name = e.ParamName is { } param && OptionNames.TryGetValue(param, out var option) ? option : e.ParamName;
                var reason = e.Message;
                var cut = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
                return ValidationResult.Error($"{name} {e.ActualValue}: {(cut > 0 ? reason[..cut] : reason)}");
            }

            return ValidationResult.Success();
        }
    }
}
