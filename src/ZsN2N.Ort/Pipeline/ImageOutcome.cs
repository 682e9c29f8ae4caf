using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Pipeline;

/// <summary>
/// What <see cref="ImagePipeline"/> made of one image: the training's result, the denoised image encoded as it is
/// stored (PNG at the input's bit depth unless another format was asked for) and decoded back, its scores against a
/// clean reference, and the extras asked for, each encoded and ready to store.
/// </summary>
/// <param name="Result">The training's result: the model, the losses, the plan it followed.</param>
/// <param name="Encoded">The denoised image's bytes, in <paramref name="Format"/>.</param>
/// <param name="Format">The format of <paramref name="Encoded"/>.</param>
/// <param name="Written">The encoded image decoded back: the values a reader of the file sees, which the scores measure.</param>
/// <param name="Scores">Against the clean reference; null without one.</param>
/// <param name="Plot">The loss plot as PNG bytes (<see cref="PipelineOutputs.Plot"/>), else null.</param>
/// <param name="Comparison">The side-by-side picture as PNG bytes (<see cref="PipelineOutputs.Comparison"/>), else null.</param>
public sealed record ImageOutcome(DenoiseResult Result, byte[] Encoded, ImageFormat Format, PlanarImage Written, ImageScores? Scores, byte[]? Plot, byte[]? Comparison);
