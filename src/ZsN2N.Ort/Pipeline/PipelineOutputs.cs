namespace ZsN2N.Ort.Pipeline;

/// <summary>What an <see cref="ImagePipeline"/> makes besides the denoised image.</summary>
[Flags]
public enum PipelineOutputs
{
    /// <summary>The denoised image only.</summary>
    None = 0,

    /// <summary>The trained denoiser as an ONNX model (<see cref="ImagePipeline.ModelSuffix"/>).</summary>
    Model = 1,

    /// <summary>The training loss per step as a PNG (<see cref="LossPlot"/>, <see cref="ImagePipeline.PlotSuffix"/>).</summary>
    Plot = 2,

    /// <summary>Noisy | denoised (| clean) side by side as a PNG (<see cref="ComparisonPicture"/>, <see cref="ImagePipeline.ComparisonSuffix"/>).</summary>
    Comparison = 4,
}
