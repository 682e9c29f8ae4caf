using Microsoft.ML.OnnxRuntime;

namespace ZsN2N.Ort.Training;

/// <summary>One prepared copy of a <see cref="DeviceCopier"/>. Owns an IOBinding: dispose it.</summary>
internal sealed class DeviceCopy : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtIoBinding _binding;

    internal DeviceCopy(InferenceSession session, RunOptions runOptions, OrtIoBinding binding) =>
        (_session, _runOptions, _binding) = (session, runOptions, binding);

    /// <summary>Copies; the destination holds the source's values when it returns.</summary>
    public void Run()
    {
        _session.RunWithBinding(_runOptions, _binding);
        _binding.SynchronizeBoundOutputs();
    }

    public void Dispose() => _binding.Dispose();
}
