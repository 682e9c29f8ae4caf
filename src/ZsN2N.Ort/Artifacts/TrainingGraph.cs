using ZsN2N.Ort.Autodiff;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Builds the training graph: the ZS-N2N loss of one image and its gradient for every parameter.
/// Inputs: <c>image</c> [batch, C, height, width], <c>loss_weights</c> [1, 1, ⌊height/2⌋, ⌊width/2⌋] and the
/// parameters; outputs: <c>loss</c> (a scalar) and <c>&lt;parameter&gt;_grad</c> for each parameter, in
/// definition order.
/// </summary>
/// <remarks>
/// The loss is Eq. 3 of Mansour &amp; Heckel (CVPR 2023). The pair downsampler D₁, D₂ averages the
/// diagonal, resp. anti-diagonal, pixels of each 2×2 block, as a stride-2 depthwise convolution. The
/// two half-size images go through f as one batch [D₁; D₂], so the residual loss
/// ½(mse(D₁ - f(D₁), D₂) + mse(D₂ - f(D₂), D₁)) is one mean against [D₂; D₁], and the consistency loss
/// ½(mse(D₁ - f(D₁), D₁(x - f(x))) + mse(D₂ - f(D₂), D₂(x - f(x)))) one mean against [D₁(x̂); D₂(x̂)].
/// <para>
/// The means are weighted sums: each half-size pixel's squared errors (every channel, both halves of the pair)
/// count with its weight in <c>loss_weights</c>. Uniform weights 1 / (2·batch·C·⌊height/2⌋·⌊width/2⌋) give the
/// paper's loss; zero weights leave out the rim of a band or crop whose convolutions see zero padding where the
/// whole image has pixels, so the gradients of a few such parts add up to the whole image's (the training
/// session's bands).
/// </para>
/// </remarks>
internal static class TrainingGraph
{
    /// <summary>The image input.</summary>
    public const string ImageInput = "image";

    /// <summary>The per-pixel loss weights input, [1, 1, ⌊height/2⌋, ⌊width/2⌋].</summary>
    public const string LossWeightsInput = "loss_weights";

    /// <summary>The scalar loss output.</summary>
    public const string LossOutput = "loss";

    /// <summary>The name of the gradient output of <paramref name="parameter"/>.</summary>
    public static string GradientName(string parameter) => $"{parameter}_grad";

    /// <summary>
    /// The <see cref="LossWeightsInput"/> value of one half-size pixel in the paper's loss on <paramref name="batch"/>
    /// images of [<paramref name="channels"/>, <paramref name="height"/>, <paramref name="width"/>]: one over the element
    /// count of the pairs, 2·batch·C·⌊height/2⌋·⌊width/2⌋.
    /// </summary>
    public static float PixelWeight(int batch, int channels, int height, int width) =>
        (float)(1.0 / (2.0 * batch * channels * (height / 2) * (width / 2)));

    /// <summary>
    /// The <see cref="LossWeightsInput"/> of the paper's loss on a whole [1, <paramref name="channels"/>,
    /// <paramref name="height"/>, <paramref name="width"/>] image: <see cref="PixelWeight"/> everywhere.
    /// </summary>
    public static NamedTensor UniformLossWeights(int channels, int height, int width)
    {
        var values = new float[(height / 2) * (width / 2)];
        Array.Fill(values, PixelWeight(1, channels, height, width));
        return new NamedTensor(LossWeightsInput, [1, 1, height / 2, width / 2], values);
    }

    /// <summary>
    /// <paramref name="training"/> for a batch of <paramref name="batch"/> images per step, [batch, C, height, width]: the
    /// paper's loss of every image is one mean over all of them (the committed graph trains one image).
    /// </summary>
    public static ModelProto ForBatch(ModelProto training, int batch)
    {
        if (batch == 1)
        {
            return training;
        }

        var model = training.Clone();
        model.Graph.Input.First(i => i.Name == ImageInput).Type.TensorType.Shape.Dim[0].DimValue = batch;
        return model;
    }

    /// <summary>
    /// <paramref name="training"/> for a batch of <paramref name="batch"/> images of exactly <paramref name="height"/> x
    /// <paramref name="width"/>, so that ONNX Runtime folds every shape computation into a constant (which CUDA graph
    /// capture needs: no node left on the CPU).
    /// </summary>
    public static ModelProto ForImageSize(ModelProto training, int batch, int height, int width)
    {
        var model = ForBatch(training, batch).Clone();
        foreach (var input in model.Graph.Input)
        {
            var dims = input.Type.TensorType.Shape.Dim;
            if (input.Name == ImageInput)
            {
                (dims[2].DimValue, dims[3].DimValue) = (height, width);
            }
            else if (input.Name == LossWeightsInput)
            {
                (dims[2].DimValue, dims[3].DimValue) = (height / 2, width / 2);
            }
        }

        return model;
    }

    /// <summary>Builds the training graph of <paramref name="network"/>, whose parameter shapes are bound.</summary>
    public static ModelProto Create(GraphProto network, int channels)
    {
        var builder = new GraphBuilder("zsn2n_training");
        var image = builder.Input(OnnxValueInfos.Float(ImageInput, 1L, (long)channels, "height", "width"));
        var weights = builder.Input(OnnxValueInfos.Float(LossWeightsInput, 1L, 1L, "half_height", "half_width"));
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

        var residual = SquaredError(builder, "loss_residual", pairDenoised, pairSwapped);
        var consistency = SquaredError(builder, "loss_consistency", pairDenoised, denoisedPair);
        var both = builder.Node("Add", [residual, consistency], "loss_squared_errors");
        var weighted = builder.Node("Mul", [both, weights], "loss_weighted");
        builder.Node("ReduceSum", [weighted], LossOutput, OnnxAttributes.Int("keepdims", 0));
        builder.Output(OnnxValueInfos.Float(LossOutput));

        var parameters = network.Input.Skip(1).Select(p => p.Name).ToArray();
        BackwardPass.Run(builder.Graph, LossOutput, parameters);
        return OnnxModels.Create(builder.Graph, "ZS-N2N training step: loss and parameter gradients of one image.");
    }

    private static string Concat(GraphBuilder builder, string name, string first, string second) =>
        builder.Node("Concat", [first, second], name, OnnxAttributes.Int("axis", 0));

    private static string SquaredError(GraphBuilder builder, string name, string prediction, string target)
    {
        var difference = builder.Node("Sub", [prediction, target], $"{name}/difference");
        return builder.Node("Mul", [difference, difference], name);
    }
}
