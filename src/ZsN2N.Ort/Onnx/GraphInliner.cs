using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Onnx;

/// <summary>Copies a single-input, single-output subgraph into a larger graph, as a function call would.</summary>
internal static class GraphInliner
{
    /// <summary>
    /// Appends the nodes of <paramref name="subgraph"/> to <paramref name="target"/>. Its first input reads
    /// <paramref name="input"/>, its first output is written as <paramref name="output"/>, its other inputs
    /// (the shared parameters) keep their names, and every other tensor is prefixed with <paramref name="prefix"/>.
    /// </summary>
    /// <returns><paramref name="output"/>.</returns>
    public static string Inline(GraphBuilder target, GraphProto subgraph, string prefix, string input, string output) =>
        Inline(target, subgraph, prefix, input, output, subgraph.Input.Skip(1).Select(i => i.Name).ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// Appends the nodes of <paramref name="subgraph"/> to <paramref name="target"/> as above, except that the tensors
    /// named in <paramref name="shared"/> (inputs or initializers) keep their names and must already be in the target.
    /// </summary>
    /// <returns><paramref name="output"/>.</returns>
    public static string Inline(GraphBuilder target, GraphProto subgraph, string prefix, string input, string output, IReadOnlySet<string> shared)
    {
        var imageInput = subgraph.Input[0].Name;
        var subgraphOutput = subgraph.Output[0].Name;

        string Rename(string name) =>
            name.Length == 0 || shared.Contains(name) ? name
            : name == imageInput ? input
            : name == subgraphOutput ? output
            : prefix + name;

        foreach (var initializer in subgraph.Initializer.Where(i => !shared.Contains(i.Name)))
        {
            var copy = initializer.Clone();
            copy.Name = Rename(initializer.Name);
            target.Constant(copy);
        }

        foreach (var node in subgraph.Node)
        {
            target.Node(node.OpType, node.Input.Select(Rename), node.Output.Select(Rename).ToArray(), node.Attribute.Select(a => a.Clone()).ToArray());
        }

        return output;
    }
}
