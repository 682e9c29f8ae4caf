using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// How far an output pixel of the noise predictor looks: the number of input pixels on each side of it that its
/// value depends on. Tiles and training bands carry this many real neighbouring pixels so that their results match
/// the whole image's.
/// </summary>
internal static class ReceptiveField
{
    /// <summary>
    /// The radius of <paramref name="graph"/>'s convolutions taken in sequence: the sum over its Conv nodes of
    /// dilation × (kernel − 1) / 2, rounded up, on the wider axis. Exact for a chain of convolutions, an upper bound
    /// for branching graphs.
    /// </summary>
    /// <exception cref="NotSupportedException">A convolution is strided or has no kernel_shape attribute.</exception>
    public static int Radius(GraphProto graph)
    {
        var radius = 0;
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv"))
        {
            var kernel = OnnxAttributes.FindInts(conv, "kernel_shape")
                ?? throw new NotSupportedException($"Conv node '{conv.Name}' has no kernel_shape; its receptive field is unknown.");
            var dilations = OnnxAttributes.FindInts(conv, "dilations") ?? kernel.Select(_ => 1L).ToArray();
            if (OnnxAttributes.FindInts(conv, "strides") is { } strides && strides.Any(s => s != 1))
            {
                throw new NotSupportedException($"Conv node '{conv.Name}' is strided; bands and tiles assume full-resolution convolutions.");
            }

            radius += (int)kernel.Select((k, axis) => (dilations[axis] * (k - 1) + 1) / 2).Max();
        }

        return radius;
    }
}
