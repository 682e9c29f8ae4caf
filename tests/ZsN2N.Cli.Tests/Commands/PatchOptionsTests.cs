using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>--patch-training</c>, <c>--patch-size</c>, <c>--patches</c> and <c>--patch-lr-factor</c> of <c>zsn2n denoise</c>.</summary>
[TestClass]
public sealed class PatchOptionsTests
{
    [TestMethod]
    public void CropTrainingIsStatedInTheOutputAndTheReport()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--iterations", "3", "--width", "4", "--threads", "1",
            "--patch-training", "always", "--patch-size", "16", "--patches", "3", "--patch-lr-factor", "2.5", "--report", "report.json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdOut, "trained on 3 random 16x16 crops per step");
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        var settings = report.RootElement.GetProperty("settings");
        Assert.AreEqual("always", settings.GetProperty("patchTraining").GetString());
        Assert.AreEqual(16, settings.GetProperty("patchSize").GetInt32());
        Assert.AreEqual(3, settings.GetProperty("patchCount").GetInt32());
        Assert.AreEqual(2.5, settings.GetProperty("patchLearningRateFactor").GetDouble(), 1e-6);
        var image = report.RootElement.GetProperty("images")[0];
        Assert.AreEqual("3 random 16x16 crops per step", image.GetProperty("training").GetString());
    }

    [TestMethod]
    public void WholeImageTrainingIsRecordedAndNotAnnounced()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--iterations", "2", "--width", "4", "--threads", "1", "--report", "report.json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.IsFalse(run.StdOut.Contains("crop", StringComparison.Ordinal), run.StdOut);
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        Assert.AreEqual("the whole image", report.RootElement.GetProperty("images")[0].GetProperty("training").GetString());
    }

    [TestMethod]
    [DataRow("--patch-training", "sometimes", "--patch-training must be 'auto' or 'always' or 'never'")]
    [DataRow("--patch-size", "15", "--patch-size")]
    [DataRow("--patch-size", "8", "--patch-size")]
    [DataRow("--patches", "0", "--patches")]
    [DataRow("--patches", "257", "--patches")]
    [DataRow("--patch-lr-factor", "0", "--patch-lr-factor")]
    [DataRow("--patch-lr-factor", "101", "--patch-lr-factor")]
    [DataRow("--patch-lr-factor", "NaN", "--patch-lr-factor")]
    public void BadPatchOptionsAreUsageErrors(string option, string value, string message)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", option, value);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr + run.StdOut, message);
        Assert.IsFalse(Directory.Exists(folder["out"]), "nothing is written for a bad command line");
    }
}
