using Microsoft.Extensions.Options;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// Every <see cref="WebOptions.SweepInterval"/>: deletes jobs whose results expired (index entry and files) and cancels
/// jobs nobody watches any more. A failed sweep is logged and the next one runs as usual.
/// </summary>
internal sealed class JobSweeper(JobStore store, IOptions<WebOptions> options, TimeProvider time, ILogger<JobSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    store.CancelAbandoned();
                    store.RemoveExpired();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Sweeping the job store failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
