using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Tests.TestSupport;

namespace ZsN2N.Ort.Tests.Artifacts;

/// <summary>The generated Adam graph against a plain C# Adam written from torch.optim.Adam's formulas.</summary>
[TestClass]
public sealed class AdamGraphTests
{
    [TestMethod]
    public void MatchesPlainAdamIncludingBiasCorrectionAndLearningRateChange()
    {
        long[] shape = [4, 3, 3, 3];
        var count = (int)OnnxTensors.ElementCount(shape);
        var settings = AdamSettings.Default;
        var model = AdamGraph.Create([OnnxValueInfos.Float("w", shape.Cast<object>().ToArray())], settings);
        using var runner = new OrtRunner(model);

        var parameter = TestRandom.Uniform(1, count);
        var m = new float[count];
        var v = new float[count];
        var expected = new ReferenceAdam(parameter.Select(p => (double)p).ToArray(), settings);
        (int Step, float LearningRate)[] schedule = [(1, 1e-3f), (2, 1e-3f), (3, 5e-4f), (4, 5e-4f), (5, 0.1f)];
        foreach (var (step, learningRate) in schedule)
        {
            var gradient = TestRandom.Uniform(10 + step, count, -0.05f, 0.05f);
            var outputs = runner.Run(new Dictionary<string, (float[], long[])>
            {
                ["learning_rate"] = ([learningRate], []),
                ["step"] = ([step], []),
                ["w"] = (parameter, shape),
                ["w_grad"] = (gradient, shape),
                ["w_adam_m"] = (m, shape),
                ["w_adam_v"] = (v, shape),
            });
            expected.Step(gradient, learningRate);
            (parameter, m, v) = (outputs["w_next"], outputs["w_adam_m_next"], outputs["w_adam_v_next"]);

            for (var i = 0; i < count; i++)
            {
                Assert.AreEqual(expected.Parameter[i], parameter[i], 1e-6 + 1e-5 * Math.Abs(expected.Parameter[i]), $"step {step}, element {i}");
                Assert.AreEqual(expected.FirstMoment[i], m[i], 1e-7, $"m at step {step}");
                Assert.AreEqual(expected.SecondMoment[i], v[i], 1e-9, $"v at step {step}");
            }
        }
    }

    [TestMethod]
    public void FirstStepMovesEachParameterByTheLearningRate()
    {
        // With bias correction, m̂ = g and v̂ = g² at step 1, so every parameter moves by lr·sign(g).
        var model = AdamGraph.Create([OnnxValueInfos.Float("w", 3L)], AdamSettings.Default);
        using var runner = new OrtRunner(model);

        var outputs = runner.Run(new Dictionary<string, (float[], long[])>
        {
            ["learning_rate"] = ([0.01f], []),
            ["step"] = ([1f], []),
            ["w"] = ([1f, 1f, 1f], [3]),
            ["w_grad"] = ([0.5f, -2f, 1e-3f], [3]),
            ["w_adam_m"] = (new float[3], [3]),
            ["w_adam_v"] = (new float[3], [3]),
        });

        CollectionAssert.AreEqual(new[] { 0.99f, 1.01f, 0.99f }, outputs["w_next"], new Tolerance(1e-5f));
    }

    private sealed class ReferenceAdam(double[] parameter, AdamSettings settings)
    {
        private int _step;

        public double[] Parameter { get; } = parameter;

        public double[] FirstMoment { get; } = new double[parameter.Length];

        public double[] SecondMoment { get; } = new double[parameter.Length];

        public void Step(float[] gradient, double learningRate)
        {
            _step++;
            var correction1 = 1 - Math.Pow(settings.Beta1, _step);
            var correction2 = 1 - Math.Pow(settings.Beta2, _step);
            for (var i = 0; i < Parameter.Length; i++)
            {
                FirstMoment[i] = settings.Beta1 * FirstMoment[i] + (1 - settings.Beta1) * gradient[i];
                SecondMoment[i] = settings.Beta2 * SecondMoment[i] + (1 - settings.Beta2) * gradient[i] * (double)gradient[i];
                var denominator = Math.Sqrt(SecondMoment[i]) / Math.Sqrt(correction2) + settings.Epsilon;
                Parameter[i] -= learningRate / correction1 * FirstMoment[i] / denominator;
            }
        }
    }

    private sealed class Tolerance(float tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= tolerance ? 0 : 1;
    }
}
