using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;
using ZsN2N.Ort.Tests.TestSupport;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Tests.Onnx;

/// <summary>
/// The NCHWc rewrite against the graphs it rewrites, run in ONNX Runtime on this machine's block size: same outputs
/// within float rounding, and the convolutions on the blocked kernels.
/// </summary>
[TestClass]
public sealed class NchwcLayoutTests
{
    private static int Block => RuntimeSession.NchwcBlockSize;

    [TestMethod]
    public void ThisMachineHasBlockedKernels() =>
        Assert.IsTrue(Block is 8 or 16, $"ONNX Runtime's NCHWc block size here is {Block}; x64 builds have 8 (AVX2) or 16 (AVX-512).");

    [TestMethod]
    [DataRow(3, NetworkKind.Paper)]
    [DataRow(1, NetworkKind.Paper)]
    [DataRow(3, NetworkKind.Deep)]
    public void TheTrainingGraphGivesTheSameLossAndGradientsWithEveryConvolutionBlocked(int channels, NetworkKind network)
    {
        var features = 2 * Block;
        var (height, width) = (12, 10);
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.For(network), channels, features, seed: 5);
        var blocked = NchwcLayout.Apply(artifacts.Training, Block);

        // Every convolution with weights of the network's width runs blocked: the forward 3x3 ones, their input gradients
        // and the input gradient of the 1x1 output layer. Left in NCHW: the output layer (C outputs) and the
        // downsampler's and the weight gradients' convolutions, whose weights are constants (one-hot shift kernels).
        var constants = blocked.Graph.Initializer.Select(t => t.Name).ToHashSet();
        Assert.IsFalse(
            blocked.Graph.Node.Any(n => n.OpType == "Conv" && n.Domain.Length == 0 && Kernel(n) == 9 && !constants.Contains(n.Input[1])),
            "A 3x3 convolution of the network's weights was left in NCHW.");
        Assert.IsTrue(blocked.Graph.Node.Any(n => n.Domain == NchwcLayout.Domain && n.OpType == "Conv" && Kernel(n) == 1), "The 1x1 input gradient was left in NCHW.");
        Assert.IsFalse(blocked.Graph.Node.Any(n => n.OpType == "LeakyRelu"), "A LeakyRelu was not fused into its convolution.");

        var inputs = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            [TrainingGraph.ImageInput] = (TestRandom.Uniform(3, channels * height * width, 0f, 1f), [1, channels, height, width]),
        };
        var weights = TrainingGraph.UniformLossWeights(channels, height, width);
        inputs[weights.Name] = (weights.Values, weights.Shape);
        foreach (var parameter in artifacts.Initial.Tensors)
        {
            inputs[parameter.Name] = (parameter.Values.Select(v => v * 3f).ToArray(), parameter.Shape);
        }

        using var reference = new OrtRunner(artifacts.Training);
        using var rewritten = new OrtRunner(blocked);
        var expected = reference.Run(inputs);
        var actual = rewritten.Run(inputs);
        foreach (var (name, values) in expected)
        {
            var error = FiniteDifferences.MaxRelativeError(Array.ConvertAll(values, v => (double)v), actual[name]);
            Assert.IsLessThan(1e-5, error, $"{name} differs by {error:E2} of its largest element.");
        }
    }

    [TestMethod]
    public void ConsecutiveConvolutionsShareTheBlockedTensorAndRunTheirActivation()
    {
        var builder = new GraphBuilder("chain");
        builder.Input(OnnxValueInfos.Float("x", 2L, 3L, 7L, 9L));
        builder.Input(OnnxValueInfos.Float("w1", (long)Block, 3L, 3L, 3L));
        builder.Input(OnnxValueInfos.Float("b1", (long)Block));
        builder.Input(OnnxValueInfos.Float("w2", 2L * Block, (long)Block, 3L, 3L));
        var conv1 = builder.Node("Conv", ["x", "w1", "b1"], "conv1", OnnxAttributes.Ints("kernel_shape", 3, 3), OnnxAttributes.Ints("pads", 1, 1, 1, 1));
        var act1 = builder.Node("LeakyRelu", [conv1], "act1", OnnxAttributes.Float("alpha", 0.2f));
        var conv2 = builder.Node("Conv", [act1, "w2"], "conv2", OnnxAttributes.Ints("kernel_shape", 3, 3), OnnxAttributes.Ints("pads", 0, 1, 2, 0));
        builder.Node("Relu", [conv2], "y");
        builder.Output(OnnxValueInfos.Float("y", 2L, 2L * Block, 7L, 7L));
        var model = OnnxModels.Create(builder.Graph);

        var blocked = NchwcLayout.Apply(model, Block);

        var ops = blocked.Graph.Node.Where(n => n.Domain == NchwcLayout.Domain).Select(n => n.OpType).ToArray();
        CollectionAssert.AreEqual(new[] { "Conv", "Conv", "ReorderOutput" }, ops, string.Join(", ", ops));
        CollectionAssert.AreEqual(
            new[] { "LeakyRelu", "Relu" },
            blocked.Graph.Node.Where(n => n.OpType == "Conv" && n.Domain == NchwcLayout.Domain).Select(n => n.Attribute.First(a => a.Name == "activation").S.ToStringUtf8()).ToArray());
        var inputs = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            ["x"] = (TestRandom.Uniform(1, 2 * 3 * 7 * 9, -1f, 1f), [2, 3, 7, 9]),
            ["w1"] = (TestRandom.Uniform(2, Block * 27, -1f, 1f), [Block, 3, 3, 3]),
            ["b1"] = (TestRandom.Uniform(3, Block, -1f, 1f), [Block]),
            ["w2"] = (TestRandom.Uniform(4, 2 * Block * Block * 9, -1f, 1f), [2 * Block, Block, 3, 3]),
        };
        using var reference = new OrtRunner(model);
        using var rewritten = new OrtRunner(blocked);
        var error = FiniteDifferences.MaxRelativeError(Array.ConvertAll(reference.Run(inputs)["y"], v => (double)v), rewritten.Run(inputs)["y"]);
        Assert.IsLessThan(1e-5, error, $"The output differs by {error:E2} of its largest element.");
    }

    [TestMethod]
    public void TheLeakyReluGradientRunsBlockedBetweenConvolutionsWithItsSlopeInOneKernel()
    {
        // The pattern of the training graph's backward pass: the slope clip(Y · 2^127, alpha, 1) of a fused activation's
        // output Y times an input gradient from a convolution, read by the next input-gradient convolution.
        var shape = new object[] { 1L, (long)Block, 6L, 5L };
        var builder = new GraphBuilder("backward");
        builder.Input(OnnxValueInfos.Float("x", shape));
        builder.Input(OnnxValueInfos.Float("g", shape));
        builder.Input(OnnxValueInfos.Float("w1", (long)Block, (long)Block, 3L, 3L));
        builder.Input(OnnxValueInfos.Float("w2", (long)Block, (long)Block, 3L, 3L));
        builder.Input(OnnxValueInfos.Float("w3", 2L * Block, (long)Block, 3L, 3L));
        var pads = OnnxAttributes.Ints("pads", 1, 1, 1, 1);
        var y = builder.Node("LeakyRelu", [builder.Node("Conv", ["x", "w1"], "z", pads)], "y", OnnxAttributes.Float("alpha", 0.2f));
        var dy = builder.Node("Conv", ["g", "w2"], "dy", pads);
        var scaled = builder.Node("Mul", [y, builder.Scalar("two_to_127", 1.7014118e38f)], "scaled");
        var slope = builder.Node("Clip", [scaled, builder.Scalar("alpha", 0.2f), builder.Scalar("one", 1f)], "slope");
        var dz = builder.Node("Mul", [dy, slope], "dz");
        builder.Node("Conv", [dz, "w3"], "dx", pads);
        builder.Output(OnnxValueInfos.Float("slope", shape));
        builder.Output(OnnxValueInfos.Float("dx", 1L, 2L * Block, 6L, 5L));
        var model = OnnxModels.Create(builder.Graph);

        var blocked = NchwcLayout.Apply(model, Block);

        var nodes = blocked.Graph.Node;
        Assert.AreEqual(2, nodes.Count(n => n.OpType == "ReorderInput"), "Only the graph inputs x and g should be reordered in.");
        CollectionAssert.AreEquivalent(new[] { "slope", "dx" }, nodes.Where(n => n.OpType == "ReorderOutput").Select(n => n.Output[0]).ToArray());
        var slopeKernel = nodes.Single(n => n.Domain == NchwcLayout.Domain && n.OpType == "Conv" && OnnxAttributes.GetInt(n, "group", 1) == Block);
        Assert.AreEqual("Clip", slopeKernel.Attribute.Single(a => a.Name == "activation").S.ToStringUtf8());
        Assert.IsFalse(nodes.Any(n => n.OpType == "Clip"), "The slope's Clip was left as a node.");
        var read = nodes.SelectMany(n => n.Input).ToHashSet();
        CollectionAssert.AreEquivalent(Array.Empty<string>(), blocked.Graph.Initializer.Where(t => !read.Contains(t.Name)).Select(t => t.Name).ToArray());

        var size = Block * 6 * 5;
        var inputs = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            ["x"] = (TestRandom.Uniform(1, size, -1f, 1f), [1, Block, 6, 5]),
            ["g"] = (TestRandom.Uniform(2, size, -1f, 1f), [1, Block, 6, 5]),
            ["w1"] = (TestRandom.Uniform(3, Block * Block * 9, -1f, 1f), [Block, Block, 3, 3]),
            ["w2"] = (TestRandom.Uniform(4, Block * Block * 9, -1f, 1f), [Block, Block, 3, 3]),
            ["w3"] = (TestRandom.Uniform(5, 2 * Block * Block * 9, -1f, 1f), [2 * Block, Block, 3, 3]),
        };
        using var reference = new OrtRunner(model);
        using var rewritten = new OrtRunner(blocked);
        var expected = reference.Run(inputs);
        var actual = rewritten.Run(inputs);
        CollectionAssert.AreEquivalent(new[] { 0.2f, 1f }, expected["slope"].Distinct().ToArray(), "The inputs should give both slopes.");
        CollectionAssert.AreEqual(expected["slope"], actual["slope"], "The fused slope differs from Mul and Clip.");
        var error = FiniteDifferences.MaxRelativeError(Array.ConvertAll(expected["dx"], v => (double)v), actual["dx"]);
        Assert.IsLessThan(1e-5, error, $"dx differs by {error:E2} of its largest element.");
    }

    [TestMethod]
    public void ConvolutionsTheKernelsDoNotCoverAreLeftAsTheyAre()
    {
        var builder = new GraphBuilder("uncovered");
        builder.Input(OnnxValueInfos.Float("x", 1L, (long)Block, 8L, 8L));
        builder.Input(OnnxValueInfos.Float("grouped", (long)Block, 1L, 3L, 3L));
        builder.Input(OnnxValueInfos.Float("few_outputs", 3L, (long)Block, 1L, 1L));
        builder.Input(OnnxValueInfos.Float("strided", (long)Block, (long)Block, 2L, 2L));
        builder.Node("Conv", ["x", "grouped"], "y1", OnnxAttributes.Ints("kernel_shape", 3, 3), OnnxAttributes.Int("group", Block));
        builder.Node("Conv", ["x", "few_outputs"], "y2", OnnxAttributes.Ints("kernel_shape", 1, 1));
        builder.Node("Conv", ["x", "strided"], "y3", OnnxAttributes.Ints("kernel_shape", 2, 2), OnnxAttributes.Ints("strides", 2, 2));
        var model = OnnxModels.Create(builder.Graph);

        Assert.AreSame(model, NchwcLayout.Apply(model, Block));
    }

    [TestMethod]
    public void ABlockSizeBelowTwoIsRefused()
    {
        var model = OnnxModels.Create(new GraphBuilder("empty").Graph);

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NchwcLayout.Apply(model, 1));

        StringAssert.Contains(error.Message, "1");
    }

    private static long Kernel(NodeProto conv) => OnnxAttributes.FindInts(conv, "kernel_shape")!.Aggregate(1L, (a, b) => a * b);
}
