namespace ZsN2N.Ort.Pipeline;

/// <summary>How one image of a batch ended (<see cref="ImageReport.Status"/>).</summary>
public enum ImageStatus
{
    /// <summary>Denoised; its outputs are written.</summary>
    Succeeded,

    /// <summary>Failed; <see cref="ImageReport.Error"/> says why, and nothing of it was written.</summary>
    Failed,

    /// <summary>Not processed: its output already existed.</summary>
    Skipped,
}
