namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = A · B: dA = dY · B, dB = dY · A. An input that needs a gradient must have Y's shape; the other
/// may broadcast (a scalar weight, say). Y = A · A yields two contributions to dA, summed by the pass.
/// </summary>
internal sealed class MulGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        if (c.NeedsGradient(0))
        {
            c.Emit("Mul", [c.GO(0), c.I(1)], c.GI(0));
        }

        if (c.NeedsGradient(1))
        {
            c.Emit("Mul", [c.GO(0), c.I(0)], c.GI(1));
        }
    }
}
