using Microsoft.Extensions.Options;
using ZsN2N.Ort;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// Trains the queued jobs: <see cref="WebOptions.Workers"/> loops read the <see cref="DenoiseQueue"/>, each running
/// one job at a time on a thread of its own (training is synchronous and CPU-bound). A job that fails is logged and
/// marked failed; the loop goes on. Stopping the host cancels the running jobs.
/// </summary>
internal sealed class DenoiseWorker(DenoiseQueue queue, JobStore store, DenoiserChoices denoisers, IOptions<WebOptions> options, ILogger<DenoiseWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => RunLoopAsync(stoppingToken), CancellationToken.None));
        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.ReadAllAsync(stoppingToken))
            {
                await RunJobAsync(denoisers.For(job.Plan.Preset, job.Plan.Quality, job.Plan.Noise), job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunJobAsync(ImagePipeline pipeline, Job job, CancellationToken stoppingToken)
    {
        if (!job.TryStart() || job.TakeImages() is not { } images)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.CancellationToken);
        try
        {
            logger.LogInformation("Job {JobId}: training {Width}x{Height}x{Channels} for {Iterations} steps ({Preset}, quality {Quality}, noise {Noise}) on {Training}",
                job.Id, job.Width, job.Height, job.Channels, job.TotalIterations, job.Plan.Preset, job.Plan.Quality, job.Plan.NoiseDescription, job.Plan.Training);

            // The engine's pipeline, as the command line runs it: scored as written (the PNG read back). It blocks for the
            // whole training; a dedicated thread keeps it off the request thread pool.
            var outcome = await Task.Factory.StartNew(
                () => pipeline.Denoise(images.Input, images.Clean, progress: new JobProgress(job), cancellationToken: linked.Token),
                linked.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            await store.WriteAsync(job.Id, JobFile.Result, outcome.Encoded, linked.Token);
            await store.WriteAsync(job.Id, JobFile.Model, outcome.Result.Model.ToBytes(), linked.Token);
            job.Succeed(outcome.Scores?.NoisyPsnr, outcome.Scores?.Psnr, store.Now);
            logger.LogInformation("Job {JobId}: done in {Seconds:0.0} s, final loss {Loss}", job.Id, outcome.Result.TotalTime.TotalSeconds, outcome.Result.FinalLoss);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            job.Cancel(stoppingToken.IsCancellationRequested ? "Cancelled: the server is stopping." : "Cancelled.", store.Now);
            logger.LogInformation("Job {JobId}: cancelled", job.Id);
        }
        catch (Exception e)
        {
            job.Fail(e is TrainingException or RuntimeFailureException or MemoryLimitExceededException or ArgumentException or IOException ? e.Message : "Denoising failed on the server.", store.Now);
            logger.LogError(e, "Job {JobId}: failed", job.Id);
        }
    }

    /// <summary>Passes the engine's reports straight to the job (no synchronisation context hop, so none is reordered).</summary>
    private sealed class JobProgress(Job job) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => job.Report(value);
    }
}
