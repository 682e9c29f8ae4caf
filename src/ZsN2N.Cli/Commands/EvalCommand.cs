using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Cli.Reports;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Pipeline;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// <c>zsn2n eval DENOISED CLEAN</c>: PSNR and SSIM of denoised images against clean ones, matched by file name, as a
/// table, CSV or JSON. The metrics are the engine's <see cref="Psnr"/> and <see cref="Ssim"/>, which reproduce
/// scikit-image's (the tests check them against stored scikit-image 0.19.3 values).
/// </summary>
internal sealed class EvalCommand(IAnsiConsole console) : Command<EvalCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Score denoised images against clean ones: PSNR (dB, data range 1) and SSIM (7x7 window, colour averaged over channels), "
        + "as scikit-image's peak_signal_noise_ratio and structural_similarity compute them, per image and the mean. "
        + "DENOISED and CLEAN are files or folders; a folder's images are matched by file name (else by name without extension, so out/a.png "
        + "matches clean/a.tif). Files a denoise run writes beside its outputs (*_compare.png, *_loss.png) are ignored. Prints a table, or CSV or JSON.\n\n"
        + "Exit codes:\n"
        + "  0    every denoised image was scored\n"
        + "  1    an image had no clean match, could not be read, or differs in size; the others are still scored\n"
        + "  2    invalid command line: input not found, --csv with --json";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var pairs = Pair(settings.Denoised, settings.Clean, out var usage);
        if (usage is not null)
        {
            return CliErrors.Usage(usage);
        }

        var entries = new List<EvalEntry>(pairs.Count);
        foreach (var (denoised, clean) in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            entries.Add(Score(denoised, clean));
        }

        var report = new EvalReport { Images = entries };
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, ReportWriter.Options));
        }
        else if (settings.Csv)
        {
            Console.Out.Write(ToCsv(report));
        }
        else
        {
            WriteTable(report);
        }

        if (report.Failed > 0 && (settings.Json || settings.Csv))
        {
            // The table shows errors inline; with machine output the errors also go to stderr for the person watching.
            foreach (var failed in report.Images.Where(i => i.Error is not null))
            {
                Console.Error.WriteLine($"Error: {failed.Error}");
            }
        }

        return report.Failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>The CSV text: a header, one row per image, and a <c>mean</c> row; numbers round-trip (invariant culture).</summary>
    internal static string ToCsv(EvalReport report)
    {
        var csv = new StringBuilder("name,denoised,clean,psnr,ssim,error\n");
        foreach (var entry in report.Images)
        {
            csv.AppendJoin(',', Field(entry.Name), Field(entry.Denoised), Field(entry.Clean), Number(entry.Psnr), Number(entry.Ssim), Field(entry.Error)).Append('\n');
        }

        csv.AppendJoin(',', "mean", "", "", Number(report.MeanPsnr), Number(report.MeanSsim), "").Append('\n');
        return csv.ToString();
    }

    private static List<(string Denoised, string? Clean)> Pair(string denoised, string clean, out string? usage)
    {
        usage = null;
        if (File.Exists(denoised))
        {
            return [(Path.GetFullPath(denoised), Directory.Exists(clean) ? InputFiles.FindByName(clean, denoised) : Path.GetFullPath(clean))];
        }

        if (!Directory.Exists(clean))
        {
            usage = $"DENOISED '{denoised}' is a folder, so CLEAN must be a folder too, not '{clean}'.";
            return [];
        }

        var files = InputFiles.Expand([denoised]);
        var pairs = new List<(string, string?)>();
        foreach (var file in files)
        {
            var match = InputFiles.FindByName(clean, file);
            var name = Path.GetFileNameWithoutExtension(file);
            if (match is null && (name.EndsWith("_compare", StringComparison.Ordinal) || name.EndsWith("_loss", StringComparison.Ordinal)))
            {
                continue;
            }

            pairs.Add((file, match));
        }

        if (pairs.Count == 0)
        {
            usage = $"No image files ({string.Join(", ", InputFiles.ImageExtensions)}) found in: {denoised}.";
        }

        return pairs;
    }

    private static EvalEntry Score(string denoised, string? clean)
    {
        var entry = new EvalEntry { Name = Path.GetFileName(denoised), Denoised = denoised, Clean = clean };
        if (clean is null)
        {
            return entry with { Error = $"{denoised}: no clean image of the same name." };
        }

        try
        {
            var test = ImageIo.Read(denoised);
            var reference = ImageIo.Read(clean);
            if (test.Channels != reference.Channels || test.Height != reference.Height || test.Width != reference.Width)
            {
                return entry with
                {
                    Error = $"{denoised} is {test.Width}x{test.Height} with {test.Channels} channel(s) but {clean} is {reference.Width}x{reference.Height} with {reference.Channels}.",
                };
            }

            return entry with { Psnr = Psnr.Compute(reference, test), Ssim = Ssim.Compute(reference, test) };
        }
        catch (Exception e) when (ImageFailure.IsPerImage(e))
        {
            return entry with { Error = ImageFailure.Describe(e, denoised) };
        }
    }

    private void WriteTable(EvalReport report)
    {
        var table = new Table().AddColumn("Image").AddColumn(new TableColumn("PSNR (dB)").RightAligned()).AddColumn(new TableColumn("SSIM").RightAligned());
        foreach (var entry in report.Images)
        {
            if (entry.Error is null)
            {
                table.AddRow(Markup.Escape(entry.Name), Format(entry.Psnr, "F2"), Format(entry.Ssim, "F4"));
            }
            else
            {
                table.AddRow(Markup.Escape(entry.Name), "[red]error[/]", "[red]error[/]");
            }
        }

        table.AddEmptyRow();
        table.AddRow($"[bold]mean of {report.Count}[/]", $"[bold]{Format(report.MeanPsnr, "F2")}[/]", $"[bold]{Format(report.MeanSsim, "F4")}[/]");
        console.Write(table);
        foreach (var failed in report.Images.Where(i => i.Error is not null))
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {failed.Error}");
        }
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Field(string? text) =>
        text is null ? "" : text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    /// <summary>The command line of <c>eval</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DENOISED>")]
        [Description("The images to score: a file, or a folder of them (e.g. a denoise --output folder).")]
        public string Denoised { get; init; } = "";

        [CommandArgument(1, "<CLEAN>")]
        [Description("The clean references: a file, or a folder whose images are matched to DENOISED's by name.")]
        public string Clean { get; init; } = "";

        [CommandOption("--csv")]
        [Description("Print CSV (name,denoised,clean,psnr,ssim,error and a final 'mean' row) instead of the table.")]
        public bool Csv { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON ({ images: [[{ name, denoised, clean, psnr, ssim, error }]], count, failed, meanPsnr, meanSsim }) instead of the table.")]
        public bool Json { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            foreach (var (label, path) in new[] { ("DENOISED", Denoised), ("CLEAN", Clean) })
            {
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    return ValidationResult.Error($"{label} '{path}' does not exist.");
                }
            }

            return Csv && Json ? ValidationResult.Error("Give --csv or --json, not both.") : ValidationResult.Success();
        }
    }
}
