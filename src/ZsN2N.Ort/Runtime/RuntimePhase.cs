namespace ZsN2N.Ort.Runtime;

/// <summary>What the engine asked of ONNX Runtime when it failed (<see cref="RuntimeFailureException.Phase"/>).</summary>
public enum RuntimePhase
{
    /// <summary>Creating a session: loading a graph onto a device.</summary>
    Load,

    /// <summary>Allocating a tensor in a device's memory.</summary>
    Allocate,

    /// <summary>Binding a tensor to a graph input or output.</summary>
    Bind,

    /// <summary>Running a graph (a training or optimizer step, an inference tile, a copy between devices).</summary>
    Run,
}
