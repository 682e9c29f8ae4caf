using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Onnx;

/// <summary>
/// Appends nodes, constants, inputs and outputs to an ONNX graph, keeping every tensor name unique.
/// Nodes are named after their first output, so generated graphs are deterministic and diffable.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph.</summary>
    public GraphBuilder(string name) => Graph = new GraphProto { Name = name };

    /// <summary>Continues an existing graph (it is modified in place).</summary>
    public GraphBuilder(GraphProto graph)
    {
        Graph = graph;
        foreach (var value in graph.Input.Concat(graph.Output).Select(v => v.Name))
        {
            _names.Add(value);
        }

        foreach (var initializer in graph.Initializer)
        {
            _names.Add(initializer.Name);
        }

        foreach (var output in graph.Node.SelectMany(n => n.Output))
        {
            _names.Add(output);
        }
    }

    /// <summary>The graph being built.</summary>
    public GraphProto Graph { get; }

    /// <summary>Whether a tensor of this name exists in the graph.</summary>
    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    /// <exception cref="ArgumentException">The output name is taken.</exception>
    public string Node(string opType, IEnumerable<string> inputs, string output, params AttributeProto[] attributes) =>
        Node(opType, inputs, [output], attributes)[0];

    /// <summary>Adds a node and returns its output names.</summary>
    /// <exception cref="ArgumentException">An output name is taken.</exception>
    public string[] Node(string opType, IEnumerable<string> inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = outputs[0] };
        node.Input.AddRange(inputs);
        foreach (var output in outputs)
        {
            Claim(output);
        }

        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Adds a constant tensor (an initializer) and returns its name.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public string Constant(TensorProto tensor)
    {
        Claim(tensor.Name);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float32 scalar constant.</summary>
    public string Scalar(string name, float value) => Constant(OnnxTensors.Scalar(name, value));

    /// <summary>An int64 vector constant.</summary>
    public string Vector(string name, params long[] values) => Constant(OnnxTensors.Vector(name, values));

    /// <summary>Declares a graph input.</summary>
    public string Input(ValueInfoProto input)
    {
        Claim(input.Name);
        Graph.Input.Add(input);
        return input.Name;
    }

    /// <summary>Declares an existing tensor as a graph output.</summary>
    public void Output(ValueInfoProto output) => Graph.Output.Add(output);

    private void Claim(string name)
    {
        if (!_names.Add(name))
        {
            throw new ArgumentException($"Tensor name '{name}' is already used in graph '{Graph.Name}'.", nameof(name));
        }
    }
}
