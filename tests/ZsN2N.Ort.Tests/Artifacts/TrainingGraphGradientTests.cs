using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Artifacts;

/// <summary>Every parameter gradient of the generated training graph against central finite differences of its loss.</summary>
[TestClass]
public sealed class TrainingGraphGradientTests
{
    [TestMethod]
    [DataRow(3, 4, 8, 10, NetworkKind.Paper)]
    [DataRow(1, 3, 9, 7, NetworkKind.Paper)]
    [DataRow(3, 3, 9, 8, NetworkKind.Deep)]
    public void EveryParameterGradientMatchesFiniteDifferences(int channels, int features, int height, int width, NetworkKind network)
    {
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.For(network), channels, features, seed: 7);
        using var runner = new OrtRunner(artifacts.Training);
        var inputs = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            [TrainingGraph.ImageInput] = (TestRandom.Uniform(3, channels * height * width, 0f, 1f), [1, channels, height, width]),
        };
        var weights = TrainingGraph.UniformLossWeights(channels, height, width);
        inputs[weights.Name] = (weights.Values, weights.Shape);
        foreach (var parameter in artifacts.Initial.Tensors)
        {
            // Observed errors stay below 4e-3 of the largest gradient (float32 noise and the odd LeakyReLU kink inside ±ε).
            // Larger than the default initialisation, so that f's output is not negligible next to x.
            inputs[parameter.Name] = (parameter.Values.Select(v => v * 3f).ToArray(), parameter.Shape);
        }

        var analytic = runner.Run(inputs);
        foreach (var parameter in artifacts.Initial.Tensors)
        {
            var numeric = FiniteDifferences.Gradient(inputs[parameter.Name].Values, 1e-3f, () => runner.Run(inputs, TrainingGraph.LossOutput)[TrainingGraph.LossOutput][0]);
            var error = FiniteDifferences.MaxRelativeError(numeric, analytic[TrainingGraph.GradientName(parameter.Name)]);
            Assert.IsLessThan(1e-2, error, $"d loss / d {parameter.Name} is off by {error:E2} of its largest element.");
        }
    }
}
