// Scores trained denoisers and their ensembles against clean images: the tables of docs/quality.md.
//   zsn2n-quality --runs DIR --dev DIR [--threads T]
// DIR/{SET}-s{SEED}/{noise}/{image}.onnx and .json are what
//   zsn2n denoise DEV/{noise}/{image}.png -o DIR/{SET}-s{SEED}/{noise} --seed SEED --threads 1 --export-onnx --report DIR/.../{image}.json [FLAGS]
// writes, SET naming the training flags: "official" (none), "shift" (--shift-augment) or "deep-shift" (--network deep --shift-augment). The
// models of seeds 0..K-1 of one image make its K-model ensemble, as --ensemble K trains them (bit for bit at 1 thread); a deep-shift model
// with the self-ensemble is what --quality high outputs.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Models;

var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (!options.TryGetValue("runs", out var runs) || !options.TryGetValue("dev", out var dev))
{
    Console.Error.WriteLine("Usage: zsn2n-quality --runs DIR --dev DIR [--threads T]");
    return 2;
}

var threads = options.TryGetValue("threads", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 1;
string[] noises = ["noisy_g25", "noisy_g50", "noisy_p50"];
string[] sets = ["official", "shift", "deep-shift"];
var rows = new List<Row>();
foreach (var noise in noises)
{
    var folder = Path.Combine(runs, "official-s0", noise);
    foreach (var name in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.onnx").Select(Path.GetFileNameWithoutExtension).Order() : Enumerable.Empty<string?>())
    {
        var noisy = ImageIo.Read(Path.Combine(dev, noise, name + ".png"));
        var clean = ImageIo.Read(Path.Combine(dev, "clean", name + ".png"));
        foreach (var set in sets)
        {
            var members = new List<(DenoiserModel Model, double Seconds)>();
            for (var seed = 0; File.Exists(MemberPath(set, seed, noise, name!, ".onnx")); seed++)
            {
                members.Add((DenoiserModel.Load(MemberPath(set, seed, noise, name!, ".onnx")), TrainingSeconds(MemberPath(set, seed, noise, name!, ".json"))));
            }

            for (var k = 1; k <= members.Count; k++)
            {
                foreach (var selfEnsemble in new[] { false, true })
                {
                    var ensemble = DenoiserEnsemble.Combine(members.Take(k).Select(m => m.Model).ToList(), selfEnsemble);
                    var clock = Stopwatch.StartNew();
                    var denoised = ensemble.Apply(noisy, threads);
                    var inference = clock.Elapsed.TotalSeconds;

                    // Scored as written to disk, like `zsn2n denoise --reference`.
                    var written = ImageIo.Decode(ImageIo.Encode(denoised, ".png"));
                    var row = new Row(noise, name!, set, k, selfEnsemble, Psnr.Compute(clean, written), Ssim.Compute(clean, written),
                        members.Take(k).Sum(m => m.Seconds) + inference);
                    rows.Add(row);
                    Console.Error.WriteLine(row);
                }
            }
        }
    }
}

Console.WriteLine("| noise | image | variant | PSNR (dB) | gain (dB) | SSIM | seconds |");
Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
foreach (var row in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {row.Noise} | {row.Image} | {row.Variant} | {row.Psnr:F2} | {row.Psnr - Official(row).Psnr:+0.00;-0.00} | {row.Ssim:F4} | {row.Seconds:F0} |"));
}

// Each variant against the official recipe on the same images: the mean of the per-image gains.
Console.WriteLine();
Console.WriteLine("| noise | variant | images | official PSNR | variant PSNR | mean gain (dB) | official SSIM | variant SSIM | seconds vs official |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var group in rows.GroupBy(r => r.Noise).Append(rows.GroupBy(_ => "all").Single()))
{
    foreach (var variant in group.GroupBy(r => r.Variant).OrderBy(g => g.First().Set).ThenBy(g => g.First().Models).ThenBy(g => g.First().SelfEnsemble))
    {
        var official = variant.Select(Official).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {group.Key} | {variant.Key} | {variant.Count()} | {official.Average(r => r.Psnr):F3} | {variant.Average(r => r.Psnr):F3} | {variant.Average(r => r.Psnr) - official.Average(r => r.Psnr):+0.000;-0.000} | {official.Average(r => r.Ssim):F4} | {variant.Average(r => r.Ssim):F4} | {variant.Sum(r => r.Seconds) / official.Sum(r => r.Seconds):F2}x |"));
    }
}

// --quality high (deep-shift + self-ensemble) against the official recipe, image by image: the table per noise type of docs/quality.md.
var high = rows.Where(r => r.Set == "deep-shift" && r.Models == 1 && r.SelfEnsemble).ToList();
if (high.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("| noise | image | official PSNR | high PSNR | gain (dB) | without self-ensemble | official SSIM | high SSIM | official s | high s |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var group in high.GroupBy(r => r.Noise))
    {
        foreach (var row in group)
        {
            var official = Official(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Noise} | {row.Image} | {official.Psnr:F2} | {row.Psnr:F2} | {row.Psnr - official.Psnr:+0.00;-0.00} | {WithoutSelfEnsemble(row).Psnr - official.Psnr:+0.00;-0.00} | {official.Ssim:F4} | {row.Ssim:F4} | {official.Seconds:F0} | {row.Seconds:F0} |"));
        }

        WriteMeanRow(group.Key, group.ToList());
    }

    WriteMeanRow("all", high);
}

return 0;

// The mean row of a group of high rows: PSNR, gain with and without the self-ensemble, SSIM and summed seconds.
void WriteMeanRow(string key, IReadOnlyList<Row> group)
{
    var officials = group.Select(Official).ToList();
    var plain = group.Select(WithoutSelfEnsemble).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {key} | **mean of {group.Count}** | {officials.Average(r => r.Psnr):F2} | {group.Average(r => r.Psnr):F2} | **{group.Average(r => r.Psnr) - officials.Average(r => r.Psnr):+0.00;-0.00}** | {plain.Average(r => r.Psnr) - officials.Average(r => r.Psnr):+0.00;-0.00} | {officials.Average(r => r.Ssim):F4} | {group.Average(r => r.Ssim):F4} | {officials.Sum(r => r.Seconds):F0} | {group.Sum(r => r.Seconds):F0} |"));
}

// The row of the same image and noise as row for a set, model count and self-ensemble.
Row Variant(Row row, string set, int models, bool selfEnsemble) =>
    rows.Single(r => r.Noise == row.Noise && r.Image == row.Image && r.Set == set && r.Models == models && r.SelfEnsemble == selfEnsemble);

Row Official(Row row) => Variant(row, "official", 1, selfEnsemble: false);

Row WithoutSelfEnsemble(Row row) => Variant(row, row.Set, row.Models, selfEnsemble: false);

string MemberPath(string set, int seed, string noise, string name, string extension) =>
    Path.Combine(runs, $"{set}-s{seed}", noise, name + extension);

static double TrainingSeconds(string report)
{
    using var json = JsonDocument.Parse(File.ReadAllText(report));
    return json.RootElement.GetProperty("images")[0].GetProperty("trainingSeconds").GetDouble();
}

internal sealed record Row(string Noise, string Image, string Set, int Models, bool SelfEnsemble, double Psnr, double Ssim, double Seconds)
{
    public string Variant => Set + (Models == 1 ? "" : $", {Models} models") + (SelfEnsemble ? " + self-ensemble" : "");
}
