using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Options;

/// <summary>What a run may take: the size of an input image, checked before it is decoded, and the memory it may plan to use.</summary>
public sealed record LimitOptions
{
    /// <summary>Size limits applied before an input image is decoded.</summary>
    public ImageLimits Image { get; init; } = new();

    /// <summary>
    /// The most memory a run may be estimated to need, in bytes, or null for the default (a fraction of this machine's
    /// memory, <c>Planning.MemoryBudget</c>). A run over it is refused before it starts, with a message naming the
    /// options to change.
    /// </summary>
    public long? MemoryBytes { get; init; }
}
