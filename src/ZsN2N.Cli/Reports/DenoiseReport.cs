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
    public int Succeeded => Images.Count(i => i.Status == ImageReport.Succeeded);

    /// <summary>Images that failed.</summary>
    public int Failed => Images.Count(i => i.Status == ImageReport.Failed);

    /// <summary>One entry per input, in processing order.</summary>
    public required IReadOnlyList<ImageReport> Images { get; init; }
}
