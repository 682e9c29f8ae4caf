using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Pipeline;

[TestClass]
public sealed class ImagePipelineTests
{
    private static readonly DenoiseOptions Short = new() { Schedule = new() { Iterations = 150, StepSize = 75 }, Network = new() { Features = 16 }, Execution = new() { Threads = 1 } };

    [TestMethod]
    public void ItScoresTheImageAsWrittenAndGainsOnARealOne()
    {
        var noisy = DevCrops.Load("noisy_g25", "camera.png", 40, 40, 64, 64);
        var clean = DevCrops.Load("clean", "camera.png", 40, 40, 64, 64);

        var outcome = new ImagePipeline(Short, PipelineOutputs.Plot | PipelineOutputs.Comparison).Denoise(noisy, clean);

        var written = ImageIo.Decode(outcome.Encoded);
        CollectionAssert.AreEqual(written.Pixels.ToArray(), outcome.Written.Pixels.ToArray());
        Assert.AreEqual(Psnr.Compute(clean, written), outcome.Scores!.Psnr);
        Assert.AreEqual((Psnr.Compute(clean, noisy), Ssim.Compute(clean, written)), (outcome.Scores.NoisyPsnr, outcome.Scores.Ssim));
        Assert.IsGreaterThan(outcome.Scores.NoisyPsnr + 3, outcome.Scores.Psnr, $"{outcome.Scores}");
        Assert.AreEqual((800, 480), SizeOf(outcome.Plot!));
        Assert.AreEqual(3, SizeOf(outcome.Comparison!).Width / ComparisonPicture.MinPanelWidth, "noisy, denoised and clean side by side");
    }

    [TestMethod]
    public void AFileGetsEveryOutputAndAReportOfIt()
    {
        using var folder = new TempFolder();
        ImageIo.Write(DevCrops.Load("noisy_g25", "home.png", 0, 0, 32, 40), folder["in.png"]);
        ImageIo.Write(DevCrops.Load("clean", "home.png", 0, 0, 32, 40), folder["clean.png"]);
        Directory.CreateDirectory(folder["out"]);
        var pipeline = new ImagePipeline(Short with { Schedule = new() { Iterations = 20 } }, PipelineOutputs.Model | PipelineOutputs.Plot | PipelineOutputs.Comparison);

        var report = pipeline.DenoiseFile(folder["in.png"], folder["out"], folder["clean.png"]);

        Assert.AreEqual(ImageStatus.Succeeded, report.Status, report.Error);
        CollectionAssert.AreEquivalent(
            new[] { "in.png", "in.onnx", "in_loss.png", "in_compare.png" },
            Directory.GetFiles(folder["out"]).Select(Path.GetFileName).ToArray());
        Assert.AreEqual((folder["out/in.png"], folder["out/in.onnx"], folder["clean.png"]), (report.Output, report.Model, report.Reference));
        Assert.AreEqual((40, 32, 3, 20), (report.Width, report.Height, report.Channels, report.Iterations));
        Assert.AreEqual(Psnr.Compute(ImageIo.Read(folder["clean.png"]), ImageIo.Read(folder["out/in.png"])), report.Psnr);
        Assert.AreEqual(3, DenoiserModel.Load(report.Model!).Channels);
        Assert.AreEqual(("the whole image", false), (report.Training, report.UsedCrops));
    }

    [TestMethod]
    public void AFileThatFailsIsReportedNamedAndLeavesNothing()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["bad.png"], "not an image");
        ImageIo.Write(DevCrops.Load("noisy_g25", "home.png", 0, 0, 32, 40), folder["in.png"]);
        ImageIo.Write(DevCrops.Load("clean", "home.png", 0, 0, 16, 40), folder["short.png"]);
        var pipeline = new ImagePipeline(Short, PipelineOutputs.Model);

        var unreadable = pipeline.DenoiseFile(folder["bad.png"], folder.Path);
        var mismatched = pipeline.DenoiseFile(folder["in.png"], folder.Path, folder["short.png"]);

        Assert.AreEqual((ImageStatus.Failed, (int?)null), (unreadable.Status, unreadable.Width));
        StringAssert.StartsWith(unreadable.Error, folder["bad.png"]);
        Assert.AreEqual((ImageStatus.Failed, (int?)40), (mismatched.Status, mismatched.Width));
        StringAssert.Contains(mismatched.Error, $"The reference '{folder["short.png"]}' is 40x16");
        Assert.IsFalse(File.Exists(folder["in.onnx"]) || File.Exists(folder["bad.onnx"]), "a failed image writes nothing");
    }

    [TestMethod]
    public void CancellationDuringTrainingWritesNothing()
    {
        using var folder = new TempFolder();
        ImageIo.Write(DevCrops.Load("noisy_g25", "home.png", 0, 0, 32, 40), folder["in.png"]);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(_ => cancellation.Cancel());

        Assert.ThrowsExactly<OperationCanceledException>(() =>
            new ImagePipeline(Short, PipelineOutputs.Model).DenoiseFile(folder["in.png"], folder.Path, progress: progress, cancellationToken: cancellation.Token));

        CollectionAssert.AreEqual(new[] { "in.png" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName).ToArray());
    }

    private static (int Width, int Height) SizeOf(byte[] png) => ImageIo.Decode(png) is var image ? (image.Width, image.Height) : default;
}
