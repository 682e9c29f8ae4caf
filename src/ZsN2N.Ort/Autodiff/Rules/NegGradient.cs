namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>Y = -X: dX = -dY.</summary>
internal sealed class NegGradient : IGradientRule
{
    public void Build(GradientContext c) => c.Emit("Neg", [c.GO(0)], c.GI(0));
}
