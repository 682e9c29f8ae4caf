using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Models;

/// <summary>
/// The denoiser of camera noise (docs/camera-noise.md). Demosaicing and in-camera processing spread each photosite's
/// noise over its neighbours, so the pair downsampler's two halves share noise and a network trained on them learns to
/// keep it. Pixels two apart are nearly independent: a network trained on the stride-2 pixel-shuffle sub-images
/// x[a::2, b::2] (a, b in {0, 1}) sees noise it can remove. This composes such a trained denoiser g(x) =
/// clamp(x - f(x), 0, 1) into one for the whole image: the image, reflect-padded at the bottom and right to even sides,
/// is split into its 4 sub-images (SpaceToDepth, then a Reshape that makes them a batch), each is denoised by g, and
/// they are shuffled back (DepthToSpace); then, with the second pass, g runs once more over the whole result at full
/// resolution, which removes the sub-image grid's remaining artefacts; the result is cropped to the image's size.
/// Both passes share one copy of the weights. The composed model takes and returns whole images like any denoiser.
/// </summary>
internal static class PixelShuffleDenoiser
{
    /// <summary>The pixel-shuffle stride: sub-images take every second row and column.</summary>
    public const int Stride = 2;

    /// <summary>
    /// The whole-image denoiser made of <paramref name="subImageDenoiser"/>, a model trained on the
    /// <see cref="Stride"/> sub-images, with the full-resolution <paramref name="secondPass"/> or without.
    /// </summary>
    /// <remarks>The composed model's receptive-field radius is <see cref="Radius"/>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="subImageDenoiser"/> is itself a pixel-shuffle denoiser.</exception>
    public static DenoiserModel Compose(DenoiserModel subImageDenoiser, bool secondPass)
    {
        ArgumentNullException.ThrowIfNull(subImageDenoiser);
        if (subImageDenoiser.TileAlignment != 1)
        {
            throw new ArgumentException($"The model already works on pixel-shuffle sub-images (tile alignment {subImageDenoiser.TileAlignment}); compose the model trained on them.", nameof(subImageDenoiser));
        }

        var channels = subImageDenoiser.Channels;
        var member = subImageDenoiser.Model.Graph;
        var builder = new GraphBuilder("zsn2n_pixel_shuffle_denoiser");
        object[] shape = ["batch", (long)channels, "height", "width"];
        var image = builder.Input(OnnxValueInfos.Float(InferenceGraph.ImageInput, shape));
        var weights = member.Initializer.Select(i => builder.Constant(i.Clone())).ToHashSet(StringComparer.Ordinal);

        // SpaceToDepth puts sub-image (a, b) in channels (2a + b)C .. (2a + b)C + C - 1 of each image, so a Reshape to
        // [4N, C, H/2, W/2] makes the 4 sub-images of each image a batch; DepthToSpace (DCR) inverts both.
        var padded = AlignedPadding.Pad(builder, image, Stride, "shuffle/");
        var blocks = builder.Node("SpaceToDepth", [padded], "shuffle/blocks", OnnxAttributes.Int("blocksize", Stride));
        var subImages = builder.Node("Reshape", [blocks, builder.Vector("shuffle/sub_image_shape", -1, channels, 0, 0)], "shuffle/sub_images");
        var denoisedSubImages = GraphInliner.Inline(builder, member, "first_pass/", subImages, "first_pass/denoised", weights);
        var denoisedBlocks = builder.Node("Reshape", [denoisedSubImages, builder.Vector("shuffle/block_shape", -1, Stride * Stride * channels, 0, 0)], "shuffle/denoised_blocks");
        var denoised = builder.Node("DepthToSpace", [denoisedBlocks], "shuffle/denoised", OnnxAttributes.Int("blocksize", Stride), OnnxAttributes.String("mode", "DCR"));
        if (secondPass)
        {
            denoised = GraphInliner.Inline(builder, member, "second_pass/", denoised, "second_pass/denoised", weights);
        }

        AlignedPadding.Crop(builder, denoised, image, InferenceGraph.DenoisedOutput, "shuffle/");
        builder.Output(OnnxValueInfos.Float(InferenceGraph.DenoisedOutput, shape));
        var description = "ZS-N2N camera-noise denoiser: g(x) = clamp(x - f(x), 0, 1) on the 4 stride-2 pixel-shuffle sub-images of x"
            + (secondPass ? ", shuffled back, then g once more on the whole image" : ", shuffled back")
            + "; x in [0, 1], layout NCHW.";
        return DenoiserModel.FromModel(OnnxModels.Create(builder.Graph, description), channels, Radius(subImageDenoiser.ReceptiveFieldRadius, secondPass), Stride);
    }

    /// <summary>
    /// The receptive-field radius of the composed denoiser of a model of <paramref name="radius"/>: its pixels are
    /// <see cref="Stride"/> apart on the sub-images, and the second pass adds the field once more; rounded up to a
    /// multiple of <see cref="Stride"/>, the <see cref="DenoiserModel.TileAlignment"/> that keeps tiles on the sub-images' grid.
    /// </summary>
    public static int Radius(int radius, bool secondPass)
    {
        var field = Stride * radius + (secondPass ? radius : 0);
        return (field + Stride - 1) / Stride * Stride;
    }
}
