using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Help;
using ZsN2N.Cli.Progress;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;

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
        return ImageFileBatch.Run(BatchProgress.For(console, settings.Quiet), files, outputFolder, $"Applied {Path.GetFileName(settings.Model)} to",
            (file, token) =>
            {
                var denoised = model.Apply(ImageIo.Read(file), threads, settings.Device, DenoiserModel.DefaultTileSize, token);

                // No output for an image whose inference was cancelled.
                token.ThrowIfCancellationRequested();
                return denoised;
            },
            cancellationToken);
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
        [RangeDescription("Execution.Threads", "ONNX Runtime threads, {range}. Default: the number of processors.")]
        public int? Threads { get; init; }

        [CommandOption("--device <DEVICE>")]
        [Description("Where to run: cpu, or cuda (needs ONNX Runtime's GPU natives, Microsoft.ML.OnnxRuntime.Gpu, and an NVIDIA GPU).")]
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

            if (Threads is { } threads && OptionRanges.Threads.Check(threads) is { } invalid)
            {
                return ValidationResult.Error(OptionFlags.Describe(invalid));
            }

            return base.Validate();
        }
    }
}
