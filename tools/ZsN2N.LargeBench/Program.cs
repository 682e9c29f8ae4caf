// Large-image measurements for docs/large-images.md. Commands:
//   zsn2n-largebench bench   [--source FILE] [--megapixels 12] [--sigma 25] [--threads T] [--quality official|high] [--steps N (smoke tests only)]
//       upscales a dev photo to about 12 MP, adds Gaussian noise, denoises it with default settings (or --quality high) and
//       prints wall time, peak resident memory and PSNR against the upscaled clean photo.
//   zsn2n-largebench compare [--steps 3000] [--patch-sizes 128,256] [--large-crop 512] [--threads T]
//       PSNR of patch training against whole-image training at the same steps, on dev crops and on
//       larger crops of dev/large; prints a Markdown table.
//   zsn2n-largebench memory  --phase train|infer --size N [--steps 20] [--network paper|deep] [--self-ensemble true]
//       peak working set of training steps on an N x N colour image, or of inference in one N x N tile,
//       to calibrate MemoryEstimator (run each size in a fresh process).
using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using ZsN2N.Ort;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;

var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "bench";
var options = new Dictionary<string, string>();
for (var i = command == "bench" && (args.Length == 0 || args[0].StartsWith('-')) ? 0 : 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

string Text(string key, string fallback) => options.TryGetValue(key, out var v) ? v : fallback;
int Int(string key, int fallback) => int.Parse(Text(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
double Double(string key, double fallback) => double.Parse(Text(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var devData = Text("data", FindDevData());
var threads = Int("threads", Environment.ProcessorCount);

switch (command)
{
    case "bench":
        return Bench();
    case "compare":
        return Compare();
    case "memory":
        return Memory();
    default:
        Console.Error.WriteLine($"Unknown command '{command}': use bench, compare or memory.");
        return 2;
}

int Bench()
{
    var wall = Stopwatch.StartNew();
    var source = ImageIo.Read(Text("source", Path.Combine(devData, "large", "motorcycle_left.png")));
    var megapixels = Double("megapixels", 12);
    var scale = Math.Sqrt(megapixels * 1e6 / ((double)source.Height * source.Width));
    var clean = Resize(source, (int)Math.Round(source.Height * scale), (int)Math.Round(source.Width * scale));
    var noisy = new GaussianNoise(Double("sigma", 25) / 255, 1).Apply(clean);
    var prepared = wall.Elapsed;

    var defaults = new DenoiseOptions { Threads = threads }.WithQuality(Enum.Parse<Quality>(Text("quality", "official"), ignoreCase: true));
    var denoiser = new Denoiser(options.ContainsKey("steps") ? defaults with { Iterations = Int("steps", 0) } : defaults);
    var estimate = denoiser.EstimateMemory(noisy.Channels, noisy.Height, noisy.Width);
    var run = Stopwatch.StartNew();
    var result = denoiser.Denoise(noisy);
    run.Stop();
    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
    Console.WriteLine($"image          {noisy.Width}x{noisy.Height} ({noisy.Height * (double)noisy.Width / 1e6:F1} MP), sigma {Double("sigma", 25)}, {threads} threads");
    Console.WriteLine($"training       {result.TrainingDescription}, {denoiser.Options.Iterations} steps, {result.TrainingTime.TotalSeconds:F1} s");
    Console.WriteLine($"inference      tiles of {result.TileSize}, {(result.TotalTime - result.TrainingTime).TotalSeconds:F1} s (set-up included)");
    Console.WriteLine($"denoise time   {run.Elapsed.TotalSeconds:F1} s (plus {prepared.TotalSeconds:F1} s to make the image)");
    Console.WriteLine($"wall time      {wall.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"peak RSS       {peak / 1048576.0:F0} MiB (estimate {estimate.TotalMiB:F0} MiB)");
    Console.WriteLine($"PSNR           {Psnr.Compute(clean, noisy):F2} dB noisy -> {Psnr.Compute(clean, result.Denoised):F2} dB denoised");
    return 0;
}

int Compare()
{
    var steps = Int("steps", 3000);
    var patchSizes = Text("patch-sizes", "128,256").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    var largeCrop = Int("large-crop", 512);
    var cases = new List<(string Name, PlanarImage Clean, PlanarImage Noisy)>();
    foreach (var name in Text("dev", "camera.png,home.png,squirrel_cls.png").Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        cases.Add(($"dev {name} g25", ImageIo.Read(Path.Combine(devData, "clean", name)), ImageIo.Read(Path.Combine(devData, "noisy_g25", name))));
    }

    foreach (var name in Text("large", "motorcycle_left.png,starry_night.png").Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        var full = ImageIo.Read(Path.Combine(devData, "large", name));
        var size = Math.Min(largeCrop, Math.Min(full.Height, full.Width)) & ~1;
        var clean = Crop(full, (full.Height - size) / 2 & ~1, (full.Width - size) / 2 & ~1, size, size);
        cases.Add(($"large {name} {size}² g25", clean, new GaussianNoise(25.0 / 255, 7).Apply(clean)));
    }

    var baseOptions = new DenoiseOptions { Iterations = steps, StepSize = Math.Max(1, steps / 3), Threads = threads };
    Console.WriteLine($"steps {steps} (learning rate halved every {baseOptions.StepSize}), {threads} threads");
    Console.WriteLine($"| image | whole image dB | {string.Join(" | ", patchSizes.Select(p => $"patch {p} dB (Δ)"))} | whole s/step | {string.Join(" | ", patchSizes.Select(p => $"patch {p} s/step"))} |");
    Console.WriteLine($"|---|---|{string.Concat(patchSizes.Select(_ => "---|"))}---|{string.Concat(patchSizes.Select(_ => "---|"))}");
    var deltas = new double[patchSizes.Length];
    foreach (var (name, clean, noisy) in cases)
    {
        var whole = new Denoiser(baseOptions with { PatchTraining = PatchTrainingMode.Never }).Denoise(noisy);
        var wholePsnr = Psnr.Compute(clean, whole.Denoised);
        var cells = new List<string>();
        var times = new List<string>();
        for (var p = 0; p < patchSizes.Length; p++)
        {
            var patched = new Denoiser(baseOptions with { PatchTraining = PatchTrainingMode.Always, PatchSize = patchSizes[p] }).Denoise(noisy);
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

int Memory()
{
    var size = Int("size", 256);
    var steps = Int("steps", 20);
    var image = new GaussianNoise(0.1, 3).Apply(new PlanarImage(3, size, size));
    var before = Process.GetCurrentProcess().WorkingSet64;
    var artifacts = ArtifactStore.Shared.Get(3, 48, Enum.Parse<NetworkKind>(Text("network", "paper"), ignoreCase: true));
    if (Text("phase", "train") == "train")
    {
        using var session = new TrainingSession(artifacts, image.Pixels.ToArray(), size, size, artifacts.Initial.Tensors, ExecutionDevice.Cpu, threads);
        for (var i = 0; i < steps; i++)
        {
            session.Step(1e-4f);
        }
    }
    else
    {
        var model = DenoiserModel.Create(artifacts, artifacts.Initial.Tensors);
        var selfEnsemble = bool.Parse(Text("self-ensemble", "false"));
        DenoiserEnsemble.Combine([model], selfEnsemble).Apply(image, threads, ExecutionDevice.Cpu, 0);
    }

    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
    Console.WriteLine($"{Text("phase", "train")} {size}x{size}: start {before / 1048576.0:F0} MiB, peak {peak / 1048576.0:F0} MiB");
    return 0;
}

static PlanarImage Resize(PlanarImage image, int height, int width)
{
    using var mat = ImageIo.ToMat(image);
    using var resized = new Mat();
    Cv2.Resize(mat, resized, new Size(width, height), interpolation: InterpolationFlags.Cubic);
    return ImageIo.FromMat(resized);
}

static PlanarImage Crop(PlanarImage image, int top, int left, int height, int width)
{
    var crop = new PlanarImage(image.Channels, height, width, image.BitDepth);
    for (var c = 0; c < image.Channels; c++)
    {
        for (var y = 0; y < height; y++)
        {
            image.GetRow(c, top + y).Slice(left, width).CopyTo(crop.GetRow(c, y));
        }
    }

    return crop;
}

static string FindDevData()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "dev"), Path.Combine(dir.FullName, "..", "shared", "data", "dev") })
        {
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
    }

    return Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "data", "dev"));
}
