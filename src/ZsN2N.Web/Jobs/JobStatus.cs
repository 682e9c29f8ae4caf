namespace ZsN2N.Web.Jobs;

/// <summary>Where a job is in its life.</summary>
public enum JobStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>Training.</summary>
    Running,

    /// <summary>Done: the denoised image and the model can be downloaded.</summary>
    Succeeded,

    /// <summary>Training or saving failed; <see cref="JobView.Error"/> says why.</summary>
    Failed,

    /// <summary>Cancelled by the visitor, because nobody watched it any more, or because the server stopped.</summary>
    Canceled,
}
