using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Autodiff;

/// <summary>
/// What a gradient rule sees of one forward node, in the vocabulary of ONNX Runtime's gradient
/// builders: <c>I(i)</c>/<c>O(i)</c> forward tensors, <c>GI(i)</c>/<c>GO(i)</c> their gradients,
/// <c>IA(name)</c> intermediates. Every name a rule creates starts with <c>&lt;node&gt;_grad/</c>,
/// so names never collide.
/// </summary>
internal sealed class GradientContext
{
    private readonly GraphBuilder _builder;
    private readonly string?[] _outputGradients;
    private readonly bool[] _inputNeedsGradient;
    private readonly string?[] _inputGradients;

    internal GradientContext(GraphBuilder builder, NodeProto node, string?[] outputGradients, bool[] inputNeedsGradient)
    {
        _builder = builder;
        Node = node;
        _outputGradients = outputGradients;
        _inputNeedsGradient = inputNeedsGradient;
        _inputGradients = new string?[node.Input.Count];
    }

    /// <summary>The forward node.</summary>
    public NodeProto Node { get; }

    /// <summary>Forward input <paramref name="i"/>.</summary>
    public string I(int i) => Node.Input[i];

    /// <summary>Forward output <paramref name="i"/>.</summary>
    public string O(int i) => Node.Output[i];

    /// <summary>The gradient of output <paramref name="i"/>.</summary>
    /// <exception cref="InvalidOperationException">The loss does not depend on that output.</exception>
    public string GO(int i) => _outputGradients[i]
        ?? throw new InvalidOperationException($"Output {i} ('{O(i)}') of node '{Node.Name}' has no gradient.");

    /// <summary>Whether input <paramref name="i"/> needs a gradient; rules emit only those.</summary>
    public bool NeedsGradient(int i) => i < _inputNeedsGradient.Length && _inputNeedsGradient[i];

    /// <summary>The name under which the rule must write the gradient of input <paramref name="i"/>.</summary>
    public string GI(int i) => _inputGradients[i] ??= $"{Node.Name}_grad/d_{I(i)}_{i}";

    /// <summary>A name for an intermediate tensor of this rule.</summary>
    public string IA(string name) => $"{Node.Name}_grad/{name}";

    /// <summary>Adds a backward node writing <paramref name="output"/>.</summary>
    public string Emit(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        _builder.Node(opType, inputs, output, attributes);

    /// <summary>Adds a backward node with several outputs.</summary>
    public string[] Emit(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes) =>
        _builder.Node(opType, inputs, outputs, attributes);

    /// <summary>A float32 scalar constant owned by this rule.</summary>
    public string Scalar(string name, float value) => _builder.Scalar(IA(name), value);

    /// <summary>An int64 vector constant owned by this rule.</summary>
    public string Vector(string name, params long[] values) => _builder.Vector(IA(name), values);

    /// <summary>A float32 constant owned by this rule, [<paramref name="dims"/>].</summary>
    public string Floats(string name, float[] values, params long[] dims) => _builder.Constant(OnnxTensors.FromFloats(IA(name), values, dims));

    /// <summary>The static shape of a graph input or constant, or null when the graph does not state one.</summary>
    public long[]? Shape(string tensor)
    {
        if (_builder.Graph.Initializer.FirstOrDefault(t => t.Name == tensor) is { } constant)
        {
            return [.. constant.Dims];
        }

        var declared = _builder.Graph.Input.Concat(_builder.Graph.ValueInfo).FirstOrDefault(v => v.Name == tensor);
        return declared?.Type.TensorType.Shape?.Dim is { } dims && dims.All(d => d.DimValue > 0)
            ? dims.Select(d => d.DimValue).ToArray()
            : null;
    }

    /// <summary>The INTS attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public long[] Ints(string name, long[] fallback) => OnnxAttributes.FindInts(Node, name) ?? fallback;

    /// <summary>The INT attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public long Int(string name, long fallback) => OnnxAttributes.GetInt(Node, name, fallback);

    /// <summary>The FLOAT attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public float Float(string name, float fallback) => OnnxAttributes.GetFloat(Node, name, fallback);

    /// <summary>The gradients the rule wrote, by input index (null where none was asked for).</summary>
    internal IReadOnlyList<string?> InputGradients => _inputGradients;

    /// <summary>Fails naming the node when the rule cannot differentiate this use of the operator.</summary>
    public NotSupportedException Unsupported(string why) =>
        new($"Cannot differentiate {Node.OpType} node '{Node.Name}': {why}.");
}
