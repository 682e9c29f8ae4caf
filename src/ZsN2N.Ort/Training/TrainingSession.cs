using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Training;

/// <summary>
/// Trains one network on one image with ONNX Runtime: each <see cref="Step"/> runs the training graph (loss and
/// gradients) and then the Adam graph. Every tensor is allocated once and bound through IOBindings, so a step
/// allocates nothing. On the CPU several threads train the image in horizontal bands, one per thread; on CUDA every
/// tensor stays in GPU memory (<see cref="CpuTrainingBackend"/>, <see cref="DeviceTrainingBackend"/>).
/// </summary>
/// <remarks>Owns sessions, threads and native tensors: dispose it (its owner must be <see cref="IDisposable"/> too).</remarks>
internal sealed class TrainingSession : IDisposable
{
    /// <summary>The fewest half-size rows a band owns; an image too small for that trains in fewer bands than threads.</summary>
    internal const int DefaultMinBandRows = 32;

    /// <summary>The most threads training on images <paramref name="height"/> rows high puts to work: one band each.</summary>
    internal static int UsefulThreads(int height) => TrainingBand.Count(height / 2, int.MaxValue, DefaultMinBandRows);

    /// <summary>The bands <paramref name="threads"/> CPU threads train images <paramref name="height"/> rows high in.</summary>
    internal static int BandsFor(int height, int threads) => TrainingBand.Count(height / 2, threads, DefaultMinBandRows);

    private readonly ITrainingBackend _backend;
    private readonly TrainingBatch _batch;
    private readonly long _imageLength;
    private readonly string _shape;

    /// <summary>Prepares training on <paramref name="image"/>, laid out [1, C, height, width] with values in 0..1.</summary>
    /// <exception cref="ArgumentException">The image or parameters do not match the artifacts.</exception>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused a graph or the device.</exception>
    public TrainingSession(TrainingArtifacts artifacts, float[] image, int height, int width, IReadOnlyList<NamedTensor> initialParameters, ExecutionDevice device = ExecutionDevice.Cpu, int threads = 1)
        : this(artifacts, new TrainingBatch(1, height, width), image, initialParameters, device, threads)
    {
    }

    /// <summary>
    /// Prepares training on batches of <paramref name="batch"/>'s shape, the first one <paramref name="images"/>, laid
    /// out [Count, C, Height, Width] with values in 0..1; <see cref="SetImage"/> swaps in the next.
    /// </summary>
    /// <exception cref="ArgumentException">The images or parameters do not match the batch and the artifacts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch's sizes are out of range.</exception>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused a graph or the device.</exception>
    public TrainingSession(TrainingArtifacts artifacts, TrainingBatch batch, ReadOnlySpan<float> images, IReadOnlyList<NamedTensor> initialParameters, ExecutionDevice device = ExecutionDevice.Cpu, int threads = 1)
        : this(artifacts, batch, images, initialParameters, device, threads, DefaultMinBandRows)
    {
    }

    /// <summary>
    /// As the public constructors, with the fewest half-size rows per band, and <paramref name="deviceResident"/> to run
    /// the CUDA path's device-resident backend on the CPU (tests).
    /// </summary>
    internal TrainingSession(TrainingArtifacts artifacts, TrainingBatch batch, ReadOnlySpan<float> images, IReadOnlyList<NamedTensor> initialParameters, ExecutionDevice device, int threads, int minBandRows, bool deviceResident = false)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(initialParameters);
        batch.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _batch = batch;
        _imageLength = batch.Length(artifacts.Channels);
        _shape = $"[{batch.Count}, {artifacts.Channels}, {batch.Height}, {batch.Width}]";
        if (images.Length != _imageLength)
        {
            throw new ArgumentException($"Image has {images.Length} values; {_shape} needs {_imageLength}.", nameof(images));
        }

        var expected = artifacts.Initial.Tensors;
        for (var i = 0; i < expected.Count; i++)
        {
            if (i >= initialParameters.Count || initialParameters[i].Name != expected[i].Name || !initialParameters[i].Shape.SequenceEqual(expected[i].Shape))
            {
                throw new ArgumentException($"Initial parameter {i} must be '{expected[i].Name}' [{string.Join(", ", expected[i].Shape)}].", nameof(initialParameters));
            }
        }

        ParameterNames = initialParameters.Select(p => p.Name).ToArray();
        _backend = device == ExecutionDevice.Cuda || deviceResident
            ? new DeviceTrainingBackend(artifacts, batch, images, initialParameters, device)
            : new CpuTrainingBackend(artifacts, batch, images, initialParameters, threads, minBandRows);
    }

    /// <summary>The images each step trains on.</summary>
    public TrainingBatch Batch => _batch;

    /// <summary>The trained parameters' names, in definition order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Horizontal bands the image is trained in: one per thread where the image is tall enough; 1 on CUDA.</summary>
    public int BandCount => _backend.BandCount;

    /// <summary>Optimizer steps taken so far.</summary>
    public long StepsTaken { get; private set; }

    /// <summary>Runs one training step at <paramref name="learningRate"/> and returns the loss before the update.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed; <see cref="RuntimeFailureException.Step"/> names the step.</exception>
    public float Step(float learningRate)
    {
        float loss;
        try
        {
            loss = _backend.Step(learningRate, StepsTaken + 1);
        }
        catch (Exception e) when (e is RuntimeFailureException || e is AggregateException { InnerException: RuntimeFailureException })
        {
            var failure = (RuntimeFailureException)(e is AggregateException aggregate ? aggregate.InnerException! : e);
            throw failure.AtStep(StepsTaken + 1);
        }

        StepsTaken++;
        return loss;
    }

    /// <summary>
    /// Replaces the training images with others of the same shape [Count, C, Height, Width] (the next random crops
    /// in patch training, say); later steps train on them.
    /// </summary>
    /// <exception cref="ArgumentException">The element count differs.</exception>
    public void SetImage(ReadOnlySpan<float> pixels)
    {
        if (pixels.Length != _imageLength)
        {
            throw new ArgumentException($"The image has {pixels.Length} values; the session trains on {_shape} ({_imageLength}).", nameof(pixels));
        }

        _backend.SetImage(pixels);
    }

    /// <summary>A copy of the current parameters.</summary>
    public IReadOnlyList<NamedTensor> Parameters() => _backend.Parameters();

    /// <inheritdoc/>
    public void Dispose() => _backend.Dispose();
}
