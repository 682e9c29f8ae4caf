namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = max(X, 0): dX = dY where X &gt; 0, else 0 (the subgradient at 0 is 0, as in PyTorch). The test reads
/// Y (Y &gt; 0 exactly when X &gt; 0), so a producing Conv can be fused with the activation.
/// </summary>
internal sealed class ReluGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        var zero = c.Scalar("zero", 0f);
        var positive = c.Emit("Greater", [c.O(0), zero], c.IA("positive"));
        c.Emit("Where", [positive, c.GO(0), zero], c.GI(0));
    }
}
