using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Training;

/// <summary>
/// The training graph over one <see cref="TrainingBand"/> of a step's images: its own ONNX Runtime session, its copy of
/// the band's rows of each image, its loss weights (the band's share of the step's mean, zero on its halo rows), its loss and gradient outputs, and one IOBinding per parameter buffer set of the owning
/// <see cref="TrainingSession"/>.
/// </summary>
/// <remarks>Owns a session and native tensors: dispose it.</remarks>
internal sealed class TrainingBandSession : IDisposable
{
    private readonly RuntimeSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OwnedDisposables _owned = new();
    private readonly RuntimeBinding[] _bindings;
    private readonly int _channels;
    private readonly TrainingBatch _batch;

    /// <summary>
    /// Prepares <paramref name="band"/> of the images of <paramref name="batch"/>; <paramref name="parameterSets"/> are the
    /// buffer sets the parameters are read from, one binding each.
    /// </summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused the graph or the device.</exception>
    public TrainingBandSession(TrainingArtifacts artifacts, TrainingBatch batch, TrainingBand band, TensorBuffer[][] parameterSets, ExecutionDevice device, int threads)
    {
        _channels = artifacts.Channels;
        _batch = batch;
        Band = band;
        try
        {
            _owned.Add(_runOptions);
            _session = _owned.Add(RuntimeSession.Create(TrainingGraph.ForBatch(artifacts.Training, batch.Count), device, threads));
            Image = _owned.Add(new TensorBuffer(TrainingGraph.ImageInput, [batch.Count, _channels, band.InputHeight, batch.Width]));
            var weights = _owned.Add(new TensorBuffer(TrainingGraph.LossWeightsInput, [1, 1, band.HalfHeight, batch.Width / 2], LossWeights.For(batch, band, _channels)));

            Loss = _owned.Add(new TensorBuffer(TrainingGraph.LossOutput, []));
            Gradients = parameterSets[0].Select(p => _owned.Add(new TensorBuffer(TrainingGraph.GradientName(p.Name), p.Shape))).ToArray();

            _bindings = new RuntimeBinding[parameterSets.Length];
            for (var set = 0; set < parameterSets.Length; set++)
            {
                var binding = _bindings[set] = _owned.Add(_session.Bind());
                binding.Input(Image);
                binding.Input(weights);
                binding.Output(Loss);
                for (var p = 0; p < Gradients.Length; p++)
                {
                    binding.Input(parameterSets[set][p]);
                    binding.Output(Gradients[p]);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The rows this session covers.</summary>
    public TrainingBand Band { get; }

    /// <summary>The band's rows of every image, [Count, C, band rows, width].</summary>
    public TensorBuffer Image { get; }

    /// <summary>The band's share of the loss after <see cref="Run"/>.</summary>
    public TensorBuffer Loss { get; }

    /// <summary>The band's share of each parameter gradient after <see cref="Run"/>, in parameter order.</summary>
    public TensorBuffer[] Gradients { get; }

    /// <summary>Copies the band's rows out of a step's images, [Count, C, height, width].</summary>
    public void Load(ReadOnlySpan<float> images)
    {
        var width = _batch.Width;
        var bandValues = Band.InputHeight * width;
        for (var plane = 0; plane < _batch.Count * _channels; plane++)
        {
            images.Slice((plane * _batch.Height + Band.InputTop) * width, bandValues).CopyTo(Image.Values.AsSpan(plane * bandValues, bandValues));
        }
    }

    /// <summary>Runs the training graph on the parameters of buffer set <paramref name="set"/>.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    public void Run(int set) => _bindings[set].Run(_runOptions);

    public void Dispose() => _owned.Dispose();
}
