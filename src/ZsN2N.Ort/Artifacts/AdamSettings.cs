namespace ZsN2N.Ort.Artifacts;

/// <summary>Adam's constants (Kingma &amp; Ba, 2015), baked into the optimizer graph; PyTorch's defaults.</summary>
/// <param name="Beta1">Decay of the first-moment average.</param>
/// <param name="Beta2">Decay of the second-moment average.</param>
/// <param name="Epsilon">Added to the denominator for stability.</param>
internal sealed record AdamSettings(float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-8f)
{
    /// <summary>PyTorch's torch.optim.Adam defaults.</summary>
    public static AdamSettings Default { get; } = new();
}
