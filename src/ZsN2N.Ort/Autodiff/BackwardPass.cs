using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Autodiff;

/// <summary>
/// Reverse-mode differentiation of an ONNX graph: appends to it the nodes that compute
/// d(loss)/d(parameter) for each requested parameter, as graph outputs named <c>&lt;parameter&gt;_grad</c>.
/// </summary>
/// <remarks>
/// Nodes are visited in reverse topological order. A tensor read by several nodes receives one
/// gradient contribution from each, summed before its producer is differentiated. Only nodes that
/// lie between a parameter and the loss are differentiated, and each rule emits only the input
/// gradients that lead back to a parameter.
/// </remarks>
internal sealed class BackwardPass
{
    private readonly GraphBuilder _builder;
    private readonly GradientRegistry _registry;
    private readonly Dictionary<string, List<string>> _contributions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _gradients = new(StringComparer.Ordinal);

    private BackwardPass(GraphBuilder builder, GradientRegistry registry)
    {
        _builder = builder;
        _registry = registry;
    }

    /// <summary>Differentiates the scalar <paramref name="loss"/> of <paramref name="graph"/> with respect to <paramref name="parameters"/>.</summary>
    /// <param name="graph">A topologically sorted graph; modified in place.</param>
    /// <param name="loss">The name of a rank-0 float tensor.</param>
    /// <param name="parameters">Graph inputs to differentiate; each becomes an output <c>&lt;name&gt;_grad</c> of the same shape.</param>
    /// <param name="registry">The gradient rules; <see cref="GradientRegistry.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The loss or a parameter is not in the graph, or the loss does not depend on a parameter.</exception>
    /// <exception cref="NotSupportedException">An operator on the path has no gradient rule.</exception>
    public static void Run(GraphProto graph, string loss, IReadOnlyList<string> parameters, GradientRegistry? registry = null)
    {
        var pass = new BackwardPass(new GraphBuilder(graph), registry ?? GradientRegistry.Default);
        pass.Differentiate(loss, parameters);
    }

    private void Differentiate(string loss, IReadOnlyList<string> parameters)
    {
        var graph = _builder.Graph;
        var forwardNodes = graph.Node.ToList();
        if (!forwardNodes.Any(n => n.Output.Contains(loss)))
        {
            throw new ArgumentException($"Loss tensor '{loss}' is produced by no node of graph '{graph.Name}'.", nameof(loss));
        }

        foreach (var parameter in parameters.Where(p => graph.Input.All(i => i.Name != p)))
        {
            throw new ArgumentException($"Parameter '{parameter}' is not an input of graph '{graph.Name}'.", nameof(parameters));
        }

        var needsGradient = ForwardReachable(forwardNodes, parameters);
        var feedsLoss = BackwardReachable(forwardNodes, loss);

        _contributions[loss] = [_builder.Scalar($"{loss}_grad/seed", 1f)];
        for (var n = forwardNodes.Count - 1; n >= 0; n--)
        {
            var node = forwardNodes[n];
            var inputMask = node.Input.Select(i => needsGradient.Contains(i)).ToArray();
            if (!node.Output.Any(feedsLoss.Contains) || !inputMask.Any(b => b) || _registry.IsNonDifferentiable(node.OpType))
            {
                continue;
            }

            var rule = _registry.Get(node.OpType, node.Name);
            var context = new GradientContext(_builder, node, node.Output.Select(Gradient).ToArray(), inputMask);
            rule.Build(context);
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (!inputMask[i])
                {
                    continue;
                }

                var produced = context.InputGradients[i]
                    ?? throw new InvalidOperationException($"The {node.OpType} rule wrote no gradient for input {i} of node '{node.Name}'.");
                Contribute(node.Input[i], produced);
            }
        }

        foreach (var parameter in parameters)
        {
            var gradient = Gradient(parameter)
                ?? throw new ArgumentException($"Loss '{loss}' does not depend on parameter '{parameter}'.", nameof(parameters));
            var name = $"{parameter}_grad";
            if (gradient != name)
            {
                _builder.Node("Identity", [gradient], name);
            }

            var declaration = graph.Input.First(i => i.Name == parameter).Clone();
            declaration.Name = name;
            _builder.Output(declaration);
        }
    }

    private void Contribute(string tensor, string gradient)
    {
        if (!_contributions.TryGetValue(tensor, out var list))
        {
            _contributions[tensor] = list = [];
        }

        list.Add(gradient);
    }

    // The gradient of a tensor once all its consumers are differentiated: the sum of their contributions.
    private string? Gradient(string tensor)
    {
        if (_gradients.TryGetValue(tensor, out var done))
        {
            return done;
        }

        if (!_contributions.TryGetValue(tensor, out var parts))
        {
            return null;
        }

        var gradient = parts.Count == 1 ? parts[0] : _builder.Node("Sum", parts, $"{tensor}_grad/sum");
        _gradients[tensor] = gradient;
        return gradient;
    }

    private HashSet<string> ForwardReachable(List<NodeProto> nodes, IEnumerable<string> sources)
    {
        var reached = new HashSet<string>(sources, StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => !_registry.IsNonDifferentiable(n.OpType) && n.Input.Any(reached.Contains)))
        {
            reached.UnionWith(node.Output);
        }

        return reached;
    }

    private static HashSet<string> BackwardReachable(List<NodeProto> nodes, string sink)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { sink };
        for (var n = nodes.Count - 1; n >= 0; n--)
        {
            if (nodes[n].Output.Any(reached.Contains))
            {
                reached.UnionWith(nodes[n].Input.Where(i => i.Length > 0));
            }
        }

        return reached;
    }
}
