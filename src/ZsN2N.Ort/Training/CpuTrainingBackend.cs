using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Training;

/// <summary>
/// Training steps on the CPU, in horizontal bands: each thread trains its own band of the image with its own
/// single-threaded session of the training graph (<see cref="TrainingBandSession"/>), and the bands' gradients are
/// summed before the Adam step. Each band reads the rows its receptive field needs and counts only its own rows in
/// the loss, so the sum is the whole image's gradient. Small operators on a 256x256 image scale poorly over ONNX
/// Runtime's intra-op threads; bands keep each thread on its own data for the whole step (docs/performance.md).
/// Tensors are managed arrays bound once; the parameters and Adam moments live in two buffer sets that the optimizer
/// writes alternately, so a step allocates nothing.
/// </summary>
/// <remarks>Owns sessions, threads and native tensors: dispose it.</remarks>
internal sealed class CpuTrainingBackend : ITrainingBackend
{
    private readonly RuntimeSession _optimizer;
    private readonly RunOptions _runOptions;
    private readonly OwnedDisposables _owned = new();
    private readonly TrainingBandSession[] _bands;
    private readonly StepWorkers _workers;
    private readonly TensorBuffer _learningRate;
    private readonly TensorBuffer _step;
    private readonly TensorBuffer[][] _parameters = new TensorBuffer[2][];
    private readonly RuntimeBinding[] _optimizerBindings = new RuntimeBinding[2];
    private int _current;

    public CpuTrainingBackend(TrainingArtifacts artifacts, TrainingBatch batch, ReadOnlySpan<float> images, IReadOnlyList<NamedTensor> initialParameters, int threads, int minBandRows)
    {
        var bandCount = TrainingBand.Count(batch.Height / 2, threads, minBandRows);
        _bands = new TrainingBandSession[bandCount];
        try
        {
            // The session first: it is where a missing ONNX Runtime native library is reported as such.
            _optimizer = _owned.Add(RuntimeSession.Create(artifacts.Optimizer, ExecutionDevice.Cpu, 1));
            _runOptions = _owned.Add(new RunOptions());
            _learningRate = _owned.Add(new TensorBuffer(AdamGraph.LearningRateInput, []));
            _step = _owned.Add(new TensorBuffer(AdamGraph.StepInput, []));
            var moments = new TensorBuffer[2][][];
            for (var set = 0; set < 2; set++)
            {
                _parameters[set] = initialParameters.Select(p => _owned.Add(new TensorBuffer(p.Name, p.Shape, set == 0 ? (float[])p.Values.Clone() : null))).ToArray();
                moments[set] =
                [
                    initialParameters.Select(p => _owned.Add(new TensorBuffer(AdamGraph.FirstMoment(p.Name), p.Shape))).ToArray(),
                    initialParameters.Select(p => _owned.Add(new TensorBuffer(AdamGraph.SecondMoment(p.Name), p.Shape))).ToArray(),
                ];
            }

            var bands = TrainingBand.Split(batch.Height, bandCount, artifacts.ReceptiveFieldRadius);
            for (var b = 0; b < bandCount; b++)
            {
                // Threads beyond one per band go to the bands' intra-op pools, the first bands taking the remainder.
                var bandThreads = threads / bandCount + (b < threads % bandCount ? 1 : 0);
                _bands[b] = _owned.Add(new TrainingBandSession(artifacts, batch, bands[b], _parameters, ExecutionDevice.Cpu, bandThreads));
                _bands[b].Load(images);
            }

            // The optimizer reads the summed gradients from the first band's buffers.
            var gradients = _bands[0].Gradients;
            for (var set = 0; set < 2; set++)
            {
                var next = 1 - set;
                var optimizer = _optimizerBindings[set] = _owned.Add(_optimizer.Bind());
                optimizer.Input(_learningRate);
                optimizer.Input(_step);
                for (var p = 0; p < gradients.Length; p++)
                {
                    Bind(optimizer, _parameters[set][p], _parameters[next][p]);
                    optimizer.Input(gradients[p]);
                    Bind(optimizer, moments[set][0][p], moments[next][0][p]);
                    Bind(optimizer, moments[set][1][p], moments[next][1][p]);
                }
            }

            _workers = _owned.Add(new StepWorkers(bandCount, b => _bands[b].Run(_current), "ZsN2N training band"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int BandCount => _bands.Length;

    public float Step(float learningRate, long step)
    {
        _learningRate.Values[0] = learningRate;
        _step.Values[0] = step;
        _workers.Run();
        var loss = SumBands();
        _optimizerBindings[_current].Run(_runOptions);
        _current = 1 - _current;
        return loss;
    }

    public void SetImage(ReadOnlySpan<float> pixels)
    {
        foreach (var band in _bands)
        {
            band.Load(pixels);
        }
    }

    public IReadOnlyList<NamedTensor> Parameters() =>
        _parameters[_current].Select(b => b.ToNamedTensor(b.Name)).ToArray();

    public void Dispose() => _owned.Dispose();

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

    private static void Bind(RuntimeBinding binding, TensorBuffer input, TensorBuffer output)
    {
        binding.Input(input);
        binding.Output(AdamGraph.Next(input.Name), output.Value);
    }
}
