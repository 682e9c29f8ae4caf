using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Tests.TestSupport;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Tests.Training;

[TestClass]
public sealed class TrainingSessionTests
{
    [TestMethod]
    public void TrainingOnARealNoisyCropLowersTheLossAndRaisesPsnr()
    {
        const int size = 64;
        var noisy = DevCrops.Load("noisy_g25", "home.png", 96, 96, size, size);
        var clean = DevCrops.Load("clean", "home.png", 96, 96, size, size);
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 48);
        var schedule = new StepLrSchedule(1e-3f, 100, 0.5f);

        using var session = new TrainingSession(artifacts, noisy.Pixels.ToArray(), size, size, artifacts.Initial.Tensors);
        var losses = Enumerable.Range(0, 300).Select(step => session.Step(schedule.At(step))).ToArray();
        var denoised = Denoise(artifacts, session.Parameters(), noisy);

        Assert.AreEqual(300, session.StepsTaken);
        Assert.IsLessThan(0.8 * losses.Take(10).Average(), losses.TakeLast(10).Average(), $"loss {losses[0]} -> {losses[^1]}");
        var before = Psnr.Compute(clean, noisy);
        var after = Psnr.Compute(clean, denoised);
        Assert.IsGreaterThan(before + 3.0, after, $"PSNR {before:F2} dB -> {after:F2} dB");
    }

    [TestMethod]
    public void SameSeedAndThreadsGiveTheSameBits()
    {
        var image = TestRandom.Uniform(4, 3 * 24 * 20, 0f, 1f);
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 16, seed: 5);

        float[] Run()
        {
            using var session = new TrainingSession(artifacts, image, 24, 20, artifacts.Initial.Tensors, threads: 2);
            for (var step = 0; step < 20; step++)
            {
                session.Step(1e-3f);
            }

            return session.Parameters().SelectMany(p => p.Values).ToArray();
        }

        CollectionAssert.AreEqual(Run(), Run());
    }

    [TestMethod]
    public void TrainingInBandsFollowsTrainingTheWholeImage()
    {
        const int size = 64;
        var noisy = DevCrops.Load("noisy_g25", "home.png", 40, 40, size, size);
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 16, seed: 2);

        float[] Train(int threads, int expectedBands)
        {
            using var session = new TrainingSession(artifacts, new TrainingBatch(1, size, size), noisy.Pixels, artifacts.Initial.Tensors, ExecutionDevice.Cpu, threads, minBandRows: 8);
            Assert.AreEqual(expectedBands, session.BandCount);
            for (var step = 0; step < 30; step++)
            {
                session.Step(1e-3f);
            }

            return session.Parameters().SelectMany(p => p.Values).ToArray();
        }

        var whole = Train(1, 1);
        var banded = Train(3, 3);

        // Bands change only the float rounding of the gradient sums; after 30 Adam steps of at most 1e-3 each the
        // parameters agree far closer than the 0.03 they moved.
        var largest = whole.Zip(banded, (a, b) => Math.Abs(a - b)).Max();
        Assert.IsLessThan(1e-4, largest, $"parameters differ by up to {largest:E2}");
    }

    /// <summary>
    /// The CUDA path's backend (every tensor in device memory, uploads and downloads through a copy session, one
    /// binding per buffer set, a crop swapped in by upload) run on the CPU with host memory as its device memory.
    /// </summary>
    [TestMethod]
    public void TheDeviceResidentBackendTrainsLikeTheBandBackend()
    {
        const int size = 40;
        var first = DevCrops.Load("noisy_g25", "home.png", 10, 10, size, size);
        var second = DevCrops.Load("noisy_g25", "home.png", 100, 60, size, size);
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 8, seed: 4);

        (float[] Losses, float[] Parameters) Train(bool deviceResident)
        {
            using var session = new TrainingSession(artifacts, new TrainingBatch(1, size, size), first.Pixels, artifacts.Initial.Tensors, ExecutionDevice.Cpu, 1, TrainingSession.DefaultMinBandRows, deviceResident);
            var losses = new float[25];
            for (var step = 0; step < losses.Length; step++)
            {
                if (step == 12)
                {
                    session.SetImage(second.Pixels);
                }

                losses[step] = session.Step(2e-3f);
            }

            return (losses, session.Parameters().SelectMany(p => p.Values).ToArray());
        }

        var host = Train(deviceResident: false);
        var device = Train(deviceResident: true);

        for (var step = 0; step < host.Losses.Length; step++)
        {
            Assert.AreEqual(host.Losses[step], device.Losses[step], 1e-5 * host.Losses[step], $"loss of step {step + 1}");
        }

        Assert.AreNotEqual(host.Losses[11], host.Losses[12], 1e-4 * host.Losses[11], "the second crop changed nothing");
        var largest = host.Parameters.Zip(device.Parameters, (a, b) => Math.Abs(a - b)).Max();
        Assert.IsLessThan(1e-5, largest, $"parameters differ by up to {largest:E2}");
    }

    [TestMethod]
    public void MismatchedImageIsRefusedWithItsShape()
    {
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 8);

        var error = Assert.ThrowsExactly<ArgumentException>(() => new TrainingSession(artifacts, new float[10], 4, 4, artifacts.Initial.Tensors));

        StringAssert.Contains(error.Message, "[1, 3, 4, 4]");
    }

    [TestMethod]
    public void ScheduleHalvesEveryStepSize()
    {
        var schedule = new StepLrSchedule();

        Assert.AreEqual(1e-3f, schedule.At(0));
        Assert.AreEqual(1e-3f, schedule.At(999));
        Assert.AreEqual(5e-4f, schedule.At(1000));
        Assert.AreEqual(2.5e-4f, schedule.At(2999));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new StepLrSchedule(gamma: 1.5f));
    }

    private static PlanarImage Denoise(TrainingArtifacts artifacts, IReadOnlyList<NamedTensor> parameters, PlanarImage noisy)
    {
        using var runner = new OrtRunner(DenoiserExporter.Export(artifacts.Inference, parameters));
        var output = runner.Run(new Dictionary<string, (float[], long[])>
        {
            [InferenceGraph.ImageInput] = (noisy.Pixels.ToArray(), [1, noisy.Channels, noisy.Height, noisy.Width]),
        })[InferenceGraph.DenoisedOutput];
        return noisy.WithPixels(output);
    }
}
