namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>Y = A + B: dA = dY, dB = dY. Inputs that need a gradient must have Y's shape (no broadcasting).</summary>
internal sealed class AddGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        for (var i = 0; i < 2; i++)
        {
            if (c.NeedsGradient(i))
            {
                c.Emit("Identity", [c.GO(0)], c.GI(i));
            }
        }
    }
}
