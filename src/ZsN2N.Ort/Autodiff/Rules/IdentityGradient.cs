namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>Y = X: dX = dY.</summary>
internal sealed class IdentityGradient : IGradientRule
{
    public void Build(GradientContext c) => c.Emit("Identity", [c.GO(0)], c.GI(0));
}
