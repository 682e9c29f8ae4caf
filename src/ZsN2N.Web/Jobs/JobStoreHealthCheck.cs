using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZsN2N.Web.Jobs;

/// <summary>Healthy while the job store folder exists; reports the queue length and job count.</summary>
internal sealed class JobStoreHealthCheck(JobStore store, DenoiseQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["queued"] = queue.Count, ["jobs"] = store.All.Count };
        return Task.FromResult(Directory.Exists(store.Root)
            ? HealthCheckResult.Healthy("The job store is ready.", data)
            : HealthCheckResult.Unhealthy($"The job store folder {store.Root} is missing.", data: data));
    }
}
