using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Training;

/// <summary>
/// Training steps with every tensor resident in the memory of the execution device, for CUDA GPUs: the image, the loss weights, both
/// parameter and Adam-moment sets, the gradients and the loss are allocated on the device once and bound through
/// IOBindings, so inside the loop only the learning rate and step (4 bytes each) go up and the loss (4 bytes) comes
/// back. The training graph is specialised to the image size, so its shape computations fold into constants and
/// every node runs on the GPU; each step's two graphs are then captured as CUDA graphs and replayed (one graph per
/// parameter buffer set), where ONNX Runtime allows it, and run node by node where it does not.
/// </summary>
/// <remarks>
/// On <see cref="ExecutionDevice.Cpu"/> the same code runs with host memory for "device" memory and without CUDA
/// graphs, which is how its bindings and copies are tested without a GPU; on a GPU it is untested (README). Owns
/// sessions and device memory: dispose it.
/// </remarks>
internal sealed class DeviceTrainingBackend : ITrainingBackend
{
    private readonly OwnedDisposables _owned = new();
    private readonly RuntimeSession _training;
    private readonly RuntimeSession _optimizer;
    private readonly RunOptions[] _runOptions = new RunOptions[2];
    private readonly RuntimeBinding[] _trainingBindings = new RuntimeBinding[2];
    private readonly RuntimeBinding[] _optimizerBindings = new RuntimeBinding[2];
    private readonly OrtValue[][] _parameters = new OrtValue[2][];
    private readonly IReadOnlyList<NamedTensor> _shapes;
    private readonly DeviceCopier _copier;
    private readonly TensorBuffer _imageHost;
    private readonly TensorBuffer _learningRateHost;
    private readonly TensorBuffer _stepHost;
    private readonly TensorBuffer _lossHost;
    private readonly DeviceCopy _uploadImage;
    private readonly DeviceCopy _uploadLearningRate;
    private readonly DeviceCopy _uploadStep;
    private readonly DeviceCopy _downloadLoss;
    private readonly bool _cudaGraph;
    private int _current;

    public DeviceTrainingBackend(TrainingArtifacts artifacts, TrainingBatch batch, ReadOnlySpan<float> images, IReadOnlyList<NamedTensor> initialParameters, ExecutionDevice device)
    {
        _shapes = initialParameters;
        try
        {
            var training = TrainingGraph.ForImageSize(artifacts.Training, batch.Count, batch.Height, batch.Width);
            (_training, var trainingGraph) = CreateSession(training, device);
            (_optimizer, var optimizerGraph) = CreateSession(artifacts.Optimizer, device);
            _cudaGraph = trainingGraph && optimizerGraph;
            _copier = _owned.Add(new DeviceCopier(device));
            var memory = device == ExecutionDevice.Cuda
                ? _owned.Add(new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default))
                : OrtMemoryInfo.DefaultInstance;
            var allocator = _owned.Add(_training.CreateAllocator(memory));
            OrtValue Allocate(string name, long[] shape) => _owned.Add(_training.Allocate(allocator, name, shape));

            var channels = artifacts.Channels;
            _imageHost = _owned.Add(new TensorBuffer(TrainingGraph.ImageInput, [batch.Count, channels, batch.Height, batch.Width]));
            images.CopyTo(_imageHost.Values);
            var imageDevice = Allocate(TrainingGraph.ImageInput, _imageHost.Shape);
            _uploadImage = _owned.Add(_copier.Prepare(_imageHost.Value, imageDevice));
            _uploadImage.Run();
            var whole = TrainingBand.Split(batch.Height, 1, artifacts.ReceptiveFieldRadius)[0];
            using var weightsHost = new TensorBuffer(TrainingGraph.LossWeightsInput, [1, 1, batch.Height / 2, batch.Width / 2], LossWeights.For(batch, whole, channels));
            var weightsDevice = Allocate(TrainingGraph.LossWeightsInput, weightsHost.Shape);
            Upload(weightsHost, weightsDevice);

            _lossHost = _owned.Add(new TensorBuffer(TrainingGraph.LossOutput, []));
            var lossDevice = Allocate(TrainingGraph.LossOutput, []);
            _downloadLoss = _owned.Add(_copier.Prepare(lossDevice, _lossHost.Value));
            _learningRateHost = _owned.Add(new TensorBuffer(AdamGraph.LearningRateInput, []));
            _stepHost = _owned.Add(new TensorBuffer(AdamGraph.StepInput, []));
            var learningRateDevice = Allocate(AdamGraph.LearningRateInput, []);
            var stepDevice = Allocate(AdamGraph.StepInput, []);
            _uploadLearningRate = _owned.Add(_copier.Prepare(_learningRateHost.Value, learningRateDevice));
            _uploadStep = _owned.Add(_copier.Prepare(_stepHost.Value, stepDevice));

            var gradients = initialParameters.Select(p => Allocate(TrainingGraph.GradientName(p.Name), p.Shape)).ToArray();
            var moments = new OrtValue[2][][];
            for (var set = 0; set < 2; set++)
            {
                _parameters[set] = initialParameters.Select(p => Allocate(p.Name, p.Shape)).ToArray();
                moments[set] =
                [
                    initialParameters.Select(p => Allocate(AdamGraph.FirstMoment(p.Name), p.Shape)).ToArray(),
                    initialParameters.Select(p => Allocate(AdamGraph.SecondMoment(p.Name), p.Shape)).ToArray(),
                ];
            }

            for (var p = 0; p < initialParameters.Count; p++)
            {
                using var values = new TensorBuffer(initialParameters[p].Name, initialParameters[p].Shape, (float[])initialParameters[p].Values.Clone());
                using var zeros = new TensorBuffer(initialParameters[p].Name, initialParameters[p].Shape);
                Upload(values, _parameters[0][p]);
                Upload(zeros, moments[0][0][p]);
                Upload(zeros, moments[0][1][p]);
            }

            for (var set = 0; set < 2; set++)
            {
                var next = 1 - set;

                // One CUDA graph per buffer set: a captured graph replays with the addresses it was captured with.
                _runOptions[set] = _owned.Add(new RunOptions());
                if (_cudaGraph)
                {
                    _runOptions[set].AddRunConfigEntry("gpu_graph_id", (set + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                var train = _trainingBindings[set] = _owned.Add(_training.Bind());
                train.Input(TrainingGraph.ImageInput, imageDevice);
                train.Input(TrainingGraph.LossWeightsInput, weightsDevice);
                train.Output(TrainingGraph.LossOutput, lossDevice);
                var optimizer = _optimizerBindings[set] = _owned.Add(_optimizer.Bind());
                optimizer.Input(AdamGraph.LearningRateInput, learningRateDevice);
                optimizer.Input(AdamGraph.StepInput, stepDevice);
                for (var p = 0; p < initialParameters.Count; p++)
                {
                    var name = initialParameters[p].Name;
                    train.Input(name, _parameters[set][p]);
                    train.Output(TrainingGraph.GradientName(name), gradients[p]);
                    optimizer.Input(name, _parameters[set][p]);
                    optimizer.Output(AdamGraph.Next(name), _parameters[next][p]);
                    optimizer.Input(TrainingGraph.GradientName(name), gradients[p]);
                    optimizer.Input(AdamGraph.FirstMoment(name), moments[set][0][p]);
                    optimizer.Output(AdamGraph.Next(AdamGraph.FirstMoment(name)), moments[next][0][p]);
                    optimizer.Input(AdamGraph.SecondMoment(name), moments[set][1][p]);
                    optimizer.Output(AdamGraph.Next(AdamGraph.SecondMoment(name)), moments[next][1][p]);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int BandCount => 1;

    public float Step(float learningRate, long step)
    {
        _learningRateHost.Values[0] = learningRate;
        _stepHost.Values[0] = step;
        _uploadLearningRate.Run();
        _uploadStep.Run();
        _trainingBindings[_current].Run(_runOptions[_current]);
        _optimizerBindings[_current].Run(_runOptions[_current]);
        _downloadLoss.Run();
        _current = 1 - _current;
        return _lossHost.Values[0];
    }

    public void SetImage(ReadOnlySpan<float> pixels)
    {
        pixels.CopyTo(_imageHost.Values);
        _uploadImage.Run();
    }

    public IReadOnlyList<NamedTensor> Parameters() =>
        _shapes.Select((p, i) =>
        {
            using var host = new TensorBuffer(p.Name, p.Shape);
            using var download = _copier.Prepare(_parameters[_current][i], host.Value);
            download.Run();
            return host.ToNamedTensor(p.Name);
        }).ToArray();

    public void Dispose() => _owned.Dispose();

    // On CUDA a session with CUDA graph capture, or without it where ONNX Runtime refuses capture for this graph.
    private (RuntimeSession Session, bool CudaGraph) CreateSession(Onnx.Protos.ModelProto model, ExecutionDevice device)
    {
        if (device == ExecutionDevice.Cuda)
        {
            try
            {
                return (_owned.Add(RuntimeSession.Create(model, device, 1, cudaGraph: true)), true);
            }
            catch (RuntimeFailureException)
            {
                // Fall through to a session without capture; a device that fails altogether fails again there.
            }
        }

        return (_owned.Add(RuntimeSession.Create(model, device, 1)), false);
    }

    private void Upload(TensorBuffer host, OrtValue device)
    {
        using var copy = _copier.Prepare(host.Value, device);
        copy.Run();
    }
}
