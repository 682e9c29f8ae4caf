using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Ort.Training;

/// <summary>
/// Trains one network on one image with ONNX Runtime: each <see cref="Step"/> runs the training graph (loss and
/// gradients) and then the Adam graph. Every tensor is allocated once; the parameters and Adam moments live in two
/// buffer sets that the optimizer writes alternately, through pre-built IOBindings, so a step allocates nothing.
/// </summary>
/// <remarks>
/// <para>
/// On the CPU with several threads the image is split into horizontal bands, one per thread, each with its own
/// single-threaded session of the training graph (<see cref="TrainingBandSession"/>); their gradients are summed
/// before the Adam step. Each band reads the rows its receptive field needs and counts only its own rows in the
/// loss, so the sum is the whole image's gradient. Small operators on a 256x256 image scale poorly over ONNX Runtime's
/// intra-op threads; bands keep each thread on its own data for the whole step (docs/performance.md).
/// </para>
/// <para>Owns sessions, threads and native tensors: dispose it (its owner must be <see cref="IDisposable"/> too).</para>
/// </remarks>
public sealed class TrainingSession : IDisposable
{
    /// <summary>The fewest half-size rows a band owns; an image too small for that trains in fewer bands than threads.</summary>
    internal const int DefaultMinBandRows = 32;

    private readonly InferenceSession _optimizer;
    private readonly RunOptions _runOptions = new();
    private readonly List<IDisposable> _owned = [];
    private readonly TrainingBandSession[] _bands;
    private readonly StepWorkers _workers;
    private readonly int _height;
    private readonly int _imageLength;
    private readonly TensorBuffer _learningRate;
    private readonly TensorBuffer _step;
    private readonly TensorBuffer[][] _parameters = new TensorBuffer[2][];
    private readonly OrtIoBinding[] _optimizerBindings = new OrtIoBinding[2];
    private int _current;

    /// <summary>Prepares training on <paramref name="image"/>, laid out [1, C, height, width] with values in 0..1.</summary>
    /// <exception cref="ArgumentException">The image or parameters do not match the artifacts.</exception>
    /// <exception cref="TrainingException">ONNX Runtime refused a graph or the device.</exception>
    public TrainingSession(TrainingArtifacts artifacts, float[] image, int height, int width, IReadOnlyList<NamedTensor> initialParameters, ExecutionDevice device = ExecutionDevice.Cpu, int threads = 1)
        : this(artifacts, image, height, width, initialParameters, device, threads, DefaultMinBandRows)
    {
    }

    internal TrainingSession(TrainingArtifacts artifacts, float[] image, int height, int width, IReadOnlyList<NamedTensor> initialParameters, ExecutionDevice device, int threads, int minBandRows)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        if (image.Length != (long)artifacts.Channels * height * width)
        {
            throw new ArgumentException($"Image has {image.Length} values; [1, {artifacts.Channels}, {height}, {width}] needs {artifacts.Channels * height * width}.", nameof(image));
        }

        var expected = artifacts.Initial.Tensors;
        for (var i = 0; i < expected.Count; i++)
        {
            if (i >= initialParameters.Count || initialParameters[i].Name != expected[i].Name || !initialParameters[i].Shape.SequenceEqual(expected[i].Shape))
            {
                throw new ArgumentException($"Initial parameter {i} must be '{expected[i].Name}' [{string.Join(", ", expected[i].Shape)}].", nameof(initialParameters));
            }
        }

        _height = height;
        _imageLength = image.Length;
        ParameterNames = initialParameters.Select(p => p.Name).ToArray();
        var bandCount = device == ExecutionDevice.Cpu ? TrainingBand.Count(height, threads, minBandRows) : 1;
        _bands = new TrainingBandSession[bandCount];
        try
        {
            _owned.Add(_runOptions);
            _optimizer = Own(SessionFactory.Create(artifacts.Optimizer, device, 1));
            _learningRate = Own(new TensorBuffer(AdamGraph.LearningRateInput, []));
            _step = Own(new TensorBuffer(AdamGraph.StepInput, []));
            var moments = new TensorBuffer[2][][];
            for (var set = 0; set < 2; set++)
            {
                _parameters[set] = initialParameters.Select(p => Own(new TensorBuffer(p.Name, p.Shape, set == 0 ? (float[])p.Values.Clone() : null))).ToArray();
                moments[set] =
                [
                    initialParameters.Select(p => Own(new TensorBuffer(AdamGraph.FirstMoment(p.Name), p.Shape))).ToArray(),
                    initialParameters.Select(p => Own(new TensorBuffer(AdamGraph.SecondMoment(p.Name), p.Shape))).ToArray(),
                ];
            }

            var bands = TrainingBand.Split(height, bandCount, artifacts.ReceptiveFieldRadius);
            for (var b = 0; b < bandCount; b++)
            {
                // Threads beyond one per band go to the bands' intra-op pools, the first bands taking the remainder.
                var bandThreads = threads / bandCount + (b < threads % bandCount ? 1 : 0);
                _bands[b] = Own(new TrainingBandSession(artifacts, bands[b], height, width, _parameters, device, bandThreads));
                _bands[b].Load(image, height);
            }

            // The optimizer reads the summed gradients from the first band's buffers.
            var gradients = _bands[0].Gradients;
            for (var set = 0; set < 2; set++)
            {
                var next = 1 - set;
                var optimizer = _optimizerBindings[set] = Own(_optimizer.CreateIoBinding());
                optimizer.BindInput(_learningRate.Name, _learningRate.Value);
                optimizer.BindInput(_step.Name, _step.Value);
                for (var p = 0; p < gradients.Length; p++)
                {
                    Bind(optimizer, _parameters[set][p], _parameters[next][p]);
                    optimizer.BindInput(gradients[p].Name, gradients[p].Value);
                    Bind(optimizer, moments[set][0][p], moments[next][0][p]);
                    Bind(optimizer, moments[set][1][p], moments[next][1][p]);
                }
            }

            _workers = Own(new StepWorkers(bandCount, b => _bands[b].Run(_current), "ZsN2N training band"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The trained parameters' names, in definition order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Horizontal bands the image is trained in, one per thread where the image is tall enough (1 on CUDA).</summary>
    public int BandCount => _bands.Length;

    /// <summary>Optimizer steps taken so far.</summary>
    public long StepsTaken { get; private set; }

    /// <summary>Runs one training step at <paramref name="learningRate"/> and returns the loss before the update.</summary>
    /// <exception cref="TrainingException">ONNX Runtime failed; the message names the step.</exception>
    public float Step(float learningRate)
    {
        _learningRate.Values[0] = learningRate;
        _step.Values[0] = StepsTaken + 1;
        try
        {
            _workers.Run();
            var loss = SumBands();
            _optimizer.RunWithBinding(_runOptions, _optimizerBindings[_current]);
            StepsTaken++;
            _current = 1 - _current;
            return loss;
        }
        catch (Exception e) when (e is OnnxRuntimeException || e is AggregateException { InnerException: OnnxRuntimeException })
        {
            var cause = e is AggregateException aggregate ? aggregate.InnerException! : e;
            throw new TrainingException($"Training step {StepsTaken + 1} failed in ONNX Runtime: {cause.Message}", cause) { Step = StepsTaken + 1 };
        }
    }

    /// <summary>
    /// Replaces the training image with another of the same shape [1, C, height, width] (the next
    /// random crop in patch training, say); later steps train on it.
    /// </summary>
    /// <exception cref="ArgumentException">The element count differs.</exception>
    public void SetImage(ReadOnlySpan<float> pixels)
    {
        if (pixels.Length != _imageLength)
        {
            throw new ArgumentException($"The image has {pixels.Length} values; the session trains on {_imageLength} ([1, C, {_height}, width]).", nameof(pixels));
        }

        foreach (var band in _bands)
        {
            band.Load(pixels, _height);
        }
    }

    /// <summary>A copy of the current parameters.</summary>
    public IReadOnlyList<NamedTensor> Parameters() =>
        _parameters[_current].Select(b => b.ToNamedTensor(b.Name)).ToArray();

    /// <inheritdoc/>
    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    // Adds every band's loss and gradients into the first band's, in band order (so a thread count gives the same bits).
    private float SumBands()
    {
        var first = _bands[0];
        var loss = first.Loss.Values[0];
        for (var b = 1; b < _bands.Length; b++)
        {
            loss += _bands[b].Loss.Values[0];
            for (var p = 0; p < first.Gradients.Length; p++)
            {
                TensorPrimitives.Add(first.Gradients[p].Values, _bands[b].Gradients[p].Values, first.Gradients[p].Values);
            }
        }

        return loss;
    }

    private static void Bind(OrtIoBinding binding, TensorBuffer input, TensorBuffer output)
    {
        binding.BindInput(input.Name, input.Value);
        binding.BindOutput(AdamGraph.Next(input.Name), output.Value);
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
