using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Planning;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// This server's denoisers, one engine pipeline for each speed, quality and noise a visitor can choose (the CLI's
/// <c>--preset</c>, <c>--quality</c> and <c>--noise</c>), made from <see cref="WebOptions"/> on first use and shared: an
/// <see cref="ImagePipeline"/> is stateless and thread-safe. The <see cref="WebOptions.Workers"/> jobs trained at once
/// share the processors and the memory limit as the command line's images at once do (<see cref="BatchPlan"/>). The
/// upload checks a job's memory with the pipeline the worker then trains it with.
/// </summary>
internal sealed class DenoiserChoices(IOptions<WebOptions> options)
{
    private readonly ConcurrentDictionary<(Preset, Quality, NoiseMode), ImagePipeline> _pipelines = new();

    /// <summary>The pipeline of <paramref name="preset"/>, <paramref name="quality"/> and <paramref name="noise"/>.</summary>
    public ImagePipeline For(Preset preset, Quality quality, NoiseMode noise) =>
        _pipelines.GetOrAdd((preset, quality, noise), choice =>
        {
            var settings = options.Value;
            var requested = OptionsFor(settings, choice.Item1, choice.Item2, choice.Item3);
            return new ImagePipeline(requested, PipelineOutputs.Model, BatchPlan.ForWorkers(requested, settings.Workers, settings.Threads));
        });

    /// <summary>
    /// The engine options of a choice: the preset's schedule (its steps unless <see cref="WebOptions.Iterations"/> sets
    /// them, as <c>--iterations</c> does on the command line), then the quality's network and ensembles, and the noise mode.
    /// </summary>
    public static DenoiseOptions OptionsFor(WebOptions settings, Preset preset, Quality quality, NoiseMode noise)
    {
        var schedule = ScheduleOptions.For(preset);
        var iterations = settings.Iterations ?? schedule.Iterations;
        var options = new DenoiseOptions
        {
            Schedule = schedule with { Iterations = iterations },
            Network = new NetworkOptions { Features = settings.Width },
            Noise = new NoiseOptions { Mode = noise },
            Execution = new ExecutionOptions { ProgressInterval = Math.Clamp(iterations / 300, 1, 50) },
            Limits = new LimitOptions { Image = settings.ToImageLimits(), MemoryBytes = settings.MemoryLimitBytes },
        };
        return options.WithQuality(quality);
    }
}
