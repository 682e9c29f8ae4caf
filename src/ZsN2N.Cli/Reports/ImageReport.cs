namespace ZsN2N.Cli.Reports;

/// <summary>One image's entry in the JSON report. Size fields are null when the file could not be read.</summary>
internal sealed record ImageReport
{
    /// <summary>The succeeded status.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The failed status.</summary>
    public const string Failed = "failed";

    /// <summary>Full path of the input file.</summary>
    public required string Path { get; init; }

    /// <summary><see cref="Succeeded"/> or <see cref="Failed"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the image failed; null when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>Full path of the denoised PNG.</summary>
    public string? Output { get; init; }

    /// <summary>Full path of the exported .onnx model (with --export-onnx).</summary>
    public string? Model { get; init; }

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
}
