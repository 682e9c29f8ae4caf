using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;

namespace ZsN2N.Ort;

/// <summary>The outcome of denoising one image: the image, how training went, the plan it followed, and the model that made it.</summary>
public sealed class DenoiseResult
{
    internal DenoiseResult(PlanarImage denoised, IReadOnlyList<IReadOnlyList<float>> lossHistories, DenoiserModel model, TimeSpan trainingTime, TimeSpan totalTime, TrainingPlan plan)
    {
        Denoised = denoised;
        LossHistories = lossHistories;
        Model = model;
        TrainingTime = trainingTime;
        TotalTime = totalTime;
        Plan = plan;
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
    /// What the run did: the noise it trained for and, with <see cref="NoiseMode.Auto"/>, what it found
    /// (<see cref="TrainingPlan.NoiseDescription"/>), crops or the whole image (<see cref="TrainingPlan.Description"/>),
    /// both worth stating to the user, the schedule, the bands, and the memory it was checked against before it started.
    /// </summary>
    public TrainingPlan Plan { get; }

    /// <summary>The inference tile size used (0: untiled).</summary>
    public int TileSize => Plan.Options.Execution.TileSize;
}
