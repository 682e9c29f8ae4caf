using System.Text.Json;
using ZsN2N.Cli.Tests.TestSupport;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Tests.Commands;

/// <summary><c>--quality</c>, <c>--ensemble</c> and <c>--self-ensemble</c> of <c>zsn2n denoise</c>.</summary>
[TestClass]
public sealed class QualityOptionsTests
{
    [TestMethod]
    [DataRow("--ensemble 2 --self-ensemble", 2)]
    [DataRow("--quality high", 1)]
    public void ExportedEnsembleReproducesTheEnsembleOutput(string ensemble, int models)
    {
        using var folder = new TempFolder();
        TestImages.WriteColour8(folder["in/photo.png"]);
        var trained = Zsn2n.Run(folder.Path, ["denoise", "in/photo.png", "-o", "out", "--iterations", "10", "--width", "8", "--threads", "1",
            .. ensemble.Split(' '), "--export-onnx", "--report", "report.json"]);
        Assert.AreEqual(0, trained.ExitCode, trained.ToString());

        var applied = Zsn2n.Run(folder.Path, "apply", "out/photo.onnx", "in/photo.png", "-o", "applied", "--threads", "1");

        Assert.AreEqual(0, applied.ExitCode, applied.ToString());
        var denoised = ImageIo.Read(folder["out/photo.png"]);
        Assert.IsGreaterThan(60, Psnr.Compute(denoised, ImageIo.Read(folder["applied/photo.png"])), "apply of the exported ensemble gives the denoise output");
        Assert.IsLessThan(60, Psnr.Compute(denoised, ImageIo.Read(folder["in/photo.png"])), "the ensemble changed nothing");
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        var settings = report.RootElement.GetProperty("settings");
        Assert.AreEqual(models, settings.GetProperty("ensembleSize").GetInt32());
        Assert.IsTrue(settings.GetProperty("selfEnsemble").GetBoolean());
    }

    [TestMethod]
    public void HighQualityIsRecordedInTheReport()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--iterations", "2", "--width", "4", "--threads", "1", "--quality", "HIGH", "--report", "report.json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        var settings = report.RootElement.GetProperty("settings");
        Assert.AreEqual(EnsembleOptions.HighQualityModels, settings.GetProperty("ensembleSize").GetInt32());
        Assert.IsTrue(settings.GetProperty("shiftAugmentation").GetBoolean());
        Assert.IsTrue(settings.GetProperty("selfEnsemble").GetBoolean());
        Assert.AreEqual("deep", settings.GetProperty("network").GetString());
    }

    [TestMethod]
    public void AnExplicitNetworkOverridesTheQualityPresets()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--iterations", "2", "--width", "4", "--threads", "1", "--quality", "high",
            "--network", "paper", "--report", "report.json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        var settings = report.RootElement.GetProperty("settings");
        Assert.AreEqual("paper", settings.GetProperty("network").GetString());
        Assert.IsTrue(settings.GetProperty("shiftAugmentation").GetBoolean());
    }

    [TestMethod]
    public void TheDeepNetworkIsTrainedExportedAndRecorded()
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", "--iterations", "2", "--width", "4", "--threads", "1",
            "--network", "Deep", "--export-onnx", "--report", "report.json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(folder["report.json"]));
        Assert.AreEqual("deep", report.RootElement.GetProperty("settings").GetProperty("network").GetString());
        var model = DenoiserModel.Load(folder["out/a.onnx"]);
        Assert.AreEqual(3, model.ReceptiveFieldRadius);
    }

    [TestMethod]
    [DataRow("--network", "huge", "--network must be 'paper' or 'deep'")]
    [DataRow("--quality", "best", "--quality must be 'official' or 'high'")]
    [DataRow("--ensemble", "0", "--ensemble")]
    [DataRow("--ensemble", "65", "--ensemble")]
    public void BadQualityOptionsAreUsageErrors(string option, string value, string message)
    {
        using var folder = new TempFolder();
        TestImages.WriteGray16(folder["a.png"]);

        var run = Zsn2n.Run(folder.Path, "denoise", "a.png", "-o", "out", option, value);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StdErr + run.StdOut, message);
        Assert.IsFalse(Directory.Exists(folder["out"]));
    }
}
