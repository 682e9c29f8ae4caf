using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Training;

/// <summary>
/// Training failed for a reason of its own, not of ONNX Runtime (whose failures are
/// <see cref="RuntimeFailureException"/>): the loss diverged to NaN or infinity, say. The message says at which
/// step and what to change.
/// </summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The 1-based optimizer step that failed, or 0 when it failed while setting up.</summary>
    public long Step { get; init; }
}
