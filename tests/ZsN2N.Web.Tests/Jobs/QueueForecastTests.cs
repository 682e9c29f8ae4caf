using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Tests.Jobs;

[TestClass]
public sealed class QueueForecastTests
{
    private const long Pixels = 10_000;
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [TestMethod]
    public void AWaitingJobWaitsForTheRunningOneAndTakesItsStepsAtTheMeasuredSpeed()
    {
        // A: running, 100 steps, measured at 0.1 s a step from step 10 to 30, so 7 s left.
        var running = Running(Job(1, 100, Pixels, Quality.Official), 0.1, at: 30);
        // B: twice the pixels a step and 50 steps, so 0.1 s * 2 * 50 = 10 s of its own after A's 7.
        var waiting = Job(2, 50, 2 * Pixels, Quality.Official);

        var forecast = QueueForecast.RemainingSeconds([running, waiting], workers: 1);

        Assert.AreEqual(17, forecast[waiting.Id]!.Value, 1e-9);
        Assert.IsFalse(forecast.ContainsKey(running.Id), "a running job's time is its own rate's");
    }

    [TestMethod]
    public void AQualityNotMeasuredYetGivesNoEstimateAndNeitherDoTheJobsBehindIt()
    {
        var running = Running(Job(1, 100, Pixels, Quality.Official), 0.1, at: 30);
        var high = Job(2, 100, Pixels, Quality.High);
        var behind = Job(3, 10, Pixels, Quality.Official);

        var oneWorker = QueueForecast.RemainingSeconds([running, high, behind], workers: 1);
        Assert.IsNull(oneWorker[high.Id]);
        Assert.IsNull(oneWorker[behind.Id]);

        // With two workers the job behind goes to the free one: 0.1 s * 10 steps.
        var twoWorkers = QueueForecast.RemainingSeconds([running, high, behind], workers: 2);
        Assert.IsNull(twoWorkers[high.Id]);
        Assert.AreEqual(7 + 1, twoWorkers[behind.Id]!.Value, 1e-9, "the high-quality job took the idle worker; this one waits for A's 7 s");
    }

    [TestMethod]
    public void ARunningJobNotMeasuredYetLeavesTheQueueUnknownAndAFinishingOneFreesItsWorker()
    {
        var starting = Job(1, 100, Pixels, Quality.Official);
        starting.TryStart();
        starting.Report(new TrainingProgress(10, 100, 0.1f, TimeSpan.FromSeconds(2)));
        var measured = Running(Job(2, 100, Pixels, Quality.Official), 0.1, at: 100);
        var waiting = Job(3, 20, Pixels, Quality.Official);

        Assert.IsNull(QueueForecast.RemainingSeconds([starting, waiting], workers: 1)[waiting.Id]);
        Assert.AreEqual(2, QueueForecast.RemainingSeconds([measured, waiting], workers: 1)[waiting.Id]!.Value, 1e-9, "the finishing job's worker is free now");
    }

    private static Job Job(long sequence, int iterations, long pixelsPerStep, Quality quality) =>
        new(JobId.New(), sequence, JobMode.Noisy, null, "x.png", new PlanarImage(1, 4, 4), null,
            new JobPlan(Preset.Official, quality, NoiseMode.Independent, iterations, "the whole image", pixelsPerStep, null, "independent"), Now);

    // Starts the job and reports steps 10 and `at` at `secondsPerStep` (after a slow start of 5 s).
    private static Job Running(Job job, double secondsPerStep, int at)
    {
        job.TryStart();
        job.Report(new TrainingProgress(10, job.TotalIterations, 0.1f, TimeSpan.FromSeconds(5)));
        job.Report(new TrainingProgress(at, job.TotalIterations, 0.1f, TimeSpan.FromSeconds(5 + secondsPerStep * (at - 10))));
        return job;
    }
}
