namespace ZsN2N.Cli.Reports;

/// <summary>One image's entry in the JSON report. Size fields are null when the file could not be read.</summary>
internal sealed record ImageReport
{
    /// <summary>The succeeded status.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The failed status.</summary>
    public const string Failed = "failed";

    /// <summary>The skipped status: the output existed and --skip-existing was given.</summary>
    public const string Skipped = "skipped";

    /// <summary>Full path of the input file.</summary>
    public required string Path { get; init; }

    /// <summary><see cref="Succeeded"/>, <see cref="Failed"/> or <see cref="Skipped"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the image failed; null when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>Full path of the denoised PNG.</summary>
    public string? Output { get; init; }

    /// <summary>Full path of the exported .onnx model (with --export-onnx).</summary>
    public string? Model { get; init; }

    /// <summary>Full path of the side-by-side picture (with --compare).</summary>
    public string? Comparison { get; init; }

    /// <summary>Full path of the loss-curve PNG (with --plot).</summary>
    public string? Plot { get; init; }

    /// <summary>Full path of the clean image the metrics compare against (with --reference).</summary>
    public string? Reference { get; init; }

    /// <summary>PSNR in dB of the denoised image against the reference (data range 1, as scikit-image).</summary>
    public double? Psnr { get; init; }

    /// <summary>Mean SSIM of the denoised image against the reference (7x7 window, as scikit-image).</summary>
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

    /// <summary>
    /// What each training step saw: "whole image", or "N crops of W x H" when patch training was used (docs/large-images.md).
    /// </summary>
    public string? Training { get; init; }
}
