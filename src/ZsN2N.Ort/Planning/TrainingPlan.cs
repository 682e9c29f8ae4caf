using System.Globalization;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Planning;

/// <summary>
/// What denoising one image will do, decided once from the options and the image before anything is allocated: the
/// noise it trains for (<see cref="NoiseMode.Auto"/> decided from the pixels), whether steps see the whole image or
/// random crops of it, the batch each step trains on, the
/// learning-rate schedule, the bands CPU threads train in, and the memory all of it needs against the limit. The
/// denoiser trains by it, the memory check reads it, and the command line and the web app report it; from an
/// <see cref="ImageHeader"/> it is known before the image is decoded.
/// </summary>
public sealed record TrainingPlan
{
    private TrainingPlan(DenoiseOptions options, int channels, int height, int width, NoiseMode noise, NoiseEstimate? noiseEstimate)
    {
        Options = options;
        (Channels, Height, Width) = (channels, height, width);
        (Noise, NoiseEstimate) = (noise, noiseEstimate);
        var subImages = TrainsOnSubImages;

        // Each step trains on the whole image, or on Count crops of Size (a side of the image shorter than that is
        // taken whole); patch training bounds a step's cost and memory by the crops, not the image.
        var patches = options.PatchTraining;
        var crops = patches.Mode switch
        {
            PatchTrainingMode.Always => true,
            PatchTrainingMode.Never => false,
            _ => (long)height * width > patches.ThresholdPixels,
        };
        UsesCrops = crops && (height > patches.Size || width > patches.Size);
        var sampled = UsesCrops
            ? new TrainingBatch(patches.Count, Math.Min(height, patches.Size), Math.Min(width, patches.Size))
            : new TrainingBatch(1, height, width);

        // Shift augmentation of the whole image trains on crops that much smaller at any origin; patch training's crops
        // take any origin instead, at their full size. Sub-images need 4 rows and columns left after the shift.
        var shortest = Math.Min(height, width);
        ShiftPixels = options.ShiftAugmentation && !UsesCrops && shortest > 2 * DenoiseOptions.ShiftAugmentationPixels
            && (!subImages || shortest - DenoiseOptions.ShiftAugmentationPixels >= MinCameraSide)
            ? DenoiseOptions.ShiftAugmentationPixels
            : 0;
        Images = sampled with { Height = sampled.Height - ShiftPixels, Width = sampled.Width - ShiftPixels };

        // The camera mode trains on the 4 stride-2 pixel-shuffle sub-images of each image a step draws, as one batch.
        Batch = subImages ? PixelShuffleSplit.Of(Images) : Images;

        // Crops see a noisier gradient than the whole image; Adam then steps shorter, which the factor makes up for.
        Schedule = new StepLrSchedule(
            options.Schedule.LearningRate * (UsesCrops ? patches.LearningRateFactor : 1),
            options.Schedule.StepSize,
            options.Schedule.Gamma);

        // The useful threads and the memory are planned on the steps' images before the shift, at most 2 rows and columns more.
        UsefulThreads = TrainingSession.UsefulThreads(subImages ? sampled.Height / PixelShuffleDenoiser.Stride : sampled.Height);
        Bands = options.Execution.Device == ExecutionDevice.Cpu ? TrainingSession.BandsFor(Batch.Height, options.Execution.Threads) : 1;
        Memory = MemoryEstimator.Estimate(channels, options.Network.Features, height, width, sampled, UsesCrops, options.Execution.TileSize,
            NetworkDefinition.For(options.Network.Kind), options.Ensemble.Outputs, subImages, subImages && options.Noise.SecondPass);
        MemoryLimitBytes = MemoryBudget.Resolve(options.Limits.MemoryBytes);
    }

    /// <summary>The shortest side any image may have: the pair downsampler needs 2x2 pixels.</summary>
    public const int MinPairSide = 2;

    /// <summary>The shortest side the camera mode takes: its sub-images need the pair downsampler's 2x2 pixels.</summary>
    public const int MinCameraSide = MinPairSide * PixelShuffleDenoiser.Stride;

    /// <summary>
    /// The shortest side an image denoised for <paramref name="noise"/> may have: <see cref="MinCameraSide"/> in the camera
    /// mode, else <see cref="MinPairSide"/> (<see cref="NoiseMode.Auto"/> keeps the official recipe on an image too small to estimate).
    /// </summary>
    public static int MinSide(NoiseMode noise) => noise == NoiseMode.Camera ? MinCameraSide : MinPairSide;

    /// <summary>The options the plan was made from.</summary>
    public DenoiseOptions Options { get; }

    /// <summary>The image's colour channels: 1 (grey) or 3.</summary>
    public int Channels { get; }

    /// <summary>The image's height.</summary>
    public int Height { get; }

    /// <summary>The image's width.</summary>
    public int Width { get; }

    /// <summary>
    /// The noise the run trains for: <see cref="NoiseMode.Independent"/> or <see cref="NoiseMode.Camera"/>, as the options
    /// say or, for <see cref="NoiseMode.Auto"/>, as <see cref="NoiseEstimate"/> decided. <see cref="NoiseMode.Auto"/> only
    /// in a plan made before the pixels are seen (from a header or a size), which plans for the camera mode, the one
    /// that needs more; an image smaller than the estimate needs (12x12) is <see cref="NoiseMode.Independent"/>.
    /// </summary>
    public NoiseMode Noise { get; }

    /// <summary>What <see cref="NoiseMode.Auto"/> found in the image; null when the mode was given, or the pixels not yet seen.</summary>
    public NoiseEstimate? NoiseEstimate { get; }

    /// <summary>
    /// The noise for people: "camera", "independent", or with <see cref="NoiseMode.Auto"/> what was found and chosen,
    /// "camera (auto: correlated noise (ratio 0.46, level 9.5/255))".
    /// </summary>
    public string NoiseDescription
    {
        get
        {
            var mode = Noise.ToString().ToLowerInvariant();
            return NoiseEstimate is null ? (Options.Noise.Mode == NoiseMode.Auto && Noise != NoiseMode.Auto ? $"{mode} (auto: too small to estimate)" : mode)
                : $"{mode} (auto: {NoiseEstimate})";
        }
    }

    /// <summary>Whether steps train on random crops (<see cref="DenoiseOptions.PatchTraining"/>) rather than the whole image.</summary>
    public bool UsesCrops { get; }

    /// <summary>
    /// The pixels shift augmentation takes off the whole image's steps (<see cref="DenoiseOptions.ShiftAugmentationPixels"/>),
    /// or 0: without it, with patch training (whose crops shift instead), or on an image too small.
    /// </summary>
    public int ShiftPixels { get; }

    /// <summary>Images each step trains on: the crops of patch training, else the whole image once; 4 sub-images of each in the camera mode.</summary>
    public int ImagesPerStep => Batch.Count;

    /// <summary>Height of each image a step trains on: the crop's, or the image's less <see cref="ShiftPixels"/>.</summary>
    public int StepHeight => Batch.Height;

    /// <summary>Width of each image a step trains on.</summary>
    public int StepWidth => Batch.Width;

    /// <summary>The learning rate of the first step: the schedule's, times patch training's factor when <see cref="UsesCrops"/>.</summary>
    public float InitialLearningRate => Schedule.InitialLearningRate;

    /// <summary>What each step draws from the image, [Count, C, Height, Width]: the whole image, or the crops, less the shift.</summary>
    internal TrainingBatch Images { get; }

    /// <summary>What each step trains on: <see cref="Images"/>, or in the camera mode their pixel-shuffle sub-images (<see cref="PixelShuffleSplit.Of"/>).</summary>
    internal TrainingBatch Batch { get; }

    /// <summary>Whether the network trains on pixel-shuffle sub-images (the camera mode, and a plan for <see cref="NoiseMode.Auto"/> before the pixels are seen).</summary>
    internal bool TrainsOnSubImages => Noise != NoiseMode.Independent;

    /// <summary>Whether steps train on crops drawn afresh each step (patch training or shift augmentation) rather than the fixed image.</summary>
    public bool SamplesCrops => UsesCrops || ShiftPixels > 0;

    /// <summary>The learning rate of every step: the options' schedule, at patch training's factor when <see cref="UsesCrops"/>.</summary>
    internal StepLrSchedule Schedule { get; }

    /// <summary>Training steps of each model.</summary>
    public int Iterations => Options.Schedule.Iterations;

    /// <summary>Models trained (<see cref="EnsembleOptions.Models"/>), one after the other.</summary>
    public int Models => Options.Ensemble.Models;

    /// <summary>Steps of the whole run, every model's.</summary>
    public int TotalSteps => Iterations * Models;

    /// <summary>
    /// The most CPU threads a step puts to work, one per horizontal band, with no band so thin that its halo costs more
    /// than its thread gains. Threads beyond it idle; a caller with more processors does better training several
    /// images at once (docs/performance.md).
    /// </summary>
    public int UsefulThreads { get; }

    /// <summary>Bands the CPU trains a step in with the options' threads (at most <see cref="UsefulThreads"/>); 1 on CUDA.</summary>
    public int Bands { get; }

    /// <summary>The memory the run is expected to need at its peak.</summary>
    public MemoryEstimate Memory { get; }

    /// <summary>The limit the run is checked against: <see cref="LimitOptions.MemoryBytes"/>, or <see cref="MemoryBudget.DefaultLimitBytes"/>.</summary>
    public long MemoryLimitBytes { get; }

    /// <summary>Whether <see cref="Memory"/> stays within <see cref="MemoryLimitBytes"/>.</summary>
    public bool FitsMemory => Memory.TotalBytes <= MemoryLimitBytes;

    /// <summary>
    /// What each step trains on, for people: "the whole image" or "2 random 128x128 crops per step"; in the camera mode
    /// "the pixel-shuffle sub-images of the whole image" or "... of 2 random 128x128 crops per step".
    /// </summary>
    public string Description
    {
        get
        {
            var drawn = UsesCrops
                ? string.Create(CultureInfo.InvariantCulture, $"{Images.Count} random {Images.Width}x{Images.Height} crop{(Images.Count == 1 ? "" : "s")} per step")
                : "the whole image";
            return TrainsOnSubImages ? "the pixel-shuffle sub-images of " + drawn : drawn;
        }
    }

    /// <summary>The plan for denoising a <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/> image with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the image is smaller than 2x2 pixels.</exception>
    /// <exception cref="InvalidOptionException">An option is out of range.</exception>
    public static TrainingPlan For(DenoiseOptions options, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinPairSide);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinPairSide);
        var noise = options.Noise.Mode == NoiseMode.Auto && !Estimable(height, width) ? NoiseMode.Independent : options.Noise.Mode;
        if (noise == NoiseMode.Camera && Math.Min(height, width) < MinCameraSide)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"A {width}x{height} image is too small for the camera mode: its pixel-shuffle sub-images need at least {MinCameraSide}x{MinCameraSide} pixels.");
        }

        return new TrainingPlan(options, channels, height, width, noise, null);
    }

    /// <summary>
    /// The plan for denoising <paramref name="image"/> with <paramref name="options"/>: as <see cref="For(DenoiseOptions, int, int, int)"/>,
    /// with <see cref="NoiseMode.Auto"/> decided from the image's noise (<see cref="NoiseEstimate"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The image is smaller than 2x2 pixels, or than 4x4 in the camera mode.</exception>
    /// <exception cref="InvalidOptionException">An option is out of range.</exception>
    public static TrainingPlan For(DenoiseOptions options, PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var plan = For(options, image.Channels, image.Height, image.Width);
        if (plan.Noise != NoiseMode.Auto)
        {
            return plan;
        }

        var estimate = NoiseEstimator.Estimate(image);
        return new TrainingPlan(options, image.Channels, image.Height, image.Width, estimate.IsCorrelated ? NoiseMode.Camera : NoiseMode.Independent, estimate);
    }

    /// <summary>
    /// The plan for an image whose header says <paramref name="header"/>, before it is decoded: planned as colour,
    /// the most a file of that size can need.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The header's size is smaller than 2x2 pixels.</exception>
    /// <exception cref="InvalidOptionException">An option is out of range.</exception>
    public static TrainingPlan For(DenoiseOptions options, ImageHeader header) => For(options, 3, header.Height, header.Width);

    // Whether the image is large enough for NoiseEstimator; Auto keeps the official recipe on one that is not.
    private static bool Estimable(int height, int width) => Math.Min(height, width) >= NoiseEstimator.MinSide;

    /// <summary>Throws when the run would need more memory than <see cref="MemoryLimitBytes"/>; nothing has been allocated yet.</summary>
    /// <exception cref="MemoryLimitExceededException">The estimate exceeds the limit; the message says what to change.</exception>
    public void ThrowIfOverMemoryLimit()
    {
        if (!FitsMemory)
        {
            throw new MemoryLimitExceededException(this);
        }
    }
}
