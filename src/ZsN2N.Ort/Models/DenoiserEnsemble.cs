using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Models;

/// <summary>
/// Combines trained denoisers into one ONNX denoiser whose output is the mean of its members' outputs, optionally
/// over the 8 <see cref="DihedralTransform"/>s of the image as well (self-ensemble): each member denoises each
/// transformed image, the result is transformed back, and all are averaged. The ensemble has the same input and
/// output as a single denoiser, so it is saved, loaded, tiled and applied the same way.
/// <para>
/// Members with a <see cref="DenoiserModel.TileAlignment"/> (pixel-shuffle denoisers) get the image padded to that
/// multiple once, before the transforms, and the mean cropped back after: a member padding a flipped tile itself would
/// pad it at what is the image's top, where the whole image has no padding, and tiles would no longer match it.
/// </para>
/// </summary>
public static class DenoiserEnsemble
{
    /// <summary>
    /// The ensemble of <paramref name="members"/> (all for the same channel count), over the 8 dihedral transforms
    /// when <paramref name="selfEnsemble"/>; a single member without self-ensemble is returned as it is.
    /// </summary>
    /// <exception cref="ArgumentException">No members, or members for different channel counts.</exception>
    public static DenoiserModel Combine(IReadOnlyList<DenoiserModel> members, bool selfEnsemble)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("An ensemble needs at least one model.", nameof(members));
        }

        var channels = members[0].Channels;
        if (members.Any(m => m.Channels != channels))
        {
            throw new ArgumentException($"Ensemble members must all take the same channels; these take {string.Join(", ", members.Select(m => m.Channels))}.", nameof(members));
        }

        if (members.Count == 1 && !selfEnsemble)
        {
            return members[0];
        }

        var transforms = selfEnsemble ? DihedralTransform.All : [DihedralTransform.Identity];
        var builder = new GraphBuilder("zsn2n_denoiser_ensemble");
        object[] shape = ["batch", (long)channels, "height", "width"];
        var image = builder.Input(OnnxValueInfos.Float(InferenceGraph.ImageInput, shape));
        var alignment = members.Max(m => m.TileAlignment);
        var input = alignment == 1 ? image : AlignedPadding.Pad(builder, image, alignment, "ensemble/");
        var outputs = new List<string>();
        for (var m = 0; m < members.Count; m++)
        {
            var member = WithPrefixedInitializers(members[m].Model.Graph, $"m{m}/");
            var weights = member.Initializer.Select(i => builder.Constant(i.Clone())).ToHashSet(StringComparer.Ordinal);
            foreach (var transform in transforms)
            {
                var prefix = $"m{m}/{transform}/";
                var transformed = Apply(builder, transform, input, prefix + "input");
                var denoised = GraphInliner.Inline(builder, member, prefix, transformed, prefix + "denoised", weights);
                outputs.Add(Invert(builder, transform, denoised, prefix + "restored"));
            }
        }

        var sum = builder.Node("Sum", outputs, "sum");
        var mean = builder.Node("Mul", [sum, builder.Scalar("member_weight", 1f / outputs.Count)], alignment == 1 ? InferenceGraph.DenoisedOutput : "mean");
        if (alignment != 1)
        {
            AlignedPadding.Crop(builder, mean, image, InferenceGraph.DenoisedOutput, "ensemble/");
        }

        builder.Output(OnnxValueInfos.Float(InferenceGraph.DenoisedOutput, shape));
        var description = $"ZS-N2N denoiser ensemble: mean of {members.Count} model(s)"
            + (selfEnsemble ? " over the 8 flips and 90-degree rotations of the image" : "")
            + (alignment == 1 ? "; each clamp(x - f(x), 0, 1)" : "; each a pixel-shuffle denoiser of camera noise") + ", x in [0, 1], layout NCHW.";
        return DenoiserModel.FromModel(OnnxModels.Create(builder.Graph, description), channels, members.Max(m => m.ReceptiveFieldRadius), alignment);
    }

    private static GraphProto WithPrefixedInitializers(GraphProto graph, string prefix)
    {
        var copy = graph.Clone();
        var names = copy.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var initializer in copy.Initializer)
        {
            initializer.Name = prefix + initializer.Name;
        }

        foreach (var node in copy.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (names.Contains(node.Input[i]))
                {
                    node.Input[i] = prefix + node.Input[i];
                }
            }
        }

        return copy;
    }

    private static string Apply(GraphBuilder builder, DihedralTransform transform, string image, string output)
    {
        var current = image;
        if (transform.Transpose)
        {
            current = Transpose(builder, current, output + "_t");
        }

        if (transform.FlipRows)
        {
            current = Flip(builder, current, axis: 2, output + "_r");
        }

        if (transform.FlipColumns)
        {
            current = Flip(builder, current, axis: 3, output + "_c");
        }

        return current;
    }

    // The inverse undoes the steps in reverse order; each step is its own inverse.
    private static string Invert(GraphBuilder builder, DihedralTransform transform, string image, string output)
    {
        var current = image;
        if (transform.FlipColumns)
        {
            current = Flip(builder, current, axis: 3, output + "_c");
        }

        if (transform.FlipRows)
        {
            current = Flip(builder, current, axis: 2, output + "_r");
        }

        if (transform.Transpose)
        {
            current = Transpose(builder, current, output + "_t");
        }

        return current;
    }

    private static string Transpose(GraphBuilder builder, string input, string output) =>
        builder.Node("Transpose", [input], output, OnnxAttributes.Ints("perm", 0, 1, 3, 2));

    // Slice with step -1 from the last element to before the first reverses an axis.
    private static string Flip(GraphBuilder builder, string input, long axis, string output)
    {
        var starts = Shared(builder, "flip_starts", -1);
        var ends = Shared(builder, "flip_ends", long.MinValue);
        var steps = Shared(builder, "flip_steps", -1);
        var axes = Shared(builder, $"flip_axis{axis}", axis);
        return builder.Node("Slice", [input, starts, ends, axes, steps], output);
    }

    private static string Shared(GraphBuilder builder, string name, long value) =>
        builder.Contains(name) ? name : builder.Vector(name, value);
}
