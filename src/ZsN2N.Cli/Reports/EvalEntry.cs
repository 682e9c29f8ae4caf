namespace ZsN2N.Cli.Reports;

/// <summary>One image pair of <c>zsn2n eval</c>: its scores, or why it has none.</summary>
internal sealed record EvalEntry
{
    /// <summary>The denoised file's name.</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the denoised (or noisy) image scored.</summary>
    public required string Denoised { get; init; }

    /// <summary>Full path of the clean image it was matched with; null when there was none.</summary>
    public string? Clean { get; init; }

    /// <summary>PSNR in dB, data range 1 (scikit-image's <c>peak_signal_noise_ratio(clean, denoised, data_range=1)</c>).</summary>
    public double? Psnr { get; init; }

    /// <summary>Mean SSIM (scikit-image's <c>structural_similarity(clean, denoised, data_range=1)</c> defaults, colour per channel).</summary>
    public double? Ssim { get; init; }

    /// <summary>Why the pair could not be scored; null when it was.</summary>
    public string? Error { get; init; }
}
