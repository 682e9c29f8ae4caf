namespace ZsN2N.Cli.Reports;

/// <summary>What <c>zsn2n eval</c> prints with <c>--json</c>: one entry per denoised image and the means.</summary>
internal sealed record EvalReport
{
    /// <summary>One entry per denoised image, in name order.</summary>
    public required IReadOnlyList<EvalEntry> Images { get; init; }

    /// <summary>Images scored.</summary>
    public int Count => Images.Count(i => i.Error is null);

    /// <summary>Images that could not be scored (no clean match, unreadable, different size).</summary>
    public int Failed => Images.Count(i => i.Error is not null);

    /// <summary>Mean PSNR in dB over the scored images; null when none was scored.</summary>
    public double? MeanPsnr => Mean(i => i.Psnr);

    /// <summary>Mean SSIM over the scored images; null when none was scored.</summary>
    public double? MeanSsim => Mean(i => i.Ssim);

    private double? Mean(Func<EvalEntry, double?> metric)
    {
        var values = Images.Select(metric).OfType<double>().ToArray();
        return values.Length > 0 ? values.Average() : null;
    }
}
