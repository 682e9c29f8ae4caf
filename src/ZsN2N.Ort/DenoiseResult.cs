using ZsN2N.Ort.Export;
using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort;

/// <summary>The outcome of denoising one image: the image, how training went, and the model that made it.</summary>
public sealed class DenoiseResult
{
    internal DenoiseResult(PlanarImage denoised, IReadOnlyList<float> lossHistory, DenoiserModel model, TimeSpan trainingTime, TimeSpan totalTime)
    {
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
}
