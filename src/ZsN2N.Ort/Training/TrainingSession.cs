using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Ort.Training;

/// <summary>
/// Trains one network on one image with ONNX Runtime: each <see cref="Step"/> runs the training graph
/// (loss and gradients) and then the Adam graph. Every tensor is allocated once; the parameters and
/// Adam moments live in two buffer sets that the optimizer writes alternately, through pre-built
/// IOBindings, so a step allocates nothing.
/// </summary>
/// <remarks>Owns two sessions and native tensors: dispose it (its owner must be <see cref="IDisposable"/> too).</remarks>
public sealed class TrainingSession : IDisposable
{
    private readonly InferenceSession _training;
    private readonly InferenceSession _optimizer;
    private readonly RunOptions _runOptions = new();
    private readonly List<IDisposable> _owned = [];
    private readonly TensorBuffer _image;
    private readonly TensorBuffer _loss;
    private readonly TensorBuffer _learningRate;
    private readonly TensorBuffer _step;
    private readonly TensorBuffer[][] _parameters = new TensorBuffer[2][];
    private readonly OrtIoBinding[] _trainingBindings = new OrtIoBinding[2];
    private readonly OrtIoBinding[] _optimizerBindings = new OrtIoBinding[2];
    private int _current;

    /// <summary>Prepares training on <paramref name="image"/>, laid out [1, C, height, width] with values in 0..1.</summary>
    /// <exception cref="ArgumentException">The image or parameters do not match the artifacts.</exception>
    /// <exception cref="TrainingException">ONNX Runtime refused a graph or the device.</exception>
    public TrainingSession(TrainingArtifacts artifacts, float[] image, int height, int width, IReadOnlyList<NamedTensor> initialParameters, ExecutionDevice device = ExecutionDevice.Cpu, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        if (image.Length != (long)artifacts.Channels * height * width)
        {
            throw new ArgumentException($"Image has {image.Length} values; [1, {artifacts.Channels}, {height}, {width}] needs {artifacts.Channels * height * width}.", nameof(image));
        }

        try
        {
            _training = SessionFactory.Create(artifacts.Training, device, threads);
            _owned.Add(_training);
            _optimizer = SessionFactory.Create(artifacts.Optimizer, device, threads);
            _owned.Add(_optimizer);
            _owned.Add(_runOptions);

            var imageBuffer = _image = Own(new TensorBuffer(TrainingGraph.ImageInput, [1, artifacts.Channels, height, width], image));
            _loss = Own(new TensorBuffer(TrainingGraph.LossOutput, []));
            _learningRate = Own(new TensorBuffer(AdamGraph.LearningRateInput, []));
            _step = Own(new TensorBuffer(AdamGraph.StepInput, []));
            ParameterNames = initialParameters.Select(p => p.Name).ToArray();
            var expected = artifacts.Initial.Tensors;
            for (var i = 0; i < expected.Count; i++)
            {
                if (i >= initialParameters.Count || initialParameters[i].Name != expected[i].Name || !initialParameters[i].Shape.SequenceEqual(expected[i].Shape))
                {
                    throw new ArgumentException($"Initial parameter {i} must be '{expected[i].Name}' [{string.Join(", ", expected[i].Shape)}].", nameof(initialParameters));
                }
            }

            var gradients = initialParameters.Select(p => Own(new TensorBuffer(TrainingGraph.GradientName(p.Name), p.Shape))).ToArray();
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

            for (var set = 0; set < 2; set++)
            {
                var next = 1 - set;
                var training = _trainingBindings[set] = Own(_training.CreateIoBinding());
                training.BindInput(imageBuffer.Name, imageBuffer.Value);
                training.BindOutput(_loss.Name, _loss.Value);
                var optimizer = _optimizerBindings[set] = Own(_optimizer.CreateIoBinding());
                optimizer.BindInput(_learningRate.Name, _learningRate.Value);
                optimizer.BindInput(_step.Name, _step.Value);
                for (var p = 0; p < gradients.Length; p++)
                {
                    training.BindInput(_parameters[set][p].Name, _parameters[set][p].Value);
                    training.BindOutput(gradients[p].Name, gradients[p].Value);
                    Bind(optimizer, _parameters[set][p], _parameters[next][p]);
                    optimizer.BindInput(gradients[p].Name, gradients[p].Value);
                    Bind(optimizer, moments[set][0][p], moments[next][0][p]);
                    Bind(optimizer, moments[set][1][p], moments[next][1][p]);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The trained parameters' names, in definition order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

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
            _training.RunWithBinding(_runOptions, _trainingBindings[_current]);
            _optimizer.RunWithBinding(_runOptions, _optimizerBindings[_current]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new TrainingException($"Training step {StepsTaken + 1} failed in ONNX Runtime: {e.Message}", e) { Step = StepsTaken + 1 };
        }

        StepsTaken++;
        _current = 1 - _current;
        return _loss.Values[0];
    }

    /// <summary>
    /// Replaces the training image with another of the same shape [1, C, height, width] (the next
    /// random crop in patch training, say); later steps train on it.
    /// </summary>
    /// <exception cref="ArgumentException">The element count differs.</exception>
    public void SetImage(ReadOnlySpan<float> pixels)
    {
        if (pixels.Length != _image.Values.Length)
        {
            throw new ArgumentException($"The image has {pixels.Length} values; the session trains on [{string.Join(", ", _image.Shape)}] ({_image.Values.Length}).", nameof(pixels));
        }

        pixels.CopyTo(_image.Values);
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
