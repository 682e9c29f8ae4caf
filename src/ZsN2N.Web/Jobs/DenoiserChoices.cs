using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ZsN2N.Ort;
using ZsN2N.Ort.Options;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// This server's denoisers, one for each speed and quality a visitor can choose (the CLI's <c>--preset</c> and
/// <c>--quality</c>), made from <see cref="WebOptions"/> on first use and shared: a <see cref="Denoiser"/> is stateless
/// and thread-safe. The upload checks a job's memory with the denoiser the worker then trains it with.
/// </summary>
internal sealed class DenoiserChoices(IOptions<WebOptions> options)
{
    private readonly ConcurrentDictionary<(Preset, Quality), Denoiser> _denoisers = new();

    /// <summary>The denoiser of <paramref name="preset"/> and <paramref name="quality"/>.</summary>
    public Denoiser For(Preset preset, Quality quality) =>
        _denoisers.GetOrAdd((preset, quality), choice => new Denoiser(OptionsFor(options.Value, choice.Item1, choice.Item2)));

    /// <summary>
    /// The engine options of a choice: the preset's schedule (its steps unless <see cref="WebOptions.Iterations"/> sets
    /// them, as <c>--iterations</c> does on the command line), then the quality's network and ensembles.
    /// </summary>
    public static DenoiseOptions OptionsFor(WebOptions settings, Preset preset, Quality quality)
    {
        var schedule = ScheduleOptions.For(preset);
        var iterations = settings.Iterations ?? schedule.Iterations;
        var options = new DenoiseOptions
        {
            Schedule = schedule with { Iterations = iterations },
            Network = new NetworkOptions { Features = settings.Width },
            Execution = new ExecutionOptions { Threads = settings.Threads, ProgressInterval = Math.Clamp(iterations / 300, 1, 50) },
            Limits = new LimitOptions { Image = settings.ToImageLimits(), MemoryBytes = settings.MemoryLimitBytes },
        };
        return options.WithQuality(quality);
    }
}
