using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Artifacts;

/// <summary>Each generated graph loads in a stock ONNX Runtime session, declares the expected signature and produces tensors of the declared shapes.</summary>
[TestClass]
public sealed class GeneratedGraphsTests
{
    private static readonly string[] Parameters = ["conv1_weight", "conv1_bias", "conv2_weight", "conv2_bias", "conv3_weight", "conv3_bias"];

    [TestMethod]
    [DataRow(1, 48)]
    [DataRow(3, 48)]
    [DataRow(3, 16)]
    public void TrainingGraphHasTheDeclaredSignatureAndShapes(int channels, int features)
    {
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, channels, features);
        using var runner = new OrtRunner(artifacts.Training);

        CollectionAssert.AreEqual(new[] { "image", "loss_weights" }.Concat(Parameters).ToArray(), runner.Session.InputNames.ToArray());
        CollectionAssert.AreEqual(new[] { "loss" }.Concat(Parameters.Select(p => p + "_grad")).ToArray(), runner.Session.OutputNames.ToArray());
        CollectionAssert.AreEqual(new[] { 1, channels, -1, -1 }, runner.Session.InputMetadata["image"].Dimensions);
        CollectionAssert.AreEqual(new[] { 1, 1, -1, -1 }, runner.Session.InputMetadata["loss_weights"].Dimensions);

        var inputs = ParameterInputs(artifacts);
        inputs["image"] = (TestRandom.Uniform(5, channels * 11 * 13, 0f, 1f), [1, channels, 11, 13]);
        inputs["loss_weights"] = (TrainingGraph.UniformLossWeights(channels, 11, 13).Values, [1, 1, 5, 6]);
        var outputs = runner.Run(inputs);

        Assert.HasCount(1, outputs["loss"]);
        Assert.IsTrue(float.IsFinite(outputs["loss"][0]) && outputs["loss"][0] > 0);
        foreach (var parameter in artifacts.Initial.Tensors)
        {
            CollectionAssert.AreEqual(parameter.Shape.Select(d => (int)d).ToArray(), runner.Session.OutputMetadata[parameter.Name + "_grad"].Dimensions);
            Assert.HasCount(parameter.Values.Length, outputs[parameter.Name + "_grad"]);
            Assert.IsTrue(outputs[parameter.Name + "_grad"].All(float.IsFinite));
        }
    }

    [TestMethod]
    public void OptimizerGraphReturnsEveryStateInItsShape()
    {
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 48);
        using var runner = new OrtRunner(artifacts.Optimizer);
        var inputs = new Dictionary<string, (float[], long[])> { ["learning_rate"] = ([1e-3f], []), ["step"] = ([1f], []) };
        foreach (var p in artifacts.Initial.Tensors)
        {
            inputs[p.Name] = (p.Values, p.Shape);
            inputs[p.Name + "_grad"] = (TestRandom.Uniform(2, p.Values.Length), p.Shape);
            inputs[p.Name + "_adam_m"] = (new float[p.Values.Length], p.Shape);
            inputs[p.Name + "_adam_v"] = (new float[p.Values.Length], p.Shape);
        }

        var outputs = runner.Run(inputs);

        Assert.HasCount(3 * Parameters.Length, outputs);
        foreach (var p in artifacts.Initial.Tensors)
        {
            foreach (var state in new[] { p.Name, p.Name + "_adam_m", p.Name + "_adam_v" })
            {
                CollectionAssert.AreEqual(p.Shape.Select(d => (int)d).ToArray(), runner.Session.OutputMetadata[state + "_next"].Dimensions);
                Assert.HasCount(p.Values.Length, outputs[state + "_next"]);
            }
        }
    }

    [TestMethod]
    public void InferenceGraphKeepsTheImageShapeAndClampsToUnitRange()
    {
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 48);
        using var runner = new OrtRunner(artifacts.Inference);
        var inputs = ParameterInputs(artifacts);
        inputs["image"] = (TestRandom.Uniform(6, 2 * 3 * 9 * 7, -0.5f, 1.5f), [2, 3, 9, 7]);

        var denoised = runner.Run(inputs)["denoised"];

        CollectionAssert.AreEqual(new[] { -1, 3, -1, -1 }, runner.Session.InputMetadata["image"].Dimensions);
        Assert.HasCount(2 * 3 * 9 * 7, denoised);
        Assert.IsTrue(denoised.All(v => v is >= 0f and <= 1f));
        Assert.IsTrue(denoised.Any(v => v is > 0f and < 1f));
    }

    [TestMethod]
    public void CheckpointRoundTripsAndRunsAsAModel()
    {
        var initial = ArtifactGenerator.Generate(NetworkDefinition.Default, 1, 48).Initial;
        var saved = new Checkpoint(initial.Tensors, step: 42);

        var bytes = saved.ToBytes();
        var loaded = Checkpoint.FromBytes(bytes);
        using var session = new InferenceSession(bytes);
        using var results = session.Run(new RunOptions(), [], [], session.OutputNames.ToArray());

        Assert.AreEqual(42, loaded.Step);
        for (var i = 0; i < initial.Tensors.Count; i++)
        {
            Assert.AreEqual(initial.Tensors[i].Name, loaded.Tensors[i].Name);
            CollectionAssert.AreEqual(initial.Tensors[i].Shape, loaded.Tensors[i].Shape);
            CollectionAssert.AreEqual(initial.Tensors[i].Values, loaded.Tensors[i].Values);
            CollectionAssert.AreEqual(initial.Tensors[i].Values, results[i].GetTensorDataAsSpan<float>().ToArray());
        }
    }

    [TestMethod]
    public void InitialisationFollowsPyTorchConv2dBounds()
    {
        var initial = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 48, seed: 11).Initial;

        // fan_in: conv1 3·3·3 = 27, conv2 48·3·3 = 432, conv3 48·1·1 = 48; U(-1/√fan_in, 1/√fan_in).
        foreach (var (name, fanIn) in new[] { ("conv1_weight", 27), ("conv1_bias", 27), ("conv2_weight", 432), ("conv2_bias", 432), ("conv3_weight", 48), ("conv3_bias", 48) })
        {
            var values = initial[name].Values;
            var bound = 1 / Math.Sqrt(fanIn);
            Assert.IsTrue(values.All(v => Math.Abs(v) <= bound), name);
            if (values.Length >= 1000)
            {
                // A uniform on [-b, b] has standard deviation b/√3.
                var std = Math.Sqrt(values.Average(v => (double)v * v));
                Assert.AreEqual(bound / Math.Sqrt(3), std, 0.05 * bound, name);
            }
        }

        CollectionAssert.AreNotEqual(initial["conv2_weight"].Values, ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 48, seed: 12).Initial["conv2_weight"].Values);
    }

    [TestMethod]
    public void SerializedGraphsAreLoadableBytes()
    {
        foreach (var (name, bytes) in ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 48).ToFiles())
        {
            using var session = new InferenceSession(bytes);
            Assert.IsNotEmpty(session.OutputNames, name);
        }
    }

    private static Dictionary<string, (float[] Values, long[] Shape)> ParameterInputs(TrainingArtifacts artifacts) =>
        artifacts.Initial.Tensors.ToDictionary(t => t.Name, t => (t.Values, t.Shape));
}
