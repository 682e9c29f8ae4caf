using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Pipeline;

/// <summary>The service's case: an encoded image in (bytes or a stream), the denoised image's encoded bytes out, asynchronously and cancellable.</summary>
[TestClass]
public sealed class ImagePipelineEncodedTests
{
    private static readonly DenoiseOptions Short = new() { Schedule = new() { Iterations = 150, StepSize = 75 }, Network = new() { Features = 16 }, Execution = new() { Threads = 1 } };

    private static readonly DenoiseOptions Tiny = Short with { Schedule = new() { Iterations = 20 } };

    // A colour crop of a test photo, as the PNG a client uploads.
    private static readonly byte[] HomePng = ImageIo.Encode(DevCrops.Load("noisy_g25", "home.png", 0, 0, 32, 40), ImageFormat.Png);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void BytesInGivePngBytesOutAtTheInputsSizeAndDepthAndGainOnARealImage()
    {
        // Stored at 16 bits, which the PNG out must keep.
        var noisy = DevCrops.Crop(DevCrops.Load("noisy_g25", "camera.png", 40, 40, 64, 48), 0, 0, 64, 48, bitDepth: 16);
        var clean = DevCrops.Load("clean", "camera.png", 40, 40, 64, 48);

        var outcome = new ImagePipeline(Short).Denoise(ImageIo.Encode(noisy, ImageFormat.Png), cancellationToken: TestContext.CancellationToken);

        var denoised = ImageIo.Decode(outcome.Encoded);
        Assert.AreEqual((ImageFormat.Png, ImageFormat.Png), (outcome.Format, denoised.SourceFormat));
        Assert.AreEqual((1, 64, 48, 16, false), (denoised.Channels, denoised.Height, denoised.Width, denoised.BitDepth, denoised.HasAlpha));
        CollectionAssert.AreEqual(outcome.Written.Pixels.ToArray(), denoised.Pixels.ToArray());
        var (before, after) = (Psnr.Compute(clean, noisy), Psnr.Compute(clean, denoised));
        Assert.IsGreaterThan(before + 3, after, $"{before:F2} -> {after:F2} dB");
        Assert.IsNull(outcome.Scores, "no reference, no scores");
    }

    [TestMethod]
    public async Task AStreamGivesTheSameBitsAsTheBytes()
    {
        var pipeline = new ImagePipeline(Tiny);
        using var body = new ForwardOnlyStream(HomePng);
        using var seekable = new MemoryStream(HomePng);

        var fromBytes = pipeline.Denoise(HomePng, cancellationToken: TestContext.CancellationToken);
        var fromBody = await pipeline.DenoiseAsync(body, cancellationToken: TestContext.CancellationToken);
        var fromSeekable = pipeline.Denoise(seekable, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(3, ImageIo.Decode(fromBytes.Encoded).Channels);
        CollectionAssert.AreEqual(fromBytes.Encoded, fromBody.Encoded);
        CollectionAssert.AreEqual(fromBytes.Encoded, fromSeekable.Encoded);
        Assert.AreEqual(HomePng.Length, body.BytesRead, "read to the end");
    }

    [TestMethod]
    public async Task TheFormatIsTheCallersOrTheInputs()
    {
        var pipeline = new ImagePipeline(Tiny);
        var jpeg = ImageIo.Encode(ImageIo.Decode(HomePng), ImageFormat.Jpeg);

        var asJpeg = await pipeline.DenoiseAsync(jpeg, format: null, cancellationToken: TestContext.CancellationToken);
        var asWebP = await pipeline.DenoiseAsync(HomePng, ImageFormat.WebP, cancellationToken: TestContext.CancellationToken);
        var asTiff = pipeline.Denoise(HomePng, ImageFormat.Tiff, cancellationToken: TestContext.CancellationToken);

        Assert.AreEqual(
            (ImageFormat.Jpeg, ImageFormat.WebP, ImageFormat.Tiff),
            (ImageHeaderReader.Read(asJpeg.Encoded).Format, ImageHeaderReader.Read(asWebP.Encoded).Format, ImageHeaderReader.Read(asTiff.Encoded).Format));
        Assert.AreEqual((ImageFormat.Jpeg, ImageFormat.WebP, ImageFormat.Tiff), (asJpeg.Format, asWebP.Format, asTiff.Format));
        Assert.AreEqual((40, 32), (ImageIo.Decode(asWebP.Encoded).Width, ImageIo.Decode(asWebP.Encoded).Height));
    }

    [TestMethod]
    public void AFormatThatCannotBeWrittenIsRefusedBeforeTraining()
    {
        var steps = 0;
        var progress = new SynchronousProgress<TrainingProgress>(_ => steps++);
        var pipeline = new ImagePipeline(Tiny with { Execution = Tiny.Execution with { ProgressInterval = 1 } });

        var error = Assert.ThrowsExactly<ArgumentException>(() => pipeline.DenoiseAsync(HomePng, ImageFormat.Gif, progress, TestContext.CancellationToken));

        StringAssert.StartsWith(error.Message, "Cannot write Gif images");
        Assert.AreEqual(0, steps);
    }

    [TestMethod]
    public async Task BadInputGivesTheDecodeErrorSayingWhich()
    {
        var pipeline = new ImagePipeline(Tiny);
        var small = new ImagePipeline(Tiny with { Limits = new() { Image = new() { MaxFileBytes = 1000 } } });
        using var empty = new MemoryStream();
        using var endless = new ForwardOnlyStream(new byte[1_000_000]);

        var garbage = await Assert.ThrowsExactlyAsync<ImageDecodeException>(() => pipeline.DenoiseAsync("not an image at all"u8.ToArray(), cancellationToken: TestContext.CancellationToken));
        var nothing = await Assert.ThrowsExactlyAsync<ImageDecodeException>(() => pipeline.DenoiseAsync(empty, cancellationToken: TestContext.CancellationToken));
        var tooLarge = Assert.ThrowsExactly<ImageDecodeException>(() => small.Denoise(HomePng, cancellationToken: TestContext.CancellationToken));
        var tooLong = await Assert.ThrowsExactlyAsync<ImageDecodeException>(() => small.DenoiseAsync(endless, cancellationToken: TestContext.CancellationToken));
        var truncated = Assert.ThrowsExactly<ImageDecodeException>(() => pipeline.Denoise(HomePng[..(HomePng.Length / 2)], cancellationToken: TestContext.CancellationToken));

        Assert.AreEqual(
            (ImageDecodeError.UnknownFormat, ImageDecodeError.Empty, ImageDecodeError.TooLarge, ImageDecodeError.TooLarge, ImageDecodeError.Corrupt),
            (garbage.Error, nothing.Error, tooLarge.Error, tooLong.Error, truncated.Error));
        Assert.AreEqual(("<buffer>", "<stream>"), (garbage.SourceName, nothing.SourceName));
        Assert.AreEqual($"<buffer>: file is {HomePng.Length} bytes, above the limit of 1000 bytes.", tooLarge.Message);
        StringAssert.StartsWith(tooLong.Message, "<stream>: file is at least ");
        Assert.IsLessThan(100_000, endless.BytesRead, "an endless body is refused once past the limit, not read to its end");
    }

    [TestMethod]
    public async Task CancellationBeforeTrainingThrowsAndTrainsNothing()
    {
        var steps = 0;
        var progress = new SynchronousProgress<TrainingProgress>(_ => steps++);
        var pipeline = new ImagePipeline(Tiny with { Execution = Tiny.Execution with { ProgressInterval = 1 } });
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        using var body = new ForwardOnlyStream(HomePng);

        await Assert.ThrowsAsync<OperationCanceledException>(() => pipeline.DenoiseAsync(HomePng, progress: progress, cancellationToken: cancellation.Token));
        await Assert.ThrowsAsync<OperationCanceledException>(() => pipeline.DenoiseAsync(body, progress: progress, cancellationToken: cancellation.Token));
        Assert.ThrowsExactly<OperationCanceledException>(() => pipeline.Denoise(HomePng, progress: progress, cancellationToken: cancellation.Token));

        Assert.AreEqual(0, steps);
    }

    [TestMethod]
    public async Task CancellationDuringTrainingStopsAtTheNextStep()
    {
        var steps = new List<int>();
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            steps.Add(p.Iteration);
            if (p.Iteration == 3)
            {
                cancellation.Cancel();
            }
        });

        // Ten thousand steps would take minutes; cancelled at the third, the fourth never runs.
        var pipeline = new ImagePipeline(Tiny with { Schedule = new() { Iterations = 10_000 }, Execution = Tiny.Execution with { ProgressInterval = 1 } });

        await Assert.ThrowsAsync<OperationCanceledException>(() => pipeline.DenoiseAsync(HomePng, progress: progress, cancellationToken: cancellation.Token));

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, steps);
    }

    [TestMethod]
    public async Task TheAsyncOverloadTrainsOffTheCallersThread()
    {
        using var trainingStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int? trainingThread = null;
        var progress = new SynchronousProgress<TrainingProgress>(_ =>
        {
            if (trainingThread is not null)
            {
                return;
            }

            // The first step holds training until the caller has looked. Run on the caller's thread, it would wait here
            // until this times out and then finish: the task would come back complete, from the caller's thread.
            trainingThread = Environment.CurrentManagedThreadId;
            trainingStarted.Set();
            release.Wait(TimeSpan.FromSeconds(20), TestContext.CancellationToken);
        });
        var pipeline = new ImagePipeline(Tiny with { Execution = Tiny.Execution with { ProgressInterval = 1 } });

        var task = pipeline.DenoiseAsync(HomePng, progress: progress, cancellationToken: TestContext.CancellationToken);
        var incomplete = !task.IsCompleted;
        var sawTrainingStart = trainingStarted.Wait(TimeSpan.FromMinutes(2), TestContext.CancellationToken);
        var callerThread = Environment.CurrentManagedThreadId;
        release.Set();
        var outcome = await task;

        Assert.IsTrue(incomplete, "the task came back before training finished");
        Assert.IsTrue(sawTrainingStart, "training started while the caller waited");
        Assert.AreNotEqual(callerThread, trainingThread);
        Assert.HasCount(20, outcome.Result.LossHistory);
    }
}
