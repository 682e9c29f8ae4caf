using System.ComponentModel.DataAnnotations;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;

namespace ZsN2N.Web.Options;

/// <summary>
/// Settings of the web app, bound from the <c>ZsN2N</c> configuration section (appsettings.json, environment
/// variables such as <c>ZsN2N__Iterations</c>, or <c>--ZsN2N:Iterations</c> on the command line) and validated when the
/// app starts, so a bad value stops it with a message instead of failing the first upload.
/// </summary>
public sealed class WebOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ZsN2N";

    /// <summary>
    /// Largest accepted upload in bytes (the original deployment's <c>max_bytes</c>): 16 MiB by default. Larger
    /// uploads get 413 before anything is decoded or written.
    /// </summary>
    [Range(1, 1L << 31)]
    public long MaxBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Largest accepted width × height, checked from the image header before decoding: 4 megapixels by default.</summary>
    [Range(4, ImageLimits.DefaultMaxPixels)]
    public long MaxPixels { get; set; } = 4_000_000;

    /// <summary>Jobs trained at once (1 by default), sharing the processors and the memory limit equally (the engine's <see cref="BatchPlan"/>).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Jobs that may wait for a worker; one more upload answers 429 with Retry-After.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 8;

    /// <summary>How long a finished job (its status, images and model) is kept before it is deleted from disk.</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A job nobody has watched for this long (no open progress stream and no status request) is cancelled: its
    /// browser went away. Leaving the page does not cancel, so a visitor may come back to the job's address within
    /// this time (a refresh, a phone that put the tab to sleep) and find it still running.
    /// </summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often expired jobs are deleted and abandoned ones cancelled.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Retry-After a 429 carries.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Training steps per image for every choice, as the CLI's <c>--iterations</c>; unset (the default), each speed
    /// choice takes its own: 3000 for <c>official</c>, 1500 for <c>fast</c>.
    /// </summary>
    public int? Iterations { get; set; }

    /// <summary>Feature channels of the network (the engine's <see cref="NetworkOptions.Features"/>: the official recipe's 48 by default).</summary>
    public int Width { get; set; } = new NetworkOptions().Features;

    /// <summary>
    /// The most memory one job may be estimated to need, in bytes; unset (the default), the engine's limit, a share of
    /// this machine's memory. An upload over it is refused at once with 413, from its header, before it is decoded.
    /// </summary>
    public long? MemoryLimitBytes { get; set; }

    /// <summary>
    /// ONNX Runtime threads per job; unset (the default), the processors shared equally among the
    /// <see cref="Workers"/>, as the engine's <see cref="BatchPlan"/> shares them between images trained at once.
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>
    /// The root of the job store; relative paths are taken from the content root. Each running instance owns a folder
    /// of its own under it (<c>instance-N</c>, held by a lock file while the process lives) with one sub-folder per
    /// job, so instances sharing the root never touch one another's files. On start an instance deletes the job
    /// folders left in the folder it claimed by the process that held it before; on stop, its own.
    /// </summary>
    [Required]
    public string StorePath { get; set; } = Path.Combine(Path.GetTempPath(), "zsn2n-web-jobs");

    /// <summary>The checks data annotations cannot express; returns the failures (empty when valid).</summary>
    public IEnumerable<string> Check()
    {
        if (ResultLifetime <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:{nameof(ResultLifetime)} must be positive (it is {ResultLifetime}).";
        }

        if (AbandonAfter <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:{nameof(AbandonAfter)} must be positive (it is {AbandonAfter}).";
        }

        if (SweepInterval <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:{nameof(SweepInterval)} must be positive (it is {SweepInterval}).";
        }

        if (RetryAfter < TimeSpan.FromSeconds(1))
        {
            yield return $"{SectionName}:{nameof(RetryAfter)} must be at least one second (it is {RetryAfter}).";
        }

        if (string.IsNullOrWhiteSpace(StorePath) || StorePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return $"{SectionName}:{nameof(StorePath)} must be a folder path (it is '{StorePath}').";
        }

        // The training settings are the engine's options and Workers its images at once: its ranges, said in this section's names.
        var workers = BatchPlan.ImagesAtOnceRange.Check(Workers);
        foreach (var invalid in OptionRanges.Check(TrainingOptions()).Prepend(workers).OfType<InvalidOptionException>())
        {
            yield return $"{SectionName}:{SettingOf(invalid.Option)} must be {invalid.Option.Requirement} (it is {InvalidOptionException.Format(invalid.ActualValue)}).";
        }
    }

    /// <summary>The engine's decode limits these options describe.</summary>
    public ImageLimits ToImageLimits() => new() { MaxFileBytes = MaxBytes, MaxPixels = MaxPixels };

    // The settings the engine checks, as engine options; the image limits are checked by their annotations.
    private DenoiseOptions TrainingOptions() => new()
    {
        Schedule = new ScheduleOptions { Iterations = Iterations ?? new ScheduleOptions().Iterations },
        Network = new NetworkOptions { Features = Width },
        Execution = new ExecutionOptions { Threads = Threads ?? new ExecutionOptions().Threads },
        Limits = new LimitOptions { MemoryBytes = MemoryLimitBytes },
    };

    // This section's name of an engine option.
    private static string SettingOf(OptionRange option) =>
        option == OptionRanges.Iterations ? nameof(Iterations)
        : option == OptionRanges.Features ? nameof(Width)
        : option == OptionRanges.Threads ? nameof(Threads)
        : option == OptionRanges.MemoryBytes ? nameof(MemoryLimitBytes)
        : option == BatchPlan.ImagesAtOnceRange ? nameof(Workers)
        : option.Name;
}
