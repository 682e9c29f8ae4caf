using ZsN2N.Ort.Autodiff;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Builds the training graph: the ZS-N2N loss of one image and its gradient for every parameter.
/// Inputs: <c>image</c> [1, C, height, width] and the parameters; outputs: <c>loss</c> (a scalar)
/// and <c>&lt;parameter&gt;_grad</c> for each parameter, in definition order.
/// </summary>
/// <remarks>
/// The loss is Eq. 3 of Mansour &amp; Heckel (CVPR 2023). The pair downsampler D₁, D₂ averages the
/// diagonal, resp. anti-diagonal, pixels of each 2×2 block, as a stride-2 depthwise convolution. The
/// two half-size images go through f as one batch [D₁; D₂], so the residual loss
/// ½(mse(D₁ - f(D₁), D₂) + mse(D₂ - f(D₂), D₁)) is one mean against [D₂; D₁], and the consistency loss
/// ½(mse(D₁ - f(D₁), D₁(x - f(x))) + mse(D₂ - f(D₂), D₂(x - f(x)))) one mean against [D₁(x̂); D₂(x̂)].
/// </remarks>
public static class TrainingGraph
{
    /// <summary>The image input.</summary>
    public const string ImageInput = "image";

    /// <summary>The scalar loss output.</summary>
    public const string LossOutput = "loss";

    /// <summary>The name of the gradient output of <paramref name="parameter"/>.</summary>
    public static string GradientName(string parameter) => $"{parameter}_grad";

    /// <summary>Builds the training graph of <paramref name="network"/>, whose parameter shapes are bound.</summary>
    public static ModelProto Create(GraphProto network, int channels)
    {
        var builder = new GraphBuilder("zsn2n_training");
        var image = builder.Input(OnnxValueInfos.Float(ImageInput, 1L, (long)channels, "height", "width"));
        foreach (var parameter in network.Input.Skip(1))
        {
            builder.Input(parameter.Clone());
        }

        var downsampler = new PairDownsampler(builder, channels);
        var (d1, d2) = downsampler.Apply(image, "image");
        var pair = Concat(builder, "pair", d1, d2);
        var pairSwapped = Concat(builder, "pair_swapped", d2, d1);

        var pairNoise = GraphInliner.Inline(builder, network, "pair/", pair, "pair_noise");
        var pairDenoised = builder.Node("Sub", [pair, pairNoise], "pair_denoised");
        var imageNoise = GraphInliner.Inline(builder, network, "full/", image, "image_noise");
        var imageDenoised = builder.Node("Sub", [image, imageNoise], "image_denoised");
        var (e1, e2) = downsampler.Apply(imageDenoised, "image_denoised");
        var denoisedPair = Concat(builder, "image_denoised_pair", e1, e2);

        var residual = MeanSquaredError(builder, "loss_residual", pairDenoised, pairSwapped);
        var consistency = MeanSquaredError(builder, "loss_consistency", pairDenoised, denoisedPair);
        builder.Node("Add", [residual, consistency], LossOutput);
        builder.Output(OnnxValueInfos.Float(LossOutput));

        var parameters = network.Input.Skip(1).Select(p => p.Name).ToArray();
        BackwardPass.Run(builder.Graph, LossOutput, parameters);
        return OnnxModels.Create(builder.Graph, "ZS-N2N training step: loss and parameter gradients of one image.");
    }

    private static string Concat(GraphBuilder builder, string name, string first, string second) =>
        builder.Node("Concat", [first, second], name, OnnxAttributes.Int("axis", 0));

    private static string MeanSquaredError(GraphBuilder builder, string name, string prediction, string target)
    {
        var difference = builder.Node("Sub", [prediction, target], $"{name}/difference");
        var squared = builder.Node("Mul", [difference, difference], $"{name}/squared");
        return builder.Node("ReduceMean", [squared], name, OnnxAttributes.Int("keepdims", 0));
    }
}
