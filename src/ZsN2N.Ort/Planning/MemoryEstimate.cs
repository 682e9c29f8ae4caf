namespace ZsN2N.Ort.Planning;

/// <summary>
/// The peak memory a denoising run is expected to need, by part, in bytes. Made by <see cref="MemoryEstimator"/> for
/// a <see cref="TrainingPlan"/> before anything is allocated; see docs/large-images.md for the calibration.
/// </summary>
/// <param name="RuntimeBytes">ONNX Runtime, the sessions and the .NET runtime themselves.</param>
/// <param name="TrainingBytes">Activations and gradients of one training step on its images.</param>
/// <param name="InferenceBytes">Activations of one inference tile.</param>
/// <param name="ImageBytes">The input, output and crop buffers that scale with the image.</param>
public sealed record MemoryEstimate(long RuntimeBytes, long TrainingBytes, long InferenceBytes, long ImageBytes)
{
    /// <summary>
    /// The expected peak: every part added up. Training and inference run one after the other, but native memory
    /// freed after training is not reliably returned to the system, so the peak working set holds both.
    /// </summary>
    public long TotalBytes => RuntimeBytes + ImageBytes + TrainingBytes + InferenceBytes;

    /// <summary>The total in MiB, for messages.</summary>
    public double TotalMiB => TotalBytes / (1024.0 * 1024.0);
}
