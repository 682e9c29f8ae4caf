namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>Y = A - B: dA = dY, dB = -dY. Inputs that need a gradient must have Y's shape (no broadcasting).</summary>
internal sealed class SubGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        if (c.NeedsGradient(0))
        {
            c.Emit("Identity", [c.GO(0)], c.GI(0));
        }

        if (c.NeedsGradient(1))
        {
            c.Emit("Neg", [c.GO(0)], c.GI(1));
        }
    }
}
