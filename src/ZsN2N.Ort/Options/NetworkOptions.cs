using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Ort.Options;

/// <summary>The noise predictor trained on the image: which network, and how many feature channels its hidden layers have.</summary>
public sealed record NetworkOptions
{
    /// <summary>The network: the paper's (the default) or a deeper one (docs/quality.md).</summary>
    public NetworkKind Kind { get; init; } = NetworkKind.Paper;

    /// <summary>Feature channels of the hidden layers (the paper's: 48); training memory and time grow with it.</summary>
    public int Features { get; init; } = 48;
}
