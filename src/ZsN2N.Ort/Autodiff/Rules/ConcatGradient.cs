using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>Y = concat(X₀, …, Xₙ) along an axis: dXᵢ is the slice of dY that Xᵢ filled, cut by Split with the inputs' sizes.</summary>
internal sealed class ConcatGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        var axis = c.Int("axis", 0);
        var count = c.Node.Input.Count;
        var sizes = new string[count];
        for (var i = 0; i < count; i++)
        {
            var shape = c.Emit("Shape", [c.I(i)], c.IA($"shape_{i}"));
            sizes[i] = c.Emit("Gather", [shape, c.Vector($"axis_{i}", axis)], c.IA($"size_{i}"));
        }

        var split = c.Emit("Concat", sizes, c.IA("split"), OnnxAttributes.Int("axis", 0));
        var outputs = Enumerable.Range(0, count).Select(i => c.NeedsGradient(i) ? c.GI(i) : c.IA($"unused_{i}")).ToArray();
        c.Emit("Split", [c.GO(0), split], outputs, OnnxAttributes.Int("axis", axis));
    }
}
