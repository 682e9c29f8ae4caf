using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Builds the inference graph: <c>denoised</c> = clamp(image - f(image), 0, 1) for <c>image</c>
/// [batch, C, height, width] in 0..1, with the parameters as inputs (the exporter bakes them in).
/// </summary>
internal static class InferenceGraph
{
    /// <summary>The image input.</summary>
    public const string ImageInput = "image";

    /// <summary>The denoised output.</summary>
    public const string DenoisedOutput = "denoised";

    /// <summary>Builds the inference graph of <paramref name="network"/>, whose parameter shapes are bound.</summary>
    public static ModelProto Create(GraphProto network, int channels)
    {
        var builder = new GraphBuilder("zsn2n_denoiser");
        object[] shape = ["batch", (long)channels, "height", "width"];
        var image = builder.Input(OnnxValueInfos.Float(ImageInput, shape));
        foreach (var parameter in network.Input.Skip(1))
        {
            builder.Input(parameter.Clone());
        }

        var noise = GraphInliner.Inline(builder, network, "", image, "noise");
        var residual = builder.Node("Sub", [image, noise], "residual");
        builder.Node("Clip", [residual, builder.Scalar("zero", 0f), builder.Scalar("one", 1f)], DenoisedOutput);
        builder.Output(OnnxValueInfos.Float(DenoisedOutput, shape));
        return OnnxModels.Create(builder.Graph, "ZS-N2N denoiser: clamp(x - f(x), 0, 1), x in [0, 1], layout NCHW.");
    }
}
