using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ZsN2N.Ort.Artifacts;

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
    private readonly InferenceSession _training;
    private readonly InferenceSession _optimizer;
    private readonly RunOptions[] _runOptions = new RunOptions[2];
    private readonly OrtIoBinding[] _trainingBindings = new OrtIoBinding[2];
    private readonly OrtIoBinding[] _optimizerBindings = new OrtIoBinding[2];
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
            var allocator = _owned.Add(new OrtAllocator(_training, memory));
            OrtValue Allocate(long[] shape) => _owned.Add(OrtValue.CreateAllocatedTensorValue(allocator, TensorElementType.Float, shape));

            var channels = artifacts.Channels;
            _imageHost = _owned.Add(new TensorBuffer(TrainingGraph.ImageInput, [batch.Count, channels, batch.Height, batch.Width]));
            images.CopyTo(_imageHost.Values);
            var imageDevice = Allocate(_imageHost.Shape);
            _uploadImage = _owned.Add(_copier.Prepare(_imageHost.Value, imageDevice));
            _uploadImage.Run();
            var whole = TrainingBand.Split(batch.Height, 1, artifacts.ReceptiveFieldRadius)[0];
            using var weightsHost = new TensorBuffer(TrainingGraph.LossWeightsInput, [1, 1, batch.Height / 2, batch.Width / 2], LossWeights.For(batch, whole, channels));
            var weightsDevice = Allocate(weightsHost.Shape);
            Upload(weightsHost, weightsDevice);

            _lossHost = _owned.Add(new TensorBuffer(TrainingGraph.LossOutput, []));
            var lossDevice = Allocate([]);
            _downloadLoss = _owned.Add(_copier.Prepare(lossDevice, _lossHost.Value));
            _learningRateHost = _owned.Add(new TensorBuffer(AdamGraph.LearningRateInput, []));
            _stepHost = _owned.Add(new TensorBuffer(AdamGraph.StepInput, []));
            var learningRateDevice = Allocate([]);
            var stepDevice = Allocate([]);
            _uploadLearningRate = _owned.Add(_copier.Prepare(_learningRateHost.Value, learningRateDevice));
            _uploadStep = _owned.Add(_copier.Prepare(_stepHost.Value, stepDevice));

            var gradients = initialParameters.Select(p => Allocate(p.Shape)).ToArray();
            var moments = new OrtValue[2][][];
            for (var set = 0; set < 2; set++)
            {
                _parameters[set] = initialParameters.Select(p => Allocate(p.Shape)).ToArray();
                moments[set] = [initialParameters.Select(p => Allocate(p.Shape)).ToArray(), initialParameters.Select(p => Allocate(p.Shape)).ToArray()];
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

                var train = _trainingBindings[set] = _owned.Add(_training.CreateIoBinding());
                train.BindInput(TrainingGraph.ImageInput, imageDevice);
                train.BindInput(TrainingGraph.LossWeightsInput, weightsDevice);
                train.BindOutput(TrainingGraph.LossOutput, lossDevice);
                var optimizer = _optimizerBindings[set] = _owned.Add(_optimizer.CreateIoBinding());
                optimizer.BindInput(AdamGraph.LearningRateInput, learningRateDevice);
                optimizer.BindInput(AdamGraph.StepInput, stepDevice);
                for (var p = 0; p < initialParameters.Count; p++)
                {
                    var name = initialParameters[p].Name;
                    train.BindInput(name, _parameters[set][p]);
                    train.BindOutput(TrainingGraph.GradientName(name), gradients[p]);
                    optimizer.BindInput(name, _parameters[set][p]);
                    optimizer.BindOutput(AdamGraph.Next(name), _parameters[next][p]);
                    optimizer.BindInput(TrainingGraph.GradientName(name), gradients[p]);
                    optimizer.BindInput(AdamGraph.FirstMoment(name), moments[set][0][p]);
                    optimizer.BindOutput(AdamGraph.Next(AdamGraph.FirstMoment(name)), moments[next][0][p]);
                    optimizer.BindInput(AdamGraph.SecondMoment(name), moments[set][1][p]);
                    optimizer.BindOutput(AdamGraph.Next(AdamGraph.SecondMoment(name)), moments[next][1][p]);
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
        _training.RunWithBinding(_runOptions[_current], _trainingBindings[_current]);
        _optimizer.RunWithBinding(_runOptions[_current], _optimizerBindings[_current]);
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
    private (InferenceSession Session, bool CudaGraph) CreateSession(Onnx.Protos.ModelProto model, ExecutionDevice device)
    {
        if (device == ExecutionDevice.Cuda)
        {
            try
            {
                return (_owned.Add(SessionFactory.Create(model, device, 1, cudaGraph: true)), true);
            }
            catch (TrainingException)
            {
                // Fall through to a session without capture; a device that fails altogether fails again there.
            }
        }

        return (_owned.Add(SessionFactory.Create(model, device, 1)), false);
    }

    private void Upload(TensorBuffer host, OrtValue device)
    {
        using var copy = _copier.Prepare(host.Value, device);
        copy.Run();
    }
}
