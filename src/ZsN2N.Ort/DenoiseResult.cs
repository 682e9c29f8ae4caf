using ZsN2N.Ort.Export;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort;

/// <summary>The outcome of denoising one image: the image, how training went, and the model that made it.</summary>
public sealed class DenoiseResult
{
    internal DenoiseResult(PlanarImage denoised, IReadOnlyList<float> lossHistory, DenoiserModel model, TimeSpan trainingTime, TimeSpan totalTime)
        : this(denoised, lossHistory, model, trainingTime, totalTime, null, 0)
    {
    }

    internal DenoiseResult(PlanarImage denoised, IReadOnlyList<float> lossHistory, DenoiserModel model, TimeSpan trainingTime, TimeSpan totalTime, MemoryEstimate? memoryEstimate, int tileSize)
    {
        MemoryEstimate = memoryEstimate;
        TileSize = tileSize;
        Denoised = denoised;
        LossHistory = lossHistory;
        Model = model;
        TrainingTime = trainingTime;
        TotalTime = totalTime;
    }

    /// <summary>clamp(x - f(x), 0, 1), with the input's size, channels, bit depth and alpha.</summary>
    public PlanarImage Denoised { get; }

    /// <summary>The loss of every training step, in order.</summary>
    public IReadOnlyList<float> LossHistory { get; }

    /// <summary>The loss of the last step.</summary>
    public float FinalLoss => LossHistory[^1];

    /// <summary>The trained per-image denoiser, exportable as .onnx.</summary>
    public DenoiserModel Model { get; }

    /// <summary>Time spent in training steps.</summary>
    public TimeSpan TrainingTime { get; }

    /// <summary>Time from start to the denoised image, set-up and inference included.</summary>
    public TimeSpan TotalTime { get; }

    /// <summary>
    /// Whether training steps saw random crops of <see cref="TrainingHeight"/> x <see cref="TrainingWidth"/> instead
    /// of the whole image (<see cref="DenoiseOptions.PatchTraining"/>); worth stating to the user.
    /// </summary>
    public bool UsedPatchTraining => MemoryEstimate?.UsesPatchTraining ?? false;

    /// <summary>Height of the image each training step saw: the crop height in patch training, else the image height.</summary>
    public int TrainingHeight => MemoryEstimate?.TrainingHeight ?? Denoised.Height;

    /// <summary>Width of the image each training step saw.</summary>
    public int TrainingWidth => MemoryEstimate?.TrainingWidth ?? Denoised.Width;

    /// <summary>The inference tile size used (0: untiled).</summary>
    public int TileSize { get; }

    /// <summary>The memory estimate the run was checked against before it started, or null when not estimated.</summary>
    public MemoryEstimate? MemoryEstimate { get; }
}
