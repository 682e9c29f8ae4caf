namespace ZsN2N.Ort.Runtime;

/// <summary>Where ONNX Runtime runs the graphs.</summary>
public enum ExecutionDevice
{
    /// <summary>The CPU execution provider (every build).</summary>
    Cpu,

    /// <summary>The CUDA execution provider (the GPU build, <c>-p:ZsN2NCuda=true</c>, on a machine with an NVIDIA GPU).</summary>
    Cuda,
}
