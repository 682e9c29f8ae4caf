using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Endpoints;

/// <summary>Builds the <see cref="JobView"/> the API shows of a job, from one consistent snapshot of it.</summary>
internal static class JobViews
{
    public static JobView Of(Job job, JobStore store)
    {
        var (state, _) = job.Snapshot();
        var self = $"/api/jobs/{job.Id}";
        var succeeded = state.Status == JobStatus.Succeeded;
        var progress = state.Progress;
        return new JobView(
            job.Id,
            state.Status,
            job.Mode,
            job.Sigma,
            job.Plan.Preset,
            job.Plan.Quality,
            job.Plan.Noise,
            job.Plan.NoiseEstimate,
            job.Plan.NoiseDescription,
            job.FileName,
            job.Width,
            job.Height,
            job.Channels,
            store.QueuePosition(job),
            progress?.Iteration ?? 0,
            job.TotalIterations,
            progress?.Loss,
            progress?.Elapsed.TotalSeconds ?? 0,
            store.RemainingSeconds(job, state),
            state.Finishing,
            state.PsnrNoisy,
            state.PsnrDenoised,
            job.Plan.Training,
            state.Error,
            job.CreatedAt,
            state.FinishedAt,
            store.ExpiresAt(state.FinishedAt),
            new JobLinks(
                self,
                $"{self}/events",
                $"{self}/cancel",
                state.InputWritten ? $"{self}/input.png" : null,
                succeeded ? $"{self}/result.png" : null,
                succeeded ? $"{self}/model.onnx" : null));
    }
}
