using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = X if X &gt; 0 else αX: dX = dY · (X &gt; 0 ? 1 : α), with ONNX's default α = 0.01.
/// For α ≥ 0 the sign test reads Y (Y &gt; 0 exactly when X &gt; 0), so X has no consumer but this node
/// and ONNX Runtime can fuse the producing Conv with the activation.
/// </summary>
internal sealed class LeakyReluGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        var alpha = c.Float("alpha", 0.01f);
        var positive = c.Emit("Greater", [alpha >= 0 ? c.O(0) : c.I(0), c.Scalar("zero", 0f)], c.IA("positive"));
        var slope = c.Emit("Where", [positive, c.Scalar("one", 1f), c.Scalar("alpha", alpha)], c.IA("slope"));
        c.Emit("Mul", [c.GO(0), slope], c.GI(0));
    }
}
