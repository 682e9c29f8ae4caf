using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Onnx;

/// <summary>
/// Rewrites the 2-D convolutions of a model into ONNX Runtime's blocked-channel (NCHWc) CPU kernels, whose direct
/// convolution is faster than the im2col + GEMM of its NCHW Conv. ONNX Runtime does this itself only for weights that
/// are constant initializers; here the weights are graph inputs or computed (parameters, their flipped transposes in
/// the backward pass), so the filter is reordered by graph nodes: [O, I, kH, kW] to O/B, I/B, kH, kW, B(i), B(o)
/// (OIHWBiBo) or, for fewer than B input channels read as NCHW, O/B, I, kH, kW, B(o) (OIHWBo), B being the block
/// size of the machine's kernels (<c>MlasNchwcGetBlockSize</c>: 16 with AVX-512, 8 otherwise on x64).
/// </summary>
/// <remarks>
/// Each rewritten Conv reads its input through <c>ReorderInput</c> (none when the input is the NCHW output of another
/// rewritten Conv: its blocked tensor is used) and writes through <c>ReorderOutput</c>, so every other node still sees
/// NCHW. A LeakyRelu or Relu that is the Conv output's only reader runs inside the kernel. Convolutions that the
/// kernels do not cover (groups, strides, dilations, output channels not a multiple of B, input channels neither
/// below B nor a multiple of it, a weight of unknown shape) stay as they are.
/// </remarks>
internal static class NchwcLayout
{
    /// <summary>The operator domain of ONNX Runtime's blocked-channel CPU kernels.</summary>
    public const string Domain = "com.microsoft.nchwc";

    /// <summary>
    /// A copy of <paramref name="model"/> with its eligible convolutions on blocks of <paramref name="blockSize"/>
    /// channels; the model itself when none is eligible.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockSize"/> is below 2.</exception>
    public static ModelProto Apply(ModelProto model, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 2);
        var result = model.Clone();
        if (!new Rewriter(result.Graph, blockSize).Run())
        {
            return model;
        }

        result.OpsetImport.Add(new OperatorSetIdProto { Domain = Domain, Version = 1 });
        return result;
    }

    private sealed class Rewriter(GraphProto graph, int block)
    {
        private readonly Dictionary<string, string> _blocked = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long[]> _weightShapes = new(StringComparer.Ordinal);
        private readonly List<NodeProto> _nodes = [];
        private GraphBuilder? _builder;

        public bool Run()
        {
            var original = graph.Node.ToList();
            var readers = original.SelectMany(n => n.Input).Where(i => i.Length > 0).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
            var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            var fused = new HashSet<NodeProto>();
            var rewritten = false;
            _builder = new GraphBuilder(graph);
            graph.Node.Clear();
            for (var n = 0; n < original.Count; n++)
            {
                var node = original[n];
                if (fused.Contains(node))
                {
                    continue;
                }

                RecordWeightShape(node);
                if (!Eligible(node, out var weightShape))
                {
                    _nodes.Add(node);
                    continue;
                }

                // An activation that is the convolution's only reader runs in the kernel.
                var activation = readers.GetValueOrDefault(node.Output[0]) == 1 && !graphOutputs.Contains(node.Output[0])
                    ? original.Skip(n + 1).FirstOrDefault(a => a.Input.Count > 0 && a.Input[0] == node.Output[0] && a.OpType is "LeakyRelu" or "Relu" && a.Domain.Length == 0)
                    : null;
                if (activation is not null)
                {
                    fused.Add(activation);
                }

                Rewrite(node, weightShape, activation);
                rewritten = true;
            }

            graph.Node.Clear();
            graph.Node.AddRange(_nodes);
            return rewritten;
        }

        private bool Eligible(NodeProto node, out long[] weightShape)
        {
            weightShape = [];
            if (node.OpType != "Conv" || node.Domain.Length != 0 || node.Input.Count < 2
                || OnnxAttributes.GetInt(node, "group", 1) != 1
                || (OnnxAttributes.FindInts(node, "strides") ?? [1, 1]).Any(s => s != 1)
                || (OnnxAttributes.FindInts(node, "dilations") ?? [1, 1]).Any(d => d != 1)
                || node.Attribute.Any(a => a.Name == "auto_pad" && a.S.ToStringUtf8() is not ("NOTSET" or ""))
                || !_weightShapes.TryGetValue(node.Input[1], out var shape) || shape.Length != 4)
            {
                return false;
            }

            weightShape = shape;
            var (outputChannels, inputChannels) = (shape[0], shape[1]);
            return outputChannels % block == 0 && (inputChannels < block || inputChannels % block == 0);
        }

        private void Rewrite(NodeProto conv, long[] weightShape, NodeProto? activation)
        {
            var builder = _builder!;
            var name = conv.Output[0];
            var (outputChannels, inputChannels, kernelSize) = (weightShape[0], weightShape[1], weightShape[2] * weightShape[3]);
            var blockedInput = inputChannels >= block;

            // The filter blocks, laid out as MlasReorderFilterOIHWBiBo (resp. ...OIHWBo) does for constant weights.
            var (split, perm) = blockedInput
                ? (new[] { outputChannels / block, block, inputChannels / block, block, kernelSize }, new long[] { 0, 2, 4, 3, 1 })
                : (new[] { outputChannels / block, block, inputChannels * kernelSize }, new long[] { 0, 2, 1 });
            var filter = Add(builder, "Reshape", [conv.Input[1], builder.Vector($"{name}/nchwc_filter_split", split)], $"{name}/nchwc_filter_blocks");
            filter = Add(builder, "Transpose", [filter], $"{name}/nchwc_filter_blocks_t", OnnxAttributes.Ints("perm", perm));
            filter = Add(builder, "Reshape", [filter, builder.Vector($"{name}/nchwc_filter_shape", weightShape)], $"{name}/nchwc_filter");

            var input = conv.Input[0];
            if (blockedInput && !_blocked.TryGetValue(input, out input!))
            {
                input = Add(builder, "ReorderInput", [conv.Input[0]], $"{name}/nchwc_input", Domain, OnnxAttributes.Int("channels_last", 0));
                _blocked[conv.Input[0]] = input;
            }

            var attributes = conv.Attribute.Where(a => a.Name is "kernel_shape" or "pads" or "strides" or "dilations" or "group").ToList();
            if (activation is not null)
            {
                attributes.Add(OnnxAttributes.String("activation", activation.OpType));
                if (activation.OpType == "LeakyRelu")
                {
                    attributes.Add(OnnxAttributes.Floats("activation_params", OnnxAttributes.GetFloat(activation, "alpha", 0.01f)));
                }
            }

            var output = activation?.Output[0] ?? name;
            var inputs = new List<string> { input, filter };
            inputs.AddRange(conv.Input.Skip(2));
            var blockedOutput = Add(builder, "Conv", inputs, $"{output}/nchwc", Domain, [.. attributes]);
            _nodes.Add(new NodeProto
            {
                OpType = "ReorderOutput",
                Domain = Domain,
                Name = $"{output}/nchwc_output",
                Input = { blockedOutput },
                Output = { output },
                Attribute = { OnnxAttributes.Int("channels", outputChannels), OnnxAttributes.Int("channels_last", 0) },
            });
            _blocked[output] = blockedOutput;
        }

        private string Add(GraphBuilder builder, string op, IEnumerable<string> inputs, string output, params AttributeProto[] attributes) =>
            Add(builder, op, inputs, output, "", attributes);

        private string Add(GraphBuilder builder, string op, IEnumerable<string> inputs, string output, string domain, params AttributeProto[] attributes)
        {
            builder.Node(op, inputs, output, attributes);
            var node = graph.Node[^1];
            node.Domain = domain;
            graph.Node.RemoveAt(graph.Node.Count - 1);
            _nodes.Add(node);
            return output;
        }

        // Weight shapes: those of inputs and constants, carried through the Identity, flip (Slice) and Transpose nodes
        // that make the backward pass's weights.
        private void RecordWeightShape(NodeProto node)
        {
            if (_weightShapes.Count == 0)
            {
                foreach (var input in graph.Input.Where(i => i.Type.TensorType.Shape?.Dim.All(d => d.DimValue > 0) == true))
                {
                    _weightShapes[input.Name] = OnnxValueInfos.ConcreteShape(input);
                }

                foreach (var constant in graph.Initializer)
                {
                    _weightShapes[constant.Name] = [.. constant.Dims];
                }
            }

            if (node.Input.Count == 0 || !_weightShapes.TryGetValue(node.Input[0], out var shape))
            {
                return;
            }

            if (node.OpType is "Identity" or "Slice" && node.Domain.Length == 0 && KeepsShape(node))
            {
                _weightShapes[node.Output[0]] = shape;
            }
            else if (node.OpType == "Transpose" && node.Domain.Length == 0 && OnnxAttributes.FindInts(node, "perm") is { } perm && perm.Length == shape.Length)
            {
                _weightShapes[node.Output[0]] = perm.Select(p => shape[p]).ToArray();
            }
        }

        // Identity keeps the shape, and so does a Slice that runs every axis it names backwards from the end (a flip).
        private bool KeepsShape(NodeProto node)
        {
            if (node.OpType == "Identity")
            {
                return true;
            }

            long[]? Constant(int index) =>
                index < node.Input.Count && graph.Initializer.FirstOrDefault(t => t.Name == node.Input[index]) is { } tensor ? OnnxTensors.ToInt64s(tensor) : null;

            return Constant(1) is { } starts && Constant(2) is { } ends && Constant(4) is { } steps
                && starts.All(s => s == -1) && ends.All(e => e == long.MinValue) && steps.All(s => s == -1);
        }
    }
}
