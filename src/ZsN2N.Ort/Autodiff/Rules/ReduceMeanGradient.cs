using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = mean of X over the reduced axes (opset 13-17 form, axes as an attribute; all axes when absent):
/// dX = broadcast(dY) / (|X| / |Y|), with dY first unsqueezed back to rank(X) when keepdims = 0.
/// </summary>
internal sealed class ReduceMeanGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        var gradient = c.GO(0);
        var axes = c.Ints("axes", []);
        if (c.Int("keepdims", 1) == 0 && axes.Length > 0)
        {
            gradient = c.Emit("Unsqueeze", [gradient, c.Vector("axes", axes)], c.IA("unsqueezed"));
        }

        var inputCount = c.Emit("Size", [c.I(0)], c.IA("input_count"));
        var outputCount = c.Emit("Size", [c.O(0)], c.IA("output_count"));
        var ratio = c.Emit("Div", [inputCount, outputCount], c.IA("ratio"));
        var ratioFloat = c.Emit("Cast", [ratio], c.IA("ratio_float"), OnnxAttributes.Int("to", 1));
        var scaled = c.Emit("Div", [gradient, ratioFloat], c.IA("scaled"));
        var shape = c.Emit("Shape", [c.I(0)], c.IA("input_shape"));
        c.Emit("Expand", [scaled, shape], c.GI(0));
    }
}
