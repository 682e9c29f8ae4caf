using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Planning;

/// <summary>
/// How images trained at the same time share the machine: how many at once, and each one's threads and memory. On a
/// CPU each image's threads train bands of it, which on two cores beat two one-thread images at once
/// (docs/performance.md, "Folders: images at once against threads per image"); an image uses only so many bands
/// (<see cref="TrainingPlan.UsefulThreads"/>), so more processors than that train several images at once. Images at
/// once share the processors and the memory limit equally, so together they stay within it. The command line's
/// folders and the web app's workers both follow it.
/// </summary>
/// <param name="ImagesAtOnce">Images trained at the same time, at least 1.</param>
/// <param name="ThreadsPerImage">ONNX Runtime threads of each image, at least 1.</param>
/// <param name="MemoryPerImageBytes">The memory limit of each image: the run's limit divided by <paramref name="ImagesAtOnce"/>.</param>
public sealed record BatchPlan(int ImagesAtOnce, int ThreadsPerImage, long MemoryPerImageBytes)
{
    /// <summary>The images a batch may train at once.</summary>
    public static OptionRange ImagesAtOnceRange { get; } = OptionRange.Whole("Batch.ImagesAtOnce", 1, 64);

    /// <summary>
    /// The plan for denoising <paramref name="files"/> with <paramref name="requested"/>. <paramref name="imagesAtOnce"/>
    /// and <paramref name="threadsPerImage"/> fix those numbers (null: automatic); never more images at once than files.
    /// Automatic on the CPU: <paramref name="processors"/> / <paramref name="threadsPerImage"/> images at once, or
    /// without it as many as leave each image the threads it can use (the fewest among the files); fewer when that many
    /// times the largest file's memory estimate would exceed the limit, so the automatic choice never refuses an image
    /// that one at a time would take; one image at a time on CUDA (not measured there). The files' headers are read
    /// only for an automatic choice over several files; one that gives no size is left to be refused when its turn comes.
    /// </summary>
    /// <exception cref="InvalidOptionException">An option, <paramref name="imagesAtOnce"/> or <paramref name="threadsPerImage"/> is out of range.</exception>
    public static BatchPlan For(DenoiseOptions requested, IReadOnlyList<string> files, int? imagesAtOnce = null, int? threadsPerImage = null, int? processors = null)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(files);
        ThrowIfInvalid(requested, imagesAtOnce, threadsPerImage);
        var plans = new Lazy<TrainingPlan[]>(() => files
            .Select(file => ImageHeaderReader.TryReadFile(file, requested.Limits.Image))
            .OfType<ImageHeader>()
            .Where(header => header.Width > 1 && header.Height > 1)
            .Select(header => TrainingPlan.For(requested, header))
            .ToArray());
        return Choose(imagesAtOnce, threadsPerImage, files.Count, processors ?? Environment.ProcessorCount, requested.Execution.Device,
            () => plans.Value.Select(p => p.UsefulThreads).DefaultIfEmpty(int.MaxValue).Min(),
            () => plans.Value.Select(p => p.Memory.TotalBytes).DefaultIfEmpty(0).Max(),
            MemoryBudget.Resolve(requested.Limits.MemoryBytes));
    }

    /// <summary>
    /// The plan for a server that trains <paramref name="workers"/> images at once as they come: each gets
    /// <paramref name="threadsPerImage"/> threads (null: an equal share of <paramref name="processors"/>) and an equal
    /// share of the memory limit.
    /// </summary>
    /// <exception cref="InvalidOptionException">An option, <paramref name="workers"/> or <paramref name="threadsPerImage"/> is out of range.</exception>
    public static BatchPlan ForWorkers(DenoiseOptions requested, int workers, int? threadsPerImage = null, int? processors = null)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ThrowIfInvalid(requested, workers, threadsPerImage);
        return Share(workers, threadsPerImage, processors ?? Environment.ProcessorCount, MemoryBudget.Resolve(requested.Limits.MemoryBytes));
    }

    /// <summary>
    /// <paramref name="options"/> for each image of this plan: <see cref="ThreadsPerImage"/> threads and
    /// <see cref="MemoryPerImageBytes"/> of memory.
    /// </summary>
    public DenoiseOptions ForEachImage(DenoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            Execution = options.Execution with { Threads = ThreadsPerImage },
            Limits = options.Limits with { MemoryBytes = MemoryPerImageBytes },
        };
    }

    /// <summary>The rule itself, over the numbers it needs; the two functions are called only for an automatic choice over several images.</summary>
    internal static BatchPlan Choose(int? imagesAtOnce, int? threadsPerImage, int imageCount, int processors, ExecutionDevice device,
        Func<int> fewestUsefulThreads, Func<long> largestBytes, long memoryLimitBytes)
    {
        var images = Math.Clamp(imagesAtOnce ?? 1, 1, Math.Max(1, imageCount));
        if (imagesAtOnce is null && imageCount > 1 && device == ExecutionDevice.Cpu)
        {
            var threadsEach = threadsPerImage ?? Math.Clamp(fewestUsefulThreads(), 1, Math.Max(1, processors));
            images = Math.Clamp(processors / threadsEach, 1, imageCount);
            if (images > 1)
            {
                images = (int)Math.Clamp(memoryLimitBytes / Math.Max(1, largestBytes()), 1, images);
            }
        }

        return Share(images, threadsPerImage, processors, memoryLimitBytes);
    }

    // Equal shares: the processors (unless the threads are given) and the memory limit, divided among the images.
    private static BatchPlan Share(int images, int? threadsPerImage, int processors, long memoryLimitBytes) =>
        new(images, threadsPerImage ?? Math.Max(1, processors / images), memoryLimitBytes / images);

    private static void ThrowIfInvalid(DenoiseOptions requested, int? imagesAtOnce, int? threadsPerImage)
    {
        requested.Validate();
        if ((imagesAtOnce is { } images ? ImagesAtOnceRange.Check(images) : null) is { } invalidImages)
        {
            throw invalidImages;
        }

        if ((threadsPerImage is { } threads ? OptionRanges.Threads.Check(threads) : null) is { } invalidThreads)
        {
            throw invalidThreads;
        }
    }
}
