using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// The ZS-N2N pair downsampler (Mansour &amp; Heckel, Section 3) as graph nodes: two stride-2 depthwise
/// convolutions with fixed 2×2 filters [[½, 0], [0, ½]] (D₁) and [[0, ½], [½, 0]] (D₂). Odd trailing
/// rows and columns are dropped, as in the paper's PyTorch code.
/// </summary>
internal sealed class PairDownsampler
{
    private readonly GraphBuilder _builder;
    private readonly int _channels;
    private readonly string _diagonal;
    private readonly string _antiDiagonal;

    public PairDownsampler(GraphBuilder builder, int channels)
    {
        _builder = builder;
        _channels = channels;
        _diagonal = builder.Constant(Filter("downsample_diagonal", [0.5f, 0f, 0f, 0.5f]));
        _antiDiagonal = builder.Constant(Filter("downsample_anti_diagonal", [0f, 0.5f, 0.5f, 0f]));
    }

    /// <summary>Emits D₁(<paramref name="input"/>) and D₂(<paramref name="input"/>).</summary>
    public (string D1, string D2) Apply(string input, string name) =>
        (Downsample(input, _diagonal, $"{name}_d1"), Downsample(input, _antiDiagonal, $"{name}_d2"));

    private string Downsample(string input, string filter, string output) =>
        _builder.Node(
            "Conv",
            [input, filter],
            output,
            OnnxAttributes.Ints("kernel_shape", 2, 2),
            OnnxAttributes.Ints("strides", 2, 2),
            OnnxAttributes.Int("group", _channels));

    private Onnx.Protos.TensorProto Filter(string name, float[] taps)
    {
        var weights = Enumerable.Range(0, _channels).SelectMany(_ => taps).ToArray();
        return OnnxTensors.FromFloats(name, weights, _channels, 1, 2, 2);
    }
}
