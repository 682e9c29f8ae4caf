using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Engine;

[TestClass]
public sealed class DenoiserTests
{
    private static readonly DenoiseOptions Quick = new() { Schedule = new() { Iterations = 30 }, Network = new() { Features = 8 }, Execution = new() { Threads = 1, ProgressInterval = 10 } };

    [TestMethod]
    public void DenoisingARealNoisyCropGainsPsnr()
    {
        var noisy = DevCrops.Load("noisy_g50", "camera.png", 64, 64, 64, 64);
        var clean = DevCrops.Load("clean", "camera.png", 64, 64, 64, 64);
        var denoiser = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 200, StepSize = 100 }, Execution = new() { Threads = 1 } });

        var result = denoiser.Denoise(noisy);

        var before = Psnr.Compute(clean, noisy);
        var after = Psnr.Compute(clean, result.Denoised);
        Assert.IsGreaterThan(before + 3.0, after, $"PSNR {before:F2} dB -> {after:F2} dB");
        Assert.HasCount(200, result.LossHistory);
        Assert.IsLessThan(result.LossHistory[0], result.FinalLoss);
    }

    [TestMethod]
    public void TheDeepNetworkTrainsExportsAndGainsPsnr()
    {
        var noisy = DevCrops.Load("noisy_g50", "camera.png", 64, 64, 48, 48);
        var clean = DevCrops.Load("clean", "camera.png", 64, 64, 48, 48);

        var result = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 150, StepSize = 75 }, Network = new() { Features = 16, Kind = NetworkKind.Deep }, Execution = new() { Threads = 1 } }).Denoise(noisy);

        var before = Psnr.Compute(clean, noisy);
        var after = Psnr.Compute(clean, result.Denoised);
        Assert.IsGreaterThan(before + 3.0, after, $"PSNR {before:F2} dB -> {after:F2} dB");
        Assert.AreEqual(3, result.Model.ReceptiveFieldRadius);
        Assert.IsTrue(result.Model.Model.Graph.Initializer.Any(i => i.Name == "conv4_weight"), "the exported model is the deep one");
    }

    [TestMethod]
    public void ExportedModelInAFreshSessionReproducesTheEngineOutput()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 10, 20, 33, 47);
        var result = new Denoiser(Quick).Denoise(noisy);
        var path = Path.Combine(Path.GetTempPath(), $"zsn2n-{Guid.NewGuid():N}.onnx");
        try
        {
            result.Model.Save(path);
            using var session = new InferenceSession(path);
            using var input = OrtValue.CreateTensorValueFromMemory(noisy.Pixels.ToArray(), [1, 3, 33, 47]);
            using var outputs = session.Run(new RunOptions(), ["image"], [input], ["denoised"]);

            CollectionAssert.AreEqual(result.Denoised.Pixels.ToArray(), outputs[0].GetTensorDataAsSpan<float>().ToArray());
            CollectionAssert.AreEqual(new[] { "image" }, session.InputNames.ToArray());
            CollectionAssert.AreEqual(new[] { -1, 3, -1, -1 }, session.InputMetadata["image"].Dimensions);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ProgressIsReportedAtTheIntervalAndAtTheEnd()
    {
        var reports = new List<TrainingProgress>();
        var options = Quick with { Schedule = Quick.Schedule with { Iterations = 25 } };

        new Denoiser(options).Denoise(DevCrops.Load("noisy_g25", "home.png", 0, 0, 16, 16), new SynchronousProgress<TrainingProgress>(reports.Add));

        CollectionAssert.AreEqual(new[] { 10, 20, 25 }, reports.Select(r => r.Iteration).ToArray());
        Assert.IsTrue(reports.All(r => r.TotalIterations == 25 && float.IsFinite(r.Loss)));
    }

    [TestMethod]
    public void CancellationStopsTraining()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Iteration == 10)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsExactly<OperationCanceledException>(() =>
            new Denoiser(Quick with { Schedule = Quick.Schedule with { Iterations = 1000 } }).Denoise(DevCrops.Load("noisy_g25", "home.png", 0, 0, 16, 16), progress, cancellation.Token));
    }

    [TestMethod]
    public void SameSeedSameBitsOtherSeedOtherBits()
    {
        var noisy = DevCrops.Load("noisy_g25", "home.png", 0, 0, 20, 18);

        var first = new Denoiser(Quick with { Seed = 3 }).Denoise(noisy).Denoised.Pixels.ToArray();
        var again = new Denoiser(Quick with { Seed = 3 }).Denoise(noisy).Denoised.Pixels.ToArray();
        var other = new Denoiser(Quick with { Seed = 4 }).Denoise(noisy).Denoised.Pixels.ToArray();

        CollectionAssert.AreEqual(first, again);
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public void TinyImageIsRefused()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new Denoiser(Quick).Denoise(new PlanarImage(3, 1, 5)));

        StringAssert.Contains(error.Message, "5x1");
    }

    [TestMethod]
    [DataRow(0, "Schedule.Iterations")]
    [DataRow(-1f, "Schedule.LearningRate")]
    [DataRow(2f, "Schedule.Gamma")]
    public void BadOptionsAreRefusedByName(object value, string option)
    {
        var options = option switch
        {
            "Schedule.Iterations" => Quick with { Schedule = Quick.Schedule with { Iterations = (int)value } },
            "Schedule.LearningRate" => Quick with { Schedule = Quick.Schedule with { LearningRate = (float)value } },
            _ => Quick with { Schedule = Quick.Schedule with { Gamma = (float)value } },
        };

        var error = Assert.ThrowsExactly<InvalidOptionException>(() => new Denoiser(options));

        Assert.AreEqual(option, error.ParamName);
    }

    [TestMethod]
    public void CudaWithoutTheGpuNativesFailsClearly()
    {
        if (RuntimeSession.CudaAvailable)
        {
            Assert.Inconclusive("The tests run on ONNX Runtime's GPU natives; CudaTrainingTests cover the CUDA path.");
        }

        var error = Assert.ThrowsExactly<RuntimeFailureException>(() =>
            new Denoiser(Quick with { Execution = Quick.Execution with { Device = ExecutionDevice.Cuda } }).Denoise(new PlanarImage(1, 8, 8)));

        StringAssert.Contains(error.Message, "reference Microsoft.ML.OnnxRuntime.Gpu");
    }

    [TestMethod]
    public void UsefulThreadsIsOneBandPerThirtyTwoHalfSizeRowsOfWhatAStepTrainsOn()
    {
        var denoiser = new Denoiser();

        Assert.AreEqual(4, denoiser.Plan(1, 256, 256).UsefulThreads);
        Assert.AreEqual(1, denoiser.Plan(1, 64, 640).UsefulThreads, "32 half-size rows: one band");
        Assert.AreEqual(2, denoiser.Plan(1, 3000, 4000).UsefulThreads, "a photo trains on 128-row crops");
        Assert.AreEqual(46, new Denoiser(new DenoiseOptions { PatchTraining = new() { Mode = PatchTrainingMode.Never } }).Plan(1, 3000, 4000).UsefulThreads);
    }
}
