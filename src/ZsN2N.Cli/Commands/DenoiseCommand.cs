using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Help;
using ZsN2N.Cli.Pictures;
using ZsN2N.Cli.Progress;
using ZsN2N.Cli.Reports;
using ZsN2N.Ort;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Files;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// <c>zsn2n denoise INPUT... -o OUTDIR</c>: trains one Zero-Shot Noise2Noise network per image and writes the denoised
/// image as PNG, and on request the trained model, the loss curve, a side-by-side picture and PSNR/SSIM against a
/// clean reference. A file that fails is reported and skipped; the exit code then says so (<see cref="ExitCodes"/>).
/// <c>--shard I/N</c> and <c>--skip-existing</c> split and resume folder runs.
/// </summary>
internal sealed class DenoiseCommand(IAnsiConsole console) : Command<DenoiseCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Denoise images with Zero-Shot Noise2Noise: a small network is trained on each noisy image itself (no clean data, no pretrained weights), "
        + "then applied to it. Each INPUT is an image file or a folder (its png, jpg, jpeg, bmp, tif, tiff and webp files, sorted by name). "
        + "Writes OUTDIR/<name>.png at the input's bit depth (16-bit in, 16-bit out); with --export-onnx also OUTDIR/<name>.onnx, "
        + "with --plot OUTDIR/<name>_loss.png, with --compare OUTDIR/<name>_compare.png. Every file is written under a temporary name and then renamed, "
        + "and <name>.png last, so its presence means the image is complete (what --skip-existing checks). "
        + "A file that cannot be read or trained is reported and the others are still processed. "
        + "Several images are trained at once, one thread each, when there are several inputs and processors (--parallel).\n\n"
        + ExitCodes.HelpText;

    /// <summary>Suffix of the side-by-side picture.</summary>
    public const string CompareSuffix = "_compare.png";

    /// <summary>Suffix of the loss plot.</summary>
    public const string PlotSuffix = "_loss.png";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var outputFolder = Path.GetFullPath(settings.Output!);
        // Checked on the whole list, so every shard of a split run agrees on it.
        if (InputFiles.Resolve(settings.Inputs, outputFolder, out var allFiles, settings.OutputSuffixes) is { } inputError)
        {
            return CliErrors.Usage(inputError);
        }

        if (settings.Reference is { } reference && File.Exists(reference) && allFiles.Count > 1)
        {
            return CliErrors.Usage($"--reference '{reference}' is one file but there are {allFiles.Count} inputs; give a folder of clean images matched by name.");
        }

        var shard = settings.Shard ?? Shard.All;
        var files = shard.Select(allFiles);
        Directory.CreateDirectory(outputFolder);
        var requested = settings.ToOptions();
        var planner = new Denoiser(requested);
        var headers = new Lazy<IReadOnlyList<ImageHeader>>(() => InputHeaders.Read(files, requested.Limits.Image));
        var parallelism = ImageParallelism.Choose(settings.Parallel, settings.Threads, files.Count, Environment.ProcessorCount, requested.Execution.Device,
            () => InputHeaders.FewestUsefulThreads(planner, headers.Value), () => InputHeaders.LargestEstimate(planner, headers.Value),
            MemoryBudget.Resolve(requested.Limits.MemoryBytes));
        var options = parallelism.ForEachImage(requested);
        var denoiser = new Denoiser(options);
        var progress = BatchProgress.For(console, settings.Quiet);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        // One slot per input, filled by whichever worker takes it, so the report and summary keep the input order.
        var reports = new ImageReport?[files.Count];
        try
        {
            progress.Run(files.Count, () => ImageWorkers.Run(files.Count, parallelism.Images, (i, token) =>
            {
                var label = $"[{i + 1}/{files.Count}] {Path.GetFileName(files[i])}";
                var output = InputFiles.OutputPath(outputFolder, files[i], ".png");
                if (settings.SkipExisting && File.Exists(output))
                {
                    progress.SkipImage(label, $"{output} exists");
                    reports[i] = new ImageReport { Path = files[i], Status = ImageReport.Skipped, Output = output };
                    return;
                }

                var display = progress.StartImage(label, options.Schedule.Iterations * options.Ensemble.Models);
                reports[i] = DenoiseOne(denoiser, files[i], output, settings, parallelism, display, token);
            }, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"Cancelled after {reports.Count(r => r?.Status == ImageReport.Succeeded)} of {files.Count} images; no partial file was written.");
            return ExitCodes.Cancelled;
        }

        var report = new DenoiseReport
        {
            Started = started,
            Seconds = clock.Elapsed.TotalSeconds,
            Settings = ReportSettings.From(options, parallelism.Images),
            Shard = shard.ToString(),
            Images = [.. reports.OfType<ImageReport>()],
        };
        if (settings.Report is { } reportPath)
        {
            ReportWriter.Write(report, reportPath);
        }

        WriteSummary(progress, report, outputFolder, settings.Report, shard, allFiles.Count);
        return report.Failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static ImageReport DenoiseOne(Denoiser denoiser, string path, string output, Settings settings, ImageParallelism parallelism, IImageProgress display,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var outputFolder = Path.GetDirectoryName(output)!;

        PlanarImage? image = null;
        try
        {
            image = ImageIo.Read(path, denoiser.Options.Limits.Image);
            var (referencePath, clean) = ReadReference(settings.Reference, path, image, denoiser.Options.Limits.Image);
            var result = denoiser.Denoise(image, display, cancellationToken);

            // Stop before writing anything if Ctrl-C came during inference: no output for an image whose run was cancelled.
            cancellationToken.ThrowIfCancellationRequested();

            // Score what lands on disk: the PNG's 8- or 16-bit values, so `zsn2n eval` of the outputs gives the same numbers.
            var png = ImageIo.Encode(result.Denoised, ".png");
            var denoised = ImageIo.Decode(png);
            var scores = clean is null ? null : new Scores(Psnr.Compute(clean, denoised), Ssim.Compute(clean, denoised), Psnr.Compute(clean, image), Ssim.Compute(clean, image));

            string? model = null;
            if (settings.ExportOnnx)
            {
                model = InputFiles.OutputPath(outputFolder, path, ".onnx");
                result.Model.Save(model);
            }

            string? plot = null;
            if (settings.Plot)
            {
                plot = InputFiles.OutputPath(outputFolder, path, PlotSuffix);
                LossPlot.Write(plot, result.LossHistory, $"{Path.GetFileName(path)}: training loss");
            }

            string? comparison = null;
            if (settings.Compare)
            {
                comparison = InputFiles.OutputPath(outputFolder, path, CompareSuffix);
                ComparisonPicture.Write(comparison, ComparisonPanels(image, denoised, clean, scores));
            }

            // The denoised image last: its presence marks the image complete for --skip-existing.
            AtomicFile.WriteAllBytes(output, png);
            var training = result.Plan.Description;
            var detail = string.Create(CultureInfo.InvariantCulture, $"final loss {result.FinalLoss:G6}");
            if (result.Plan.UsesCrops)
            {
                detail += $", trained on {training}";
            }

            if (scores is not null)
            {
                detail += string.Create(CultureInfo.InvariantCulture,
                    $", PSNR {scores.Psnr:F2} dB (noisy {scores.NoisyPsnr:F2}), SSIM {scores.Ssim:F4} (noisy {scores.NoisySsim:F4})");
            }

            display.Succeeded(detail, clock.Elapsed);
            return Describe(path, image) with
            {
                Status = ImageReport.Succeeded,
                Output = output,
                Model = model,
                Plot = plot,
                Comparison = comparison,
                Reference = referencePath,
                Psnr = scores?.Psnr,
                Ssim = scores?.Ssim,
                NoisyPsnr = scores?.NoisyPsnr,
                NoisySsim = scores?.NoisySsim,
                Iterations = result.LossHistory.Count,
                Seconds = clock.Elapsed.TotalSeconds,
                TrainingSeconds = result.TrainingTime.TotalSeconds,
                FinalLoss = result.FinalLoss,
                Training = training,
            };
        }
        catch (Exception e) when (ImageFailure.IsPerImage(e))
        {
            var error = ImageFailure.Describe(e, path);
            if (e is MemoryLimitExceededException && parallelism.Images > 1)
            {
                error += $" With {parallelism.Images} images at once each may plan 1/{parallelism.Images} of the limit; a lower --parallel gives it more.";
            }

            display.Failed(error);
            return Describe(path, image) with { Status = ImageReport.Failed, Error = error, Seconds = clock.Elapsed.TotalSeconds };
        }
    }

    /// <summary>The clean image for <paramref name="path"/>: the --reference file, or the file of the same name in the --reference folder.</summary>
    private static (string? Path, PlanarImage? Image) ReadReference(string? reference, string path, PlanarImage image, ImageLimits limits)
    {
        if (reference is null)
        {
            return (null, null);
        }

        var referencePath = Directory.Exists(reference)
            ? InputFiles.FindByName(reference, path) ?? throw new FileNotFoundException($"{path}: no clean image named like it in --reference '{reference}'.")
            : Path.GetFullPath(reference);
        var clean = ImageIo.Read(referencePath, limits);
        if (clean.Channels != image.Channels || clean.Height != image.Height || clean.Width != image.Width)
        {
            throw new ArgumentException(
                $"{path}: the reference '{referencePath}' is {clean.Width}x{clean.Height} with {clean.Channels} channel(s); the input is {image.Width}x{image.Height} with {image.Channels}.");
        }

        return (referencePath, clean);
    }

    private static ComparisonPicture.Panel[] ComparisonPanels(PlanarImage noisy, PlanarImage denoised, PlanarImage? clean, Scores? scores)
    {
        if (clean is null || scores is null)
        {
            return [new(noisy, "noisy"), new(denoised, "denoised")];
        }

        return
        [
            new(noisy, "noisy", Caption(scores.NoisyPsnr, scores.NoisySsim)),
            new(denoised, "denoised", Caption(scores.Psnr, scores.Ssim)),
            new(clean, "clean reference"),
        ];
    }

    /// <summary>A caption line with PSNR and SSIM, e.g. <c>PSNR 28.14 dB  SSIM 0.8121</c>.</summary>
    internal static string Caption(double psnr, double ssim) =>
        string.Create(CultureInfo.InvariantCulture, $"PSNR {psnr:F2} dB  SSIM {ssim:F4}");

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

    private static void WriteSummary(IBatchProgress progress, DenoiseReport report, string outputFolder, string? reportPath, Shard shard, int allFiles)
    {
        var of = shard.Count > 1 ? $" (shard {shard} of {allFiles} inputs)" : "";
        var skipped = report.Skipped > 0 ? $"; skipped {report.Skipped} whose output exists" : "";
        progress.WriteLine($"Denoised {report.Succeeded} of {report.Images.Count} images{of} into {outputFolder} in {report.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s{skipped}.");
        if (report.MeanPsnr is { } psnr && report.MeanSsim is { } ssim)
        {
            progress.WriteLine($"Mean against the references: {Caption(psnr, ssim)}");
        }

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

    private sealed record Scores(double Psnr, double Ssim, double NoisyPsnr, double NoisySsim);

    /// <summary>The command line of <c>denoise</c>.</summary>
    internal sealed class Settings : BatchSettings
    {
        [CommandArgument(0, "<INPUT>")]
        [Description("Image files and/or folders. A folder contributes the image files directly inside it, sorted by name.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--preset <PRESET>")]
        [Description("official: the paper's schedule, 3000 steps, learning rate 0.001 halved every 1000. fast: the same schedule in "
            + "1500 steps (halved every 500): the official PSNR in half the steps; docs/performance.md. --iterations, --lr, "
            + "--step-size and --gamma override it.")]
        [DefaultValue("official")]
        [TypeConverter(typeof(PresetConverter))]
        public Preset Preset { get; init; }

        [CommandOption("--iterations <N>")]
        [RangeDescription("Schedule.Iterations", "Training steps per image, {range}. Default: 3000 (--preset fast: 1500).")]
        public int? Iterations { get; init; }

        [CommandOption("--lr <RATE>")]
        [RangeDescription("Schedule.LearningRate", "Adam's initial learning rate, {range}. Default: 0.001.")]
        public float? LearningRate { get; init; }

        [CommandOption("--step-size <N>")]
        [RangeDescription("Schedule.StepSize", "Steps between learning-rate decays, {range}. Default: 1000 (--preset fast: 500).")]
        public int? StepSize { get; init; }

        [CommandOption("--gamma <FACTOR>")]
        [RangeDescription("Schedule.Gamma", "Learning-rate factor at each decay, {range}. Default: 0.5.")]
        public float? Gamma { get; init; }

        [CommandOption("--width <N>")]
        [RangeDescription("Network.Features", "Feature channels of the network's hidden layers, {range}.")]
        [DefaultValue(48)]
        public int Width { get; init; }

        [CommandOption("--network <NETWORK>")]
        [Description("paper: the paper's network (two 3x3 convolutions, then 1x1). deep: a third 3x3 convolution, a wider view of each "
            + "pixel for about twice the training time; see docs/quality.md for what it gains. Default: paper, deep with --quality high.")]
        [TypeConverter(typeof(NetworkConverter))]
        public NetworkKind? Network { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of the initial weights; the same seed and --threads give the same output.")]
        [DefaultValue(0UL)]
        public ulong Seed { get; init; }

        [CommandOption("--threads <N>")]
        [RangeDescription("Execution.Threads", "ONNX Runtime threads per image, {range}. Default: the processors divided by the images trained at once (--parallel).")]
        public int? Threads { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Images trained at once (1 to 64), each with --threads threads; the output does not depend on it. Default: automatic, the faster choice "
            + "measured on a CPU (docs/performance.md): each image gets the threads it can use (one per band of 32 half-size rows it trains on; "
            + "a 256x256 image uses 4) and as many images as the processors then allow train at once, at most the number of inputs, fewer if their "
            + "memory estimate would not fit the memory limit; with --threads, processors / --threads images; one image at a time on CUDA. Images at "
            + "once share the memory limit equally.")]
        [TypeConverter(typeof(ParallelConverter))]
        public int? Parallel { get; init; }

        [CommandOption("--quality <QUALITY>")]
        [Description("official: the paper's recipe. high: the deep network (--network deep) with shift-augmented training (--shift-augment) "
            + "and the self-ensemble (--self-ensemble), the best measured so far, for about 1.7 times the training time; see docs/quality.md "
            + "for what it gains and costs.")]
        [DefaultValue("official")]
        [TypeConverter(typeof(QualityConverter))]
        public Quality Quality { get; init; }

        [CommandOption("--ensemble <N>")]
        [RangeDescription("Ensemble.Models", "Models to train from seeds --seed, --seed + 1, ... and average, {range}. Default: 1.")]
        public int? Ensemble { get; init; }

        [CommandOption("--shift-augment")]
        [Description("Train each step on the image shifted by a random 0 to 2 pixels, so the pair downsampler pairs other pixels from step to step "
            + "(on with --quality high).")]
        public bool ShiftAugment { get; init; }

        [CommandOption("--self-ensemble")]
        [Description("Average each model's output over the 8 flips and 90-degree rotations of the image: 8 inference passes, no extra training "
            + "(on with --quality high).")]
        public bool SelfEnsemble { get; init; }

        [CommandOption("--patch-training <MODE>")]
        [Description("auto: train each step on random crops of images larger than 512 x 512 pixels, so the cost of a step and its memory "
            + "follow the crop, not the photo; always or never: for every image (docs/large-images.md).")]
        [DefaultValue("auto")]
        [TypeConverter(typeof(PatchTrainingConverter))]
        public PatchTrainingMode PatchTraining { get; init; }

        [CommandOption("--patch-size <N>")]
        [RangeDescription("PatchTraining.Size", "Side of the crops of patch training, {range}. Default: 128.")]
        public int? PatchSize { get; init; }

        [CommandOption("--patches <N>")]
        [RangeDescription("PatchTraining.Count", "Crops each step of patch training sees, {range}. Default: 2.")]
        public int? Patches { get; init; }

        [CommandOption("--patch-lr-factor <X>")]
        [RangeDescription("PatchTraining.LearningRateFactor", "Patch training runs at the learning rate times this, {range}: a few crops give a noisier gradient "
            + "than the whole image, and Adam then takes smaller steps. Default: 2.")]
        public float? PatchLearningRateFactor { get; init; }

        [CommandOption("--device <DEVICE>")]
        [Description("Where to train: cpu, or cuda (needs ONNX Runtime's GPU natives, Microsoft.ML.OnnxRuntime.Gpu, and an NVIDIA GPU).")]
        [DefaultValue("cpu")]
        [TypeConverter(typeof(ExecutionDeviceConverter))]
        public ExecutionDevice Device { get; init; }

        [CommandOption("--export-onnx")]
        [Description("Also write each trained denoiser as OUTDIR/<name>.onnx (input 'image', output 'denoised', float32, shape 1 x C x H x W, values 0..1).")]
        public bool ExportOnnx { get; init; }

        [CommandOption("--report <FILE>")]
        [Description("Write a JSON report: per image its path, size, channels, bit depth, iterations, seconds and final loss, or its error.")]
        public string? Report { get; init; }

        [CommandOption("--reference <CLEAN>")]
        [Description("Clean image to score against: a file (with one input) or a folder of clean images matched by file name (else by name without extension). "
            + "Adds PSNR (dB) and SSIM of the denoised and of the noisy image to the output lines, the summary (with the means) and the report.")]
        public string? Reference { get; init; }

        [CommandOption("--compare")]
        [Description("Also write OUTDIR/<name>_compare.png: noisy | denoised (| clean with --reference) side by side, captioned with PSNR and SSIM when known.")]
        public bool Compare { get; init; }

        [CommandOption("--plot")]
        [Description("Also write OUTDIR/<name>_loss.png: the training loss per step (log scale).")]
        public bool Plot { get; init; }

        [CommandOption("--skip-existing")]
        [Description("Skip inputs whose OUTDIR/<name>.png exists (resume an interrupted folder run); they are listed as skipped, not failed.")]
        public bool SkipExisting { get; init; }

        [CommandOption("--shard <I/N>")]
        [Description("Process only every N-th input file starting at I (0-based; 0 <= I < N), counted over the full sorted list: "
            + "N machines running 0/N ... (N-1)/N cover every file exactly once (Slurm array, Kubernetes indexed job). Default: all files.")]
        [TypeConverter(typeof(ShardConverter))]
        public Shard? Shard { get; init; }

        /// <inheritdoc/>
        public override IReadOnlyList<string> InputPaths => Inputs;

        /// <summary>The name suffixes each input writes into OUTDIR with these settings.</summary>
        public IReadOnlyList<string> OutputSuffixes =>
        [
            ".png",
            .. ExportOnnx ? [".onnx"] : Array.Empty<string>(),
            .. Plot ? [PlotSuffix] : Array.Empty<string>(),
            .. Compare ? [CompareSuffix] : Array.Empty<string>(),
        ];

        /// <summary>The engine options these settings describe.</summary>
        public DenoiseOptions ToOptions()
        {
            var preset = ScheduleOptions.For(Preset);
            var patches = new PatchTrainingOptions();
            var options = new DenoiseOptions
            {
                Schedule = new ScheduleOptions
                {
                    Iterations = Iterations ?? preset.Iterations,
                    LearningRate = LearningRate ?? preset.LearningRate,
                    StepSize = StepSize ?? preset.StepSize,
                    Gamma = Gamma ?? preset.Gamma,
                },
                Network = new NetworkOptions { Features = Width },
                PatchTraining = new PatchTrainingOptions
                {
                    Mode = PatchTraining,
                    Size = PatchSize ?? patches.Size,
                    Count = Patches ?? patches.Count,
                    LearningRateFactor = PatchLearningRateFactor ?? patches.LearningRateFactor,
                },
                Seed = Seed,
                Execution = new ExecutionOptions { Threads = Threads ?? Environment.ProcessorCount, Device = Device },
            }.WithQuality(Quality);
            return options with
            {
                Network = options.Network with { Kind = Network ?? options.Network.Kind },
                Ensemble = new EnsembleOptions
                {
                    Models = Ensemble ?? options.Ensemble.Models,
                    SelfEnsemble = SelfEnsemble || options.Ensemble.SelfEnsemble,
                },
                ShiftAugmentation = ShiftAugment || options.ShiftAugmentation,
            };
        }

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } failed)
            {
                return failed;
            }

            if (Reference is not null && !File.Exists(Reference) && !Directory.Exists(Reference))
            {
                return ValidationResult.Error($"--reference '{Reference}' does not exist.");
            }

            if (Report is not null && Directory.Exists(Report))
            {
                return ValidationResult.Error($"--report '{Report}' is a folder; it must be a file path such as report.json.");
            }

            // The engine owns the ranges; its complaint is said under the option's command-line name.
            return OptionRanges.Check(ToOptions()) is [var first, ..]
                ? ValidationResult.Error(OptionFlags.Describe(first))
                : ValidationResult.Success();
        }
    }
}
