namespace ZsN2N.Ort.Training;

/// <summary>A failure inside ONNX Runtime during training, with the step and graph it happened in.</summary>
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
