using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Tests.Models;

[TestClass]
public sealed class TiledInferenceTests
{
    private static readonly DenoiseResult Trained =
        new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 10 }, Network = new() { Features = 8 }, Execution = new() { Threads = 1 } }).Denoise(DevCrops.Load("noisy_g25", "home.png", 0, 0, 32, 32));

    [TestMethod]
    [DataRow(16)]
    [DataRow(23)]
    public void TiledEqualsUntiledOnAnOddSizedImage(int tileSize)
    {
        // 45 x 61: neither side is a multiple of the tile size, and tiles meet inside the image on both axes.
        var image = DevCrops.Load("noisy_g50", "home.png", 7, 11, 45, 61);

        var untiled = Trained.Model.Apply(image, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray();
        var tiled = Trained.Model.Apply(image, 1, ExecutionDevice.Cpu, tileSize).Pixels.ToArray();

        var worst = untiled.Zip(tiled).Max(p => Math.Abs(p.First - p.Second));
        Assert.IsLessThanOrEqualTo(1e-5f, worst, $"largest difference {worst}");
        Assert.IsGreaterThan(0, untiled.Zip(image.Pixels.ToArray()).Count(p => p.First != p.Second), "the model changed nothing");
    }

    /// <summary>
    /// A network with a wider receptive field than the paper's (three 3×3 convolutions: radius 3) still tiles exactly:
    /// the halo comes from the model, recorded in its metadata and read back from a saved file.
    /// </summary>
    [TestMethod]
    public void ADeeperNetworkTilesWithItsOwnReceptiveField()
    {
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.For(NetworkKind.Deep), 3, 6, seed: 9);
        var parameters = artifacts.Initial.Tensors.Select(p => p with { Values = p.Values.Select(v => 4 * v).ToArray() }).ToArray();
        var model = DenoiserModel.Create(artifacts, parameters);
        var image = DevCrops.Load("noisy_g50", "home.png", 7, 11, 45, 61);
        var path = Path.Combine(Path.GetTempPath(), $"zsn2n-deep-{Guid.NewGuid():N}.onnx");
        model.Save(path);
        var loaded = DenoiserModel.Load(path);
        File.Delete(path);

        var untiled = model.Apply(image, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray();
        var tiled = loaded.Apply(image, 1, ExecutionDevice.Cpu, 16).Pixels.ToArray();

        Assert.AreEqual(3, artifacts.ReceptiveFieldRadius);
        Assert.AreEqual(3, loaded.ReceptiveFieldRadius);
        var worst = untiled.Zip(tiled).Max(p => Math.Abs(p.First - p.Second));
        Assert.IsLessThanOrEqualTo(1e-5f, worst, $"largest difference {worst}");
        Assert.IsGreaterThan(1e-3f, untiled.Zip(image.Pixels.ToArray()).Max(p => Math.Abs(p.First - p.Second)), "the model changed nothing");
    }

    [TestMethod]
    public void AnImageThatFitsOneTileIsRunWhole()
    {
        var image = DevCrops.Load("noisy_g25", "camera.png", 0, 0, 20, 30);
        var model = new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 3 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } }).Denoise(image).Model;

        CollectionAssert.AreEqual(model.Apply(image, 1, ExecutionDevice.Cpu, 0).Pixels.ToArray(), model.Apply(image).Pixels.ToArray());
    }

    [TestMethod]
    public void TilesAreNearEqualAndCoverTheAxis()
    {
        CollectionAssert.AreEqual(new[] { 0, 15, 30, 45 }, TiledInference.Bounds(45, 16));
        CollectionAssert.AreEqual(new[] { 0, 512 }, TiledInference.Bounds(512, 512));
        CollectionAssert.AreEqual(new[] { 0, 256, 513 }, TiledInference.Bounds(513, 512));
    }

    [TestMethod]
    public void AlignedTilesStartOnMultiplesOfTheAlignmentAndKeepTheirSize()
    {
        CollectionAssert.AreEqual(new[] { 0, 14, 30, 45 }, TiledInference.Bounds(45, 16, 2));
        CollectionAssert.AreEqual(new[] { 0, 14, 30, 45 }, TiledInference.Bounds(45, 23, 2));
        CollectionAssert.AreEqual(new[] { 0, 256, 513 }, TiledInference.Bounds(513, 512, 2));
    }

    [TestMethod]
    public void ATileSizeBelowTheMinimumIsRefused()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            Trained.Model.Apply(DevCrops.Load("noisy_g25", "home.png", 0, 0, 20, 20), 1, ExecutionDevice.Cpu, 3));

        Assert.AreEqual("tileSize", error.ParamName);
    }

    [TestMethod]
    public void CancelledTokenStopsTiledInference()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var image = DevCrops.Load("noisy_g25", "home.png", 0, 0, 40, 40);

        Assert.ThrowsExactly<OperationCanceledException>(() => Trained.Model.Apply(image, 1, ExecutionDevice.Cpu, 16, cancellation.Token));
    }
}
