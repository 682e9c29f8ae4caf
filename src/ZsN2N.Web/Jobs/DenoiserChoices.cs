using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Planning;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// This server's denoisers, one engine pipeline for each speed and quality a visitor can choose (the CLI's
/// <c>--preset</c> and <c>--quality</c>), made from <see cref="WebOptions"/> on first use and shared: an
/// <see cref="ImagePipeline"/> is stateless and thread-safe. The <see cref="WebOptions.Workers"/> jobs trained at once
/// share the processors and the memory limit as the command line's images at once do (<see cref="BatchPlan"/>). The
/// upload checks a job's memory with the pipeline the worker then trains it with.
/// </summary>
internal sealed class DenoiserChoices(IOptions<WebOptions> options)
{
    private readonly ConcurrentDictionary<(Preset, Quality), ImagePipeline> _pipelines = new();

    /// <summary>The pipeline of <paramref name="preset"/> and <paramref name="quality"/>.</summary>
    public ImagePipeline For(Preset preset, Quality quality) =>
        _pipelines.GetOrAdd((preset, quality), choice =>
        {
            var settings = options.Value;
            var requested = OptionsFor(settings, choice.Item1, choice.Item2);
            return new ImagePipeline(requested, PipelineOutputs.Model, BatchPlan.ForWorkers(requested, settings.Workers, settings.Threads));
        });

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
            Execution = new ExecutionOptions { ProgressInterval = Math.Clamp(iterations / 300, 1, 50) },
            Limits = new LimitOptions { Image = settings.ToImageLimits(), MemoryBytes = settings.MemoryLimitBytes },
        };
        return options.WithQuality(quality);
    }
}
