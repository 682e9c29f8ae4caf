using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Training;

/// <summary>The CUDA path, on ONNX Runtime's GPU natives on a machine with a GPU; reported as skipped anywhere else.</summary>
[TestClass]
[TestCategory("Cuda")]
public sealed class CudaTrainingTests
{
    [TestMethod]
    public void CudaTrainingMatchesCpuTraining()
    {
        CudaProbe.SkipUnlessAvailable();
        var noisy = DevCrops.Load("noisy_g25", "home.png", 32, 32, 48, 48);
        var clean = DevCrops.Load("clean", "home.png", 32, 32, 48, 48);
        var options = new DenoiseOptions { Schedule = new() { Iterations = 100 }, Network = new() { Features = 16 }, Execution = new() { Threads = 1 } };

        var cpu = new Denoiser(options).Denoise(noisy);
        var cuda = new Denoiser(options with { Execution = options.Execution with { Device = ExecutionDevice.Cuda } }).Denoise(noisy);

        Assert.AreEqual(cpu.FinalLoss, cuda.FinalLoss, 1e-3 * cpu.FinalLoss);
        Assert.AreEqual(Psnr.Compute(clean, cpu.Denoised), Psnr.Compute(clean, cuda.Denoised), 0.05);
    }

    [TestMethod]
    public void CudaModelAppliesLikeTheCpuModel()
    {
        CudaProbe.SkipUnlessAvailable();
        var noisy = DevCrops.Load("noisy_g25", "camera.png", 0, 0, 40, 40);
        var result = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 20 }, Network = new() { Features = 8 }, Execution = new() { Threads = 1 } }).Denoise(noisy);

        var onCuda = result.Model.Apply(noisy, device: ExecutionDevice.Cuda).Pixels.ToArray();
        var onCpu = result.Denoised.Pixels.ToArray();

        Assert.IsTrue(onCpu.Zip(onCuda).All(p => Math.Abs(p.First - p.Second) < 1e-4f));
    }
}
