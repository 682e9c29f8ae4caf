using System.Diagnostics;
using OpenCvSharp;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Export;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort;

/// <summary>
/// Zero-Shot Noise2Noise (Mansour &amp; Heckel, CVPR 2023): trains a small network on the noisy image
/// itself and returns the image it denoises, with the loss history and the model as a .onnx denoiser.
/// Stateless between calls and safe to share across threads; each call trains its own model.
/// </summary>
public sealed class Denoiser
{
    private readonly ArtifactStore _artifacts;

    /// <summary>A denoiser with <paramref name="options"/> (the official recipe when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Denoiser(DenoiseOptions? options = null, ArtifactStore? artifacts = null)
    {
        Options = options ?? new DenoiseOptions();
        Options.Validate();
        _artifacts = artifacts ?? ArtifactStore.Shared;
    }

    /// <summary>The options every call uses.</summary>
    public DenoiseOptions Options { get; }

    /// <summary>Reads, checks against <see cref="DenoiseOptions.Limits"/>, and denoises an image file.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, too large, or not a decodable image.</exception>
    /// <exception cref="TrainingException">Training failed or diverged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public DenoiseResult DenoiseFile(string path, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Denoise(ImageIo.Read(path, Options.Limits), progress, cancellationToken);

    /// <summary>Denoises an OpenCV image (8U, 16U or 32F; 1, 3 or 4 channels, BGR(A) order); the caller keeps owning <paramref name="mat"/>.</summary>
    public DenoiseResult Denoise(Mat mat, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Denoise(ImageIo.FromMat(mat), progress, cancellationToken);

    /// <summary>Denoises planar pixels [channels, height, width] in 0..1, RGB order for colour.</summary>
    public DenoiseResult Denoise(float[] pixels, int channels, int height, int width, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Denoise(new PlanarImage(channels, height, width, pixels), progress, cancellationToken);

    /// <summary>Trains on <paramref name="image"/> and returns the denoised image with its model.</summary>
    /// <exception cref="ArgumentException">The image is smaller than 2x2 pixels.</exception>
    /// <exception cref="TrainingException">Training failed or diverged (the message says at which step and why).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; nothing is returned.</exception>
    public DenoiseResult Denoise(PlanarImage image, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Height < 2 || image.Width < 2)
        {
            throw new ArgumentException($"A {image.Width}x{image.Height} image is too small: the pair downsampler needs at least 2x2 pixels.", nameof(image));
        }

        var total = Stopwatch.StartNew();
        var artifacts = _artifacts.Get(image.Channels, Options.Width);
        var initial = Options.Seed == TrainingArtifacts.DefaultSeed
            ? artifacts.Initial.Tensors
            : ParameterInitializer.Initialize(NetworkDefinition.Default.Bind(image.Channels, Options.Width), Options.Seed);
        var schedule = Options.Schedule;
        var losses = new float[Options.Iterations];

        using var session = new TrainingSession(artifacts, image.Pixels.ToArray(), image.Height, image.Width, initial, Options.Device, Options.Threads);
        var training = Stopwatch.StartNew();
        for (var step = 0; step < Options.Iterations; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var learningRate = schedule.At(step);
            var loss = losses[step] = session.Step(learningRate);
            if (!float.IsFinite(loss))
            {
                throw new TrainingException($"Training diverged at step {step + 1}: the loss is {loss}. Lower the learning rate (now {learningRate}).") { Step = step + 1 };
            }

            if ((step + 1) % Options.ProgressInterval == 0 || step + 1 == Options.Iterations)
            {
                progress?.Report(new TrainingProgress(step + 1, Options.Iterations, loss, training.Elapsed));
            }
        }

        training.Stop();
        var model = DenoiserModel.Create(artifacts, session.Parameters());
        var denoised = model.Apply(image, Options.Threads, Options.Device);
        return new DenoiseResult(denoised, losses, model, training.Elapsed, total.Elapsed);
    }
}
