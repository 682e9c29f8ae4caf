using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Options;

namespace ZsN2N.Ort.Pipeline;

/// <summary>
/// How one image file went through <see cref="ImagePipeline.DenoiseFile"/>: where its outputs are, its scores, its
/// size and timings, or why it failed. Size fields are null when the file could not be read. Holds no pixels, so a
/// batch keeps one per input.
/// </summary>
public sealed record ImageReport
{
    /// <summary>Full path of the input file.</summary>
    public required string Path { get; init; }

    /// <summary>How it ended.</summary>
    public required ImageStatus Status { get; init; }

    /// <summary>Why the image failed, naming the file; null unless <see cref="ImageStatus.Failed"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Full path of the denoised PNG.</summary>
    public string? Output { get; init; }

    /// <summary>Full path of the exported .onnx model (<see cref="PipelineOutputs.Model"/>).</summary>
    public string? Model { get; init; }

    /// <summary>Full path of the side-by-side picture (<see cref="PipelineOutputs.Comparison"/>).</summary>
    public string? Comparison { get; init; }

    /// <summary>Full path of the loss-curve PNG (<see cref="PipelineOutputs.Plot"/>).</summary>
    public string? Plot { get; init; }

    /// <summary>Full path of the clean image the metrics compare against.</summary>
    public string? Reference { get; init; }

    /// <summary>PSNR in dB of the denoised image as written against the reference (data range 1, as scikit-image).</summary>
    public double? Psnr { get; init; }

    /// <summary>Mean SSIM of the denoised image as written against the reference (7x7 window, as scikit-image).</summary>
    public double? Ssim { get; init; }

    /// <summary>PSNR in dB of the noisy input against the reference, for comparison.</summary>
    public double? NoisyPsnr { get; init; }

    /// <summary>Mean SSIM of the noisy input against the reference, for comparison.</summary>
    public double? NoisySsim { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Colour channels: 1 (grey) or 3 (RGB); alpha is carried separately.</summary>
    public int? Channels { get; init; }

    /// <summary>Whether the image has an alpha channel (copied to the output untouched).</summary>
    public bool? HasAlpha { get; init; }

    /// <summary>Bits per sample of the input and the output: 8 or 16.</summary>
    public int? BitDepth { get; init; }

    /// <summary>Training steps run.</summary>
    public int? Iterations { get; init; }

    /// <summary>Wall time for the image: reading, training, inference and writing.</summary>
    public double? Seconds { get; init; }

    /// <summary>Time spent in training steps alone.</summary>
    public double? TrainingSeconds { get; init; }

    /// <summary>The loss of the last training step.</summary>
    public float? FinalLoss { get; init; }

    /// <summary>What each training step saw (<see cref="Planning.TrainingPlan.Description"/>): "the whole image" or "2 random 128x128 crops per step".</summary>
    public string? Training { get; init; }

    /// <summary>The noise the image was trained for (<see cref="Planning.TrainingPlan.Noise"/>): independent or camera.</summary>
    public NoiseMode? Noise { get; init; }

    /// <summary>What <see cref="NoiseMode.Auto"/> found in the image (<see cref="Planning.TrainingPlan.NoiseEstimate"/>); null when the mode was given.</summary>
    public NoiseEstimate? NoiseEstimate { get; init; }

    /// <summary>The noise for people (<see cref="Planning.TrainingPlan.NoiseDescription"/>): "camera (auto: correlated noise (ratio 0.46, level 9.5/255))".</summary>
    public string? NoiseDescription { get; init; }

    /// <summary>Whether training steps saw random crops rather than the whole image (<see cref="Planning.TrainingPlan.UsesCrops"/>).</summary>
    public bool? UsedCrops { get; init; }
}
