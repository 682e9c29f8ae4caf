using Microsoft.ML.OnnxRuntime;

namespace ZsN2N.Ort.Runtime;

/// <summary>One prepared copy of a <see cref="DeviceCopier"/>. Owns a binding: dispose it.</summary>
internal sealed class DeviceCopy : IDisposable
{
    private readonly RunOptions _runOptions;
    private readonly RuntimeBinding _binding;

    internal DeviceCopy(RunOptions runOptions, RuntimeBinding binding) => (_runOptions, _binding) = (runOptions, binding);

    /// <summary>Copies; the destination holds the source's values when it returns.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    public void Run() => _binding.Run(_runOptions, synchronize: true);

    public void Dispose() => _binding.Dispose();
}
