using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Progress;
using ZsN2N.Ort;
using ZsN2N.Ort.Export;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Training;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// <c>zsn2n apply MODEL.onnx INPUT... -o OUTDIR</c>: runs a denoiser exported by <c>denoise --export-onnx</c> on
/// other images, without training: other frames of the same camera and settings, say. One bad file is reported and
/// the rest are still processed.
/// </summary>
internal sealed class ApplyCommand(IAnsiConsole console) : Command<ApplyCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Run a trained denoiser exported with 'denoise --export-onnx' on other images (no training): useful for other frames from the same camera and noise level. "
        + "Each INPUT is an image file or a folder, as for denoise; the model's channel count (grey or RGB) must match the images'. "
        + "Writes OUTDIR/<name>.png at the input's bit depth.\n\n"
        + ExitCodes.HelpText;

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var outputFolder = Path.GetFullPath(settings.Output!);
        if (InputFiles.Resolve(settings.Inputs, outputFolder, out var files) is { } inputError)
        {
            return CliErrors.Usage(inputError);
        }

        DenoiserModel model;
        try
        {
            model = DenoiserModel.Load(settings.Model);
        }
        catch (InvalidDataException e)
        {
            return CliErrors.Usage(e.Message);
        }

        Directory.CreateDirectory(outputFolder);
        var threads = settings.Threads ?? Environment.ProcessorCount;
        var progress = BatchProgress.For(console, settings.Quiet);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var succeeded = 0;
        try
        {
            progress.Run(files.Count, () =>
            {
                for (var i = 0; i < files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var display = progress.StartImage($"[{i + 1}/{files.Count}] {Path.GetFileName(files[i])}", 0);
                    var imageClock = Stopwatch.StartNew();
                    try
                    {
                        var image = ImageIo.Read(files[i]);
                        var denoised = model.Apply(image, threads, settings.Device, DenoiseOptions.DefaultTileSize, cancellationToken);
                        cancellationToken.ThrowIfCancellationRequested();
                        var output = InputFiles.OutputPath(outputFolder, files[i], ".png");
                        ImageIo.Write(denoised, output);
                        display.Succeeded($"wrote {output}", imageClock.Elapsed);
                        succeeded++;
                    }
                    catch (Exception e) when (ImageFailure.IsPerImage(e))
                    {
                        var error = ImageFailure.Describe(e, files[i]);
                        failures.Add(error);
                        display.Failed(error);
                    }
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"Cancelled after {succeeded} of {files.Count} images; no partial file was written.");
            return ExitCodes.Cancelled;
        }

        progress.WriteLine($"Applied {Path.GetFileName(settings.Model)} to {succeeded} of {files.Count} images into {outputFolder} in {clock.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s.");
        if (failures.Count > 0)
        {
            progress.WriteLine($"{failures.Count} failed:");
            failures.ForEach(f => progress.WriteLine($"  {f}"));
        }

        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>The command line of <c>apply</c>.</summary>
    internal sealed class Settings : BatchSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("A denoiser written by 'zsn2n denoise --export-onnx' (<name>.onnx).")]
        public string Model { get; init; } = "";

        [CommandArgument(1, "<INPUT>")]
        [Description("Image files and/or folders. A folder contributes the image files directly inside it, sorted by name.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--threads <N>")]
        [Description("ONNX Runtime threads (1 to 1024). Default: the number of processors.")]
        public int? Threads { get; init; }

        [CommandOption("--device <DEVICE>")]
        [Description("Where to run: cpu, or cuda (needs the GPU build and an NVIDIA GPU).")]
        [DefaultValue("cpu")]
        [TypeConverter(typeof(ExecutionDeviceConverter))]
        public ExecutionDevice Device { get; init; }

        /// <inheritdoc/>
        public override IReadOnlyList<string> InputPaths => Inputs;

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (!File.Exists(Model))
            {
                return ValidationResult.Error($"Model '{Model}' does not exist.");
            }

            if (Threads is < 1 or > 1024)
            {
                return ValidationResult.Error($"--threads {Threads}: must be between 1 and 1024.");
            }

            return base.Validate();
        }
    }
}
