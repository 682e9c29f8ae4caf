using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;
using AttributeType = ZsN2N.Ort.Onnx.Protos.AttributeProto.Types.AttributeType;
using DataType = ZsN2N.Ort.Onnx.Protos.TensorProto.Types.DataType;

namespace ZsN2N.Ort.Tests.Onnx;

[TestClass]
public sealed class OnnxTextReaderTests
{
    // Every construct the reader supports, once.
    private const string EveryFeature = """
        # A comment before the header.
        <
          ir_version: 9,
          opset_import: ["" : 17, "com.x" : 1],
          producer_name: "tests",
          producer_version: "1.0",
          domain: "ai.zsn2n",
          model_version: 3,
          doc_string: "say \"hi\"\tnow\\",
          metadata_props: ["license" : "MIT"]
        >
        every_feature (
            float[N, 3, ?, , 4] a,   # symbolic, concrete, unknown and left-out dimensions
            double d, float16[] h,
            int8[1] i8, int16[1] i16, int32[1] i32, int64[1] i64,
            uint8[1] u8, uint16[1] u16, uint32[1] u32, uint64[1] u64,
            bool[1] flag, string[1] text, float[1] "weird::name"
        ) => (float[N] out, int64[] count)
        <float[2] w = {1, -2.5}, int64[2, 2] idx = {1, 2, 3, -4}, string[1] label = {"x"},
         uint64[1] big = {18446744073709551615}, float16[1] half = {0.5}, bool[2] bits = {0, 1}, double e = {1e-3}>
        {
            out, , count = com.x.Fancy <i = -3, f = 1e-3, g = -0.5, h = .5, s = "a\nb", ints = [1, 2],
                                        floats = [1, 2.5], strings = ["p", "q"], empty: floats = [], one: float = 1,
                                        t = float[2] {1.0, 2.0}> (a, , w)
            nothing = NoInputs ()
        }
        """;

    [TestMethod]
    public void ReadModelFile_ZsN2NDefinition_ReadsTheNoisePredictor()
    {
        var model = OnnxTextReader.ReadModelFile(Path.Combine(FindRepositoryRoot(), "artifacts", "zsn2n.onnxtxt"));

        Assert.AreEqual(8L, model.IrVersion);
        Assert.AreEqual("ZsN2N.Ort", model.ProducerName);
        Assert.HasCount(1, model.OpsetImport);
        Assert.AreEqual(string.Empty, model.OpsetImport[0].Domain);
        Assert.AreEqual(17L, model.OpsetImport[0].Version);

        var graph = model.Graph;
        Assert.AreEqual("zsn2n_noise_predictor", graph.Name);
        CollectionAssert.AreEqual(
            new[] { "x", "conv1_weight", "conv1_bias", "conv2_weight", "conv2_bias", "conv3_weight", "conv3_bias" },
            graph.Input.Select(input => input.Name).ToArray());
        Assert.IsTrue(graph.Input.All(input => input.Type.TensorType.ElemType == (int)DataType.Float));
        CollectionAssert.AreEqual(new[] { "batch", "channels", "height", "width" }, DimParams(graph.Input[0]));
        CollectionAssert.AreEqual(new[] { "features", "channels", "3", "3" }, DimParams(graph.Input[1]));
        CollectionAssert.AreEqual(new[] { "features" }, DimParams(graph.Input[2]));
        Assert.HasCount(1, graph.Output);
        Assert.AreEqual("noise", graph.Output[0].Name);
        CollectionAssert.AreEqual(new[] { "batch", "channels", "height", "width" }, DimParams(graph.Output[0]));
        Assert.IsEmpty(graph.Initializer);

        CollectionAssert.AreEqual(
            new[] { "Conv", "LeakyRelu", "Conv", "LeakyRelu", "Conv" },
            graph.Node.Select(node => node.OpType).ToArray());
        var conv1 = graph.Node[0];
        CollectionAssert.AreEqual(new[] { "x", "conv1_weight", "conv1_bias" }, conv1.Input.ToArray());
        CollectionAssert.AreEqual(new[] { "conv1" }, conv1.Output.ToArray());
        var pads = conv1.Attribute.Single(a => a.Name == "pads");
        Assert.AreEqual(AttributeType.Ints, pads.Type);
        CollectionAssert.AreEqual(new long[] { 1, 1, 1, 1 }, pads.Ints.ToArray());
        var kernel = conv1.Attribute.Single(a => a.Name == "kernel_shape");
        CollectionAssert.AreEqual(new long[] { 3, 3 }, kernel.Ints.ToArray());
        var alpha = graph.Node[1].Attribute.Single();
        Assert.AreEqual("alpha", alpha.Name);
        Assert.AreEqual(AttributeType.Float, alpha.Type);
        Assert.AreEqual(0.2f, alpha.F);
        Assert.HasCount(1, graph.Node[4].Attribute);
    }

    [TestMethod]
    public void ReadModel_EveryFeature_FillsTheHeader()
    {
        var model = OnnxTextReader.ReadModel(EveryFeature);

        Assert.AreEqual(9L, model.IrVersion);
        Assert.AreEqual("tests", model.ProducerName);
        Assert.AreEqual("1.0", model.ProducerVersion);
        Assert.AreEqual("ai.zsn2n", model.Domain);
        Assert.AreEqual(3L, model.ModelVersion);
        Assert.AreEqual("say \"hi\"\tnow\\", model.DocString);
        Assert.AreEqual("license", model.MetadataProps.Single().Key);
        Assert.AreEqual("MIT", model.MetadataProps.Single().Value);
        CollectionAssert.AreEqual(
            new[] { (string.Empty, 17L), ("com.x", 1L) },
            model.OpsetImport.Select(o => (o.Domain, o.Version)).ToArray());
    }

    [TestMethod]
    public void ReadModel_EveryFeature_ReadsValueInfos()
    {
        var graph = OnnxTextReader.ReadModel(EveryFeature).Graph;

        Assert.AreEqual("every_feature", graph.Name);
        var a = graph.Input[0].Type.TensorType.Shape.Dim;
        Assert.AreEqual("N", a[0].DimParam);
        Assert.AreEqual(3L, a[1].DimValue);
        Assert.AreEqual(TensorShapeProto.Types.Dimension.ValueOneofCase.None, a[2].ValueCase);
        Assert.AreEqual(TensorShapeProto.Types.Dimension.ValueOneofCase.None, a[3].ValueCase);
        Assert.AreEqual(4L, a[4].DimValue);

        var scalar = graph.Input[1].Type.TensorType;
        Assert.AreEqual((int)DataType.Double, scalar.ElemType);
        Assert.IsNotNull(scalar.Shape);
        Assert.IsEmpty(scalar.Shape.Dim);
        var unknownRank = graph.Input[2].Type.TensorType;
        Assert.AreEqual((int)DataType.Float16, unknownRank.ElemType);
        Assert.IsNull(unknownRank.Shape);

        CollectionAssert.AreEqual(
            new[]
            {
                DataType.Float, DataType.Double, DataType.Float16, DataType.Int8, DataType.Int16, DataType.Int32,
                DataType.Int64, DataType.Uint8, DataType.Uint16, DataType.Uint32, DataType.Uint64, DataType.Bool,
                DataType.String, DataType.Float,
            },
            graph.Input.Select(input => (DataType)input.Type.TensorType.ElemType).ToArray());
        Assert.AreEqual("weird::name", graph.Input[^1].Name);
        CollectionAssert.AreEqual(new[] { "out", "count" }, graph.Output.Select(o => o.Name).ToArray());
    }

    [TestMethod]
    public void ReadModel_EveryFeature_ReadsInitializers()
    {
        var initializers = OnnxTextReader.ReadModel(EveryFeature).Graph.Initializer.ToDictionary(t => t.Name);

        Assert.HasCount(7, initializers);
        CollectionAssert.AreEqual(new[] { 1f, -2.5f }, initializers["w"].FloatData.ToArray());
        CollectionAssert.AreEqual(new long[] { 2 }, initializers["w"].Dims.ToArray());
        Assert.AreEqual((int)DataType.Int64, initializers["idx"].DataType);
        CollectionAssert.AreEqual(new long[] { 2, 2 }, initializers["idx"].Dims.ToArray());
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, -4 }, initializers["idx"].Int64Data.ToArray());
        Assert.AreEqual("x", initializers["label"].StringData.Single().ToStringUtf8());
        Assert.AreEqual(ulong.MaxValue, initializers["big"].Uint64Data.Single());
        Assert.AreEqual((int)BitConverter.HalfToUInt16Bits((Half)0.5f), initializers["half"].Int32Data.Single());
        CollectionAssert.AreEqual(new[] { 0, 1 }, initializers["bits"].Int32Data.ToArray());
        Assert.IsEmpty(initializers["e"].Dims);
        Assert.AreEqual(1e-3, initializers["e"].DoubleData.Single());
    }

    [TestMethod]
    public void ReadModel_EveryFeature_ReadsNodesAndAttributes()
    {
        var nodes = OnnxTextReader.ReadModel(EveryFeature).Graph.Node;

        Assert.HasCount(2, nodes);
        var fancy = nodes[0];
        Assert.AreEqual("com.x", fancy.Domain);
        Assert.AreEqual("Fancy", fancy.OpType);
        CollectionAssert.AreEqual(new[] { "out", string.Empty, "count" }, fancy.Output.ToArray());
        CollectionAssert.AreEqual(new[] { "a", string.Empty, "w" }, fancy.Input.ToArray());

        var attributes = fancy.Attribute.ToDictionary(a => a.Name);
        Assert.AreEqual((AttributeType.Int, -3L), (attributes["i"].Type, attributes["i"].I));
        Assert.AreEqual((AttributeType.Float, 1e-3f), (attributes["f"].Type, attributes["f"].F));
        Assert.AreEqual(-0.5f, attributes["g"].F);
        Assert.AreEqual(0.5f, attributes["h"].F);
        Assert.AreEqual((AttributeType.String, "a\nb"), (attributes["s"].Type, attributes["s"].S.ToStringUtf8()));
        Assert.AreEqual(AttributeType.Ints, attributes["ints"].Type);
        CollectionAssert.AreEqual(new long[] { 1, 2 }, attributes["ints"].Ints.ToArray());
        Assert.AreEqual(AttributeType.Floats, attributes["floats"].Type);
        CollectionAssert.AreEqual(new[] { 1f, 2.5f }, attributes["floats"].Floats.ToArray());
        Assert.AreEqual(AttributeType.Strings, attributes["strings"].Type);
        CollectionAssert.AreEqual(new[] { "p", "q" }, attributes["strings"].Strings.Select(b => b.ToStringUtf8()).ToArray());
        Assert.AreEqual(AttributeType.Floats, attributes["empty"].Type);
        Assert.IsEmpty(attributes["empty"].Floats);
        Assert.AreEqual((AttributeType.Float, 1f), (attributes["one"].Type, attributes["one"].F));
        var t = attributes["t"];
        Assert.AreEqual(AttributeType.Tensor, t.Type);
        Assert.AreEqual((int)DataType.Float, t.T.DataType);
        CollectionAssert.AreEqual(new long[] { 2 }, t.T.Dims.ToArray());
        CollectionAssert.AreEqual(new[] { 1f, 2f }, t.T.FloatData.ToArray());

        Assert.AreEqual("NoInputs", nodes[1].OpType);
        Assert.AreEqual(string.Empty, nodes[1].Domain);
        Assert.IsEmpty(nodes[1].Input);
    }

    [TestMethod]
    [DataRow("g () => ()\n{\n  y = Add (a b)\n}", 3, 14, "expected ')', found 'b'")]
    [DataRow("<\n  ir_version: 8,\n  opset: 1\n>\ng () => () {}", 3, 3, "expected a model property")]
    [DataRow("<ir_version: 8, ir_version: 9> g () => () {}", 1, 17, "'ir_version' is set twice")]
    [DataRow("g (float[N x) => () {}", 1, 12, "expected ']', found 'x'")]
    [DataRow("g (floot[N] x) => () {}", 1, 4, "expected an element type")]
    [DataRow("g (float[-1] x) => () {}", 1, 10, "out of range")]
    [DataRow("g () => () {\n  y = Op <a = \"open\n> ()\n}", 2, 15, "unterminated string")]
    [DataRow("g () => () {\n  y = Op <a = \"\\q\"> ()\n}", 2, 16, "expected an escape sequence")]
    [DataRow("g () => () {\n  y = Op <a = 1e> ()\n}", 2, 17, "exponent")]
    [DataRow("g () => () {\n  y = Op <a = []> ()\n}", 2, 15, "an empty list needs a declared type")]
    [DataRow("g () => () {\n  y = Op <a = [1, \"x\"]> ()\n}", 2, 19, "expected a number like the first element")]
    [DataRow("g () => () {\n  y = Op <a: ints = 1.5> ()\n}", 2, 21, "declared ints but its value is float")]
    [DataRow("g () => () {\n  y = Op <a = 1, a = 2> ()\n}", 2, 18, "'a' is set twice")]
    [DataRow("g () => () <float[2] w = {1}> {}", 1, 26, "needs 2 values, found 1")]
    [DataRow("g () => () <uint8[1] w = {256}> {}", 1, 27, "out of range")]
    [DataRow("g () => () <float[1] = {1}> {}", 1, 13, "expected a named initializer")]
    [DataRow("g () => () {\n  y = Relu (x)\n", 3, 1, "expected a node such as 'y = Op (x)', or '}', found end of input")]
    [DataRow("g () => () {} extra", 1, 15, "expected end of input after the graph")]
    [DataRow("g () => () {\n\ty = Relu (x) $\n}", 2, 15, "unexpected character '$'")]
    public void ReadModel_SyntaxError_ReportsLineAndColumn(string text, int line, int column, string reason)
    {
        var error = Assert.ThrowsExactly<OnnxTextSyntaxException>(() => OnnxTextReader.ReadModel(text));

        Assert.AreEqual((line, column), (error.Line, error.Column), error.Message);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"line {line}, column {column}: ", error.Message);
        Assert.IsInstanceOfType<FormatException>(error);
    }

    [TestMethod]
    public void ReadModelFile_SyntaxError_NamesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.onnxtxt");
        File.WriteAllText(path, "g () => (\n");
        try
        {
            var error = Assert.ThrowsExactly<OnnxTextSyntaxException>(() => OnnxTextReader.ReadModelFile(path));

            Assert.AreEqual(path, error.SourceName);
            Assert.StartsWith($"{path}: line 2, column 1: ", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ReadModel_NullText_Throws()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => OnnxTextReader.ReadModel(null!));
        Assert.ThrowsExactly<ArgumentException>(() => OnnxTextReader.ReadModelFile(" "));
    }

    [TestMethod]
    public void ReadModel_AffineGraph_RunsInOnnxRuntime()
    {
        const string text = """
            <ir_version: 8, opset_import: ["" : 17]>
            affine (float[2, 3] x) => (float[2, 3] y)
            <float[3] scale = {2, 0.5, -1}>
            {
                shift = Constant <value = float[3] {1.0, .5, -1e-1}> ()
                scaled = Mul (x, scale)
                y = Add (scaled, shift)
            }
            """;
        float[] x = [1, 2, 3, 4, 5, 6];
        float[] scale = [2, 0.5f, -1];
        float[] shift = [1, 0.5f, -0.1f];

        float[] y = Run(OnnxTextReader.ReadModel(text), ("x", x, [2, 3]));

        float[] expected = x.Select((value, i) => (value * scale[i % 3]) + shift[i % 3]).ToArray();
        CollectionAssert.AreEqual(expected, y, new ToleranceComparer(1e-6f));
    }

    [TestMethod]
    public void ReadModelFile_ZsN2NDefinition_RunsInOnnxRuntime()
    {
        // With zero weights every convolution outputs its bias, so the predicted noise is conv3_bias everywhere.
        var model = OnnxTextReader.ReadModelFile(Path.Combine(FindRepositoryRoot(), "artifacts", "zsn2n.onnxtxt"));
        const int channels = 1, features = 4, side = 5;

        float[] noise = Run(
            model,
            ("x", Enumerable.Range(0, side * side).Select(i => (float)i).ToArray(), [1, channels, side, side]),
            ("conv1_weight", new float[features * channels * 9], [features, channels, 3, 3]),
            ("conv1_bias", Enumerable.Repeat(-1f, features).ToArray(), [features]),
            ("conv2_weight", new float[features * features * 9], [features, features, 3, 3]),
            ("conv2_bias", Enumerable.Repeat(2f, features).ToArray(), [features]),
            ("conv3_weight", new float[channels * features], [channels, features, 1, 1]),
            ("conv3_bias", [0.25f], [channels]));

        CollectionAssert.AreEqual(Enumerable.Repeat(0.25f, side * side).ToArray(), noise);
    }

    // Serializes the model with Google.Protobuf, loads it in ONNX Runtime and returns the first output.
    private static float[] Run(ModelProto model, params (string Name, float[] Data, long[] Shape)[] inputs)
    {
        using var session = new InferenceSession(model.ToByteArray());
        var values = inputs.Select(input => OrtValue.CreateTensorValueFromMemory(input.Data, input.Shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(
                runOptions, inputs.Select(input => input.Name).ToArray(), values, [session.OutputNames[0]]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    private static string[] DimParams(ValueInfoProto info) =>
        info.Type.TensorType.Shape.Dim
            .Select(dim => dim.HasDimParam ? dim.DimParam : dim.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    // The test output may sit outside the checkout (dotnet test --artifacts-path), so fall back to this file's folder.
    private static string FindRepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ZsN2N.Ort.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' or '{sourceFile}' holds ZsN2N.Ort.sln.");
    }

    private sealed class ToleranceComparer(float tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= tolerance ? 0 : 1;
    }
}
