using System.ComponentModel;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Progress;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// <c>zsn2n add-noise INPUT... -o OUTDIR</c>: makes noisy test images from clean ones with the ZS-N2N notebook's noise
/// models (additive Gaussian, or Poisson), reproducibly: each file's noise is seeded by <c>--seed</c> and its file
/// name, so a file gets the same noise whatever else is on the command line, and different files get different noise.
/// </summary>
internal sealed class AddNoiseCommand(IAnsiConsole console) : Command<AddNoiseCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Add synthetic noise to clean images, to make test data for denoise and eval. Give exactly one of --gaussian (sigma in 0..255 units, e.g. 25), "
        + "--degree (the same sigma in 0..1 units, e.g. 0.1, as config.json's degree) or --poisson (photons at white, e.g. 50). "
        + "Gaussian noise is clipped to 0..1; Poisson noise is clipped at 0..1 when written. Each file's noise is seeded by --seed and its file name. "
        + "Writes OUTDIR/<name>.png at --depth bits.\n\n"
        + ExitCodes.HelpText;

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var outputFolder = Path.GetFullPath(settings.Output!);
        if (InputFiles.Resolve(settings.Inputs, outputFolder, out var files) is { } inputError)
        {
            return CliErrors.Usage(inputError);
        }

        Directory.CreateDirectory(outputFolder);
        return ImageFileBatch.Run(BatchProgress.For(console, settings.Quiet), files, outputFolder, $"Added {settings.NoiseName} noise to",
            (file, _) => WithBitDepth(settings.Noise(FileSeed(settings.Seed, file)).Invoke(ImageIo.Read(file)), settings.Depth), cancellationToken);
    }

    /// <summary>
    /// The seed for one file: <paramref name="seed"/> mixed with a stable (FNV-1a) hash of the file name, so the noise
    /// does not depend on the other inputs or on the process (string.GetHashCode is randomized per process).
    /// </summary>
    internal static int FileSeed(int seed, string path)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Path.GetFileName(path)))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (uint)seed * 2654435761u);
    }

    /// <summary>The image written at <paramref name="bitDepth"/>, alpha rescaled to match.</summary>
    private static PlanarImage WithBitDepth(PlanarImage image, int bitDepth)
    {
        if (image.BitDepth == bitDepth)
        {
            return image;
        }

        ushort[]? alpha = null;
        if (image.HasAlpha)
        {
            alpha = bitDepth == 16
                ? [.. image.Alpha.ToArray().Select(a => (ushort)(a * 257))]
                : [.. image.Alpha.ToArray().Select(a => (ushort)((a + 128) / 257))];
        }

        return new PlanarImage(image.Channels, image.Height, image.Width, image.Pixels.ToArray(), bitDepth, alpha, image.SourceFormat);
    }

    /// <summary>The command line of <c>add-noise</c>.</summary>
    internal sealed class Settings : BatchSettings
    {
        [CommandArgument(0, "<INPUT>")]
        [Description("Clean image files and/or folders. A folder contributes the image files directly inside it, sorted by name.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--gaussian <SIGMA>")]
        [Description("Additive Gaussian noise with this standard deviation in 0..255 units (25 is the usual 'sigma 25'), 0 to 255.")]
        public double? Gaussian { get; init; }

        [CommandOption("--degree <D>")]
        [Description("Additive Gaussian noise with this standard deviation in 0..1 units (config.json's degree), 0 to 1.")]
        public double? Degree { get; init; }

        [CommandOption("--poisson <PEAK>")]
        [Description("Poisson (shot) noise: PEAK is the expected photon count of a white pixel (e.g. 50; lower is noisier), above 0.")]
        public double? Poisson { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of the noise; each file mixes in its file name. The same seed and file give the same noise.")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        [CommandOption("--depth <BITS>")]
        [Description("Bits per sample of the output PNGs: 8 or 16 (16 keeps the noise nearly unquantized).")]
        [DefaultValue(16)]
        public int Depth { get; init; }

        /// <inheritdoc/>
        public override IReadOnlyList<string> InputPaths => Inputs;

        /// <summary>How the summary names the noise, e.g. <c>Gaussian sigma 25/255</c>.</summary>
        public string NoiseName => Poisson is { } peak
            ? string.Create(CultureInfo.InvariantCulture, $"Poisson peak {peak}")
            : string.Create(CultureInfo.InvariantCulture, $"Gaussian sigma {Sigma * 255:G4}/255");

        private double Sigma => Gaussian is { } sigma ? sigma / 255 : Degree ?? 0;

        /// <summary>The noise for a file with <paramref name="seed"/>.</summary>
        public Func<PlanarImage, PlanarImage> Noise(int seed) =>
            Poisson is { } peak ? new PoissonNoise(peak, seed).Apply : new GaussianNoise(Sigma, seed).Apply;

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            var given = new[] { Gaussian is null ? null : "--gaussian", Degree is null ? null : "--degree", Poisson is null ? null : "--poisson" }.OfType<string>().ToArray();
            if (given.Length != 1)
            {
                return ValidationResult.Error(given.Length == 0
                    ? "Give the noise: one of --gaussian SIGMA (0..255), --degree D (0..1) or --poisson PEAK."
                    : $"Give only one noise option, not {string.Join(" and ", given)}.");
            }

            if (Gaussian is { } sigma && (!double.IsFinite(sigma) || sigma is < 0 or > 255))
            {
                return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--gaussian {sigma}: must be between 0 and 255 (sigma in 0..255 units)."));
            }

            if (Degree is { } degree && (!double.IsFinite(degree) || degree is < 0 or > 1))
            {
                return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--degree {degree}: must be between 0 and 1 (sigma in 0..1 units)."));
            }

            if (Poisson is { } poisson && (!double.IsFinite(poisson) || poisson <= 0))
            {
                return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--poisson {poisson}: must be above 0 (photons at white)."));
            }

            if (Depth is not (8 or 16))
            {
                return ValidationResult.Error($"--depth {Depth}: must be 8 or 16.");
            }

            return base.Validate();
        }
    }
}
