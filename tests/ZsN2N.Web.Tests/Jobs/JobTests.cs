using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Tests.Jobs;

[TestClass]
public sealed class JobTests
{
    [TestMethod]
    public void AJobIsFinishingFromItsLastStepUntilItSucceeds()
    {
        using var job = new Job(JobId.New(), 1, JobMode.Noisy, null, "x.png", new PlanarImage(1, 4, 4), null,
            new JobPlan(Preset.Official, Quality.Official, NoiseMode.Independent, 20, "the whole image", 16, null, "independent"), DateTimeOffset.UnixEpoch);
        job.TryStart();

        job.Report(new TrainingProgress(19, 20, 0.1f, TimeSpan.FromSeconds(1)));
        Assert.IsFalse(job.Snapshot().Snapshot.Finishing);

        job.Report(new TrainingProgress(20, 20, 0.1f, TimeSpan.FromSeconds(1.1)));
        Assert.IsTrue(job.Snapshot().Snapshot.Finishing, "trained; the image is being computed and saved");

        job.Succeed(null, null, DateTimeOffset.UnixEpoch);
        Assert.IsFalse(job.Snapshot().Snapshot.Finishing);
    }

    [TestMethod]
    public void ACancelledAndDisposedJobKeepsAReadableCancelledToken()
    {
        var job = new Job(JobId.New(), 1, JobMode.Noisy, null, "x.png", new PlanarImage(1, 4, 4), null,
            new JobPlan(Preset.Official, Quality.Official, NoiseMode.Independent, 20, "the whole image", 16, null, "independent"), DateTimeOffset.UnixEpoch);

        Assert.IsTrue(job.Cancel("test", DateTimeOffset.UnixEpoch));
        job.Dispose();

        // As the worker links it when it took the job just before the store removed it.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None, job.CancellationToken);
        Assert.IsTrue(linked.IsCancellationRequested);
        Assert.IsFalse(job.Cancel("again", DateTimeOffset.UnixEpoch), "a finished job is not cancelled twice");
    }
}
