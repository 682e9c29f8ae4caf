using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Training;

/// <summary>
/// How a <see cref="TrainingSession"/> runs its steps: in bands of host memory on the CPU
/// (<see cref="CpuTrainingBackend"/>), or with every tensor resident on the GPU (<see cref="DeviceTrainingBackend"/>).
/// </summary>
internal interface ITrainingBackend : IDisposable
{
    /// <summary>Horizontal bands the image is trained in.</summary>
    int BandCount { get; }

    /// <summary>One training and Adam step; returns the loss before the update.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed (possibly inside an <see cref="AggregateException"/>).</exception>
    float Step(float learningRate, long step);

    /// <summary>Replaces the training images with others of the same shape.</summary>
    void SetImage(ReadOnlySpan<float> pixels);

    /// <summary>A copy of the current parameters.</summary>
    IReadOnlyList<NamedTensor> Parameters();
}
