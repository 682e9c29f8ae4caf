using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Models;

/// <summary>
/// Graph nodes that reflect-pad an image [N, C, H, W] at the bottom and right to sides that are multiples of an
/// alignment, and crop a result back to the image's size: a pixel-shuffle denoiser needs sides it can split into
/// whole sub-images. The amounts are computed in the graph from the image's shape, so any size runs.
/// </summary>
internal static class AlignedPadding
{
    /// <summary>Appends the padding of <paramref name="image"/> to multiples of <paramref name="alignment"/>; returns the padded tensor.</summary>
    public static string Pad(GraphBuilder builder, string image, int alignment, string prefix)
    {
        var size = Size(builder, image, prefix + "size");
        var multiple = builder.Vector(prefix + "alignment", alignment);

        // (alignment - side mod alignment) mod alignment rows and columns: 0 where the side is already a multiple.
        var remainder = builder.Node("Mod", [size, multiple], prefix + "remainder");
        var shortfall = builder.Node("Sub", [multiple, remainder], prefix + "shortfall");
        var missing = builder.Node("Mod", [shortfall, multiple], prefix + "missing");
        var pads = builder.Node("Concat", [builder.Vector(prefix + "pads_begin", 0, 0, 0, 0, 0, 0), missing], prefix + "pads", OnnxAttributes.Int("axis", 0));
        return builder.Node("Pad", [image, pads], prefix + "padded", OnnxAttributes.String("mode", "reflect"));
    }

    /// <summary>Appends the crop of <paramref name="padded"/> to the height and width of <paramref name="image"/>, written as <paramref name="output"/>.</summary>
    public static string Crop(GraphBuilder builder, string padded, string image, string output, string prefix)
    {
        var size = Size(builder, image, prefix + "crop_size");
        return builder.Node("Slice", [padded, builder.Vector(prefix + "crop_starts", 0, 0), size, builder.Vector(prefix + "crop_axes", 2, 3)], output);
    }

    // [H, W] of an [N, C, H, W] tensor.
    private static string Size(GraphBuilder builder, string image, string output)
    {
        var shape = builder.Node("Shape", [image], output + "_shape");
        return builder.Node("Slice", [shape, builder.Vector(output + "_starts", 2), builder.Vector(output + "_ends", 4)], output);
    }
}
