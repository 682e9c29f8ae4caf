using Microsoft.Extensions.DependencyInjection;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Jobs;

/// <summary>The web app's jobs go through the engine's pipeline and batch plan, as the command line's images do.</summary>
[TestClass]
public sealed class DenoiseWorkerTests
{
    [TestMethod]
    public async Task AJobIsScoredAsWrittenLikeTheCommandLinesImages()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        var upload = TestImages.DevCropPng(100, 100, 16, 16);

        var created = await ApiClient.CreateAsync(client, upload, mode: "addNoise", sigma: "0.2");
        var done = await ApiClient.WaitForAsync(client, created.Id, ApiClient.IsFinished);

        Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
        var written = ImageIo.Decode(await client.GetByteArrayAsync(done.Links.Result));
        Assert.AreEqual(Psnr.Compute(ImageIo.Decode(upload), written), done.PsnrDenoised, "the PSNR of the PNG served, read back");
    }

    [TestMethod]
    public void WorkersShareTheProcessorsAndTheMemoryLimitAsImagesAtOnceDo()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?>
        {
            ["ZsN2N:Workers"] = "2",
            ["ZsN2N:Threads"] = null,
            ["ZsN2N:MemoryLimitBytes"] = "1000000000",
        });

        var pipeline = factory.Services.GetRequiredService<DenoiserChoices>().For(Preset.Official, Quality.High, NoiseMode.Independent);

        Assert.AreEqual(Math.Max(1, Environment.ProcessorCount / 2), pipeline.Options.Execution.Threads);
        Assert.AreEqual(500_000_000L, pipeline.Options.Limits.MemoryBytes);
        Assert.AreEqual(2, pipeline.Batch!.ImagesAtOnce);
        Assert.AreEqual(pipeline.Plan(new ImageHeader(ImageFormat.Png, 640, 480)), TrainingPlan.For(pipeline.Options, 3, 480, 640), "the upload check plans as the worker trains");
    }
}
