using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Planning;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort;

/// <summary>
/// Zero-Shot Noise2Noise (Mansour &amp; Heckel, CVPR 2023): trains a small network on the noisy image
/// itself and returns the image it denoises, with the loss history and the model as a .onnx denoiser.
/// Stateless between calls and safe to share across threads; each call trains its own model.
/// </summary>
public sealed class Denoiser
{
    private readonly ArtifactStore _artifacts = ArtifactStore.Shared;

    /// <summary>A denoiser with <paramref name="options"/> (the official recipe when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Denoiser(DenoiseOptions? options = null)
    {
        Options = options ?? new DenoiseOptions();
        Options.Validate();
    }

    /// <summary>The options every call uses.</summary>
    public DenoiseOptions Options { get; }

    /// <summary>Reads, checks against <see cref="LimitOptions.Image"/>, and denoises an image file.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, too large, or not a decodable image.</exception>
    /// <exception cref="MemoryLimitExceededException">The run would need more than the memory limit; refused before training.</exception>
    /// <exception cref="TrainingException">Training diverged.</exception>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public DenoiseResult DenoiseFile(string path, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Denoise(ImageIo.Read(path, Options.Limits.Image), progress, cancellationToken);

    /// <summary>Denoises an OpenCV image (8U, 16U or 32F; 1, 3 or 4 channels, BGR(A) order); the caller keeps owning <paramref name="mat"/>.</summary>
    public DenoiseResult Denoise(Mat mat, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Denoise(ImageIo.FromMat(mat), progress, cancellationToken);

    /// <summary>Denoises planar pixels [channels, height, width] in 0..1, RGB order for colour.</summary>
    public DenoiseResult Denoise(float[] pixels, int channels, int height, int width, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Denoise(new PlanarImage(channels, height, width, pixels), progress, cancellationToken);

    /// <summary>
    /// What denoising a <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/> image with
    /// these options will do and need (crops or the whole image, schedule, threads, memory); nothing is allocated.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the image is smaller than 2x2 pixels.</exception>
    public TrainingPlan Plan(int channels, int height, int width) => TrainingPlan.For(Options, channels, height, width);

    /// <summary>The plan for an image whose header is <paramref name="header"/>, before it is decoded (planned as colour, the most it can need).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The header's size is smaller than 2x2 pixels.</exception>
    public TrainingPlan Plan(ImageHeader header) => TrainingPlan.For(Options, header);

    /// <summary>The plan for denoising <paramref name="image"/>, with <see cref="NoiseMode.Auto"/> decided from its noise; nothing is allocated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The image is smaller than 2x2 pixels, or than 4x4 in the camera mode.</exception>
    public TrainingPlan Plan(PlanarImage image) => TrainingPlan.For(Options, image);

    /// <summary>
    /// Trains on <paramref name="image"/> (or on random crops of it, see <see cref="PatchTrainingOptions.Mode"/>; on
    /// their pixel-shuffle sub-images in the camera mode, see <see cref="NoiseOptions.Mode"/>) and returns the denoised
    /// image, computed in tiles of <see cref="ExecutionOptions.TileSize"/>, with its model.
    /// </summary>
    /// <exception cref="ArgumentException">The image is smaller than 2x2 pixels (4x4 in the camera mode), or holds a NaN or infinite value.</exception>
    /// <exception cref="MemoryLimitExceededException">
    /// The run's <see cref="TrainingPlan"/> needs more than its memory limit; refused before anything is allocated, with a
    /// message naming the options to change.
    /// </exception>
    /// <exception cref="TrainingException">Training diverged (the message says at which step and why).</exception>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed (the message says in which phase, graph, tensor and step).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; nothing is returned.</exception>
    public DenoiseResult Denoise(PlanarImage image, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Math.Min(image.Height, image.Width) < TrainingPlan.MinPairSide)
        {
            throw new ArgumentException($"A {image.Width}x{image.Height} image is too small: the pair downsampler needs at least {TrainingPlan.MinPairSide}x{TrainingPlan.MinPairSide} pixels.");
        }

        ThrowIfNotFinite(image);

        var total = Stopwatch.StartNew();
        var plan = Plan(image);
        plan.ThrowIfOverMemoryLimit();

        var artifacts = _artifacts.Get(image.Channels, Options.Network.Features, Options.Network.Kind);
        var members = new List<DenoiserModel>(Options.Ensemble.Models);
        var lossHistories = new List<float[]>(Options.Ensemble.Models);
        var trainingTime = TimeSpan.Zero;
        for (var member = 0; member < Options.Ensemble.Models; member++)
        {
            var seed = Options.Seed + (ulong)member;
            var losses = new float[Options.Schedule.Iterations];
            var (parameters, elapsed) = Train(image, plan, artifacts, seed, losses, member, progress, trainingTime, cancellationToken);
            trainingTime += elapsed;
            members.Add(DenoiserModel.Create(artifacts, parameters));
            lossHistories.Add(losses);
        }

        var denoisers = plan.TrainsOnSubImages ? members.Select(m => PixelShuffleDenoiser.Compose(m, Options.Noise.SecondPass)).ToList() : members;
        var model = DenoiserEnsemble.Combine(denoisers, Options.Ensemble.SelfEnsemble);
        var denoised = model.Apply(image, Options.Execution.Threads, Options.Execution.Device, Options.Execution.TileSize, cancellationToken);
        return new DenoiseResult(denoised, lossHistories, model, trainingTime, total.Elapsed, plan);
    }

    // Trains the ensemble's member-th model from seed by plan; its losses go to losses, progress counts over all members.
    // Returns the trained parameters and the time spent in training steps.
    private (IReadOnlyList<NamedTensor> Parameters, TimeSpan Elapsed) Train(PlanarImage image, TrainingPlan plan, TrainingArtifacts artifacts, ulong seed, float[] losses,
        int member, IProgress<TrainingProgress>? progress, TimeSpan earlierTraining, CancellationToken cancellationToken)
    {
        var initial = seed == TrainingArtifacts.DefaultSeed
            ? artifacts.Initial.Tensors
            : ParameterInitializer.Initialize(NetworkDefinition.For(Options.Network.Kind).Bind(image.Channels, Options.Network.Features), seed);

        // Patch training draws crops that cover the image evenly; shift augmentation draws them at any origin. The camera
        // mode splits what is drawn into its pixel-shuffle sub-images, the batch the network trains on.
        var images = plan.Images;
        var sampler = plan.SamplesCrops
            ? new PatchSampler(image, images.Height, images.Width, seed, anyOrigin: Options.ShiftAugmentation, evenCoverage: plan.UsesCrops)
            : null;
        var crops = sampler is null ? null : new float[images.Length(image.Channels)];
        var subImages = plan.TrainsOnSubImages ? new float[plan.Batch.Length(image.Channels)] : null;
        void NextImages()
        {
            for (var k = 0; sampler is not null && k < images.Count; k++)
            {
                sampler.Next(crops.AsSpan(k * sampler.Length, sampler.Length));
            }

            if (subImages is not null)
            {
                PixelShuffleSplit.Split(crops ?? image.Pixels, images, image.Channels, subImages);
            }
        }

        NextImages();
        using var session = new TrainingSession(artifacts, plan.Batch, subImages ?? crops ?? image.Pixels, initial, Options.Execution.Device, Options.Execution.Threads);

        var training = Stopwatch.StartNew();
        var done = member * plan.Iterations;
        for (var step = 0; step < plan.Iterations; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sampler is not null && step > 0)
            {
                NextImages();
                session.SetImage(subImages ?? crops);
            }

            var learningRate = plan.Schedule.At(step);
            var loss = losses[step] = session.Step(learningRate);
            if (!float.IsFinite(loss))
            {
                throw new TrainingException(string.Create(CultureInfo.InvariantCulture,
                    $"Training diverged at step {step + 1}: the loss is {(float.IsNaN(loss) ? "NaN" : "infinite")}. Lower the learning rate (now {learningRate:G4}) or scale the pixel values to 0..1.")) { Step = step + 1 };
            }

            if ((step + 1) % Options.Execution.ProgressInterval == 0 || step + 1 == plan.Iterations)
            {
                progress?.Report(new TrainingProgress(done + step + 1, plan.TotalSteps, loss, earlierTraining + training.Elapsed));
            }
        }

        return (session.Parameters(), training.Elapsed);
    }

    /// <summary>
    /// Refuses NaN and infinite samples up front: one would make the very first loss NaN, and the user would be told to
    /// lower a learning rate that is not the cause. Files never get here with them (decoding clamps to 0..1); in-memory
    /// pixels can.
    /// </summary>
    private static void ThrowIfNotFinite(PlanarImage image)
    {
        ReadOnlySpan<float> pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            if (!float.IsFinite(pixels[i]))
            {
                var plane = image.Height * image.Width;
                var (channel, rest) = Math.DivRem(i, plane);
                var (y, x) = Math.DivRem(rest, image.Width);
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The image has a non-finite value ({pixels[i]}) at channel {channel}, row {y}, column {x}; pixel values must be finite, in 0..1."));
            }
        }
    }
}
