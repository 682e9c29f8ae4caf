using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Help;
using ZsN2N.Cli.Progress;
using ZsN2N.Cli.Reports;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
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

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var outputFolder = Path.GetFullPath(settings.Output!);
        var outputs = settings.ToOutputs();

        // Checked on the whole list, so every shard of a split run agrees on it.
        if (InputFiles.Resolve(settings.Inputs, outputFolder, out var allFiles, ImagePipeline.OutputSuffixes(outputs)) is { } inputError)
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
        var batch = BatchPlan.For(requested, files, settings.Parallel, settings.Threads);
        var pipeline = new ImagePipeline(requested, outputs, batch);
        var progress = BatchProgress.For(console, settings.Quiet);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        // One slot per input, filled by whichever worker takes it, so the report and summary keep the input order.
        var reports = new ImageReport?[files.Count];
        try
        {
            progress.Run(files.Count, () => ImageWorkers.Run(files.Count, batch.ImagesAtOnce, (i, token) =>
                reports[i] = DenoiseOne(pipeline, files[i], $"[{i + 1}/{files.Count}] {Path.GetFileName(files[i])}", outputFolder, settings, progress, token),
                cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"Cancelled after {reports.Count(r => r?.Status == ImageStatus.Succeeded)} of {files.Count} images; no partial file was written.");
            return ExitCodes.Cancelled;
        }

        var report = new DenoiseReport
        {
            Started = started,
            Seconds = clock.Elapsed.TotalSeconds,
            Settings = ReportSettings.From(pipeline.Options, batch.ImagesAtOnce),
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

    // One input through the engine's pipeline, shown as one line or bar: skipped when its output exists and
    // --skip-existing is on, failed when no clean image in the --reference folder matches it.
    private static ImageReport DenoiseOne(ImagePipeline pipeline, string input, string label, string outputFolder, Settings settings, IBatchProgress progress,
        CancellationToken cancellationToken)
    {
        var output = ImagePipeline.OutputPath(outputFolder, input, ImagePipeline.ImageSuffix);
        if (settings.SkipExisting && File.Exists(output))
        {
            progress.SkipImage(label, $"{output} exists");
            return new ImageReport { Path = input, Status = ImageStatus.Skipped, Output = output };
        }

        var display = progress.StartImage(label, pipeline.Options.Schedule.Iterations * pipeline.Options.Ensemble.Models);
        string? reference = null;
        if (settings.Reference is { } given)
        {
            reference = Directory.Exists(given) ? InputFiles.FindByName(given, input) : Path.GetFullPath(given);
            if (reference is null)
            {
                var error = $"{input}: no clean image named like it in --reference '{given}'.";
                display.Failed(error);
                return new ImageReport { Path = input, Status = ImageStatus.Failed, Error = error };
            }
        }

        var report = pipeline.DenoiseFile(input, outputFolder, reference, display, cancellationToken);
        if (report.Status == ImageStatus.Succeeded)
        {
            display.Succeeded(Detail(report, pipeline.Options.Noise.Mode != NoiseMode.Independent), TimeSpan.FromSeconds(report.Seconds ?? 0));
        }
        else
        {
            display.Failed(report.Error!);
        }

        return report;
    }

    // What the line of a denoised image says after its name; the noise when another than the default was asked for.
    private static string Detail(ImageReport report, bool noise)
    {
        var detail = string.Create(CultureInfo.InvariantCulture, $"final loss {report.FinalLoss:G6}");
        if (noise)
        {
            detail += $", noise {report.NoiseDescription}";
        }

        if (report.UsedCrops == true)
        {
            detail += $", trained on {report.Training}";
        }

        if (report is { Psnr: { } psnr, Ssim: { } ssim, NoisyPsnr: { } noisyPsnr, NoisySsim: { } noisySsim })
        {
            detail += string.Create(CultureInfo.InvariantCulture, $", PSNR {psnr:F2} dB (noisy {noisyPsnr:F2}), SSIM {ssim:F4} (noisy {noisySsim:F4})");
        }

        return detail;
    }

    private static void WriteSummary(IBatchProgress progress, DenoiseReport report, string outputFolder, string? reportPath, Shard shard, int allFiles)
    {
        var of = shard.Count > 1 ? $" (shard {shard} of {allFiles} inputs)" : "";
        var skipped = report.Skipped > 0 ? $"; skipped {report.Skipped} whose output exists" : "";
        progress.WriteLine($"Denoised {report.Succeeded} of {report.Images.Count} images{of} into {outputFolder} in {report.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s{skipped}.");
        if (report.MeanPsnr is { } psnr && report.MeanSsim is { } ssim)
        {
            progress.WriteLine($"Mean against the references: {ImageScores.Caption(psnr, ssim)}");
        }

        if (report.Failed > 0)
        {
            progress.WriteLine($"{report.Failed} failed:");
            foreach (var failed in report.Images.Where(i => i.Status == ImageStatus.Failed))
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

        [CommandOption("--noise <NOISE>")]
        [RangeDescription("Noise.Mode", "The noise to expect, {range} (any case). independent: pixel-independent noise (Gaussian, Poisson), the "
            + "official recipe. camera: a camera's noise, spread over neighbouring pixels by demosaicing, processing and JPEG: trains on the "
            + "image's 4 pixel-shuffle sub-images, then makes a second pass over the whole image (docs/camera-noise.md). auto: camera when "
            + "the image's own noise reads as spatially correlated, else independent; the output line and the report say what it found. Default: independent.")]
        [DefaultValue("independent")]
        [TypeConverter(typeof(NoiseConverter))]
        public NoiseMode Noise { get; init; }

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

        /// <summary>What each input makes besides its denoised image.</summary>
        public PipelineOutputs ToOutputs() =>
            (ExportOnnx ? PipelineOutputs.Model : PipelineOutputs.None)
            | (Plot ? PipelineOutputs.Plot : PipelineOutputs.None)
            | (Compare ? PipelineOutputs.Comparison : PipelineOutputs.None);

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
                Noise = new NoiseOptions { Mode = Noise },
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
