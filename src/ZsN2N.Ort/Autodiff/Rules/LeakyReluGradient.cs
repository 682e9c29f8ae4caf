using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = X if X &gt; 0 else αX: dX = dY · (X &gt; 0 ? 1 : α), with ONNX's default α = 0.01.
/// For α ≥ 0 the sign test reads Y (Y &gt; 0 exactly when X &gt; 0), so X has no consumer but this node
/// and ONNX Runtime can fuse the producing Conv with the activation.
/// </summary>
/// <remarks>
/// For 0 ≤ α ≤ 1 the slope is clip(Y · 2¹²⁷, α, 1): the product is exact and at least 1 for every positive normal
/// float, and at most 0 otherwise, so the slope is exactly 1 or α (it lies between them only for positive Y below
/// 2⁻¹²⁷, which is subnormal). A Mul and a Clip run about twice as fast as Greater and Where on ONNX Runtime's CPU
/// kernels, with the same bits.
/// </remarks>
internal sealed class LeakyReluGradient : IGradientRule
{
    private const float TwoTo127 = 1.7014118e38f;

    public void Build(GradientContext c)
    {
        var alpha = c.Float("alpha", 0.01f);
        string slope;
        if (alpha is >= 0f and <= 1f)
        {
            var scaled = c.Emit("Mul", [c.O(0), c.Scalar("two_to_127", TwoTo127)], c.IA("scaled"));
            slope = c.Emit("Clip", [scaled, c.Scalar("alpha", alpha), c.Scalar("one", 1f)], c.IA("slope"));
        }
        else
        {
            var positive = c.Emit("Greater", [alpha >= 0 ? c.O(0) : c.I(0), c.Scalar("zero", 0f)], c.IA("positive"));
            slope = c.Emit("Where", [positive, c.Scalar("one", 1f), c.Scalar("alpha", alpha)], c.IA("slope"));
        }

        c.Emit("Mul", [c.GO(0), slope], c.GI(0));
    }
}
