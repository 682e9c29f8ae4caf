using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Tests.Models;

/// <summary>A denoiser saves to a stream, and loads from a file, a buffer or a stream (at once or asynchronously) into the same model.</summary>
[TestClass]
public sealed class DenoiserModelLoadTests
{
    private static readonly PlanarImage Image = DevCrops.Load("noisy_g25", "home.png", 0, 0, 24, 20);
    private static readonly DenoiserModel Trained =
        new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 5 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } }).Denoise(Image).Model;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task EveryWayOfLoadingGivesTheSameDenoiser()
    {
        var bytes = Trained.ToBytes();
        using var folder = new TempFolder();
        Trained.Save(folder["model.onnx"]);
        using var stream = new MemoryStream(bytes);
        using var asyncStream = new MemoryStream(bytes);

        DenoiserModel[] loaded =
        [
            DenoiserModel.Load(folder["model.onnx"]),
            DenoiserModel.Load(bytes),
            DenoiserModel.Load(stream),
            await DenoiserModel.LoadAsync(asyncStream, TestContext.CancellationToken),
        ];

        var expected = Trained.Apply(Image, 1, ExecutionDevice.Cpu).Pixels.ToArray();
        foreach (var model in loaded)
        {
            CollectionAssert.AreEqual(bytes, model.ToBytes());
            Assert.AreEqual((Trained.Channels, Trained.ReceptiveFieldRadius), (model.Channels, model.ReceptiveFieldRadius));
            CollectionAssert.AreEqual(expected, model.Apply(Image, 1, ExecutionDevice.Cpu).Pixels.ToArray());
        }
    }

    [TestMethod]
    public async Task SavingToAStreamWritesTheBytesThatLoadBack()
    {
        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]);
        Trained.Save(stream);
        using var asyncStream = new MemoryStream();
        await Trained.SaveAsync(asyncStream, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }.Concat(Trained.ToBytes()).ToArray(), stream.ToArray(), "written at the stream's position");
        CollectionAssert.AreEqual(Trained.ToBytes(), asyncStream.ToArray());
        stream.Position = 3;
        CollectionAssert.AreEqual(
            Trained.Apply(Image, 1, ExecutionDevice.Cpu).Pixels.ToArray(), DenoiserModel.Load(stream).Apply(Image, 1, ExecutionDevice.Cpu).Pixels.ToArray());
    }

    [TestMethod]
    public void BytesThatAreNotADenoiserAreRefusedNamingTheSource()
    {
        var notOnnx = Assert.ThrowsExactly<InvalidDataException>(() => DenoiserModel.Load("this is not a model"u8.ToArray()));
        using var empty = new MemoryStream();
        var notDenoiser = Assert.ThrowsExactly<InvalidDataException>(() => DenoiserModel.Load(empty));

        StringAssert.StartsWith(notOnnx.Message, "the buffer is not an ONNX model");
        StringAssert.StartsWith(notDenoiser.Message, "the stream is not a ZsN2N.Ort denoiser");
        Assert.ThrowsExactly<ArgumentNullException>(() => DenoiserModel.Load((Stream)null!));
    }

    [TestMethod]
    public async Task LoadingAsynchronouslyHonoursCancellation()
    {
        using var stream = new MemoryStream(Trained.ToBytes());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => DenoiserModel.LoadAsync(stream, cancellation.Token));
    }
}
