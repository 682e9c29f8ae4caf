using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = sum of X over the reduced axes (opset 13+ form, axes as an optional second input; all axes when absent):
/// dX = broadcast(dY) to X's shape, with dY first unsqueezed back to rank(X) when keepdims = 0.
/// </summary>
internal sealed class ReduceSumGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        if (c.Int("noop_with_empty_axes", 0) != 0)
        {
            throw c.Unsupported("noop_with_empty_axes is not supported");
        }

        var gradient = c.GO(0);
        var axes = c.Node.Input.Count > 1 && c.I(1).Length > 0 ? c.I(1) : null;
        if (c.Int("keepdims", 1) == 0 && axes is not null)
        {
            gradient = c.Emit("Unsqueeze", [gradient, axes], c.IA("unsqueezed"));
        }

        var shape = c.Emit("Shape", [c.I(0)], c.IA("input_shape"));
        c.Emit("Expand", [gradient, shape], c.GI(0));
    }
}
