using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Models;
using ZsN2N.Tools.Shared;

namespace ZsN2N.QualityBench;

/// <summary>
/// Scores trained denoisers and their ensembles against clean images: the tables of docs/quality.md.
/// RUNS/{SET}-s{SEED}/{noise}/{image}.onnx and .json are what
/// <c>zsn2n denoise DEV/{noise}/{image}.png -o RUNS/{SET}-s{SEED}/{noise} --seed SEED --threads 1 --export-onnx --report RUNS/.../{image}.json [FLAGS]</c>
/// writes, SET naming the training flags: "official" (none), "shift" (--shift-augment) or "deep-shift" (--network deep
/// --shift-augment). The models of seeds 0..K-1 of one image make its K-model ensemble, as --ensemble K trains them
/// (bit for bit at 1 thread); a deep-shift model with the self-ensemble is what --quality high outputs.
/// </summary>
internal sealed class QualityCommand : Command<QualityCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Scores trained denoisers and their ensembles against clean images: the tables of docs/quality.md. RUNS/{SET}-s{SEED}/{noise}/{image}.onnx "
        + "and .json are what 'zsn2n denoise DEV/{noise}/{image}.png -o RUNS/{SET}-s{SEED}/{noise} --seed SEED --threads 1 --export-onnx "
        + "--report RUNS/{SET}-s{SEED}/{noise}/{image}.json [[FLAGS]]' writes, SET naming the flags: official (none), shift (--shift-augment) "
        + "or deep-shift (--network deep --shift-augment).";

    private static readonly string[] Noises = ["noisy_g25", "noisy_g50", "noisy_p50"];
    private static readonly string[] Sets = ["official", "shift", "deep-shift"];

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rows = Score(settings);
        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"zsn2n-quality: no models under {Path.Combine(settings.Runs, "official-s0", "{" + string.Join(",", Noises) + "}")}.");
            return ToolApp.Failed;
        }

        WriteRows(rows);
        WriteVariants(rows);
        WriteHigh(rows);
        return 0;
    }

    private static List<Row> Score(Settings settings)
    {
        var rows = new List<Row>();
        foreach (var noise in Noises)
        {
            var folder = Path.Combine(settings.Runs, "official-s0", noise);
            foreach (var name in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.onnx").Select(p => Path.GetFileNameWithoutExtension(p)).Order() : Enumerable.Empty<string>())
            {
                var noisy = ImageIo.Read(Path.Combine(settings.Dev, noise, name + ".png"));
                var clean = ImageIo.Read(Path.Combine(settings.Dev, "clean", name + ".png"));
                foreach (var set in Sets)
                {
                    var members = new List<(DenoiserModel Model, double Seconds)>();
                    for (var seed = 0; File.Exists(MemberPath(settings.Runs, set, seed, noise, name, ".onnx")); seed++)
                    {
                        members.Add((DenoiserModel.Load(MemberPath(settings.Runs, set, seed, noise, name, ".onnx")),
                            TrainingSeconds(MemberPath(settings.Runs, set, seed, noise, name, ".json"))));
                    }

                    for (var k = 1; k <= members.Count; k++)
                    {
                        foreach (var selfEnsemble in new[] { false, true })
                        {
                            var ensemble = DenoiserEnsemble.Combine(members.Take(k).Select(m => m.Model).ToList(), selfEnsemble);
                            var clock = Stopwatch.StartNew();
                            var denoised = ensemble.Apply(noisy, settings.Threads);
                            var inference = clock.Elapsed.TotalSeconds;

                            // Scored as written to disk, like `zsn2n denoise --reference`.
                            var written = ImageIo.Decode(ImageIo.Encode(denoised, ".png"));
                            var row = new Row(noise, name, set, k, selfEnsemble, Psnr.Compute(clean, written), Ssim.Compute(clean, written),
                                members.Take(k).Sum(m => m.Seconds) + inference);
                            rows.Add(row);
                            Console.Error.WriteLine(row);
                        }
                    }
                }
            }
        }

        return rows;
    }

    private static void WriteRows(List<Row> rows)
    {
        Console.WriteLine("| noise | image | variant | PSNR (dB) | gain (dB) | SSIM | seconds |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Noise} | {row.Image} | {row.Variant} | {row.Psnr:F2} | {row.Psnr - Official(rows, row).Psnr:+0.00;-0.00} | {row.Ssim:F4} | {row.Seconds:F0} |"));
        }
    }

    // Each variant against the official recipe on the same images: the mean of the per-image gains.
    private static void WriteVariants(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| noise | variant | images | official PSNR | variant PSNR | mean gain (dB) | official SSIM | variant SSIM | seconds vs official |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => r.Noise).Append(rows.GroupBy(_ => "all").Single()))
        {
            foreach (var variant in group.GroupBy(r => r.Variant).OrderBy(g => g.First().Set).ThenBy(g => g.First().Models).ThenBy(g => g.First().SelfEnsemble))
            {
                var official = variant.Select(r => Official(rows, r)).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Key} | {variant.Key} | {variant.Count()} | {official.Average(r => r.Psnr):F3} | {variant.Average(r => r.Psnr):F3} | {variant.Average(r => r.Psnr) - official.Average(r => r.Psnr):+0.000;-0.000} | {official.Average(r => r.Ssim):F4} | {variant.Average(r => r.Ssim):F4} | {variant.Sum(r => r.Seconds) / official.Sum(r => r.Seconds):F2}x |"));
            }
        }
    }

    // --quality high (deep-shift + self-ensemble) against the official recipe, image by image: the table per noise type of docs/quality.md.
    private static void WriteHigh(List<Row> rows)
    {
        var high = rows.Where(r => r.Set == "deep-shift" && r.Models == 1 && r.SelfEnsemble).ToList();
        if (high.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("| noise | image | official PSNR | high PSNR | gain (dB) | without self-ensemble | official SSIM | high SSIM | official s | high s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in high.GroupBy(r => r.Noise))
        {
            foreach (var row in group)
            {
                var official = Official(rows, row);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Noise} | {row.Image} | {official.Psnr:F2} | {row.Psnr:F2} | {row.Psnr - official.Psnr:+0.00;-0.00} | {WithoutSelfEnsemble(rows, row).Psnr - official.Psnr:+0.00;-0.00} | {official.Ssim:F4} | {row.Ssim:F4} | {official.Seconds:F0} | {row.Seconds:F0} |"));
            }

            WriteMeanRow(rows, group.Key, group.ToList());
        }

        WriteMeanRow(rows, "all", high);
    }

    // The mean row of a group of high rows: PSNR, gain with and without the self-ensemble, SSIM and summed seconds.
    private static void WriteMeanRow(List<Row> rows, string key, IReadOnlyList<Row> group)
    {
        var officials = group.Select(r => Official(rows, r)).ToList();
        var plain = group.Select(r => WithoutSelfEnsemble(rows, r)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {key} | **mean of {group.Count}** | {officials.Average(r => r.Psnr):F2} | {group.Average(r => r.Psnr):F2} | **{group.Average(r => r.Psnr) - officials.Average(r => r.Psnr):+0.00;-0.00}** | {plain.Average(r => r.Psnr) - officials.Average(r => r.Psnr):+0.00;-0.00} | {officials.Average(r => r.Ssim):F4} | {group.Average(r => r.Ssim):F4} | {officials.Sum(r => r.Seconds):F0} | {group.Sum(r => r.Seconds):F0} |"));
    }

    // The row of the same image and noise as row for a set, model count and self-ensemble.
    private static Row Variant(List<Row> rows, Row row, string set, int models, bool selfEnsemble) =>
        rows.Single(r => r.Noise == row.Noise && r.Image == row.Image && r.Set == set && r.Models == models && r.SelfEnsemble == selfEnsemble);

    private static Row Official(List<Row> rows, Row row) => Variant(rows, row, "official", 1, selfEnsemble: false);

    private static Row WithoutSelfEnsemble(List<Row> rows, Row row) => Variant(rows, row, row.Set, row.Models, selfEnsemble: false);

    private static string MemberPath(string runs, string set, int seed, string noise, string name, string extension) =>
        Path.Combine(runs, $"{set}-s{seed}", noise, name + extension);

    private static double TrainingSeconds(string report)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        return json.RootElement.GetProperty("images")[0].GetProperty("trainingSeconds").GetDouble();
    }

    /// <summary>The command line of <c>zsn2n-quality</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--runs <DIR>", isRequired: true)]
        [Description("The runs folder: RUNS/{SET}-s{SEED}/{noise}/{image}.onnx and .json.")]
        public string Runs { get; init; } = "";

        [CommandOption("--dev <DIR>", isRequired: true)]
        [Description("The development data: DEV/clean/ and DEV/{noise}/.")]
        public string Dev { get; init; } = "";

        [CommandOption("--threads <N>")]
        [Description("ONNX Runtime threads of inference.")]
        [DefaultValue(1)]
        public int Threads { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.AtLeast("--threads", Threads, 1);
    }
}
