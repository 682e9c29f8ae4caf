using System.ComponentModel;
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
/// <c>zsn2n-largebench compare</c>: PSNR of patch training against whole-image training at the same steps, on dev
/// crops and on larger crops of dev/large; prints a Markdown table.
/// </summary>
internal sealed class CompareCommand : Command<CompareCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "PSNR of patch training against whole-image training at the same steps, on dev images and on larger crops of dev/large; "
        + "prints a Markdown table.";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var steps = settings.Steps;
        var threads = settings.ThreadCount;
        var patchSizes = settings.PatchSizeList;
        var cases = new List<(string Name, PlanarImage Clean, PlanarImage Noisy)>();
        foreach (var name in Names(settings.Dev))
        {
            cases.Add(($"dev {name} g25", ImageIo.Read(Path.Combine(settings.DevData, "clean", name)), ImageIo.Read(Path.Combine(settings.DevData, "noisy_g25", name))));
        }

        foreach (var name in Names(settings.Large))
        {
            var full = ImageIo.Read(Path.Combine(settings.DevData, "large", name));
            var size = Math.Min(settings.LargeCrop, Math.Min(full.Height, full.Width)) & ~1;
            var clean = PlanarImages.Crop(full, (full.Height - size) / 2 & ~1, (full.Width - size) / 2 & ~1, size, size);
            cases.Add(($"large {name} {size}² g25", clean, new GaussianNoise(25.0 / 255, 7).Apply(clean)));
        }

        var baseOptions = new DenoiseOptions { Schedule = new() { Iterations = steps, StepSize = Math.Max(1, steps / 3) }, Execution = new() { Threads = threads } };
        Console.WriteLine($"steps {steps} (learning rate halved every {baseOptions.Schedule.StepSize}), {threads} threads");
        Console.WriteLine($"| image | whole image dB | {string.Join(" | ", patchSizes.Select(p => $"patch {p} dB (Δ)"))} | whole s/step | {string.Join(" | ", patchSizes.Select(p => $"patch {p} s/step"))} |");
        Console.WriteLine($"|---|---|{string.Concat(patchSizes.Select(_ => "---|"))}---|{string.Concat(patchSizes.Select(_ => "---|"))}");
        var deltas = new double[patchSizes.Length];
        foreach (var (name, clean, noisy) in cases)
        {
            var whole = new Denoiser(baseOptions with { PatchTraining = baseOptions.PatchTraining with { Mode = PatchTrainingMode.Never } }).Denoise(noisy);
            var wholePsnr = Psnr.Compute(clean, whole.Denoised);
            var cells = new List<string>();
            var times = new List<string>();
            for (var p = 0; p < patchSizes.Length; p++)
            {
                var patched = new Denoiser(baseOptions with { PatchTraining = baseOptions.PatchTraining with { Mode = PatchTrainingMode.Always, Size = patchSizes[p] } }).Denoise(noisy);
                var psnr = Psnr.Compute(clean, patched.Denoised);
                deltas[p] += psnr - wholePsnr;
                cells.Add($"{psnr:F2} ({psnr - wholePsnr:+0.00;-0.00})");
                times.Add($"{patched.TrainingTime.TotalSeconds / steps:F3}");
            }

            Console.WriteLine($"| {name} | {wholePsnr:F2} | {string.Join(" | ", cells)} | {whole.TrainingTime.TotalSeconds / steps:F3} | {string.Join(" | ", times)} |");
        }

        Console.WriteLine($"| mean Δ | | {string.Join(" | ", deltas.Select(d => $"{d / cases.Count:+0.00;-0.00}"))} | | {string.Join(" | ", patchSizes.Select(_ => ""))} |");
        return 0;
    }

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The command line of <c>zsn2n-largebench compare</c>.</summary>
    internal sealed class Settings : DevDataSettings
    {
        [CommandOption("--steps <N>")]
        [Description("Training steps of every run; the learning rate halves every third of them.")]
        [DefaultValue(3000)]
        public int Steps { get; init; }

        [CommandOption("--patch-sizes <LIST>")]
        [Description("Crop sides of patch training to compare, separated by commas.")]
        [DefaultValue("128,256")]
        public string PatchSizes { get; init; } = "";

        [CommandOption("--large-crop <N>")]
        [Description("Side of the centre crop of each large photo (rounded down to even).")]
        [DefaultValue(512)]
        public int LargeCrop { get; init; }

        [CommandOption("--dev <LIST>")]
        [Description("Dev images (clean/ and noisy_g25/), separated by commas.")]
        [DefaultValue("camera.png,home.png,squirrel_cls.png")]
        public string Dev { get; init; } = "";

        [CommandOption("--large <LIST>")]
        [Description("Photos of large/, separated by commas; Gaussian noise of sigma 25 is added to their crops.")]
        [DefaultValue("motorcycle_left.png,starry_night.png")]
        public string Large { get; init; } = "";

        /// <summary>The sides of <see cref="PatchSizes"/>.</summary>
        public int[] PatchSizeList => OptionChecks.ParseIntList(PatchSizes, 2) ?? [];

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.All(
            base.Validate(),
            OptionChecks.AtLeast("--steps", Steps, 1),
            OptionChecks.IntList("--patch-sizes", PatchSizes, 2),
            OptionChecks.AtLeast("--large-crop", LargeCrop, 2));
    }
}
