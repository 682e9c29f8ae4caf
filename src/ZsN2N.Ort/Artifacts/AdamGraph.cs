using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Artifacts;

/// <summary>
/// Builds the optimizer graph: one Adam step with bias correction, as torch.optim.Adam computes it.
/// Inputs: <c>learning_rate</c> and <c>step</c> (float scalars; step counts from 1), then for each
/// parameter p: p, p_grad, p_adam_m, p_adam_v. Outputs, per parameter: p_next, p_adam_m_next, p_adam_v_next.
/// </summary>
/// <remarks>
/// m ← β₁m + (1-β₁)g; v ← β₂v + (1-β₂)g²;
/// p ← p - (lr / (1-β₁ᵗ)) · m / (√v / √(1-β₂ᵗ) + ε).
/// The learning rate is an input, so any schedule runs without a new graph.
/// </remarks>
internal static class AdamGraph
{
    /// <summary>The learning-rate input.</summary>
    public const string LearningRateInput = "learning_rate";

    /// <summary>The 1-based step-count input.</summary>
    public const string StepInput = "step";

    /// <summary>The first-moment state of <paramref name="parameter"/>.</summary>
    public static string FirstMoment(string parameter) => $"{parameter}_adam_m";

    /// <summary>The second-moment state of <paramref name="parameter"/>.</summary>
    public static string SecondMoment(string parameter) => $"{parameter}_adam_v";

    /// <summary>The updated value of an input tensor <paramref name="name"/>.</summary>
    public static string Next(string name) => $"{name}_next";

    /// <summary>Builds the Adam step for <paramref name="parameters"/> (their declarations, with concrete shapes).</summary>
    public static ModelProto Create(IEnumerable<ValueInfoProto> parameters, AdamSettings settings)
    {
        var builder = new GraphBuilder("zsn2n_adam");
        var learningRate = builder.Input(OnnxValueInfos.Float(LearningRateInput));
        var step = builder.Input(OnnxValueInfos.Float(StepInput));
        var one = builder.Scalar("one", 1f);
        var beta1 = builder.Scalar("beta1", settings.Beta1);
        var beta2 = builder.Scalar("beta2", settings.Beta2);
        var oneMinusBeta1 = builder.Scalar("one_minus_beta1", 1f - settings.Beta1);
        var oneMinusBeta2 = builder.Scalar("one_minus_beta2", 1f - settings.Beta2);
        var epsilon = builder.Scalar("epsilon", settings.Epsilon);

        var correction1 = builder.Node("Sub", [one, builder.Node("Pow", [beta1, step], "beta1_power")], "bias_correction1");
        var correction2 = builder.Node("Sub", [one, builder.Node("Pow", [beta2, step], "beta2_power")], "bias_correction2");
        var stepSize = builder.Node("Div", [learningRate, correction1], "step_size");
        var correction2Root = builder.Node("Sqrt", [correction2], "bias_correction2_sqrt");

        foreach (var declaration in parameters)
        {
            var p = declaration.Name;
            var shape = OnnxValueInfos.ConcreteShape(declaration).Cast<object>().ToArray();
            var names = new[] { p, TrainingGraph.GradientName(p), FirstMoment(p), SecondMoment(p) };
            foreach (var name in names)
            {
                builder.Input(OnnxValueInfos.Float(name, shape));
            }

            var (gradient, m, v) = (names[1], names[2], names[3]);
            var mNext = builder.Node(
                "Add",
                [builder.Node("Mul", [beta1, m], $"{p}/m_decayed"), builder.Node("Mul", [oneMinusBeta1, gradient], $"{p}/m_new")],
                Next(m));
            var gradientSquared = builder.Node("Mul", [gradient, gradient], $"{p}/g_squared");
            var vNext = builder.Node(
                "Add",
                [builder.Node("Mul", [beta2, v], $"{p}/v_decayed"), builder.Node("Mul", [oneMinusBeta2, gradientSquared], $"{p}/v_new")],
                Next(v));
            var denominator = builder.Node(
                "Add",
                [builder.Node("Div", [builder.Node("Sqrt", [vNext], $"{p}/v_sqrt"), correction2Root], $"{p}/v_corrected"), epsilon],
                $"{p}/denominator");
            var update = builder.Node("Mul", [stepSize, builder.Node("Div", [mNext, denominator], $"{p}/direction")], $"{p}/update");
            builder.Node("Sub", [p, update], Next(p));
            foreach (var name in new[] { p, m, v })
            {
                builder.Output(OnnxValueInfos.Float(Next(name), shape));
            }
        }

        return OnnxModels.Create(builder.Graph, "ZS-N2N optimizer step: Adam with bias correction (torch.optim.Adam).");
    }
}
