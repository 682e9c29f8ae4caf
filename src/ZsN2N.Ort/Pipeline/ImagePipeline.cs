using System.Diagnostics;
using ZsN2N.Ort.Files;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;

namespace ZsN2N.Ort.Pipeline;

/// <summary>
/// What happens to one noisy image, the same in every shell: train on it, encode the denoised image as it is stored
/// (PNG at the input's bit depth), score that (not the float output) against a clean reference when there is one, and
/// make the extras asked for (<see cref="PipelineOutputs"/>). <see cref="DenoiseFile"/> also reads the file and its
/// reference and writes every output atomically, the denoised image last, so its presence means the image is
/// complete; a service passes the encoded image as bytes or a stream and gets the encoded result back
/// (<see cref="DenoiseAsync(Stream, ImageFormat?, IProgress{TrainingProgress}?, CancellationToken)"/>). Stateless
/// between calls and safe to share across threads.
/// </summary>
public sealed class ImagePipeline
{
    /// <summary>The denoised image's name: <c>NAME.png</c> for an input <c>NAME.ext</c>.</summary>
    public const string ImageSuffix = ".png";

    /// <summary>The exported model's name (<see cref="PipelineOutputs.Model"/>).</summary>
    public const string ModelSuffix = ".onnx";

    /// <summary>The loss plot's name (<see cref="PipelineOutputs.Plot"/>).</summary>
    public const string PlotSuffix = "_loss.png";

    /// <summary>The side-by-side picture's name (<see cref="PipelineOutputs.Comparison"/>).</summary>
    public const string ComparisonSuffix = "_compare.png";

    private readonly Denoiser _denoiser;

    /// <summary>
    /// A pipeline training with <paramref name="options"/> and making <paramref name="outputs"/>; in a batch that trains
    /// several images at once, each image takes <paramref name="batch"/>'s share of the threads and the memory limit.
    /// </summary>
    /// <exception cref="InvalidOptionException">An option is out of range.</exception>
    public ImagePipeline(DenoiseOptions options, PipelineOutputs outputs = PipelineOutputs.None, BatchPlan? batch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _denoiser = new Denoiser(batch?.ForEachImage(options) ?? options);
        Outputs = outputs;
        Batch = batch;
    }

    /// <summary>The options every image is trained with: the batch's share of threads and memory applied.</summary>
    public DenoiseOptions Options => _denoiser.Options;

    /// <summary>The batch this pipeline's images share the machine in, or null for one image at a time with the options as given.</summary>
    public BatchPlan? Batch { get; }

    /// <summary>What is made besides the denoised image.</summary>
    public PipelineOutputs Outputs { get; }

    /// <summary>What denoising a <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/> image will do and need with <see cref="Options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the image is smaller than 2x2 pixels.</exception>
    public TrainingPlan Plan(int channels, int height, int width) => _denoiser.Plan(channels, height, width);

    /// <summary>The plan for an image whose header is <paramref name="header"/>, before it is decoded: as colour, the most it can need.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The header's size is smaller than 2x2 pixels.</exception>
    public TrainingPlan Plan(ImageHeader header) => _denoiser.Plan(header);

    /// <summary>The plan for denoising <paramref name="image"/>, with <see cref="NoiseMode.Auto"/> decided from its noise (<see cref="Denoiser.Plan(PlanarImage)"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The image is smaller than 2x2 pixels, or than 4x4 in the camera mode.</exception>
    public TrainingPlan Plan(PlanarImage image) => _denoiser.Plan(image);

    /// <summary>The suffixes of the files <see cref="DenoiseFile"/> writes for one input with <paramref name="outputs"/>, the denoised image's first.</summary>
    public static IReadOnlyList<string> OutputSuffixes(PipelineOutputs outputs) =>
    [
        ImageSuffix,
        .. outputs.HasFlag(PipelineOutputs.Model) ? [ModelSuffix] : Array.Empty<string>(),
        .. outputs.HasFlag(PipelineOutputs.Plot) ? [PlotSuffix] : Array.Empty<string>(),
        .. outputs.HasFlag(PipelineOutputs.Comparison) ? [ComparisonSuffix] : Array.Empty<string>(),
    ];

    /// <summary>An output of <paramref name="input"/>: its name without extension, then <paramref name="suffix"/>, in <paramref name="outputFolder"/>.</summary>
    public static string OutputPath(string outputFolder, string input, string suffix) =>
        Path.GetFullPath(Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(input) + suffix));

    /// <summary>
    /// Denoises <paramref name="noisy"/> and scores the result as written (PNG) against <paramref name="clean"/>, when
    /// given; <paramref name="title"/> heads the loss plot.
    /// </summary>
    /// <exception cref="ArgumentException">The image is smaller than 2x2 or holds a non-finite value, or the reference differs in size or channels.</exception>
    /// <exception cref="MemoryLimitExceededException">The run would need more memory than its limit; refused before training.</exception>
    /// <exception cref="Training.TrainingException">Training diverged.</exception>
    /// <exception cref="Runtime.RuntimeFailureException">ONNX Runtime failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired, during inference too: nothing is returned.</exception>
    public ImageOutcome Denoise(PlanarImage noisy, PlanarImage? clean = null, string title = "training loss", IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(noisy);
        return DenoiseAndEncode(noisy, clean, title, EncoderTarget.For(ImageFormat.Png), progress, cancellationToken);
    }

    /// <summary>
    /// Denoises an encoded image (PNG, JPEG, BMP, TIFF, WebP or GIF, read within <see cref="LimitOptions.Image"/>) and
    /// encodes the result as <paramref name="format"/>: PNG by default, at the input's bit depth; null keeps the input's
    /// format (a GIF becomes PNG). <see cref="ImageOutcome.Encoded"/> holds the bytes.
    /// </summary>
    /// <param name="encoded">The encoded image; not retained.</param>
    /// <param name="format">The result's format (PNG, JPEG, BMP, TIFF or WebP), or null for the input's.</param>
    /// <param name="progress">Told of training steps, on the training thread.</param>
    /// <param name="cancellationToken">Checked before every training step and between inference tiles.</param>
    /// <exception cref="ArgumentException"><paramref name="format"/> cannot be written (GIF), checked before anything else; or the image is smaller than 2x2.</exception>
    /// <exception cref="ImageDecodeException">The bytes are empty, too large, not a supported image, or corrupt (<see cref="ImageDecodeException.Error"/> says which).</exception>
    /// <exception cref="MemoryLimitExceededException">The run would need more memory than its limit; refused before training.</exception>
    /// <exception cref="Training.TrainingException">Training diverged.</exception>
    /// <exception cref="Runtime.RuntimeFailureException">ONNX Runtime failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired: nothing is returned.</exception>
    public ImageOutcome Denoise(byte[] encoded, ImageFormat? format = ImageFormat.Png, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var target = Target(format);
        return DenoiseEncoded(encoded, ImageIo.BufferName, target, progress, cancellationToken);
    }

    /// <summary>
    /// As <see cref="Denoise(byte[], ImageFormat?, IProgress{TrainingProgress}?, CancellationToken)"/>, reading the
    /// encoded image from <paramref name="input"/>'s position to its end (refused as soon as it passes
    /// <see cref="ImageLimits.MaxFileBytes"/>); the caller keeps and disposes the stream.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="format"/> cannot be written (GIF), checked before reading; or the image is smaller than 2x2.</exception>
    /// <exception cref="ImageDecodeException">The stream is empty, too large, not a supported image, or corrupt.</exception>
    /// <exception cref="MemoryLimitExceededException">The run would need more memory than its limit; refused before training.</exception>
    /// <exception cref="Training.TrainingException">Training diverged.</exception>
    /// <exception cref="Runtime.RuntimeFailureException">ONNX Runtime failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired: nothing is returned.</exception>
    public ImageOutcome Denoise(Stream input, ImageFormat? format = ImageFormat.Png, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = Target(format);
        return DenoiseEncoded(EncodedStream.Read(input, Options.Limits.Image), EncodedStream.Name, target, progress, cancellationToken);
    }

    /// <summary>
    /// As <see cref="Denoise(byte[], ImageFormat?, IProgress{TrainingProgress}?, CancellationToken)"/>, on the thread
    /// pool: this returns at once with a task that completes when the image is denoised, so a request's thread is not
    /// held for the seconds to minutes of training. Arguments are checked before it returns; <paramref name="encoded"/>
    /// is read by the task, so it must stay unchanged until the task completes.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="format"/> cannot be written (GIF).</exception>
    /// <remarks>The task fails with the exceptions of the synchronous overload; with <see cref="OperationCanceledException"/> within a training step of cancellation.</remarks>
    public Task<ImageOutcome> DenoiseAsync(byte[] encoded, ImageFormat? format = ImageFormat.Png, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var target = Target(format);
        return Task.Run(() => DenoiseEncoded(encoded, ImageIo.BufferName, target, progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// As <see cref="Denoise(Stream, ImageFormat?, IProgress{TrainingProgress}?, CancellationToken)"/>: reads
    /// <paramref name="input"/> without blocking on it (a request body, say), then decodes, trains and encodes on the
    /// thread pool. The caller keeps and disposes the stream. Arguments are checked before it returns.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="format"/> cannot be written (GIF).</exception>
    /// <remarks>The task fails with the exceptions of the synchronous overload; with <see cref="OperationCanceledException"/> within a training step of cancellation.</remarks>
    public Task<ImageOutcome> DenoiseAsync(Stream input, ImageFormat? format = ImageFormat.Png, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = Target(format);
        return ReadAndDenoiseAsync(input, target, progress, cancellationToken);
    }

    private async Task<ImageOutcome> ReadAndDenoiseAsync(Stream input, EncoderTarget? target, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var encoded = await EncodedStream.ReadAsync(input, Options.Limits.Image, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => DenoiseEncoded(encoded, EncodedStream.Name, target, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    // The requested format's encoder, or null for the input's own (known once it is decoded).
    private static EncoderTarget? Target(ImageFormat? format) => format is { } requested ? EncoderTarget.For(requested) : null;

    private ImageOutcome DenoiseEncoded(byte[] encoded, string sourceName, EncoderTarget? target, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var noisy = ImageIo.Decode(encoded, Options.Limits.Image, sourceName);
        return DenoiseAndEncode(noisy, null, "training loss", target ?? EncoderTarget.Keeping(noisy.SourceFormat), progress, cancellationToken);
    }

    // Trains on noisy, encodes the result with target, reads that back and scores it against clean, makes the extras.
    private ImageOutcome DenoiseAndEncode(PlanarImage noisy, PlanarImage? clean, string title, EncoderTarget target, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (clean is not null)
        {
            ThrowIfDifferent(noisy, clean, "The reference");
        }

        var result = _denoiser.Denoise(noisy, progress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        // Score what is stored: the file's 8- or 16-bit values, so scoring the written file gives the same numbers.
        var encoded = ImageIo.Encode(result.Denoised, target);
        var written = ImageIo.Decode(encoded);
        var scores = clean is null ? null : ImageScores.Of(clean, noisy, written);
        var plot = Outputs.HasFlag(PipelineOutputs.Plot) ? LossPlot.Encode(result.LossHistory, title) : null;
        var comparison = Outputs.HasFlag(PipelineOutputs.Comparison) ? ComparisonPicture.Encode(Panels(noisy, written, clean, scores)) : null;
        return new ImageOutcome(result, encoded, target.Format, written, scores, plot, comparison);
    }

    /// <summary>
    /// Reads <paramref name="input"/> (and the clean <paramref name="reference"/>, when given) within
    /// <see cref="LimitOptions.Image"/>, denoises it, and writes its outputs into <paramref name="outputFolder"/>
    /// (<see cref="OutputPath"/>), each atomically and the denoised image last. A failure of this image is reported,
    /// not thrown (<see cref="ImageFailure.IsPerImage"/>), and leaves no partial file.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; nothing of this image was written.</exception>
    /// <exception cref="OutOfMemoryException">The process ran out of memory; the batch should end.</exception>
    public ImageReport DenoiseFile(string input, string outputFolder, string? reference = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputFolder);
        var clock = Stopwatch.StartNew();
        var path = Path.GetFullPath(input);
        PlanarImage? noisy = null;
        try
        {
            noisy = ImageIo.Read(path, Options.Limits.Image);
            PlanarImage? clean = null;
            if (reference is not null)
            {
                clean = ImageIo.Read(reference, Options.Limits.Image);
                ThrowIfDifferent(noisy, clean, $"The reference '{Path.GetFullPath(reference)}'");
            }

            var outcome = Denoise(noisy, clean, $"{Path.GetFileName(path)}: training loss", progress, cancellationToken);
            var result = outcome.Result;
            string? Write(PipelineOutputs output, string suffix, Action<string> write)
            {
                if (!Outputs.HasFlag(output))
                {
                    return null;
                }

                var file = OutputPath(outputFolder, path, suffix);
                write(file);
                return file;
            }

            var model = Write(PipelineOutputs.Model, ModelSuffix, result.Model.Save);
            var plot = Write(PipelineOutputs.Plot, PlotSuffix, file => AtomicFile.WriteAllBytes(file, outcome.Plot!));
            var comparison = Write(PipelineOutputs.Comparison, ComparisonSuffix, file => AtomicFile.WriteAllBytes(file, outcome.Comparison!));

            // The denoised image last: its presence marks the image complete.
            var output = OutputPath(outputFolder, path, ImageSuffix);
            AtomicFile.WriteAllBytes(output, outcome.Encoded);
            return Describe(path, noisy) with
            {
                Status = ImageStatus.Succeeded,
                Output = output,
                Model = model,
                Plot = plot,
                Comparison = comparison,
                Reference = reference is null ? null : Path.GetFullPath(reference),
                Psnr = outcome.Scores?.Psnr,
                Ssim = outcome.Scores?.Ssim,
                NoisyPsnr = outcome.Scores?.NoisyPsnr,
                NoisySsim = outcome.Scores?.NoisySsim,
                Iterations = result.LossHistory.Count,
                Seconds = clock.Elapsed.TotalSeconds,
                TrainingSeconds = result.TrainingTime.TotalSeconds,
                FinalLoss = result.FinalLoss,
                Training = result.Plan.Description,
                UsedCrops = result.Plan.UsesCrops,
                Noise = result.Plan.Noise,
                NoiseEstimate = result.Plan.NoiseEstimate,
                NoiseDescription = result.Plan.NoiseDescription,
            };
        }
        catch (Exception e) when (ImageFailure.IsPerImage(e))
        {
            var error = ImageFailure.Describe(e, path);
            if (e is MemoryLimitExceededException && Batch is { ImagesAtOnce: > 1 } shared)
            {
                error += $" With {shared.ImagesAtOnce} images at once each may plan 1/{shared.ImagesAtOnce} of the limit; fewer images at once give it more.";
            }

            return Describe(path, noisy) with { Status = ImageStatus.Failed, Error = error, Seconds = clock.Elapsed.TotalSeconds };
        }
    }

    // A reference of another size or channel count cannot score the image.
    private static void ThrowIfDifferent(PlanarImage noisy, PlanarImage clean, string reference)
    {
        if (clean.Channels != noisy.Channels || clean.Height != noisy.Height || clean.Width != noisy.Width)
        {
            throw new ArgumentException(
                $"{reference} is {clean.Width}x{clean.Height} with {clean.Channels} channel(s); the input is {noisy.Width}x{noisy.Height} with {noisy.Channels}.");
        }
    }

    /// <summary>The comparison's panels: noisy and denoised, captioned with their scores, and the clean reference when there is one.</summary>
    private static ComparisonPicture.Panel[] Panels(PlanarImage noisy, PlanarImage denoised, PlanarImage? clean, ImageScores? scores) =>
        clean is null || scores is null
            ? [new(noisy, "noisy"), new(denoised, "denoised")]
            :
            [
                new(noisy, "noisy", ImageScores.Caption(scores.NoisyPsnr, scores.NoisySsim)),
                new(denoised, "denoised", ImageScores.Caption(scores.Psnr, scores.Ssim)),
                new(clean, "clean reference"),
            ];

    private static ImageReport Describe(string path, PlanarImage? image) => new()
    {
        Path = path,
        Status = ImageStatus.Failed,
        Width = image?.Width,
        Height = image?.Height,
        Channels = image?.Channels,
        HasAlpha = image?.HasAlpha,
        BitDepth = image?.BitDepth,
    };
}
