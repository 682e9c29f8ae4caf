using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary>The engine's option complaints reach the command line under the flags' names, whole.</summary>
[TestClass]
public sealed class OptionFlagsTests
{
    [TestMethod]
    [DataRow("--iterations", "0", "Schedule.Iterations")]
    [DataRow("--lr", "11", "Schedule.LearningRate")]
    [DataRow("--patch-size", "63", "PatchTraining.Size")]
    public void ABadValueIsRefusedWithTheEnginesRangeUnderTheFlag(string flag, string value, string option)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["in.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "in.png", "-o", "out", flag, value);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, $"{flag} {value}: must be {OptionRanges.Named(option).Requirement}.");
        Assert.DoesNotContain("Parameter", run.StdErr);
    }

    [TestMethod]
    public void ARunFlagOutOfRangeIsRefusedTheSameWay()
    {
        using var folder = new TempFolder();

        var run = Zsn2n.Run(folder.Path, "run", "--width", "2000");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, $"--width 2000: must be {OptionRanges.Features.Requirement}.");
    }
}
