// Scores ensembles of trained denoisers against clean images: the table of docs/quality.md.
//   zsn2n-quality --runs DIR --dev DIR [--threads T]
// DIR/official-s{SEED}/{noise}/{image}.onnx and .json are what
//   zsn2n denoise DEV/{noise}/{image}.png -o DIR/official-s{SEED}/{noise} --seed SEED --threads 1 --export-onnx --report ....json
// writes; models of seeds 0..K-1 of one image make its K-model ensemble (what --ensemble K trains, bit for bit at 1 thread).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZsN2N.Ort.Export;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Training;

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
var rows = new List<Row>();
foreach (var noise in noises)
{
    var folder = Path.Combine(runs, "official-s0", noise);
    foreach (var model in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.onnx").Order() : Enumerable.Empty<string>())
    {
        var name = Path.GetFileNameWithoutExtension(model);
        var members = new List<(DenoiserModel Model, double Seconds)>();
        for (var seed = 0; File.Exists(MemberPath(seed, noise, name, ".onnx")); seed++)
        {
            members.Add((DenoiserModel.Load(MemberPath(seed, noise, name, ".onnx")), TrainingSeconds(MemberPath(seed, noise, name, ".json"))));
        }

        var noisy = ImageIo.Read(Path.Combine(dev, noise, name + ".png"));
        var clean = ImageIo.Read(Path.Combine(dev, "clean", name + ".png"));
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
                var row = new Row(noise, name, k, selfEnsemble, Psnr.Compute(clean, written), Ssim.Compute(clean, written),
                    members.Take(k).Sum(m => m.Seconds) + inference);
                rows.Add(row);
                Console.Error.WriteLine(row);
            }
        }
    }
}

Console.WriteLine("| noise | image | variant | PSNR (dB) | SSIM | seconds |");
Console.WriteLine("|---|---|---|---:|---:|---:|");
foreach (var row in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {row.Noise} | {row.Image} | {Variant(row.Models, row.SelfEnsemble)} | {row.Psnr:F2} | {row.Ssim:F4} | {row.Seconds:F0} |"));
}

// Means over the images that have every variant up to the largest K, so each column averages the same images.
Console.WriteLine();
var largest = rows.Max(r => r.Models);
var complete = rows.GroupBy(r => (r.Noise, r.Image)).Where(g => g.Max(r => r.Models) == largest).SelectMany(g => g).ToList();
Console.WriteLine($"Means over the {complete.Select(r => (r.Noise, r.Image)).Distinct().Count()} images with {largest} seeds:");
Console.WriteLine("| noise | variant | images | PSNR (dB) | gain over official (dB) | SSIM | seconds |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
foreach (var group in complete.GroupBy(r => r.Noise).Append(complete.GroupBy(_ => "all").Single()))
{
    var official = group.Where(r => r.Models == 1 && !r.SelfEnsemble).Average(r => r.Psnr);
    foreach (var variant in group.GroupBy(r => (r.Models, r.SelfEnsemble)).OrderBy(g => g.Key.Models).ThenBy(g => g.Key.SelfEnsemble))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {group.Key} | {Variant(variant.Key.Models, variant.Key.SelfEnsemble)} | {variant.Count()} | {variant.Average(r => r.Psnr):F3} | {variant.Average(r => r.Psnr) - official:+0.000;-0.000} | {variant.Average(r => r.Ssim):F4} | {variant.Average(r => r.Seconds):F0} |"));
    }
}

return 0;

string MemberPath(int seed, string noise, string name, string extension) =>
    Path.Combine(runs, $"official-s{seed}", noise, name + extension);

static double TrainingSeconds(string report)
{
    using var json = JsonDocument.Parse(File.ReadAllText(report));
    return json.RootElement.GetProperty("images")[0].GetProperty("trainingSeconds").GetDouble();
}

static string Variant(int models, bool selfEnsemble) =>
    (models == 1 ? "1 model" : $"{models} models") + (selfEnsemble ? " + self-ensemble" : "");

internal sealed record Row(string Noise, string Image, int Models, bool SelfEnsemble, double Psnr, double Ssim, double Seconds);
