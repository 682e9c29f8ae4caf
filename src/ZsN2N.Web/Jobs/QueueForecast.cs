namespace ZsN2N.Web.Jobs;

/// <summary>
/// When each waiting job may expect its training to end. The running jobs go on at their measured rates (a finishing
/// one frees its worker now); then each waiting job, in order of arrival, goes to the worker that is free first and
/// takes its steps at the speed last measured on this server for its quality, in seconds per step per trained pixel
/// (so a photo trained on crops is costed by its crops). Where a running job or a quality has not been measured yet,
/// the jobs behind it get no estimate rather than a guess.
/// </summary>
internal static class QueueForecast
{
    /// <summary>Seconds until each queued job's training ends (null where unknown), by job id.</summary>
    public static Dictionary<string, double?> RemainingSeconds(IReadOnlyCollection<Job> jobs, int workers)
    {
        var states = jobs.Select(job => (Job: job, State: job.Snapshot().Snapshot)).ToArray();
        var speeds = states
            .Where(s => s.State.Rate?.SecondsPerStep is not null)
            .GroupBy(s => s.Job.Plan.Quality)
            .ToDictionary(group => group.Key, group => SecondsPerPixelStep(group.MaxBy(s => s.Job.Sequence)));

        // When each worker is next free, from now; an unmeasured running job makes that unknown.
        var free = states.Where(s => s.State.Status == JobStatus.Running).Select(s => RunningRemaining(s.State)).ToList();
        while (free.Count < workers)
        {
            free.Add(0);
        }

        var forecast = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (job, _) in states.Where(s => s.State.Status == JobStatus.Queued).OrderBy(s => s.Job.Sequence))
        {
            // The worker known to be free first (null arithmetic: unknown stays unknown).
            var start = free.Min();
            var worker = start is null ? 0 : free.IndexOf(start);
            var duration = speeds.TryGetValue(job.Plan.Quality, out var speed) ? speed * job.Plan.PixelsPerStep * job.TotalIterations : null;
            var end = start + duration;
            forecast[job.Id] = end;
            free[worker] = end;
        }

        return forecast;
    }

    private static double? RunningRemaining(JobSnapshot state) => state.Finishing ? 0 : state.Rate?.RemainingSeconds;

    private static double? SecondsPerPixelStep((Job Job, JobSnapshot State) measured) =>
        measured.State.Rate!.Value.SecondsPerStep / measured.Job.Plan.PixelsPerStep;
}
