using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Pipeline;

namespace ZsN2N.Cli.Reports;

/// <summary>The JSON report of one <c>zsn2n denoise</c> run: the settings used and one entry per input image.</summary>
internal sealed record DenoiseReport
{
    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>Wall time of the whole run.</summary>
    public required double Seconds { get; init; }

    /// <summary>The training settings every image used.</summary>
    public required ReportSettings Settings { get; init; }

    /// <summary>Images denoised and written.</summary>
    public int Succeeded => Images.Count(i => i.Status == ImageStatus.Succeeded);

    /// <summary>Images that failed.</summary>
    public int Failed => Images.Count(i => i.Status == ImageStatus.Failed);

    /// <summary>Images skipped because their output existed (--skip-existing).</summary>
    public int Skipped => Images.Count(i => i.Status == ImageStatus.Skipped);

    /// <summary>The shard this run processed, <c>I/N</c>; <c>0/1</c> for the whole input.</summary>
    public required string Shard { get; init; }

    /// <summary>Mean PSNR in dB over the images with a reference; null without --reference.</summary>
    public double? MeanPsnr => Mean(i => i.Psnr);

    /// <summary>Mean SSIM over the images with a reference; null without --reference.</summary>
    public double? MeanSsim => Mean(i => i.Ssim);

    /// <summary>One entry per input, in input order (also when several images were trained at once).</summary>
    public required IReadOnlyList<ImageReport> Images { get; init; }

    private double? Mean(Func<ImageReport, double?> metric)
    {
        var values = Images.Select(metric).OfType<double>().ToArray();
        return values.Length > 0 ? values.Average() : null;
    }
}
