// Times this engine on one image; prints one JSON line, as tools/reference/zsn2n_torch.py does.
//   zsn2n-bench --noisy FILE [--clean FILE] [--preset official|fast] [--quality official|high] [--steps N] [--threads T] [--width W] [--seed S]
// --preset sets the schedule (steps, learning-rate decay), --quality the network and augmentation; --steps overrides the step count.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;

var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (!options.TryGetValue("noisy", out var noisyPath))
{
    Console.Error.WriteLine("Usage: zsn2n-bench --noisy FILE [--clean FILE] [--preset official|fast] [--quality official|high] [--steps N] [--threads T] [--width W] [--seed S]");
    return 2;
}

int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

var noisy = ImageIo.Read(noisyPath);
var preset = options.TryGetValue("preset", out var presetName) ? Enum.Parse<Preset>(presetName, ignoreCase: true) : Preset.Official;
var quality = options.TryGetValue("quality", out var qualityName) ? Enum.Parse<Quality>(qualityName, ignoreCase: true) : Quality.Official;
var schedule = new DenoiseOptions().WithPreset(preset).WithQuality(quality);
var steps = Int("steps", schedule.Iterations);
var denoiser = new Denoiser(schedule with
{
    Iterations = steps,
    Threads = Int("threads", 1),
    Width = Int("width", 48),
    Seed = (ulong)Int("seed", 0),
});

var wall = Stopwatch.StartNew();
var result = denoiser.Denoise(noisy);
wall.Stop();
var report = new Dictionary<string, object>
{
    ["engine"] = "zsn2n-ort",
    ["image"] = Path.GetFileName(noisyPath),
    ["preset"] = preset.ToString().ToLowerInvariant(),
    ["quality"] = quality.ToString().ToLowerInvariant(),
    ["steps"] = steps,
    ["threads"] = denoiser.Options.Threads,
    ["ms_per_step"] = result.TrainingTime.TotalMilliseconds / steps,
    ["total_s"] = wall.Elapsed.TotalSeconds,
    ["final_loss"] = result.FinalLoss,
    ["peak_rss_mib"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
};
if (options.TryGetValue("clean", out var cleanPath))
{
    report["psnr"] = Psnr.Compute(ImageIo.Read(cleanPath), result.Denoised);
}

Console.WriteLine(JsonSerializer.Serialize(report));
return 0;
