using ZsN2N.Ort.Autodiff;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Autodiff;

/// <summary>
/// Each gradient rule against central finite differences: a one-node graph, loss = mean((Y - T)²) for a
/// fixed random target T, differentiated by <see cref="BackwardPass"/> and run in ONNX Runtime.
/// </summary>
[TestClass]
public sealed class GradientRuleTests
{
    // The loss is a low-degree polynomial of the inputs away from ReLU kinks, so float32 central
    // differences with ε = 1e-2 are accurate to about 1e-5 of the largest gradient.
    private const float Epsilon = 1e-2f;
    private const double Tolerance = 1e-3;

    public static IEnumerable<object[]> Cases =>
    [
        ["Conv 3x3 pads 1 with bias", "Conv", new[] { Input("x", 2, 3, 6, 5), Input("w", 4, 3, 3, 3), Input("b", 4) }, new long[] { 2, 4, 6, 5 }, new[] { OnnxAttributes.Ints("kernel_shape", 3, 3), OnnxAttributes.Ints("pads", 1, 1, 1, 1) }],
        ["Conv 3x3 unpadded", "Conv", new[] { Input("x", 1, 2, 5, 6), Input("w", 3, 2, 3, 3) }, new long[] { 1, 3, 3, 4 }, new[] { OnnxAttributes.Ints("kernel_shape", 3, 3) }],
        ["Conv 3x2 asymmetric pads, shifts split between input and output gradient", "Conv", new[] { Input("x", 2, 4, 5, 6), Input("w", 3, 4, 3, 2) }, new long[] { 2, 3, 5, 6 }, new[] { OnnxAttributes.Ints("kernel_shape", 3, 2), OnnxAttributes.Ints("pads", 2, 0, 0, 1) }],
        ["Conv 2x3 asymmetric pads, one input channel: every shift on the input", "Conv", new[] { Input("x", 2, 1, 5, 6), Input("w", 5, 1, 2, 3), Input("b", 5) }, new long[] { 2, 5, 5, 7 }, new[] { OnnxAttributes.Ints("kernel_shape", 2, 3), OnnxAttributes.Ints("pads", 0, 1, 1, 2) }],
        ["Conv 1x1", "Conv", new[] { Input("x", 1, 4, 5, 5), Input("w", 2, 4, 1, 1), Input("b", 2) }, new long[] { 1, 2, 5, 5 }, new[] { OnnxAttributes.Ints("kernel_shape", 1, 1) }],
        ["Conv 2x2 stride 2 depthwise, odd size", "Conv", new[] { Input("x", 1, 3, 7, 6), Constant("w", 3, 1, 2, 2) }, new long[] { 1, 3, 3, 3 }, new[] { OnnxAttributes.Ints("kernel_shape", 2, 2), OnnxAttributes.Ints("strides", 2, 2), OnnxAttributes.Int("group", 3) }],
        ["LeakyRelu", "LeakyRelu", new[] { Input("x", 2, 3, 4, 4) }, new long[] { 2, 3, 4, 4 }, new[] { OnnxAttributes.Float("alpha", 0.2f) }],
        ["LeakyRelu default alpha", "LeakyRelu", new[] { Input("x", 2, 3, 4) }, new long[] { 2, 3, 4 }, Array.Empty<AttributeProto>()],
        ["LeakyRelu alpha above 1", "LeakyRelu", new[] { Input("x", 2, 3, 4) }, new long[] { 2, 3, 4 }, new[] { OnnxAttributes.Float("alpha", 1.5f) }],
        ["LeakyRelu negative alpha", "LeakyRelu", new[] { Input("x", 2, 3, 4) }, new long[] { 2, 3, 4 }, new[] { OnnxAttributes.Float("alpha", -0.5f) }],
        ["Relu", "Relu", new[] { Input("x", 2, 3, 4) }, new long[] { 2, 3, 4 }, Array.Empty<AttributeProto>()],
        ["Add", "Add", new[] { Input("x", 2, 3), Input("y", 2, 3) }, new long[] { 2, 3 }, Array.Empty<AttributeProto>()],
        ["Sub", "Sub", new[] { Input("x", 2, 3), Input("y", 2, 3) }, new long[] { 2, 3 }, Array.Empty<AttributeProto>()],
        ["Mul", "Mul", new[] { Input("x", 2, 3), Input("y", 2, 3) }, new long[] { 2, 3 }, Array.Empty<AttributeProto>()],
        ["Mul by a constant scalar", "Mul", new[] { Input("x", 2, 3), Constant("s") }, new long[] { 2, 3 }, Array.Empty<AttributeProto>()],
        ["Neg", "Neg", new[] { Input("x", 4) }, new long[] { 4 }, Array.Empty<AttributeProto>()],
        ["Identity", "Identity", new[] { Input("x", 4) }, new long[] { 4 }, Array.Empty<AttributeProto>()],
        ["Concat axis 0", "Concat", new[] { Input("x", 1, 2, 3), Input("y", 2, 2, 3) }, new long[] { 3, 2, 3 }, new[] { OnnxAttributes.Int("axis", 0) }],
        ["Concat axis 2", "Concat", new[] { Input("x", 2, 2, 1), Input("y", 2, 2, 3) }, new long[] { 2, 2, 4 }, new[] { OnnxAttributes.Int("axis", 2) }],
        ["ReduceMean over axis 1", "ReduceMean", new[] { Input("x", 2, 3, 4) }, new long[] { 2, 4 }, new[] { OnnxAttributes.Ints("axes", 1), OnnxAttributes.Int("keepdims", 0) }],
        ["ReduceMean keepdims", "ReduceMean", new[] { Input("x", 2, 3, 4) }, new long[] { 1, 3, 1 }, new[] { OnnxAttributes.Ints("axes", 0, 2) }],
        ["ReduceMean over all", "ReduceMean", new[] { Input("x", 2, 3, 4) }, Array.Empty<long>(), new[] { OnnxAttributes.Int("keepdims", 0) }],
        ["ReduceSum over all", "ReduceSum", new[] { Input("x", 2, 3, 4) }, Array.Empty<long>(), new[] { OnnxAttributes.Int("keepdims", 0) }],
        ["ReduceSum keepdims", "ReduceSum", new[] { Input("x", 2, 3, 4) }, new long[] { 1, 1, 1 }, Array.Empty<AttributeProto>()],
        ["Mul by broadcast weights", "Mul", new[] { Input("x", 2, 3, 4, 5), Constant("w", 1, 1, 4, 5) }, new long[] { 2, 3, 4, 5 }, Array.Empty<AttributeProto>()],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    // The attributes come as objects: AttributeProto is internal to the engine, and a test method is public.
    public void RuleMatchesFiniteDifferences(string name, string op, TestInput[] inputs, long[] outputShape, object[] attributes)
    {
        var builder = new GraphBuilder("rule_test");
        var values = new Dictionary<string, (float[] Values, long[] Shape)>();
        var seed = 1;
        foreach (var input in inputs)
        {
            // Kept away from 0 so that no ReLU kink lies within ε.
            var data = TestRandom.Uniform(seed++, (int)OnnxTensors.ElementCount(input.Shape), 0.1f, 1f)
                .Select((v, i) => i % 3 == 0 ? -v : v).ToArray();
            if (input.IsConstant)
            {
                builder.Constant(OnnxTensors.FromFloats(input.Name, data, input.Shape));
            }
            else
            {
                builder.Input(OnnxValueInfos.Float(input.Name, input.Shape.Cast<object>().ToArray()));
                values[input.Name] = (data, input.Shape);
            }
        }

        var output = builder.Node(op, inputs.Select(i => i.Name), "output", attributes.Cast<AttributeProto>().ToArray());
        var target = builder.Constant(OnnxTensors.FromFloats("target", TestRandom.Uniform(99, (int)OnnxTensors.ElementCount(outputShape)), outputShape));
        var difference = builder.Node("Sub", [output, target], "difference");
        builder.Node("ReduceMean", [builder.Node("Mul", [difference, difference], "squared")], "loss", OnnxAttributes.Int("keepdims", 0));
        builder.Output(OnnxValueInfos.Float("loss"));
        var differentiable = values.Keys.ToArray();
        BackwardPass.Run(builder.Graph, "loss", differentiable);

        using var runner = new OrtRunner(OnnxModels.Create(builder.Graph));
        var analytic = runner.Run(values);
        foreach (var input in differentiable)
        {
            var numeric = FiniteDifferences.Gradient(values[input].Values, Epsilon, () => runner.Run(values, "loss")["loss"][0]);
            var error = FiniteDifferences.MaxRelativeError(numeric, analytic[$"{input}_grad"]);
            Assert.IsLessThan(Tolerance, error, $"{name}: d loss / d {input} is off by {error:E2} of its largest element.");
        }
    }

    [TestMethod]
    public void UnknownOperatorFailsNamingOpAndNode()
    {
        var builder = new GraphBuilder("unknown");
        builder.Input(OnnxValueInfos.Float("x", 2L));
        builder.Node("ReduceMean", [builder.Node("Sin", ["x"], "sine")], "loss", OnnxAttributes.Int("keepdims", 0));

        var error = Assert.ThrowsExactly<NotSupportedException>(() => BackwardPass.Run(builder.Graph, "loss", ["x"]));

        StringAssert.Contains(error.Message, "'Sin'");
        StringAssert.Contains(error.Message, "'sine'");
    }

    [TestMethod]
    public void ParameterTheLossIgnoresIsRefused()
    {
        var builder = new GraphBuilder("unused");
        builder.Input(OnnxValueInfos.Float("x", 2L));
        builder.Input(OnnxValueInfos.Float("unused", 2L));
        builder.Node("ReduceMean", ["x"], "loss", OnnxAttributes.Int("keepdims", 0));

        var error = Assert.ThrowsExactly<ArgumentException>(() => BackwardPass.Run(builder.Graph, "loss", ["x", "unused"]));

        StringAssert.Contains(error.Message, "'unused'");
    }

    private static TestInput Input(string name, params long[] shape) => new(name, shape, false);

    private static TestInput Constant(string name, params long[] shape) => new(name, shape, true);

    public sealed record TestInput(string Name, long[] Shape, bool IsConstant)
    {
        public override string ToString() => $"{Name}[{string.Join(",", Shape)}]";
    }
}
