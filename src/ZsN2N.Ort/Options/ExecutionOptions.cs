using ZsN2N.Ort.Models;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Options;

/// <summary>Where and how the work runs: device, threads, inference tiles and progress reports. None of it changes what a model learns.</summary>
public sealed record ExecutionOptions
{
    /// <summary>ONNX Runtime intra-op threads; on the CPU each trains a band of the image. The same seed and threads give the same output bits.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The execution provider.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    /// <summary>
    /// Inference runs in overlapping tiles of at most this many kept pixels a side, so its memory follows the tile, not
    /// the image; the result equals the untiled one to within 1e-5. 0 runs the whole image at once.
    /// </summary>
    public int TileSize { get; init; } = DenoiserModel.DefaultTileSize;

    /// <summary>Steps between progress reports (the last step is always reported).</summary>
    public int ProgressInterval { get; init; } = 10;
}
