using ZsN2N.Ort;
using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Tests.Jobs;

[TestClass]
public sealed class StepRateTests
{
    // The reports of a real job on a busy machine (issue 20's run, 3000 steps, a report every 10): the first report came
    // after 9.31 s, most of it the first steps' start-up; the next ten steps took 4.09 s.
    private static readonly TrainingProgress First = new(10, 3000, 0.02f, TimeSpan.FromSeconds(9.31));

    [TestMethod]
    public void TheRateLeavesOutTheSlowFirstSteps()
    {
        var rate = new StepRate(First, new TrainingProgress(20, 3000, 0.02f, TimeSpan.FromSeconds(13.40)));

        Assert.AreEqual(0.409, rate.SecondsPerStep!.Value, 1e-9);
        Assert.AreEqual(0.409 * 2980, rate.RemainingSeconds!.Value, 1e-6);

        // What the mean from the start said at step 20: about 1.6 times as long.
        var fromStart = new TrainingProgress(20, 3000, 0.02f, TimeSpan.FromSeconds(13.40)).Remaining.TotalSeconds;
        Assert.AreEqual(1996.6, fromStart, 0.1);
    }

    [TestMethod]
    public void NoTimeIsGuessedBeforeAsManyStepsAsBeforeTheFirstReportWereMeasured()
    {
        Assert.IsNull(new StepRate(First, First).SecondsPerStep);
        Assert.IsNull(new StepRate(First, new TrainingProgress(19, 3000, 0.02f, TimeSpan.FromSeconds(13))).RemainingSeconds);

        // With a report every step, five steps past the first are enough.
        var everyStep = new TrainingProgress(1, 20, 0.1f, TimeSpan.FromSeconds(1));
        Assert.IsNull(new StepRate(everyStep, new TrainingProgress(5, 20, 0.1f, TimeSpan.FromSeconds(1.4))).SecondsPerStep);
        Assert.AreEqual(0.1, new StepRate(everyStep, new TrainingProgress(6, 20, 0.1f, TimeSpan.FromSeconds(1.5))).SecondsPerStep!.Value, 1e-9);
    }
}
