namespace ZsN2N.Ort.Runtime;

/// <summary>Where ONNX Runtime runs the graphs.</summary>
public enum ExecutionDevice
{
    /// <summary>The CPU execution provider, in every ONNX Runtime native package.</summary>
    Cpu,

    /// <summary>
    /// The CUDA execution provider: the application references <c>Microsoft.ML.OnnxRuntime.Gpu</c> (instead of the CPU
    /// package <c>Microsoft.ML.OnnxRuntime</c>) and runs on a machine with an NVIDIA GPU, CUDA and cuDNN; chosen at run
    /// time, with the same ZsN2N.Ort build.
    /// </summary>
    Cuda,
}
