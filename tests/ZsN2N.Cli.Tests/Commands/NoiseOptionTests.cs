using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>--noise</c> of <c>zsn2n denoise</c> and the <c>noise</c> key of config.json (docs/camera-noise.md).</summary>
[TestClass]
public sealed class NoiseOptionTests
{
    [TestMethod]
    public void AutoSaysWhatItFoundAndChoseOnTheConsoleAndInTheReport()
    {
        using var folder = new TempFolder();
        File.Copy(RepositoryPaths.DevImage("camera", "camera.png"), folder["photo.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "photo.png", "-o", "out", "--iterations", "2", "--width", "4", "--threads", "1", "--noise", "Auto",
            "--export-onnx", "--report", "report.json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdOut, "noise camera (auto: correlated noise (ratio 0.46, level 9.5/255))");
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        Assert.AreEqual("auto", report.RootElement.GetProperty("settings").GetProperty("noise").GetString());
        var image = report.RootElement.GetProperty("images")[0];
        Assert.AreEqual("camera", image.GetProperty("noise").GetString());
        var estimate = image.GetProperty("noiseEstimate");
        Assert.AreEqual(0.457, estimate.GetProperty("ratio").GetDouble(), 0.001);
        Assert.IsTrue(estimate.GetProperty("isCorrelated").GetBoolean());

        // The exported camera-mode model gives the denoise output when applied.
        var applied = Zsn2n.Run(folder.Path, "apply", "out/photo.onnx", "photo.png", "-o", "applied", "--threads", "1");
        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        Assert.IsGreaterThan(60, Psnr.Compute(ImageIo.Read(folder["out/photo.png"]), ImageIo.Read(folder["applied/photo.png"])));
    }

    [TestMethod]
    public void TheDefaultSaysNothingOfTheNoise()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--iterations", "2", "--width", "4", "--threads", "1", "--report", "report.json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.DoesNotContain("noise ", run.StdOut);
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        Assert.AreEqual("independent", report.RootElement.GetProperty("settings").GetProperty("noise").GetString());
        Assert.IsFalse(report.RootElement.GetProperty("images")[0].TryGetProperty("noiseEstimate", out _));
    }

    [TestMethod]
    public void AnUnknownModeIsAUsageErrorNamingTheChoices()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--noise", "loud");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr, "--noise must be 'independent' or 'camera' or 'auto', not 'loud'.");
        Assert.IsFalse(Directory.Exists(folder["out"]));
    }

    [TestMethod]
    public void ConfigNoiseSetsTheModeAndResultsSayIt()
    {
        using var folder = new TempFolder();
        TestImages.WriteCleanGray(folder["x.png"]);
        File.WriteAllText(folder["config.json"], """{ "image": "x.png", "epoch_count": 2, "noise": "camera" }""");

        var run = Zsn2n.Run(folder.Path, "run", "config.json", "-o", "out", "--width", "4", "--threads", "1", "--quiet");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var results = JsonDocument.Parse(File.ReadAllText(folder["out/results.json"]));
        Assert.AreEqual("camera", results.RootElement.GetProperty("noise").GetString());
    }
}
