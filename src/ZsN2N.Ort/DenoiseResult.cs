using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;

namespace ZsN2N.Ort;

/// <summary>The outcome of denoising one image: the image, how training went, and the model that made it.</summary>
public sealed class DenoiseResult
{
    internal DenoiseResult(PlanarImage denoised, IReadOnlyList<IReadOnlyList<float>> lossHistories, DenoiserModel model, TimeSpan trainingTime, TimeSpan totalTime, MemoryEstimate? memoryEstimate, int tileSize)
    {
        MemoryEstimate = memoryEstimate;
        TileSize = tileSize;
        Denoised = denoised;
        LossHistories = lossHistories;
        Model = model;
        TrainingTime = trainingTime;
        TotalTime = totalTime;
    }

    /// <summary>clamp(x - f(x), 0, 1), with the input's size, channels, bit depth and alpha.</summary>
    public PlanarImage Denoised { get; }

    /// <summary>The loss of every training step of the (first) model, in order.</summary>
    public IReadOnlyList<float> LossHistory => LossHistories[0];

    /// <summary>The loss histories of every model trained: one, or <see cref="EnsembleOptions.Models"/> for an ensemble.</summary>
    public IReadOnlyList<IReadOnlyList<float>> LossHistories { get; }

    /// <summary>The loss of the last step of the (first) model.</summary>
    public float FinalLoss => LossHistory[^1];

    /// <summary>The trained per-image denoiser, exportable as .onnx; for an ensemble or self-ensemble, the whole ensemble in one graph.</summary>
    public DenoiserModel Model { get; }

    /// <summary>Time spent in training steps, over all models.</summary>
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

    /// <summary>Images each training step saw: <see cref="PatchTrainingOptions.Count"/> crops in patch training, else 1.</summary>
    public int TrainingImages => MemoryEstimate?.TrainingImages ?? 1;

    /// <summary>What each training step saw, for users: "the whole image" or "2 random 128x128 crops per step".</summary>
    public string TrainingDescription => MemoryEstimate?.TrainingDescription ?? "the whole image";

    /// <summary>The inference tile size used (0: untiled).</summary>
    public int TileSize { get; }

    /// <summary>The memory estimate the run was checked against before it started, or null when not estimated.</summary>
    public MemoryEstimate? MemoryEstimate { get; }
}
