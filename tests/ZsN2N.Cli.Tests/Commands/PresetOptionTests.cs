using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>--preset</c> of <c>zsn2n denoise</c> and its overrides.</summary>
[TestClass]
public sealed class PresetOptionTests
{
    [TestMethod]
    [DataRow(new string[0], 3000, 1000)]
    [DataRow(new[] { "--preset", "fast" }, 1500, 500)]
    [DataRow(new[] { "--preset", "FAST", "--step-size", "300" }, 1500, 300)]
    public void ThePresetSetsTheScheduleAndExplicitOptionsOverrideIt(string[] options, int iterations, int stepSize)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        // A corrupt second input fails at once, so the schedule is recorded without training 1500 steps.
        TestImages.WriteCorrupt(folder["b.png"]);
        var run = Zsn2n.Run(folder.Path, ["denoise", "b.png", "-o", "out", "--report", "report.json", .. options]);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        var settings = report.RootElement.GetProperty("settings");
        Assert.AreEqual(iterations, settings.GetProperty("iterations").GetInt32());
        Assert.AreEqual(stepSize, settings.GetProperty("stepSize").GetInt32());
        Assert.AreEqual(0.001f, settings.GetProperty("learningRate").GetSingle());
    }

    [TestMethod]
    public void AnUnknownPresetIsAUsageError()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--preset", "turbo");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr + run.StdOut, "--preset must be 'official' or 'fast'");
    }
}
