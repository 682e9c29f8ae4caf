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
/// <para>
/// Each rewritten Conv reads its input blocked: the blocked tensor where one exists, else through <c>ReorderInput</c>.
/// Its output stays blocked, and so do the outputs of elementwise nodes (Add, Sub, Mul, Div, Clip, Neg, Relu,
/// LeakyRelu) whose tensors all exist blocked, with one shape (a Reshape to the first one's shape checks that at run
/// time, for blocked tensors broadcast differently) or as single constants: the backward pass's LeakyRelu gradient
/// runs between the input-gradient convolutions without leaving the blocked layout. A <c>ReorderOutput</c> gives a
/// blocked tensor its NCHW value where the first other node, or a graph output, reads it, so every other node still
/// sees NCHW.
/// </para>
/// <para>
/// Fused into one kernel: a LeakyRelu or Relu that is a Conv output's only reader, and <c>clip(x · s, lo, hi)</c> of a
/// blocked x with constants s, lo and hi (the LeakyRelu gradient's slope), as a depthwise 1x1 Conv of weight s with the
/// Clip fused: one pass over the tensor instead of two, each output the same rounded product, clipped. Convolutions that
/// the kernels do not cover (groups, strides, dilations, output channels not a multiple of B, input channels neither
/// below B nor a multiple of it, a weight of unknown shape) stay as they are.
/// </para>
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
        // Elementwise operators that give the same values on any layout of their tensors, when those share one layout and
        // one shape (or are single values).
        private static readonly HashSet<string> Elementwise = new(StringComparer.Ordinal) { "Add", "Sub", "Mul", "Div", "Clip", "Neg", "Relu", "LeakyRelu" };

        private readonly Dictionary<string, string> _blocked = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _channels = new(StringComparer.Ordinal);
        private readonly HashSet<string> _unreordered = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long[]> _weightShapes = new(StringComparer.Ordinal);
        private readonly List<NodeProto> _nodes = [];
        private Dictionary<string, TensorProto> _singleValues = [];
        private GraphBuilder? _builder;

        public bool Run()
        {
            var original = graph.Node.ToList();
            var readers = original.SelectMany(n => n.Input).Where(i => i.Length > 0).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
            var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            // Single constants of rank up to 4 broadcast over a blocked [N, C, H, W] tensor without changing its shape.
            _singleValues = graph.Initializer.Where(t => OnnxTensors.ElementCount(t.Dims) == 1 && t.Dims.Count <= 4).ToDictionary(t => t.Name, StringComparer.Ordinal);
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
                if (Eligible(node, out var weightShape))
                {
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
                else if (ClipOfScaling(node, original.Skip(n + 1), readers, graphOutputs) is { } clip)
                {
                    RewriteClippedScaling(node, clip);
                    fused.Add(clip);
                }
                else if (OnBlockedTensors(node))
                {
                    RewriteElementwise(node);
                }
                else
                {
                    // Nodes with subgraphs may read any tensor of this scope.
                    Reorder(node.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0) ? [.. _unreordered] : node.Input);
                    _nodes.Add(node);
                }
            }

            Reorder(graphOutputs);
            graph.Node.Clear();
            graph.Node.AddRange(_nodes);

            // Constants that only fused nodes read (ONNX Runtime warns of each unused one).
            var read = _nodes.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
            foreach (var unused in graph.Initializer.Where(t => readers.ContainsKey(t.Name) && !read.Contains(t.Name) && !graphOutputs.Contains(t.Name)).ToList())
            {
                graph.Initializer.Remove(unused);
            }

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
            if (!blockedInput)
            {
                Reorder([input]);
            }
            else if (!_blocked.TryGetValue(input, out input!))
            {
                input = Add(builder, "ReorderInput", [conv.Input[0]], $"{name}/nchwc_input", Domain, OnnxAttributes.Int("channels_last", 0));
                _blocked[conv.Input[0]] = input;
                _channels[conv.Input[0]] = inputChannels;
            }

            Reorder(conv.Input.Skip(2));
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
            _blocked[output] = Add(builder, "Conv", inputs, $"{output}/nchwc", Domain, [.. attributes]);
            _channels[output] = outputChannels;
            _unreordered.Add(output);
        }

        // A Mul of a blocked tensor by a constant, read only by a Clip between constants (the LeakyRelu gradient's slope).
        private NodeProto? ClipOfScaling(NodeProto node, IEnumerable<NodeProto> following, Dictionary<string, int> readers, HashSet<string> graphOutputs)
        {
            if (node.OpType != "Mul" || node.Domain.Length != 0 || node.Input.Count != 2 || node.Input.Count(_blocked.ContainsKey) != 1
                || !node.Input.Any(FloatConstant) || readers.GetValueOrDefault(node.Output[0]) != 1 || graphOutputs.Contains(node.Output[0]))
            {
                return null;
            }

            return following.FirstOrDefault(c => c.Input.Count > 0 && c.Input[0] == node.Output[0]) is { OpType: "Clip", Domain.Length: 0 } clip
                && clip.Input.Count == 3 && FloatConstant(clip.Input[1]) && FloatConstant(clip.Input[2])
                ? clip
                : null;
        }

        private bool FloatConstant(string name) =>
            _singleValues.TryGetValue(name, out var tensor) && tensor.DataType == (int)TensorProto.Types.DataType.Float;

        // clip(x · s, lo, hi) as a depthwise 1x1 convolution with weight s and the Clip fused: one pass over the tensor
        // instead of two, with the same bits (each output is the rounded product, then clipped).
        private void RewriteClippedScaling(NodeProto scaling, NodeProto clip)
        {
            var builder = _builder!;
            var tensor = scaling.Input.First(_blocked.ContainsKey);
            var channels = _channels[tensor];
            float Value(string name) => OnnxTensors.ToFloats(_singleValues[name])[0];

            var output = clip.Output[0];
            var scale = Value(scaling.Input.First(i => i != tensor));
            var weight = builder.Constant(OnnxTensors.FromFloats($"{output}/nchwc_scale", Enumerable.Repeat(scale, (int)channels).ToArray(), channels, 1, 1, 1));
            _blocked[output] = Add(builder, "Conv", [_blocked[tensor], weight], $"{output}/nchwc", Domain,
                OnnxAttributes.Ints("kernel_shape", 1, 1), OnnxAttributes.Int("group", channels),
                OnnxAttributes.String("activation", "Clip"), OnnxAttributes.Floats("activation_params", Value(clip.Input[1]), Value(clip.Input[2])));
            _channels[output] = channels;
            _unreordered.Add(output);
        }

        // An elementwise node whose tensors all exist blocked runs on them, and its output stays blocked.
        private bool OnBlockedTensors(NodeProto node) =>
            node.Domain.Length == 0 && Elementwise.Contains(node.OpType) && node.Output.Count == 1
            && node.Input.Where(i => i.Length > 0).All(i => _blocked.ContainsKey(i) || _singleValues.ContainsKey(i))
            && node.Input.Any(_blocked.ContainsKey);

        private void RewriteElementwise(NodeProto node)
        {
            var builder = _builder!;
            var output = node.Output[0];
            var tensors = node.Input.Where(_blocked.ContainsKey).Distinct().ToList();
            var first = _blocked[tensors[0]];
            var inputs = node.Input.Select(i => _blocked.GetValueOrDefault(i, i)).ToList();
            if (tensors.Count > 1)
            {
                // Blocked tensors broadcast differently from NCHW ones, so the others must have the first one's shape:
                // a Reshape to it (which copies nothing) fails where they do not, instead of giving other values.
                var shape = Add(builder, "Shape", [first], $"{output}/nchwc_shape");
                for (var t = 1; t < tensors.Count; t++)
                {
                    var reshaped = Add(builder, "Reshape", [_blocked[tensors[t]], shape], $"{output}/nchwc_input{t}");
                    inputs = inputs.Select(i => i == _blocked[tensors[t]] ? reshaped : i).ToList();
                }
            }

            _blocked[output] = Add(builder, node.OpType, inputs, $"{output}/nchwc", [.. node.Attribute]);
            _channels[output] = _channels[tensors[0]];
            _unreordered.Add(output);
        }

        // Gives every blocked-only tensor among names its NCHW value, at this point of the graph.
        private void Reorder(IEnumerable<string> names)
        {
            foreach (var name in names.Where(_unreordered.Contains).Distinct().ToList())
            {
                _nodes.Add(new NodeProto
                {
                    OpType = "ReorderOutput",
                    Domain = Domain,
                    Name = $"{name}/nchwc_output",
                    Input = { _blocked[name] },
                    Output = { name },
                    Attribute = { OnnxAttributes.Int("channels", _channels[name]), OnnxAttributes.Int("channels_last", 0) },
                });
                _unreordered.Remove(name);
            }
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
