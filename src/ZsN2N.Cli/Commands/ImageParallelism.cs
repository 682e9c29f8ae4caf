using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// How a <c>denoise</c> run spreads over the processors: <see cref="Images"/> images trained at once, each with
/// <see cref="ThreadsPerImage"/> ONNX Runtime threads. On a CPU each image's threads train bands of it, which on two
/// cores beat two one-thread images at once (docs/performance.md, "Folders: images at once against threads per image");
/// an image uses only so many bands, so more processors than that train several images at once.
/// </summary>
/// <param name="Images">Images trained at the same time, at least 1.</param>
/// <param name="ThreadsPerImage">ONNX Runtime intra-op threads of each image, at least 1.</param>
internal readonly record struct ImageParallelism(int Images, int ThreadsPerImage)
{
    /// <summary>The most images <c>--parallel</c> accepts at once.</summary>
    public const int MaxImages = 64;

    /// <summary>
    /// The plan for <paramref name="imageCount"/> inputs. <paramref name="parallel"/> and <paramref name="threads"/> are
    /// <c>--parallel</c> and <c>--threads</c> (null when not given); never more images at once than inputs. Without
    /// <c>--parallel</c> on the CPU: <paramref name="processors"/> / <c>--threads</c> images at once, or without
    /// <c>--threads</c> as many images as leave each the threads it can use (<paramref name="usefulThreadsPerImage"/>,
    /// the fewest among the inputs); one image at a time on CUDA (not measured there). Fewer when that many times the
    /// largest input's memory estimate (<paramref name="largestEstimateBytes"/>) would exceed
    /// <paramref name="memoryLimitBytes"/>, so the default never refuses an image that one at a time would take. The
    /// inputs' headers are read (the two functions) only for an automatic choice over several inputs. Without
    /// <c>--threads</c>, the processors are divided among the images.
    /// </summary>
    public static ImageParallelism Choose(int? parallel, int? threads, int imageCount, int processors, ExecutionDevice device,
        Func<int> usefulThreadsPerImage, Func<long> largestEstimateBytes, long memoryLimitBytes)
    {
        var images = Math.Clamp(parallel ?? 1, 1, Math.Max(1, imageCount));
        if (parallel is null && imageCount > 1 && device == ExecutionDevice.Cpu)
        {
            var threadsEach = threads ?? Math.Clamp(usefulThreadsPerImage(), 1, Math.Max(1, processors));
            images = Math.Clamp(processors / threadsEach, 1, imageCount);
            if (images > 1)
            {
                images = (int)Math.Clamp(memoryLimitBytes / Math.Max(1, largestEstimateBytes()), 1, images);
            }
        }

        return new(images, threads ?? Math.Max(1, processors / images));
    }

    /// <summary>
    /// <paramref name="options"/> for each image of this plan: <see cref="ThreadsPerImage"/> threads and an equal share
    /// of the memory limit, so the images at once together stay within it.
    /// </summary>
    public DenoiseOptions ForEachImage(DenoiseOptions options) =>
        options with
        {
            Execution = options.Execution with { Threads = ThreadsPerImage },
            Limits = options.Limits with { MemoryBytes = MemoryBudget.Resolve(options.Limits.MemoryBytes) / Images },
        };
}
